"""QuickFacts (the planner's fast path for checking a reception's facts) gives the same canonical values
and the same first error as engine.canonical_facts, for canonical values and for every kind of
non-canonical or invalid one."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from kakanai.model import FactValue, Household, LifeEvent, Person, Reception, ReceptionError, Sex
from kakanai.rules import load_rulebook
from kakanai.rules.engine import canonical_facts
from kakanai.rules.facts import FactKind, QuickFacts

BOOK = load_rulebook()
FACTS = BOOK.catalog.facts


def candidates(kind: FactKind, values: tuple[str, ...]) -> list[Any]:
    common: list[Any] = [True, False, "yes", "no", 1, 0, "", "nonsense", (), ("nonsense",), date(2026, 4, 1),
                         datetime(2026, 4, 1, 9, 0), 3, -1, 10**6, None]
    if kind in (FactKind.CHOICE, FactKind.MULTI):
        common += [values[0], values[-1], (values[0],), (values[-1], values[0]), (values[0], values[0]),
                   ("none",), ("none", values[0])]
    return common


def outcome(reception: Reception, fn: Any) -> Any:
    try:
        return ("ok", fn(reception))
    except ReceptionError as exc:
        return ("error", exc.field, exc.message)


@pytest.mark.parametrize("fact_id", sorted(FACTS))
def test_quick_facts_agree_with_canonical_facts(fact_id: str) -> None:
    fact = FACTS[fact_id]
    quick = QuickFacts(FACTS)
    for value in candidates(fact.kind, fact.values):
        person_facts: dict[str, FactValue] = {"relationship": "head"}
        household_facts: dict[str, FactValue] = {}
        (person_facts if fact.scope.value == "person" else household_facts)[fact_id] = value
        # The same fact given in the wrong place too (each error must be the same one).
        wrong: dict[str, FactValue] = {fact_id: value}
        for pf, hf in ((person_facts, household_facts), (wrong, {}), ({}, wrong), ({"unknown": value}, {})):
            reception = Reception(
                event=LifeEvent.MOVING_IN, event_date=date(2026, 4, 9), household=Household(facts=hf),
                members=(Person(id="p1", name="山田　太郎", birth_date=date(1980, 1, 1), sex=Sex.MALE, facts=pf),))
            assert outcome(reception, lambda r: quick.canonical(FACTS, r)) == outcome(
                reception, lambda r: canonical_facts(FACTS, r)), (fact_id, value, pf, hf)
