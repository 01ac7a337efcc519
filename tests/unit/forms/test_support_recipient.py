"""The 児童扶養手当 recipient files its end and the ひとり親医療's (児童扶養手当法施行規則, the ordinance), and the
児童手当 recipient whose 氏 changes files the 氏名変更届 (児童手当法26条) — found by driving a marriage through
`kakanai render`: a single mother marrying into her husband's household had all three printed in his name,
the 届出人's, with his 生年月日 in the 受給者 block."""

from __future__ import annotations

from typing import Any

from tests.unit.forms.conftest import asked_household, household, render_household

RECIPIENT_FORMS = ("child_support_allowance_end", "single_parent_medical_end", "child_allowance_change")


def _recipients(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """(氏名, 生年月日) in each recipient form's 受給者 block."""
    sheets = {d.form: dict(d.sheets[0]) for d in render_household(data) if d.form in RECIPIENT_FORMS}
    return {form: (sheet["recipient_name"], sheet["recipient_birth"]) for form, sheet in sheets.items()}


def test_the_bride_who_receives_them_is_asked_for_and_named() -> None:
    data = household("marriage_recipient_bride")  # 恵 marries 誠 (世帯主, the 届出人) with her daughter 結衣
    facts = {(a.fact, a.person) for a in _questions(data)}
    assert {("child_support_allowance_recipient", "p1"), ("child_support_allowance_recipient", "p2")} <= facts
    data["members"][0]["facts"]["child_support_allowance_recipient"] = False  # 誠: no, so 恵 (the last left)
    printed = _recipients(data)
    assert set(printed) == set(RECIPIENT_FORMS)
    assert printed["child_support_allowance_end"] == ("渡辺　恵", "昭和61年9月9日")
    assert printed["single_parent_medical_end"] == ("渡辺　恵", "昭和61年9月9日")
    assert printed["child_allowance_change"] == ("伊藤　恵", "昭和61年9月9日")  # her name as the marriage makes it


def test_of_two_child_allowance_recipients_the_one_whose_surname_changes_files_the_change() -> None:
    data = household("marriage_recipient_bride")
    data["members"][0]["facts"]["child_allowance_recipient"] = True  # 誠 had his own children's 児童手当
    data["members"][0]["facts"]["child_support_allowance_recipient"] = False
    assert _recipients(data)["child_allowance_change"] == ("伊藤　恵", "昭和61年9月9日")


def _questions(data: dict[str, Any]) -> list[Any]:
    from kakanai.rules import load_rulebook
    from tests.unit.forms.conftest import reception_from_dict

    return list(load_rulebook().plan(reception_from_dict(data)).questions)


def test_the_one_she_marries_is_proposed_as_the_partner_not_herself() -> None:
    data = household("marriage_recipient_bride")
    data["members"][0]["facts"]["child_support_allowance_recipient"] = False
    proposals = {a.id: a.proposal for a in asked_household(data)}
    assert (proposals["partner_name"], proposals["partner_address"]) == ("伊藤　誠", "北海道見本市北５条東２丁目１５番地")


def test_a_single_mother_moving_out_with_her_children_ends_the_citys_subsidy_only() -> None:
    """転出 of the recipient and her children: this city's ひとり親医療 ends (its ordinance), ticking 市外への転出
    and asking nothing of a marriage; the 児童扶養手当 goes on, its address notified where they move
    (児童扶養手当法施行規則6条), so no 資格喪失届 is printed for it."""
    data = household("moveout_single_parent")
    sheets = {d.form: dict(d.sheets[0]) for d in render_household(data) if d.form in RECIPIENT_FORMS}
    assert set(sheets) == {"single_parent_medical_end"}
    assert (sheets["single_parent_medical_end"]["recipient_name"],
            sheets["single_parent_medical_end"]["reason_moveout"]) == ("高橋　由美", "1")
    assert not {"partner_name", "partner_address"} & {a.id for a in asked_household(data)}


def test_the_claim_after_a_death_proposes_the_parent_who_died() -> None:
    """児童扶養手当 claimed by the widow: the children's other parent is the husband who died (his name, birth
    date and 「令和8年7月6日 死亡」 in the address box, 児童扶養手当法施行規則), proposed for the clerk to confirm;
    they were left for the resident's pen though the reception lists him."""
    proposals = {a.id: a.proposal for a in asked_household(household("death_father_of_15"))}
    assert (proposals["other_parent_name"], proposals["other_parent_birth"], proposals["other_parent_address"]) == (
        "中村　浩二", "1975-04-10", "令和8年7月6日 死亡")


def test_nobody_of_the_couple_answered_recipient_leaves_the_box_to_the_clerk_not_the_groom() -> None:
    """Both answered no (the checklist's 「0 どれも当てはまらない」): the recipient is nobody listed, so the
    受給者 box is left for the 申請者 from outside, never filled with the 届出人 at the counter."""
    data = household("marriage_recipient_bride")
    for member in data["members"][:2]:
        member["facts"]["child_support_allowance_recipient"] = False
    document = next(d for d in render_household(data) if d.form == "child_support_allowance_end")
    assert dict(document.sheets[0])["recipient_name"] == ""
    assert "申請者の氏名・フリガナ・生年月日（世帯外の方）" in document.blank_inputs  # for the 申請者 to write


def test_the_girls_subsidy_change_is_her_mothers_name_not_hers() -> None:
    """The bride's daughter keeps 渡辺 (her 氏 changes only by a 入籍届, 民法791条): her 子ども医療費 変更届 is a
    保護者の変更 (proposed), with no 氏名の変更 ticked and no 変更後の氏名 — it printed 「渡辺 結衣」 there."""
    data = household("marriage_recipient_bride")
    data["members"][0]["facts"]["child_support_allowance_recipient"] = False
    proposals = {a.id: a.proposal for a in asked_household(data)}
    assert proposals["child_medical_change_reason"] == "保護者の変更"
    data["form_inputs"]["child_medical_change_reason"] = "保護者の変更"
    sheet = dict(next(d for d in render_household(data) if d.form == "child_medical_subsidy_notice").sheets[0])
    assert (sheet["reason_name"], sheet["reason_guardian"], sheet["new_name"]) == ("0", "1", "")
