"""The pure edits of the reception value (kakanai.model.reception_edit, issue 15): each returns a new
Reception and leaves the one it was given as it was."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kakanai.model import ClerkOverride, Household, LifeEvent, OverrideAction, Person, Reception, Sex
from kakanai.model.members import WorkflowError, with_character_replaced
from kakanai.model.reception_edit import (
    chosen_subjects,
    subject_role,
    subject_summary,
    toggled_subjects,
    with_answers,
    with_form_input,
    with_override,
    without_member,
)


def _death() -> Reception:
    return Reception(
        LifeEvent.DEATH, date(2026, 4, 1), Household(address="北海道見本市﨑町１丁目"),
        (Person("p1", "渡邊　髙雄", date(1938, 3, 3), Sex.MALE), Person("p2", "渡邊　ハツ", date(1941, 5, 5), Sex.FEMALE)),
        subject=("p1",), applicant="p2",
        overrides=(ClerkOverride(OverrideAction.REMOVE, "funeral_expenses", "p2", "後日"),))


def test_removing_a_member_drops_everything_that_names_them() -> None:
    before = _death()
    after = without_member(before, "p2")
    assert [p.id for p in after.members] == ["p1"]
    assert (after.subject, after.applicant, after.overrides) == (("p1",), None, ())
    assert without_member(before, "p1").subject is None
    assert len(before.members) == 2 and before.applicant == "p2"  # unchanged


def test_an_override_replaces_the_one_for_the_same_procedure_and_person_and_is_undone() -> None:
    again = ClerkOverride(OverrideAction.ADD, "funeral_expenses", "p2", "来庁済み")
    other = ClerkOverride(OverrideAction.REMOVE, "pension_stop", None, "年金なし")
    r = with_override(with_override(_death(), again, "funeral_expenses", "p2"), other, "pension_stop", None)
    assert r.overrides == (again, other)
    assert with_override(r, None, "funeral_expenses", "p2").overrides == (other,)


def test_answers_and_inputs_land_on_the_household_or_the_person() -> None:
    r = with_answers(_death(), (("has_dog", None, True), ("pension_category", "p2", "1"), ("has_dog", None, None)))
    assert r.household.facts == {} and r.member("p2").facts == {"pension_category": "1"}
    r = with_form_input(with_form_input(r, "phone", "0111234567", None), "occupation", "農業", "p1")
    assert r.form_inputs == {"phone": "0111234567"} and r.member("p1").form_inputs == {"occupation": "農業"}
    assert with_form_input(r, "phone", "", None).form_inputs == {}  # emptied: forgotten


def test_a_character_is_replaced_in_a_name_an_address_or_an_input() -> None:
    r = with_form_input(_death(), "honseki", "東京都髙田馬場", None)
    assert with_character_replaced(r, "p1", "name", "髙", "高").member("p1").name == "渡邊　高雄"
    assert with_character_replaced(r, None, "input.honseki", "髙", "高").form_inputs["honseki"] == "東京都高田馬場"
    assert with_character_replaced(r, None, "address", "﨑", "崎").household.address == "北海道見本市崎町１丁目"
    with pytest.raises(WorkflowError, match="「葛」はhonsekiにありません"):
        with_character_replaced(r, None, "input.honseki", "葛", "葛")


def test_the_subject_is_named_with_its_role() -> None:
    assert subject_role(LifeEvent.DEATH) == "亡くなった方" and subject_role(LifeEvent.MARRIAGE) is None
    assert subject_role(LifeEvent.MOVING_OUT) == "転出する方"
    assert subject_summary(_death()) == "亡くなった方: 渡邊 髙雄 様"
    assert subject_summary(without_member(_death(), "p1")) == "亡くなった方: まだ選んでいません"


def test_a_move_is_everyones_until_someone_is_left_out() -> None:
    """A 転出 of a husband alone (単身赴任): everyone moves by default (subject None); the clerk leaves out
    the wife who stays; leaving out everyone, or taking the wife back, is everyone again (someone moves)."""
    couple = replace(_death(), event=LifeEvent.MOVING_OUT, subject=None)
    assert chosen_subjects(couple) == ("p1", "p2") and subject_summary(couple) == "転出する方: 全員"
    alone = replace(couple, subject=toggled_subjects(couple, "p2"))
    assert alone.subject == ("p1",) and subject_summary(alone) == "転出する方: 渡邊 髙雄 さん"
    assert toggled_subjects(alone, "p2") is None  # both again: everyone
    assert toggled_subjects(alone, "p1") is None  # nobody would move: everyone
    death = replace(_death(), subject=None)
    assert chosen_subjects(death) == () and toggled_subjects(death, "p2") == ("p2",)
