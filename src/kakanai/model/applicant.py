"""Who files for the household (届出人・請求者): one rule for the rule engine (the claimant its conditions
test) and for the forms (the applicant printed on them), so a form never names another person than the
plan's reasons do."""

from __future__ import annotations

from collections.abc import Callable

from kakanai.model.agelaw import age_on
from kakanai.model.ids import LifeEvent
from kakanai.model.reception import FactValue, Person, Reception

ADULT_AGE = 18  # 民法4条


def _raw_relationship(person: Person) -> FactValue | None:
    return person.facts.get("relationship")


def choose_applicant(reception: Reception,
                     relationship: Callable[[Person], FactValue | None] = _raw_relationship) -> Person | None:
    """The named applicant; else the head among the living (not the deceased, not the newborn); else the
    oldest adult among them; else the first of them. None when every member listed is the subject of a
    death or a birth (nobody who could file is at the counter)."""
    if reception.applicant:
        return reception.member(reception.applicant)
    excluded = (set(reception.subject) if reception.subject is not None
                and reception.event in (LifeEvent.DEATH, LifeEvent.BIRTH) else set())
    living = [m for m in reception.members if m.id not in excluded]
    for m in living:
        if relationship(m) == "head":
            return m
    adults = sorted((m for m in living if age_on(m.birth_date, reception.event_date) >= ADULT_AGE),
                    key=lambda m: m.birth_date)
    if adults:
        return adults[0]
    return living[0] if living else None
