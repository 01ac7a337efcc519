"""A 国外転出 ends 国保, 後期高齢者医療 and 介護保険 on the day after it (found by driving a pensioner's move abroad
through `kakanai render`: the sheets printed the day of the move, while the plan said the day after)."""

from __future__ import annotations

import json
from typing import Any

from kakanai.forms import FormLibrary
from kakanai.forms.render import render_plan_forms
from kakanai.model import reception_from_dict
from kakanai.paths import forms_dir
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY
from tests.unit.forms.test_child_allowance_people import HOUSEHOLDS


def test_leaving_for_abroad_ends_the_insurances_the_next_day() -> None:
    """国保法8条1項, 高確法53条1項, 介護保険法11条1項: the status ends on the day after the address in Japan ends
    (on the day itself only when an address elsewhere in Japan begins then). The sheets of a 国外転出 on
    令和8年8月20日 print 8月21日, the date the plan's reason gives."""
    data: dict[str, Any] = json.loads((HOUSEHOLDS / "moving_abroad.json").read_text(encoding="utf-8"))
    reception = reception_from_dict(data)
    documents = render_plan_forms(FormLibrary(forms_dir()), reception, load_rulebook().plan(reception),
                                  MUNICIPALITY, TODAY)
    dates = {d.form: d.sheets[0]["event_date"] for d in documents
             if d.form in ("nhi_notice", "late_elderly_notice", "ltc_notice")}
    assert dates and set(dates.values()) == {"令和8年8月21日"}, dates
    domestic = reception_from_dict({**data, "household": {**data["household"], "facts": {
        **data["household"]["facts"], "to_abroad": False}}})
    documents = render_plan_forms(FormLibrary(forms_dir()), domestic, load_rulebook().plan(domestic),
                                  MUNICIPALITY, TODAY)
    dates = {d.form: d.sheets[0]["event_date"] for d in documents
             if d.form in ("nhi_notice", "late_elderly_notice", "ltc_notice")}
    assert set(dates.values()) <= {"令和8年8月20日"}, dates  # an address elsewhere in Japan begins that day
