"""The planner's prefilter (rules/planning.py) decides every leading person test exactly as the compiled
condition does: every such test of the shipped catalog, plus the rarer kinds, on a grid of birth dates
around the edges the age law cares about, for several event dates, sexes, subjects and claimants."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from kakanai.model import Household, LifeEvent, Person, Reception, Sex
from kakanai.model.agelaw import attainment_date
from kakanai.rules import load_rulebook
from kakanai.rules.atoms import atom_spec, group_atoms
from kakanai.rules.conditions import ConditionCompiler
from kakanai.rules.logic import EvalContext, Tri
from kakanai.rules.planning import PlanRun

EXTRA_ATOMS: list[Any] = [
    {"sex": "male"}, {"sex": "not_applicable"}, {"is_subject": True}, {"is_subject": False},
    {"is_claimant": True}, {"is_claimant": False}, {"age": {"lt": 3}}, {"school_grade": [10, 12]},
    {"child_until_march31_after": 6}, {"late_elderly_age": True},
]


def catalog_atoms(book: Any) -> list[Any]:
    out: list[Any] = []
    for proc in book.catalog.procedures:
        for trigger in proc.triggers:
            source = trigger.when_source
            parts = source if isinstance(source, list) else (
                source["all"] if isinstance(source, dict) and "all" in source else [source])
            for part in parts:
                if atom_spec(part) is None:
                    break
                if part not in out:
                    out.append(part)
    return out


def birth_dates(on: date) -> list[date]:
    """Birthdays around the day each age of interest is attained, and a few leap-day births."""
    out: set[date] = {date(2000, 2, 29), date(1948, 2, 29), date(2016, 2, 29)}
    for years in (0, 1, 3, 6, 7, 12, 13, 15, 16, 18, 19, 20, 40, 50, 60, 65, 75):
        for delta in (-400, -1, 0, 1, 2, 200):
            day = date(on.year - years, on.month, min(on.day, 28)) + timedelta(days=delta)
            out.add(day)
            out.add(attainment_date(day, 0))
    return sorted(b for b in out if b <= on)


def test_prefilter_atoms_agree_with_the_compiled_conditions() -> None:
    book = load_rulebook()
    atoms = catalog_atoms(book)
    assert len(atoms) >= 10  # the catalog's own tests: age, grade, 3月31日, 後期高齢者, sex
    atoms += EXTRA_ATOMS
    compiler = ConditionCompiler(book.catalog.facts, frozenset(book.municipality.params))
    evaluators = [compiler.compile(a, "", person=True) for a in atoms]
    specs = [atom_spec(a) for a in atoms]
    assert all(s is not None for s in specs)
    checked = 0
    for on in (date(2024, 4, 1), date(2024, 9, 30), date(2025, 3, 31), date(2026, 2, 28), date(2028, 2, 29)):
        params = book.municipality.params_on(on)
        groups = group_atoms(specs, params)  # type: ignore[arg-type]
        births = birth_dates(on)
        members = tuple(Person(id=f"p{i}", name=f"山田　{i}", birth_date=b, sex=(Sex.MALE, Sex.FEMALE)[i % 2])
                        for i, b in enumerate(births))
        for subject in (None, ("p0", "p3")):
            reception = Reception(event=LifeEvent.MOVING_IN, event_date=on, household=Household(),
                                  members=members, subject=subject)
            for claimant in (None, members[1]):
                ctx = EvalContext(reception=reception, on=on, params=params,
                                  person_facts={m.id: {} for m in members}, household_facts={}, claimant=claimant)
                run = PlanRun(ctx, groups)
                for m in members:
                    bits = run.member_bits(m)
                    for i, evaluate in enumerate(evaluators):
                        want = evaluate(ctx, m).tri is Tri.TRUE
                        assert bool(bits >> i & 1) == want, (atoms[i], m.birth_date, on, subject, claimant)
                        checked += 1
    assert checked > 10000


def test_a_date_the_prefilter_cannot_compute_falls_back_to_the_plain_evaluation() -> None:
    on = date(9999, 1, 1)
    person = Person(id="p0", name="未来", birth_date=date(9990, 1, 1), sex=Sex.FEMALE)
    reception = Reception(event=LifeEvent.MOVING_IN, event_date=on, household=Household(), members=(person,))
    ctx = EvalContext(reception=reception, on=on, params={}, person_facts={"p0": {}}, household_facts={},
                      claimant=None)
    run = PlanRun(ctx, group_atoms([("late_elderly_age", False, None)], {}))
    assert run.member_bits(person) == -1


def test_a_parameter_not_in_force_fails_as_in_the_plain_evaluation() -> None:
    """None (a parameter without a value on that day) is not "no bound": the comparison fails in the
    prefilter as in the compiled condition, and the plain evaluation then decides (and raises)."""
    book = load_rulebook()
    on = date(2026, 4, 9)
    person = Person(id="p0", name="山田　一", birth_date=date(2020, 1, 1), sex=Sex.MALE)
    reception = Reception(event=LifeEvent.MOVING_IN, event_date=on, household=Household(), members=(person,))
    ctx = EvalContext(reception=reception, on=on, params={"vaccination_ticket_age": None},
                      person_facts={"p0": {}}, household_facts={}, claimant=None)
    spec = atom_spec({"age": {"lt": {"param": "vaccination_ticket_age"}}})
    assert spec is not None
    assert PlanRun(ctx, group_atoms([spec], ctx.params)).member_bits(person) == -1
    compiler = ConditionCompiler(book.catalog.facts, frozenset(book.municipality.params))
    with pytest.raises(TypeError):
        compiler.compile({"age": {"lt": {"param": "vaccination_ticket_age"}}}, "", person=True)(ctx, person)
