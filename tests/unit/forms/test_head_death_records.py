"""The 国保 記載事項変更 at the 世帯主's death records who heads the household now (国保法9条), dated the death
day: its rows' 続柄 are to that one, as the 世帯主変更届's are (found driving households through the counter
and `kakanai render`: a grandson left alone printed as 世帯主 in the head box, but his row's 続柄 was left
blank for the clerk to type 孫 and the 届出人 ticked 同一世帯員)."""

from __future__ import annotations

from typing import Any

from tests.unit.forms.conftest import asked_household, household, render_household


def _nhi_change(data: dict[str, Any]) -> dict[str, str]:
    return dict(next(d for d in render_household(data) if d.procedure == "nhi_change").sheets[0])


def _rows(sheet: dict[str, str]) -> list[tuple[str, str]]:
    rows = [row.split("\x1f") for row in sheet["persons"].split("\x1e")]
    return [(row[1], row[4]) for row in rows]


def test_the_grandson_left_alone_is_the_households_head_on_the_nhi_notice() -> None:
    data = household("death_grandson_left")  # トメ (100, 世帯主) dies; 翔太 (孫, その他) remains alone
    sheet = _nhi_change(data)
    assert _rows(sheet) == [("鈴木　翔太", "世帯主")]
    assert (sheet["filer_head"], sheet["filer_member"]) == ("1", "0")
    assert "relationship_detail" not in {a.id for a in asked_household(data)}  # nothing to type: 世帯主


def test_two_who_may_head_it_wait_for_the_households_choice() -> None:
    data = household("death_father_of_15")  # 浩二 dies; 裕子 and 翔太 (15) remain
    assert _rows(_nhi_change(data)) == [("中村　裕子", ""), ("中村　翔太", "")]
    data["form_inputs"]["new_head_name"] = "中村　裕子"
    assert _rows(_nhi_change(data)) == [("中村　裕子", "世帯主"), ("中村　翔太", "子")]
