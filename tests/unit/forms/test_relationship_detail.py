"""A member whose 続柄 to the 世帯主 is `other` (a 子の妻, a 孫, a 兄) has a 続柄 the 住民票 writes in words
(住民基本台帳事務処理要領 第2-1-(2)-ア: 子の妻, 孫, 兄 …): 「その他」 is no 続柄. The counter asks it once per such
member whose 続柄 a form prints, and the forms print what was typed; not typed, the box is empty and listed for
the pen. Before, every sheet printed 「その他」."""

from __future__ import annotations

from typing import Any

from kakanai.forms import FormLibrary
from kakanai.forms.inputs import inputs_to_ask
from kakanai.forms.render import RenderedDocument, render_plan_forms
from kakanai.model import reception_from_dict
from kakanai.paths import forms_dir, rules_dir
from kakanai.rules import load_rulebook
from kakanai.rules.testcases import load_cases
from tests.unit.forms.conftest import MUNICIPALITY, TODAY

LABEL = "世帯主との続柄（子の妻・孫・兄など）"
CASE = next(c for c in load_cases(rules_dir() / "tests" / "73_claimant.yaml")
            if c.name.startswith("児童手当法4条1項1号 三世代世帯の請求者は孫の母"))


def _with_detail(**typed: str) -> dict[str, Any]:
    data: dict[str, Any] = dict(CASE.reception)
    data["members"] = [{**m, "form_inputs": {"relationship_detail": typed[m["id"]]}} if m["id"] in typed else m
                       for m in data["members"]]
    return data


def _documents(data: dict[str, Any]) -> list[RenderedDocument]:
    reception = reception_from_dict(data)
    return render_plan_forms(FormLibrary(forms_dir()), reception, load_rulebook().plan(reception), MUNICIPALITY,
                             TODAY)


def _move_rows(documents: list[RenderedDocument]) -> list[tuple[str, str]]:
    """(氏名, 続柄) of the 住民異動届's rows."""
    sheet = next(d for d in documents if d.form == "resident_move_notice").sheets[0]
    rows = [r.split("\x1f") for r in sheet["movers"].split("\x1e") if r.strip("\x1f")]
    return [(r[1], r[4]) for r in rows]


def test_the_grandson_is_asked_his_relationship_once() -> None:
    reception = reception_from_dict(_with_detail())
    asked = [(a.id, a.person, a.label) for a in inputs_to_ask(FormLibrary(forms_dir()), reception,
                                                              load_rulebook().plan(reception))
             if a.id == "relationship_detail"]
    assert asked == [("relationship_detail", "p4", LABEL)]  # 湊 (other); the 子 美咲 has a 続柄 of her own


def test_the_typed_relationship_prints_and_other_never_does() -> None:
    documents = _documents(_with_detail(p4="孫"))
    assert _move_rows(documents) == [("高橋　茂", "世帯主"), ("高橋　和子", "妻"), ("高橋　美咲", "子"), ("高橋　湊", "孫")]
    printed = {sheet.get("child_relationship") for d in documents if d.form == "child_medical_subsidy"
               for sheet in d.sheets}
    assert printed == {"孫"}
    assert not any(v == "その他" for d in documents for sheet in d.sheets for k, v in sheet.items()
                   if "relationship" in k)


def test_not_typed_it_is_empty_and_listed_for_the_pen() -> None:
    documents = _documents(_with_detail())
    medical = next(d for d in documents if d.form == "child_medical_subsidy")
    assert medical.sheets[0]["child_relationship"] == "" and LABEL in medical.blank_inputs
    move = next(d for d in documents if d.form == "resident_move_notice")
    assert _move_rows(documents)[3] == ("高橋　湊", "") and LABEL in move.blank_inputs
