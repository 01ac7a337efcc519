"""The forms print the claimant the law makes, the one the plan's reason names (issue 14/15): the rules put
the decided claimant on each planned procedure (`PlannedProcedure.claimant`, from `claimant:` in the
procedure file), and the sheet of that procedure prints that member as 請求者/申請者 — not the 世帯主 or
whoever stands at the counter. The receptions are the rule cases of resources/rules/tests/73_claimant.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from kakanai.forms import FormLibrary
from kakanai.forms.inputs import form_inputs_to_ask
from kakanai.forms.render import render_plan_forms
from kakanai.model import OUTSIDE_APPLICANT, Plan, Reception, ReceptionError, reception_from_dict
from kakanai.paths import forms_dir, rules_dir
from kakanai.rules import load_rulebook
from kakanai.rules.testcases import load_cases
from tests.unit.forms.conftest import MUNICIPALITY, TODAY

CASES = {c.name: c for c in load_cases(rules_dir() / "tests" / "73_claimant.yaml")}
THREE_GENERATIONS = "児童手当法4条1項1号 三世代世帯の請求者は孫の母（世帯主の祖父ではない）。17条は祖父に当てない"
FUNERAL_WIFE = "国民健康保険法58条1項 葬祭費は喪主に（世帯の妻が喪主）"
FUNERAL_OUTSIDE = "国民健康保険法58条1項 喪主が世帯外の方（世帯の誰も喪主でない）"
LUMP_SUM = "国民健康保険法58条1項 出産育児一時金は世帯主に支給（窓口に来た母ではなく）"


def _plan(name: str) -> tuple[Reception, Plan]:
    reception = reception_from_dict(CASES[name].reception)
    return reception, load_rulebook().plan(reception)


def _printed(name: str, form: str, field: str) -> list[str]:
    reception, plan = _plan(name)
    documents = render_plan_forms(FormLibrary(forms_dir()), reception, plan, MUNICIPALITY, TODAY)
    return [sheet[field] for d in documents if d.form == form for sheet in d.sheets]


def test_a_grandfather_headed_household_claims_child_allowance_in_the_mothers_name() -> None:
    _, plan = _plan(THREE_GENERATIONS)
    claim = next(p for p in plan.procedures if p.id == "child_allowance_claim")
    assert claim.claimant == "p3" and "請求者 長女 美咲さん（30歳）" in claim.reason
    assert _printed(THREE_GENERATIONS, "child_allowance_claim", "claimant_name") == ["高橋　美咲"]
    # The 児童 listed are the grandson only: the mother (the 世帯主's grown-up daughter) is not a 児童.
    rows = _printed(THREE_GENERATIONS, "child_allowance_claim", "children")[0].split("\x1e")
    assert [r.split("\x1f")[1] for r in rows if r.strip("\x1f")] == ["高橋　湊"]
    # 「請求者との続柄」: 湊 is the claimant's 子, though his 続柄 to the 世帯主 (his grandfather) is その他.
    assert [r.split("\x1f")[3] for r in rows if r.strip("\x1f")] == ["子"]
    # The 世帯主 (the grandfather) stays the 届出人 of the household's own notices.
    move = next(p for p in plan.procedures if p.id == "resident_move_notice")
    assert move.claimant is None
    assert _printed(THREE_GENERATIONS, "resident_move_notice", "applicant_name") == ["高橋　茂"]


def test_the_funeral_benefit_names_the_chief_mourner() -> None:
    _, plan = _plan(FUNERAL_WIFE)
    benefit = next(p for p in plan.procedures if p.id == "nhi_funeral_benefit")
    assert benefit.claimant == "p2"
    assert _printed(FUNERAL_WIFE, "funeral_benefit", "applicant_name") == ["松本　幸子"]


def test_the_childbirth_lump_sum_names_the_head_not_the_mother_at_the_counter() -> None:
    reception, plan = _plan(LUMP_SUM)
    assert reception.applicant == "p2"
    lump_sum = next(p for p in plan.procedures if p.id == "nhi_childbirth_lump_sum")
    assert lump_sum.claimant == "p1"
    assert _printed(LUMP_SUM, "nhi_childbirth_lump_sum", "applicant_name") == ["中島　健"]
    # The reception names no subject: the newborn is the member born on the day (not the parents), one birth.
    rows = _printed(LUMP_SUM, "nhi_childbirth_lump_sum", "newborns")[0].split("\x1e")
    assert [r.split("\x1f")[1] for r in rows if r.strip("\x1f")] == ["中島　陽"]
    assert _printed(LUMP_SUM, "nhi_childbirth_lump_sum", "single") == ["1"]
    assert _printed(LUMP_SUM, "nhi_childbirth_lump_sum", "mother_name") == ["中島　彩"]


def test_a_chief_mourner_outside_the_household_writes_their_own_name() -> None:
    _, plan = _plan(FUNERAL_OUTSIDE)
    benefit = next(p for p in plan.procedures if p.id == "nhi_funeral_benefit")
    assert benefit.claimant == "" and "申請者 世帯外の方" in benefit.reason
    # Not the wife at the counter: the 申請者 boxes are left for the 喪主, their address too (it was the
    # household's: the deceased's address printed as the 喪主's own).
    assert _printed(FUNERAL_OUTSIDE, "funeral_benefit", "applicant_name") == [""]
    assert _printed(FUNERAL_OUTSIDE, "funeral_benefit", "applicant_address") == [""]
    reception, _ = _plan(FUNERAL_WIFE)
    assert _printed(FUNERAL_WIFE, "funeral_benefit", "applicant_address") == [reception.household.address]


def test_an_undecided_claimant_is_asked_and_the_plan_names_nobody_yet() -> None:
    _, plan = _plan("児童手当法4条3項 父母のどちらの所得が高いかわからなければ聞く（どちらも公務員でないので請求は計画する）")
    claim = next(p for p in plan.procedures if p.id == "child_allowance_claim")
    assert claim.claimant is None and {q.fact for q in plan.questions} >= {"main_earner"}


LONE_DEATH: dict[str, Any] = {
    "event": "death", "event_date": "2026-04-05", "subject": ["p1"], "form_inputs": {"phone": "09012345678"},
    "household": {"address": "北海道見本市北５条東２丁目１５番地", "facts": {
        "has_dog": False, "has_moped": False, "has_kei_car": False, "owns_real_estate": True,
        "wants_certificates": False, "funeral_held": True}},
    "members": [{"id": "p1", "name": "田中　一郎", "name_kana": "タナカ　イチロウ", "birth_date": "1940-02-03",
                 "sex": "male", "facts": {"relationship": "head", "health_insurance": "late_elderly",
                                          "receives_public_pension": True, "seal_registered": True,
                                          "pension_category": "none", "nationality": "japanese",
                                          "disability_handbook": [], "ltc_certified": False}}]}


def _filer_boxes(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    reception = reception_from_dict(data)
    plan = load_rulebook().plan(reception)
    documents = render_plan_forms(FormLibrary(forms_dir()), reception, plan, MUNICIPALITY, TODAY)
    return [(d.form, sheet["applicant_name"], sheet["applicant_address"], sheet["applicant_phone"])
            for d in documents for sheet in d.sheets if "applicant_address" in sheet]


def test_a_lone_residents_death_asks_the_filer_from_outside_the_household() -> None:
    """Nobody of the household is left to file (a resident who lived alone, 戸籍法87条: another relative
    files): the 届出人 at the counter is no member. The counter asks their name and address once, and every
    sheet prints them in the 届出人's boxes, never the deceased's name or address. The 葬祭費's 申請者 is the
    喪主 by law (国保法58条), who may be someone else: left for them."""
    reception = reception_from_dict(LONE_DEATH)
    plan = load_rulebook().plan(reception)
    asked = {a.id: a.label for a in form_inputs_to_ask(FormLibrary(forms_dir()), reception, plan)}
    assert (asked["filer_name"], asked["filer_address"]) == ("届出人の氏名（世帯外の方）",
                                                            "届出人の住所（世帯外の方・方書まで）")
    assert [(form, *boxes) for form, *boxes in _filer_boxes(LONE_DEATH)] == [
        ("late_elderly_notice", "", "", "09012345678"), ("funeral_benefit", "", "", "09012345678"),
        ("ltc_notice", "", "", "09012345678")]
    son = {"filer_name": "田中　誠", "filer_kana": "タナカ　マコト", "filer_address": "東京都清瀬市元町１丁目２番３号"}
    filled = {**LONE_DEATH, "form_inputs": {**LONE_DEATH["form_inputs"], **son}}
    assert _filer_boxes(filled) == [
        ("late_elderly_notice", "田中　誠", "東京都清瀬市元町１丁目２番３号", "09012345678"),
        ("funeral_benefit", "", "", "09012345678"),
        ("ltc_notice", "田中　誠", "東京都清瀬市元町１丁目２番３号", "09012345678")]
    # The 相続人代表者 of the 固定資産 sheet is the 届出人 too, with the フリガナ.
    reception = reception_from_dict(filled)
    plan = load_rulebook().plan(reception)
    heir = next(sheet for d in render_plan_forms(FormLibrary(forms_dir()), reception, plan, MUNICIPALITY, TODAY)
                if d.form == "fixed_asset_heir" for sheet in d.sheets)
    assert (heir["rep_name"], heir["rep_kana"], heir["rep_address"]) == (
        "田中　誠", "タナカ　マコト", "東京都清瀬市元町１丁目２番３号")


def test_a_filer_of_the_household_is_not_asked_again() -> None:
    widow = {"id": "p2", "name": "田中　花子", "name_kana": "タナカ　ハナコ", "birth_date": "1942-05-05",
             "sex": "female", "facts": {"relationship": "spouse", "health_insurance": "late_elderly"}}
    data = {**LONE_DEATH, "members": [*LONE_DEATH["members"], widow]}
    reception = reception_from_dict(data)
    plan = load_rulebook().plan(reception)
    asked = {a.id for a in form_inputs_to_ask(FormLibrary(forms_dir()), reception, plan)}
    assert not asked & {"filer_name", "filer_kana", "filer_address"}


def test_a_son_living_elsewhere_files_while_the_widow_stays_at_home() -> None:
    """戸籍法87条2項: a relative who does not live with the deceased may file. The widow is a member (her own
    procedures are planned) but did not come: the 届出人 is the son, not in the household (OUTSIDE_APPLICANT).
    The counter asks his name and address as for a lone resident's death, and no sheet names the widow as
    the 届出人; the 喪主's 葬祭費 stays the law's claimant."""
    widow = {"id": "p2", "name": "田中　花子", "name_kana": "タナカ　ハナコ", "birth_date": "1942-05-05",
             "sex": "female", "facts": {"relationship": "spouse", "health_insurance": "late_elderly",
                                        "funeral_host": False, "disability_handbook": [], "ltc_certified": False,
                                        "nationality": "japanese"}}
    son = {"filer_name": "田中　誠", "filer_kana": "タナカ　マコト", "filer_address": "東京都清瀬市元町１丁目２番３号"}
    data = {**LONE_DEATH, "members": [*LONE_DEATH["members"], widow], "applicant": OUTSIDE_APPLICANT}
    reception = reception_from_dict(data)
    plan = load_rulebook().plan(reception)
    asked = {a.id for a in form_inputs_to_ask(FormLibrary(forms_dir()), reception, plan)}
    assert {"filer_name", "filer_kana", "filer_address"} <= asked
    # Not typed yet: his boxes print empty and are listed for him to write, as every other blank.
    blank = {label for d in render_plan_forms(FormLibrary(forms_dir()), reception, plan, MUNICIPALITY, TODAY)
             for label in d.blank_inputs}
    assert {"届出人の氏名（世帯外の方）", "届出人の住所（世帯外の方・方書まで）"} <= blank
    filled = {**data, "form_inputs": {**LONE_DEATH["form_inputs"], **son}}
    typed = reception_from_dict(filled)
    blank = {label for d in render_plan_forms(FormLibrary(forms_dir()), typed, load_rulebook().plan(typed),
                                              MUNICIPALITY, TODAY) for label in d.blank_inputs}
    assert not {label for label in blank if label.startswith("届出人の")}
    boxes = _filer_boxes(filled)
    assert boxes and all(name != "田中　花子" for _form, name, _address, _phone in boxes)
    assert ("ltc_notice", "田中　誠", "東京都清瀬市元町１丁目２番３号", "09012345678") in boxes
    # Chosen from the household instead, the widow is the 届出人 again: nothing asked of an outsider.
    at_home = reception_from_dict({**data, "applicant": "p2"})
    asked = {a.id for a in form_inputs_to_ask(FormLibrary(forms_dir()), at_home, load_rulebook().plan(at_home))}
    assert not asked & {"filer_name", "filer_kana", "filer_address"}


def test_outside_is_no_members_id() -> None:
    data = {**LONE_DEATH, "members": [{**LONE_DEATH["members"][0], "id": OUTSIDE_APPLICANT}], "subject": None}
    with pytest.raises(ReceptionError) as refused:
        reception_from_dict(data)
    assert refused.value.field == "members[0].id" and "世帯員のIDには使えません" in refused.value.message


def test_the_grandchilds_school_and_health_sheets_name_his_mother_as_the_guardian() -> None:
    """`claimant: {rule: guardian}` (学校教育法16条, 予防接種法2条7項: the 保護者 is who holds parental
    authority): in the grandfather's household the 申請者/保護者 of the grandson's 子ども医療費 and 予防接種
    sheets is his mother, not the 世帯主 at the counter. Before, they printed the grandfather."""
    _, plan = _plan(THREE_GENERATIONS)
    assert {p.id: p.claimant for p in plan.procedures if p.id in ("child_medical_subsidy", "vaccination_tickets")} == {
        "child_medical_subsidy": "p3", "vaccination_tickets": "p3"}
    assert _printed(THREE_GENERATIONS, "child_medical_subsidy", "applicant_name") == ["高橋　美咲"]
    assert _printed(THREE_GENERATIONS, "vaccination_tickets", "applicant_name") == ["高橋　美咲"]


def test_of_two_parents_the_guardian_is_the_one_at_the_counter_and_the_income_is_not_asked() -> None:
    reception = reception_from_dict({
        "event": "moving_in", "event_date": "2026-06-10", "applicant": "p2",
        "household": {"address": "北海道見本市北５条東２丁目１５番地", "facts": {"from_abroad": False}},
        "members": [
            {"id": "p1", "name": "山田　太郎", "birth_date": "1985-06-15", "sex": "male",
             "facts": {"relationship": "head", "public_servant": True}},
            {"id": "p2", "name": "山田　花子", "birth_date": "1987-11-03", "sex": "female",
             "facts": {"relationship": "spouse", "public_servant": True}},
            {"id": "p3", "name": "山田　葵", "birth_date": "2018-09-20", "sex": "female",
             "facts": {"relationship": "child", "school": "elementary"}}]})
    plan = load_rulebook().plan(reception)
    assert [p.claimant for p in plan.procedures if p.id == "school_transfer_in"] == ["p2"]
    assert "main_earner" not in {q.fact for q in plan.questions}  # both public servants: no 児童手当 here


def test_the_guardians_relation_is_proposed_for_a_grandchild_too() -> None:
    from kakanai.forms.inputs import inputs_to_ask

    reception, plan = _plan(THREE_GENERATIONS)
    asked = [a for a in inputs_to_ask(FormLibrary(forms_dir()), reception, plan) if a.id == "guardian_relationship"]
    assert [a.proposal for a in asked] == ["母"]  # 美咲 answered she is 湊's mother (child_parent)
