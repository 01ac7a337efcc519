"""The boxes of a 届出人 or 請求者 from outside the household are printed, or listed for the pen: never left
empty unsaid (the brief: "boxes left for the resident's pen"). Before, the outside 届出人's 生年月日 and their
本人・同一世帯・代理人・その他 boxes printed empty and unlisted, and so did an outside 喪主's name and 生年月日
on the 葬祭費."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kakanai.forms import FormDefinitionError, FormLibrary
from kakanai.forms.definition import FormLoader
from kakanai.forms.inputs import form_inputs_to_ask
from kakanai.forms.render import RenderedDocument, render_plan_forms
from kakanai.model import OUTSIDE_APPLICANT, reception_from_dict
from kakanai.paths import forms_dir
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY
from tests.unit.forms.test_claimant_forms import LONE_DEATH

SON = {"filer_name": "田中　誠", "filer_kana": "タナカ　マコト", "filer_address": "東京都清瀬市元町１丁目２番３号"}
CERTIFICATES = {**LONE_DEATH["household"]["facts"], "wants_certificates": True}
REL_BOXES = ("rel_self", "rel_household", "rel_agent", "rel_other")


def _documents(data: dict[str, Any]) -> list[RenderedDocument]:
    reception = reception_from_dict(data)
    return render_plan_forms(FormLibrary(forms_dir()), reception, load_rulebook().plan(reception), MUNICIPALITY,
                             TODAY)


def _sheet(data: dict[str, Any], form: str) -> dict[str, str]:
    return dict(next(d for d in _documents(data) if d.form == form).sheets[0])


def _lone_death(**inputs: str) -> dict[str, Any]:
    return {**LONE_DEATH, "household": {**LONE_DEATH["household"], "facts": CERTIFICATES},
            "form_inputs": {**LONE_DEATH["form_inputs"], **inputs}}


def test_the_outside_filers_birth_date_is_asked_and_printed_in_wareki() -> None:
    reception = reception_from_dict(_lone_death())
    plan = load_rulebook().plan(reception)
    asked = {a.id: (a.label, a.kind) for a in form_inputs_to_ask(FormLibrary(forms_dir()), reception, plan)}
    assert asked["filer_birth_date"] == ("届出人の生年月日（世帯外の方）", "date")
    # Not typed: listed for the pen with the other 届出人 boxes.
    blanks = {label for d in _documents(_lone_death()) if d.form == "certificate_request" for label in d.blank_inputs}
    assert "届出人の生年月日（世帯外の方）" in blanks
    # Typed as the clerk does (R, S …): printed in 和暦 as every date of the forms.
    sheet = _sheet(_lone_death(**SON, filer_birth_date="S45.7.1"), "certificate_request")
    assert sheet["applicant_birth"] == "昭和45年7月1日"


def test_a_relative_requesting_the_deceaseds_certificate_is_other_not_an_agent() -> None:
    """住基法15条の4第3項: a relative outside the household asks the 除票 on their own account (the deceased
    gives no 委任状): 「その他」, never 「代理人（委任状が必要です）」 nor nothing at all."""
    sheet = _sheet(_lone_death(**SON), "certificate_request")
    assert {box: sheet[box] for box in REL_BOXES} == {
        "rel_self": "0", "rel_household": "0", "rel_agent": "0", "rel_other": "1"}


def test_someone_outside_filing_for_living_members_is_their_agent() -> None:
    """住基法施行令・住基法12条2項: a person outside the household who files or requests for living members does
    so as their 代理人 (with a 委任状)."""
    widow = {"id": "p2", "name": "田中　花子", "name_kana": "タナカ　ハナコ", "birth_date": "1942-05-05",
             "sex": "female", "facts": {"relationship": "head", "health_insurance": "late_elderly",
                                        "disability_handbook": [], "nationality": "japanese",
                                        "seal_registered": False}}
    data = {"event": "certificates", "event_date": "2026-04-05", "subject": ["p2"], "applicant": OUTSIDE_APPLICANT,
            "household": {"address": "北海道見本市北５条東２丁目１５番地", "facts": {"wants_certificates": True}},
            "members": [widow], "form_inputs": {"phone": "09012345678", **SON}}
    sheet = _sheet(data, "certificate_request")
    assert {box: sheet[box] for box in REL_BOXES} == {
        "rel_self": "0", "rel_household": "0", "rel_agent": "1", "rel_other": "0"}


def test_an_outside_chief_mourners_boxes_are_listed_for_them() -> None:
    """国保法58条・高確法86条: the 葬祭費 goes to the 喪主, who may not be the one at the counter; their name,
    フリガナ and 生年月日 are theirs to write, and the preview says so in one line."""
    documents = _documents(_lone_death(**SON))
    benefit = next(d for d in documents if d.form == "funeral_benefit")
    assert benefit.sheets[0]["applicant_name"] == "" and benefit.sheets[0]["claimant_birth"] == ""
    assert "申請者の氏名・フリガナ・生年月日（世帯外の方）" in benefit.blank_inputs
    assert "フリガナ" not in benefit.blank_inputs  # whose? the 申請者's line says it


def test_no_two_inputs_of_a_form_share_a_label() -> None:
    """The clerk tells the fields apart by their labels: the 住民票の写し of the whole household and of some
    members were both 「住民票の写しの通数」."""
    library = FormLibrary(forms_dir())
    for form_id in library.ids():
        labels = [i.label for i in library.get(form_id).inputs]
        assert len(labels) == len(set(labels)), (form_id, labels)



def test_forms_check_refuses_two_inputs_with_one_label(tmp_path: Path) -> None:
    twice = ("id: t\ntitle: t\ninputs:\n  - {id: a, label: 通数, kind: digits}\n  - {id: b, label: 通数, kind: digits}\n"
             "items:\n  - {type: field, id: f, label: x, x: 1, y: 1, w: 20, h: 10, value: input.a}\n")
    (tmp_path / "t.yaml").write_text(twice, encoding="utf-8")
    with pytest.raises(FormDefinitionError, match="「通数」が2つあります"):
        FormLoader(tmp_path).load(tmp_path / "t.yaml")
