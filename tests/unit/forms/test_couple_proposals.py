"""What a marriage or divorce reception already knows is proposed where a form asks it (found by driving
households through `kakanai render`; before, each was typed again or left for the pen): the 婚姻の相手方 of
the 児童扶養手当 資格喪失届 and its address (児童扶養手当法4条2項: the marriage ends it), the 配偶者・元配偶者
of the 国民年金 種別変更届, and a court divorce's 成立・確定の日 (戸籍法77条・63条: the event date the 10 days
count from). Like every proposal, each prints once the clerk confirms it (F6)."""

from __future__ import annotations

from typing import Any

from tests.unit.forms.conftest import asked_household, household


def _proposals(data: dict[str, Any]) -> dict[tuple[str, str | None], str]:
    return {(a.id, a.person): a.proposal for a in asked_household(data)}


def test_the_marriage_partner_of_the_child_support_allowance_end_is_proposed() -> None:
    proposed = _proposals(household("remarriage_stepchildren"))  # 中村 由香 marries 小川 健太, listed here
    assert proposed[("partner_name", None)] == "小川　健太"
    assert proposed[("partner_address", None)] == household("remarriage_stepchildren")["household"]["address"]


def test_a_court_divorce_proposes_its_day_and_the_former_spouse() -> None:
    data = household("divorce_court_mother_keeps")
    proposed = _proposals(data)
    assert proposed[("decided_on", None)] == data["event_date"]
    spouses = {key: value for key, value in proposed.items() if key[0] == "spouse_name"}
    assert spouses == {("spouse_name", "p2"): "渡辺　剛"}  # 第3号 → 第1号: her former husband


def test_an_agreed_divorce_proposes_no_court_day() -> None:
    assert _proposals(household("divorce_father_keeps")).get(("decided_on", None), "") == ""
