"""The 児童手当 sheets name the right people (found by driving unusual households through `kakanai render`):

- the 受給事由消滅届's 受給者 is the recipient, not whoever files: at the recipient's death the deceased, filed
  by the widow as 「受給者の配偶者・親族」; at a child's death the parent who receives it, filing as 受給者本人, and
  the reason is that child's death, not 「受給者の死亡」 (児童手当法26条, 施行規則);
- the 認定請求書's 配偶者 is the claimant's spouse now: never the deceased at a death, never the former
  spouse at a divorce (児童手当法4条3項 compares the living parents);
- at a divorce the recipient who keeps no child files the 消滅届 herself (児童手当法26条)."""

from __future__ import annotations

from typing import Any

from tests.unit.forms.conftest import asked_household, household, render_household

REASONS = ("reason_moveout", "reason_death", "reason_no_care", "reason_other")


def _sheet(name: str, form: str) -> dict[str, str]:
    return dict(next(d for d in render_household(household(name)) if d.form == form).sheets[0])


def test_at_the_recipients_death_the_deceased_is_the_recipient_and_the_widow_files() -> None:
    sheet = _sheet("death_of_the_recipient", "child_allowance_end")
    assert (sheet["recipient_name"], sheet["event_person"], sheet["applicant_name"]) == (
        "佐藤　健一", "佐藤　健一", "佐藤　美咲")
    assert {key: sheet[key] for key in REASONS} == {
        "reason_moveout": "0", "reason_death": "1", "reason_no_care": "0", "reason_other": "0"}
    assert (sheet["filer_recipient"], sheet["filer_family"]) == ("0", "1")


def test_at_a_childs_death_the_parent_is_the_recipient_and_files_himself() -> None:
    sheet = _sheet("death_of_an_infant", "child_allowance_end")
    assert (sheet["recipient_name"], sheet["event_person"]) == ("吉田　拓也", "吉田　光")
    assert sheet["reason_death"] == "1"  # 「受給者・児童の死亡」: the child's
    assert (sheet["filer_recipient"], sheet["filer_family"]) == ("1", "0")


def test_the_claims_spouse_is_never_the_deceased_nor_the_former_spouse() -> None:
    assert _sheet("death_of_the_recipient", "child_allowance_claim")["spouse_name"] == ""
    assert _sheet("divorce_father_keeps", "child_allowance_claim")["spouse_name"] == ""



def _mother_keeps() -> dict[str, Any]:
    """divorce_father_keeps, but the mother, the recipient, keeps the children."""
    data = household("divorce_father_keeps")
    for member, keeps in zip(data["members"][:2], (False, True), strict=True):
        member["facts"]["custodial_parent"] = keeps
    return data


def test_the_change_forms_recipient_is_the_one_whose_surname_changes() -> None:
    """The 氏名変更届's 受給者 is the recipient (the wife who returns to her former surname and keeps the
    children), not the husband at the counter; she is its 届出人 too (児童手当法26条: the 受給者 notifies)."""
    sheet = dict(next(d for d in render_household(_mother_keeps()) if d.form == "child_allowance_change").sheets[0])
    assert (sheet["old_name"], sheet["applicant_name"]) == ("鈴木　由美", "鈴木　由美")  # her new name: asked


def test_a_recipient_who_keeps_no_child_after_the_divorce_ends_it_herself() -> None:
    """The mother received the 児童手当 and the father keeps the children: she files the 受給事由消滅届 herself
    (児童手当法26条; 4条1項1号: only the parent who keeps them receives), not an 氏名変更届, though he is the
    届出人 at the counter; its reason is proposed, and nobody moved out or died."""
    documents = {d.form: d for d in render_household(household("divorce_father_keeps"))}
    assert "child_allowance_change" not in documents
    sheet = dict(documents["child_allowance_end"].sheets[0])
    assert (sheet["recipient_name"], sheet["applicant_name"], sheet["event_person"]) == ("鈴木　由美", "鈴木　由美", "")
    assert (sheet["filer_recipient"], sheet["filer_family"]) == ("1", "0")
    asked = {a.id: a.proposal for a in asked_household(household("divorce_father_keeps"))}
    assert asked["allowance_end_reason"] == "児童を監護・養育しなくなった"
    confirmed = {**household("divorce_father_keeps")}
    confirmed["form_inputs"] = {**confirmed["form_inputs"], "allowance_end_reason": "児童を監護・養育しなくなった"}
    sheet = dict(next(d for d in render_household(confirmed) if d.form == "child_allowance_end").sheets[0])
    assert {key: sheet[key] for key in REASONS} == {
        "reason_moveout": "0", "reason_death": "0", "reason_no_care": "1", "reason_other": "0"}


def test_the_divorce_registration_proposes_what_the_interview_said() -> None:
    """離婚届: 協議離婚 when the interview said the divorce is not by a court (民法763条), and the minors under the
    parent who keeps them (民法819条1項: 親権者を定める), answered as custodial_parent; the clerk confirms them
    (F6) as every proposal. Before, both were typed again or left for the pen."""
    asked = {a.id: a.proposal for a in asked_household(household("divorce_father_keeps"))
             if a.id in ("divorce_kind", "children_father", "children_mother")}
    assert asked == {"divorce_kind": "協議離婚", "children_father": "鈴木　蓮、鈴木　葵", "children_mother": ""}
