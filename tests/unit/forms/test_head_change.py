"""The 世帯主変更届 after the 世帯主's death (住基法25条): the household says who heads it now, and the sheet
lists the members who remain with their 続柄 to the new 世帯主. Before, the 「新しい世帯主」 box printed the
deceased, and his was the only row (異動する人数 1)."""

from __future__ import annotations

from typing import Any

from kakanai.forms import FormLibrary
from kakanai.forms.inputs import form_inputs_to_ask, input_problems
from kakanai.forms.render import render_plan_forms
from kakanai.model import Reception, reception_from_dict
from kakanai.paths import forms_dir
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY

ADDRESS = "北海道見本市北５条東２丁目１５番地"


def _member(pid: str, name: str, born: str, sex: str, rel: str, **facts: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "birth_date": born, "sex": sex, "address": ADDRESS,
            "facts": {"relationship": rel, "nationality": "japanese", "health_insurance": "national", **facts}}


def _reception(**inputs: str) -> Reception:
    return reception_from_dict({
        "event": "death", "event_date": "2026-04-01", "household": {"address": ADDRESS},
        "members": [
            _member("p1", "鈴木　正男", "1960-05-05", "male", "head"),
            _member("p2", "鈴木　幸子", "1963-08-08", "female", "spouse"),
            _member("p3", "鈴木　健一", "1990-02-02", "male", "child"),
            _member("p4", "鈴木　美穂", "1991-09-09", "female", "other"),  # 健一's wife
            _member("p5", "鈴木　陽菜", "2020-04-01", "female", "other"),  # their daughter, 5
        ],
        "subject": ["p1"], "applicant": "p2", "form_inputs": inputs})


def _sheet(reception: Reception) -> dict[str, str]:
    plan = load_rulebook().plan(reception)
    assert "head_of_household_change" in [p.id for p in plan.procedures]
    docs = render_plan_forms(FormLibrary(forms_dir()), reception, plan, MUNICIPALITY, TODAY)
    (notice,) = [d for d in docs if d.form == "resident_move_notice"]
    return dict(notice.sheets[0])


def _rows(sheet: dict[str, str]) -> list[tuple[str, str]]:
    rows = [r.split("\x1f") for r in sheet["movers"].split("\x1e")]
    return [(r[1], r[4]) for r in rows if r[1]]


def test_the_new_head_is_asked_among_those_who_remain_and_the_deceased_is_never_printed_as_it() -> None:
    reception = _reception()
    plan = load_rulebook().plan(reception)
    (asked,) = [a for a in form_inputs_to_ask(FormLibrary(forms_dir()), reception, plan) if a.id == "new_head_name"]
    # The reason's members: 15 or more, who remain (the 5-year-old is not one to choose).
    assert (asked.label, asked.kind, asked.options) == ("新しい世帯主", "choice", ("鈴木　幸子", "鈴木　健一", "鈴木　美穂"))
    sheet = _sheet(reception)
    assert sheet["new_head"] == "" and sheet["old_head"] == "鈴木　正男" and sheet["kind_head"] == "1"
    assert sheet["member_count"] == "4"  # the four who remain, whose 世帯主 changes
    assert _rows(sheet) == [("鈴木　幸子", ""), ("鈴木　健一", ""), ("鈴木　美穂", ""), ("鈴木　陽菜", "")]
    wrong = _reception(new_head_name="鈴木　正男")
    assert [p.message for p in input_problems(FormLibrary(forms_dir()), wrong, load_rulebook().plan(wrong))] == [
        "form_inputs.new_head_name（新しい世帯主）: 「鈴木　正男」は選択肢にありません（鈴木　幸子、鈴木　健一、鈴木　美穂）"]


def test_the_rows_take_their_relationship_to_the_new_head() -> None:
    sheet = _sheet(_reception(new_head_name="鈴木　幸子"))
    assert sheet["new_head"] == "鈴木　幸子"
    # The widow heads the household; her son is 子; the 続柄 do not say what the son's wife and daughter are to
    # her (子の妻, 孫 are not in the register's words the reception holds): left for the counter to write.
    assert _rows(sheet) == [("鈴木　幸子", "世帯主"), ("鈴木　健一", "子"), ("鈴木　美穂", ""), ("鈴木　陽菜", "")]
    assert sheet["filer_self"] == "1"  # the widow files her own change of 世帯主 (住基法25条)
    son = _sheet(_reception(new_head_name="鈴木　健一"))
    assert _rows(son) == [("鈴木　幸子", "母"), ("鈴木　健一", "世帯主"), ("鈴木　美穂", ""), ("鈴木　陽菜", "")]


def test_the_sheets_count_the_household_after_the_death_and_list_a_missing_furigana() -> None:
    """The 国保の届's 世帯の人数 is the household after the death (the deceased no longer in it); a member's
    フリガナ nobody entered (a proposal left unconfirmed) is listed with the other boxes printed empty."""
    reception = _reception(new_head_name="鈴木　幸子")
    plan = load_rulebook().plan(reception)
    docs = render_plan_forms(FormLibrary(forms_dir()), reception, plan, MUNICIPALITY, TODAY)
    change = next(d for d in docs if d.form == "nhi_notice" and d.procedure == "nhi_change")
    assert change.sheets[0]["member_count"] == "4"  # 5 listed, one deceased
    assert "フリガナ" in change.blank_inputs  # none of the five has one in this reception
