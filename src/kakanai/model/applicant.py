"""Who files for the household (届出人・請求者): one rule for the rule engine (the claimant its conditions
test) and for the forms (the applicant printed on them), so a form never names another person than the
plan's reasons do.

`choose_applicant` is the 届出人 at the counter. `claimant_by_law` is the person the law makes the
claimant of a procedure whose rule file says `claimant: {rule: …}` (docs/rules-format.md): the rule
engine tests and names that person and puts it on the planned procedure (`PlannedProcedure.claimant`), and
the forms of that procedure print the same one (`printed_applicant`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kakanai.model.agelaw import age_on
from kakanai.model.ids import LifeEvent
from kakanai.model.plan import PlannedProcedure
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
    living = possible_applicants(reception)
    for m in living:
        if relationship(m) == "head":
            return m
    adults = sorted((m for m in living if age_on(m.birth_date, reception.event_date) >= ADULT_AGE),
                    key=lambda m: m.birth_date)
    if adults:
        return adults[0]
    return living[0] if living else None


def possible_applicants(reception: Reception) -> list[Person]:
    """The members who can be the 届出人: not the deceased, not the newborn."""
    excluded = (set(reception.subject) if reception.subject is not None
                and reception.event in (LifeEvent.DEATH, LifeEvent.BIRTH) else set())
    return [m for m in reception.members if m.id not in excluded]


def printed_applicant(reception: Reception, procedure: PlannedProcedure | None) -> Person | None:
    """The 請求者/届出人 a procedure's sheet names: the claimant by law the plan decided for it (None when
    that is someone outside the household, who writes their own name), else the 届出人 at the counter."""
    if procedure is not None and procedure.claimant is not None:
        return reception.member(procedure.claimant) if procedure.claimant else None
    return choose_applicant(reception)


# The rules of `claimant:` (kakanai.rules.claimants names the articles).
CLAIMANT_RULES = ("applicant", "head", "parent", "funeral_host")
FactOf = Callable[[Person, str], FactValue | None]  # a person's fact by id (canonical or as given)


@dataclass(frozen=True)
class Claimant:
    """The claimant if the facts decide; else the candidates and the (fact, member) whose answers decide."""

    person: Person | None
    candidates: tuple[Person, ...] = ()
    missing: tuple[tuple[str, str | None], ...] = ()
    # The law's claimant is not a member listed (e.g. a 喪主 from elsewhere); with candidates: may not be.
    outside: bool = False


def _living(reception: Reception) -> list[Person]:
    dead = set(reception.subject or ()) if reception.event is LifeEvent.DEATH else set()
    return [m for m in reception.members if m.id not in dead]


def _one_of(candidates: list[Person], fact: str, fact_of: FactOf, *, one_of_them: bool) -> Claimant | None:
    """The candidate the bool `fact` names: the one answered true, or (when the law's person must be one
    of them, `one_of_them`) the last one left when the others are answered false; None when nobody can be."""
    chosen = [m for m in candidates if fact_of(m, fact) is True]
    if chosen:
        return Claimant(chosen[0])
    open_ = [m for m in candidates if fact_of(m, fact) is None]
    if not open_:
        return None
    if one_of_them and len(open_) == 1 and len(candidates) > 1:
        return Claimant(open_[0])
    return Claimant(None, tuple(open_), tuple((fact, m.id) for m in open_), outside=not one_of_them)


def claimant_by_law(rule: str, reception: Reception, fact_of: FactOf, applicant: Person | None) -> Claimant:
    """The claimant of a procedure under `rule` (one of CLAIMANT_RULES); `applicant` is the 届出人."""
    if rule == "applicant":
        return Claimant(applicant)
    living = _living(reception)
    if applicant is not None and all(m.id != applicant.id for m in living):
        # The deceased never files (the engine's 届出人 falls back to the only member listed, who may be the
        # deceased of a person living alone): the 届出人 is then someone outside the household.
        applicant = None
    relation = {m.id: fact_of(m, "relationship") for m in reception.members}
    head = next((m for m in living if relation[m.id] == "head"), None)
    if rule == "head":
        filer = head or applicant
        return Claimant(filer) if filer is not None else Claimant(None, outside=True)

    def adult(m: Person) -> bool:
        return age_on(m.birth_date, reception.event_date) >= ADULT_AGE

    if rule == "funeral_host":
        adults = [m for m in living if adult(m)]
        # The 喪主 may live elsewhere: the others answering "no" does not make the last one the 喪主.
        found = _one_of(adults, "funeral_host", fact_of, one_of_them=False) if adults else None
        return found or Claimant(None, outside=True)
    minors = [m for m in living if relation[m.id] in ("child", "other") and not adult(m)]
    grown = [m for m in living if relation[m.id] == "child" and adult(m)]
    if minors and grown and all(relation[m.id] == "other" for m in minors):
        parents = grown  # the minors are grandchildren: their parents are the head's grown-up children
    else:
        parents = [m for m in living if relation[m.id] in ("head", "spouse")]
    if len(parents) == 1:
        return Claimant(parents[0])
    if not parents:
        # Nobody's parent here: the head cares for the children (児童手当法4条1項4号); with the head gone, the
        # adult 届出人. A child is never the claimant for the children: after a single parent's death the
        # carer is someone outside (児童扶養手当法4条1項3号: 養育者, e.g. a grandparent living elsewhere).
        carer = head or applicant
        return Claimant(carer) if carer is not None and adult(carer) else Claimant(None, outside=True)
    return _one_of(parents, "main_earner", fact_of, one_of_them=True) or Claimant(parents[0])
