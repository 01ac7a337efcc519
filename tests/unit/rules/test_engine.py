"""The engine's semantics on a small rule set: questions not guesses, minimal questions, reasons,
effective dates, parameters, branch offices and clerk overrides."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from kakanai.model import Mode, ReceptionError, reception_from_dict
from kakanai.rules import load_rulebook
from tests.unit.rules.conftest import write

SCHOOL = """
procedures:
  - id: school_transfer_in
    title: 転入学
    department: education
    who: person
    mode: here
    forms: [school_transfer]
    triggers:
      - events: [moving_in]
        about: subjects
        when:
          all:
            - school_grade: [1, 9]
            - fact: {school: [elementary, junior_high]}
        reason: "{person}が小学校・中学校に通うため"
  - id: child_allowance_claim
    title: 児童手当 認定請求
    department: child
    who: household
    mode: here
    forms: [child_allowance_claim]
    valid_to: 2024-09-30
    triggers:
      - events: [moving_in]
        about: subjects
        when:
          all:
            - any_member: {child_until_march31_after: 15}
            - claimant: {fact: {public_servant: false}}
        reason: "{members}が中学校修了前の児童のため（所得制限あり）"
  - id: child_allowance_claim
    title: 児童手当 認定請求
    department: child
    who: household
    mode: here
    forms: [child_allowance_claim]
    valid_from: 2024-10-01
    deadline: {days: 15, from: planned_moveout_date, note: 転出予定日の翌日から15日以内}
    triggers:
      - events: [moving_in]
        about: subjects
        when:
          all:
            - any_member: {child_until_march31_after: 18}
            - claimant: {fact: {public_servant: false}}
        reason: "{members}が18歳到達後最初の3月31日までの児童のため"
