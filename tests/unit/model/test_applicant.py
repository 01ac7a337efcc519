"""The one rule for who files (届出人・請求者), shared by the rule engine and the forms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kakanai.model import Household, LifeEvent, Person, Reception, Sex, choose_applicant


def person(pid: str, born: date, relationship: str | None = None) -> Person:
    facts = {"relationship": relationship} if relationship else {}
    return Person(id=pid, name=f"見本　{pid}", name_kana="", birth_date=born, sex=Sex.FEMALE, facts=facts)


WIFE = person("p1", date(1950, 1, 1), "spouse")
HEAD = person("p2", date(1948, 5, 5), "head")
SON = person("p3", date(1980, 3, 3), "child")
BABY = person("p4", date(2026, 4, 1), "child")


def reception(*members: Person, event: LifeEvent = LifeEvent.MOVING_IN, subject: tuple[str, ...] | None = None,
              applicant: str | None = None) -> Reception:
    return Reception(event=event, event_date=date(2026, 4, 9), household=Household(), members=members,
                     subject=subject, applicant=applicant)


def test_the_named_applicant_first_then_the_head() -> None:
    assert choose_applicant(reception(WIFE, HEAD, SON, applicant="p3")) == SON
    assert choose_applicant(reception(WIFE, HEAD, SON)) == HEAD


def test_never_the_deceased_nor_the_newborn() -> None:
    assert choose_applicant(reception(HEAD, WIFE, SON, event=LifeEvent.DEATH, subject=("p2",))) == WIFE
    assert choose_applicant(reception(BABY, SON, event=LifeEvent.BIRTH, subject=("p4",))) == SON
    assert choose_applicant(reception(HEAD, event=LifeEvent.DEATH, subject=("p2",))) is None


def test_else_the_oldest_adult_else_the_first() -> None:
    no_head = reception(replace(SON, facts={}), replace(WIFE, facts={}))
    assert choose_applicant(no_head).id == "p1"  # born 1950, older than p3
    children = reception(replace(BABY, id="p5"), replace(BABY, id="p6"))
    assert choose_applicant(children).id == "p5"


def test_the_relationship_may_come_from_canonical_facts() -> None:
    r = reception(replace(WIFE, facts={}), replace(SON, facts={}))
    assert choose_applicant(r).id == "p1"  # no head in the raw facts: the oldest adult
    assert choose_applicant(r, lambda m: "head" if m.id == "p3" else None).id == "p3"


def test_someone_outside_the_household_is_nobody_of_it_and_survives_a_pre_entry_merge() -> None:
    from kakanai.model import OUTSIDE_APPLICANT
    from kakanai.model.applicant import claimant_by_law
    from kakanai.model.reception_edit import merge_preentry

    outside = reception(WIFE, HEAD, SON, event=LifeEvent.DEATH, subject=("p2",), applicant=OUTSIDE_APPLICANT)
    assert choose_applicant(outside) is None
    claimant = claimant_by_law("applicant", outside, lambda m, f: m.facts.get(f), None)
    assert claimant.person is None and claimant.outside  # named 「世帯外の方」 in a reason's {claimant}
    merged = merge_preentry(None, outside, "r1").reception
    assert merged.applicant == OUTSIDE_APPLICANT and choose_applicant(merged) is None
    named = merge_preentry(None, replace(outside, applicant="p3"), "r1").reception
    assert choose_applicant(named) is not None and choose_applicant(named).name == SON.name  # type: ignore[union-attr]
