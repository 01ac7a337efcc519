"""A multiple birth prints every newborn: each twin has its own 出生届 (戸籍法49条: one 届 and one 出生証明書 per
child) naming that child and the same parents; the per-newborn forms (新生児訪問, 低体重児届, 子ども医療費) are one
sheet a child with 多胎 ticked; the household forms (児童手当, 国保の届) list each newborn as its own row. The
back-office code of each sheet decodes to its own child. A single birth still prints one 出生届."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kakanai.app.forms_adapter import municipality_info
from kakanai.forms import RenderedDocument, render_reception
from kakanai.forms.inputs import inputs_to_ask
from kakanai.forms.library import form_library
from kakanai.model import Reception, reception_from_dict
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import example_raw, poppler, read_codes

VISIT = date(2026, 4, 10)


def _birth(newborns: int, insurance: str = "employee") -> Reception:
    """The example family: 太郎 (父, p1) and 花子 (母, p2, the 届出人) with twins born on 2026-04-08 — 一花
    (p3, girl, 午前9時12分) and 二郎 (p4, boy, 午前9時31分) — or only 一花."""
    raw = example_raw()
    members: list[dict[str, object]] = list(raw["members"])  # type: ignore[call-overload]
    children = [
        {"id": "p3", "name": "山田　一花", "name_kana": "ヤマダ　イチカ", "birth_date": "2026-04-08", "sex": "female",
         "facts": {"relationship": "child", "health_insurance": insurance, "parents_married": True,
                   "nationality": "japanese", "birth_weight_g": 2300},
         "form_inputs": {"birth_time": "午前9時12分", "child_order": "長女"}},
        {"id": "p4", "name": "山田　二郎", "name_kana": "ヤマダ　ジロウ", "birth_date": "2026-04-08", "sex": "male",
         "facts": {"relationship": "child", "health_insurance": insurance, "parents_married": True,
                   "nationality": "japanese", "birth_weight_g": 2450},
         "form_inputs": {"birth_time": "午前9時31分", "child_order": "長男"}},
    ][:newborns]
    parents = [{**m, "facts": {**m["facts"], "health_insurance": insurance}}  # type: ignore[dict-item]
               for m in members[:2]]
    raw.update(event="birth", event_date="2026-04-08", visit_date="2026-04-10", id="20260410-0007",
               subject=[c["id"] for c in children], applicant="p2", members=[*parents, *children],
               household={**raw["household"], "facts": {"receives_child_allowance": False}})  # type: ignore[dict-item]
    return reception_from_dict(raw)


def _render(reception: Reception) -> list[RenderedDocument]:
    book = load_rulebook()
    return render_reception(form_library(), reception, book.plan(reception), municipality_info(book), VISIT)


@pytest.fixture(scope="module")
def twins() -> list[RenderedDocument]:
    return _render(_birth(2))


def test_each_twin_has_its_own_birth_registration_naming_that_child(
        twins: list[RenderedDocument], pdf_text: Callable[[bytes], str], tmp_path: Path) -> None:
    sheets = [d for d in twins if d.form == "birth_registration"]
    assert [(d.person, d.pages) for d in sheets] == [("p3", 1), ("p4", 1)]
    own = {"p3": ("山田　一花", "ヤマダ　イチカ", "女", "午前9時12分", "長女"),
           "p4": ("山田　二郎", "ヤマダ　ジロウ", "男", "午前9時31分", "長男")}
    for doc in sheets:
        text = pdf_text(doc.pdf)
        assert doc.person is not None
        other = next(p for p in own if p != doc.person)
        for value in (*own[doc.person], "令和8年4月8日", "山田　太郎", "昭和60年6月15日", "山田　花子",
                      "昭和62年11月3日"):
            assert poppler(value) in text, (doc.person, value)
        assert poppler(own[other][0]) not in text and own[other][3] not in text
        (code,) = read_codes(doc.pdf, tmp_path / doc.person)
        fields = code["fields"]
        assert isinstance(fields, dict)
        assert code["person"] == doc.person and code["procedure"] == "birth_registration"
        assert (fields["child_name"], fields["child_kana"], fields["child_sex"], fields["child_birth"],
                fields["birth_time"], fields["child_order"]) == (
            own[doc.person][0], own[doc.person][1], own[doc.person][2], "令和8年4月8日", own[doc.person][3],
            own[doc.person][4])
        assert (fields["father_name"], fields["mother_name"], fields["filer_mother"], fields["filer_father"]) == (
            "山田　太郎", "山田　花子", "1", "0")


def test_each_twin_has_its_own_newborn_sheets_with_multiple_birth_ticked(
        twins: list[RenderedDocument], tmp_path: Path) -> None:
    for form in ("newborn_visit_notice", "low_birth_weight_notice", "child_medical_subsidy"):
        sheets = [d for d in twins if d.form == form]
        assert [d.person for d in sheets] == ["p3", "p4"], form
        for doc in sheets:
            assert doc.person is not None
            (code,) = read_codes(doc.pdf, tmp_path / f"{form}_{doc.person}")
            assert code["person"] == doc.person, form
            fields = code["fields"]
            assert isinstance(fields, dict)
            if "multiple" in fields:  # the forms that ask 単胎・多胎
                assert (fields["single"], fields["multiple"]) == ("0", "1"), form


def test_household_forms_list_every_newborn_as_its_own_row(
        twins: list[RenderedDocument], pdf_text: Callable[[bytes], str]) -> None:
    # 児童手当 lists each 児童; 国保 加入 and 出産育児一時金 (paid per child, 健康保険法施行令36条) each newborn.
    claim = next(d for d in twins if d.form == "child_allowance_claim")
    text = pdf_text(claim.pdf)
    assert poppler("山田　一花") in text and poppler("山田　二郎") in text
    national = _render(_birth(2, insurance="national"))
    for form, procedure in (("nhi_notice", "nhi_enroll"), ("nhi_childbirth_lump_sum", "nhi_childbirth_lump_sum")):
        (doc,) = [d for d in national if d.form == form and d.procedure == procedure]
        text = pdf_text(doc.pdf)
        assert doc.pages == 1 and poppler("山田　一花") in text and poppler("山田　二郎") in text, form
        assert poppler("ヤマダ　イチカ") in text and poppler("ヤマダ　ジロウ") in text, form
        # 国保 加入: only the newborns join (the parents are insured already); 一時金: the mother who gave birth.
        assert (poppler("山田　花子") in text) is (form == "nhi_childbirth_lump_sum"), form


def test_a_single_birth_prints_one_birth_registration_with_single_birth_ticked(tmp_path: Path) -> None:
    docs = _render(_birth(1))
    assert [d.person for d in docs if d.form == "birth_registration"] == ["p3"]
    visit = next(d for d in docs if d.form == "newborn_visit_notice")
    (code,) = read_codes(visit.pdf, tmp_path)
    fields = code["fields"]
    assert isinstance(fields, dict)
    assert (fields["single"], fields["multiple"]) == ("1", "0")


def test_the_counter_asks_each_twins_birth_time_and_order() -> None:
    reception = _birth(2)
    asked = inputs_to_ask(form_library(), reception, load_rulebook().plan(reception))
    per_child = [(a.id, a.person) for a in asked if a.id in ("birth_time", "child_order")]
    assert per_child == [("child_order", "p3"), ("birth_time", "p3"), ("child_order", "p4"), ("birth_time", "p4")]


def test_a_grandchilds_birth_registration_does_not_name_the_grandparents_as_parents(
        pdf_text: Callable[[bytes], str]) -> None:
    # An unmarried daughter (愛, the 世帯主's 子) living with her parents gives birth: the newborn is the
    # 世帯主's grandchild (`other`). The register does not say who its parents are; printing the 世帯主 and
    # spouse as 父・母 would be false, so the boxes are left for the 届出人 to write.
    raw = example_raw()
    daughter = {"id": "p3", "name": "山田　愛", "name_kana": "ヤマダ　アイ", "birth_date": "2003-07-07",
                "sex": "female", "facts": {"relationship": "child", "health_insurance": "employee"}}
    baby = {"id": "p4", "name": "山田　湊", "name_kana": "ヤマダ　ミナト", "birth_date": "2026-04-08", "sex": "male",
            "facts": {"relationship": "other", "health_insurance": "employee", "parents_married": False,
                      "nationality": "japanese", "birth_weight_g": 3000}}
    members: list[dict[str, object]] = list(raw["members"])  # type: ignore[call-overload]
    raw.update(event="birth", event_date="2026-04-08", visit_date="2026-04-10", subject=["p4"], applicant="p3",
               members=[*members[:2], daughter, baby])
    (doc,) = [d for d in _render(reception_from_dict(raw)) if d.form == "birth_registration"]
    text = pdf_text(doc.pdf)
    assert doc.person == "p4" and poppler("山田　湊") in text and poppler("山田　愛") in text  # the child, the 届出人
    assert poppler("山田　花子") not in text and "昭和62年11月3日" not in text and "昭和60年6月15日" not in text