"""


def reception(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "event": "moving_in", "event_date": "2026-04-09",
        "household": {"address": "見本市本町１番地", "facts": {}},
        "members": [
            {"id": "p1", "name": "佐藤　一郎", "birth_date": "1980-05-05", "sex": "male",
             "facts": {"relationship": "head"}},
            {"id": "p2", "name": "佐藤　花", "birth_date": "2018-09-20", "sex": "female",
             "facts": {"relationship": "child"}},
        ],
    }
    base.update(over)
    return copy.deepcopy(base)


@pytest.fixture
def book(mini_rules: Path) -> Any:
    write(mini_rules / "procedures" / "school.yaml", SCHOOL)
    return load_rulebook(mini_rules, mini_rules.parent / "municipality.yaml", mini_rules.parent / "forms")


def test_questions_not_guesses(book: Any) -> None:
    plan = book.plan(reception_from_dict(reception()))
    asked = {(q.fact, q.person) for q in plan.questions}
    assert ("school", "p2") in asked  # needed, not given: asked, not decided
    assert ("school", "p1") not in asked  # an adult is not school age: never asked
    assert ("public_servant", "p1") in asked
    assert not [p for p in plan.procedures if p.id == "school_transfer_in"]
    q = next(q for q in plan.questions if q.fact == "school")
    assert q.prompt == "佐藤　花さんの在園・在学先は？"
    assert "elementary" in q.values and q.asked_for == ("school_transfer_in",)


def test_all_facts_given_means_no_questions_and_a_reason_naming_the_person(book: Any) -> None:
    r = reception(household={"facts": {"planned_moveout_date": "2026-04-05"}})
    r["members"][0]["facts"]["public_servant"] = False
    r["members"][1]["facts"]["school"] = "elementary"
    plan = book.plan(reception_from_dict(r))
    assert plan.questions == ()
    school = next(p for p in plan.procedures if p.id == "school_transfer_in")
    assert school.person == "p2" and school.reason == "長女 花さん（7歳）が小学校・中学校に通うため"
    claim = next(p for p in plan.procedures if p.id == "child_allowance_claim")
    assert claim.deadline is not None and claim.deadline.isoformat() == "2026-04-20"  # 4/20 (4/5 + 15)
    assert "18歳到達後最初の3月31日" in claim.reason


def test_household_without_children_is_never_asked_about_children(book: Any) -> None:
    r = reception()
    r["members"] = r["members"][:1]
    plan = book.plan(reception_from_dict(r))
    assert plan.questions == () and plan.procedures == ()


def test_effective_dates_pick_the_rule_in_force(book: Any) -> None:
    r = reception(event_date="2024-09-30")
    r["members"][1]["birth_date"] = "2008-06-01"  # 16 years old: high-school age
    r["members"][0]["facts"]["public_servant"] = False
    assert not [p for p in book.plan(reception_from_dict(r)).procedures if p.id == "child_allowance_claim"]
    r["event_date"] = "2024-10-01"
    assert [p for p in book.plan(reception_from_dict(r)).procedures if p.id == "child_allowance_claim"]


def test_unknown_fact_or_value_is_a_reception_error(book: Any) -> None:
    r = reception()
    r["members"][1]["facts"]["school"] = "university"
    with pytest.raises(ReceptionError) as err:
        book.plan(reception_from_dict(r))
    assert err.value.field == "members[1].facts.school"
    r = reception()
    r["household"]["facts"]["has_cat"] = True
    with pytest.raises(ReceptionError) as err:
        book.plan(reception_from_dict(r))
    assert err.value.field == "household.facts.has_cat"
    r = reception()
    r["household"]["facts"]["school"] = "none"
    with pytest.raises(ReceptionError):
        book.plan(reception_from_dict(r))


def test_branch_office_sends_unaccepted_procedures_to_the_main_office(book: Any) -> None:
    r = reception(office="branch_east")
    r["members"][1]["facts"]["school"] = "elementary"
    school = next(p for p in book.plan(reception_from_dict(r)).procedures if p.id == "school_transfer_in")
    assert school.mode is Mode.GUIDANCE and school.counter.startswith("本庁 教育委員会")
    assert school.forms == ()


def test_clerk_overrides_are_applied_and_recorded(book: Any) -> None:
    r = reception(overrides=[
        {"action": "remove", "procedure": "school_transfer_in", "person": "p2", "reason": "私立へ転校のため"},
        {"action": "add", "procedure": "child_allowance_claim", "person": None, "reason": "申出により"},
    ])
    r["members"][1]["facts"]["school"] = "elementary"
    plan = book.plan(reception_from_dict(r))
    assert not [p for p in plan.procedures if p.id == "school_transfer_in"]
    assert plan.removed[0].reason == "私立へ転校のため"
    added = next(p for p in plan.procedures if p.id == "child_allowance_claim")
    assert added.added_by_clerk and added.reason == "窓口で追加: 申出により"
    assert any(t.outcome == "removed_by_clerk" for t in plan.trace)


def test_trace_explains_every_evaluation(book: Any) -> None:
    plan = book.plan(reception_from_dict(reception()))
    outcomes = {(t.procedure, t.person): t.outcome for t in plan.trace}
    assert outcomes[("school_transfer_in", "p1")] == "not_applicable"
    assert outcomes[("school_transfer_in", "p2")] == "needs_answer"


def test_death_needs_a_subject(book: Any) -> None:
    with pytest.raises(ReceptionError) as err:
        book.plan(reception_from_dict(reception(event="death")))
    assert err.value.field == "subject"


def test_member_labels_match_person_label() -> None:
    from kakanai.rules.reasons import member_labels, person_label

    r = reception_from_dict({
        "event": "moving_in", "event_date": "2026-04-09",
        "members": [
            {"id": "a", "name": "林　一", "birth_date": "1980-01-01", "sex": "male", "facts": {"relationship": "head"}},
            {"id": "b", "name": "林　二", "birth_date": "2016-01-01", "sex": "male", "facts": {"relationship": "child"}},
            {"id": "c", "name": "林　三", "birth_date": "2012-01-01", "sex": "male", "facts": {"relationship": "child"}},
            {"id": "d", "name": "林　花", "birth_date": "2014-01-01", "sex": "female", "facts": {"relationship": "child"}},
            {"id": "e", "name": "林　母", "birth_date": "1950-01-01", "sex": "female", "facts": {"relationship": "parent"}},
            {"id": "f", "name": "林　某", "birth_date": "1990-01-01", "sex": "female", "facts": {}},
            {"id": "g", "name": "林 夫", "birth_date": "1981-01-01", "sex": "male", "facts": {"relationship": "spouse"}},
            {"id": "h", "name": "林", "birth_date": "1982-01-01", "sex": "not_applicable",
             "facts": {"relationship": "spouse"}},
            {"id": "i", "name": "林　子", "birth_date": "2015-01-01", "sex": "not_applicable",
             "facts": {"relationship": "child"}},
            {"id": "j", "name": "林　父", "birth_date": "1949-01-01", "sex": "male", "facts": {"relationship": "parent"}},
            {"id": "k", "name": "林　親", "birth_date": "1948-01-01", "sex": "not_applicable",
             "facts": {"relationship": "parent"}},
            {"id": "l", "name": "林　妻", "birth_date": "1983-01-01", "sex": "female", "facts": {"relationship": "spouse"}},
        ],
    })
    facts = {m.id: dict(m.facts) for m in r.members}
    labels = member_labels(r, facts)
    assert labels == {m.id: person_label(r, m, facts) for m in r.members}
    assert labels["c"] == "長男 三さん（14歳）" and labels["b"] == "次男 二さん（10歳）"
    assert labels["d"] == "長女 花さん（12歳）" and labels["e"] == "母 母さん（76歳）" and labels["f"] == "某さん（36歳）"
    assert labels["g"] == "夫 夫さん（45歳）" and labels["h"].startswith("配偶者 林さん") and labels["i"].startswith("子 ")
    assert labels["j"].startswith("父 ") and labels["k"].startswith("親 ") and labels["l"].startswith("妻 ")
