"""A 国外転出 ends 国保, 後期高齢者医療 and 介護保険 on the day after it (found by driving a pensioner's move abroad
through `kakanai render`: the sheets printed the day of the move, while the plan said the day after)."""

from __future__ import annotations

from tests.unit.forms.conftest import household, render_household

INSURANCE = ("nhi_notice", "late_elderly_notice", "ltc_notice")


def test_leaving_for_abroad_ends_the_insurances_the_next_day() -> None:
    """国保法8条1項, 高確法53条1項, 介護保険法11条1項: the status ends on the day after the address in Japan ends
    (on the day itself only when an address elsewhere in Japan begins then). The sheets of a 国外転出 on
    令和8年8月20日 print 8月21日, the date the plan's reason gives."""
    data = household("moving_abroad")
    dates = {d.form: d.sheets[0]["event_date"] for d in render_household(data) if d.form in INSURANCE}
    assert dates and set(dates.values()) == {"令和8年8月21日"}, dates
    domestic = {**data, "household": {**data["household"], "facts": {**data["household"]["facts"], "to_abroad": False}}}
    dates = {d.form: d.sheets[0]["event_date"] for d in render_household(domestic) if d.form in INSURANCE}
    assert set(dates.values()) <= {"令和8年8月20日"}, dates  # an address elsewhere in Japan begins that day
