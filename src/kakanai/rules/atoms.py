"""A trigger's leading person tests as bits (planning.py's prefilter): which tests are atoms, the split of
a condition into those atoms and the rest, and the atoms of an agenda with the day's parameters filled
in. Pure optimisation: tests/unit/rules/test_prefilter.py compares it with the plain evaluators."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from kakanai.model import Person
from kakanai.rules.catalog import Trigger
from kakanai.rules.conditions import PERSON_ATOMS, ConditionCompiler
from kakanai.rules.facts import FactDef
from kakanai.rules.logic import TRUE, EvalContext, Evaluator, Outcome
from kakanai.rules.yamlfile import RuleFileError

RANGES = ("subjects", "others", "claimant")  # about: household is every member: no test


class CompiledTrigger(NamedTuple):
    trigger: Trigger
    range: str | None  # about: "subjects" / "others" / "claimant"; None (household): every candidate
    need: int  # the leading person tests, as bits of the agenda's atoms (all must hold)
    rest: Evaluator  # the condition without those tests (the whole condition when there are none)


# An atom as data: (kind, a, b), each bound an int, a parameter name wrapped as ("param", name), or None.
AtomSpec = tuple[str, object, object]
# An age test without that bound (distinct from None, the value of a parameter not in force, which
# makes the comparison fail as it does in the plain evaluation).
NO_BOUND = object()


def atom_spec(node: object) -> AtomSpec | None:
    """The leading person test `node` as data for PlanRun.member_bits, or None if it is not one.

    The meaning must stay the one of ConditionCompiler._person_atom (tests/unit/rules/test_prefilter.py
    compares the two on every atom of the catalog over a grid of birth dates)."""
    if not isinstance(node, dict) or len(node) != 1:
        return None
    ((key, arg),) = node.items()
    if key not in PERSON_ATOMS:
        return None
    if key == "age" and isinstance(arg, dict):
        return ("age", _ref(arg.get("gte", NO_BOUND)), _ref(arg.get("lt", NO_BOUND)))
    if key == "school_grade" and isinstance(arg, list) and len(arg) == 2:
        return ("grade", _ref(arg[0]), _ref(arg[1]))
    if key == "child_until_march31_after":
        return ("m31", _ref(arg), None)
    if key in ("late_elderly_age", "sex", "is_subject", "is_claimant"):
        return (key, arg, None)
    return None


def _ref(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"param"}:
        return ("param", value["param"])
    return value


class TriggerCompiler:
    """Splits each trigger's condition into its leading person tests (as atoms) and the rest, compiled
    with the catalog's own compiler. The rest is compiled once per trigger."""

    def __init__(self, facts: Mapping[str, FactDef], param_names: frozenset[str]) -> None:
        self.compiler = ConditionCompiler(facts, param_names)
        self._rest: dict[int, tuple[Trigger, tuple[AtomSpec, ...], Evaluator]] = {}

    def split(self, trigger: Trigger, person: bool) -> tuple[tuple[AtomSpec, ...], Evaluator]:
        # Keyed by identity (the catalog's triggers live as long as the planner); the trigger is kept in
        # the value so that its id cannot be reused by another object.
        hit = self._rest.get(id(trigger))
        if hit is None:
            hit = self._rest[id(trigger)] = (trigger, *self._split(trigger, person))
        return hit[1], hit[2]

    def _split(self, trigger: Trigger, person: bool) -> tuple[tuple[AtomSpec, ...], Evaluator]:
        source = trigger.when_source
        if not person or source is None:
            return (), trigger.when
        parts: list[object]
        if isinstance(source, list):
            parts = list(source)
        elif isinstance(source, dict) and len(source) == 1 and isinstance(source.get("all"), list):
            parts = list(source["all"])
        else:
            parts = [source]
        specs: list[AtomSpec] = []
        for part in parts:
            spec = atom_spec(part)
            if spec is None:
                break
            specs.append(spec)
        if not specs:
            return (), trigger.when
        try:
            about = trigger.about
            for part in parts[:len(specs)]:
                self.compiler.compile(part, "", person=True, about=about)  # the same checks as the catalog's
            rest_parts = parts[len(specs):]
            # One part left: that part alone (an `all` of one part decides as the part does; a TRUE
            # outcome never carries missing facts, so the witnesses pass through unchanged).
            rest = (_always_true if not rest_parts else
                    self.compiler.compile(rest_parts[0] if len(rest_parts) == 1 else rest_parts, "", person=True,
                                          about=about))
        except RuleFileError:  # not what the catalog compiled (a hand-made Trigger): no shortcut
            return (), trigger.when
        return tuple(specs), rest


def compile_agenda(compiler: TriggerCompiler, triggers: Sequence[tuple[Trigger, bool]],
                   params: Mapping[str, object]) -> tuple[list[CompiledTrigger], AtomGroups]:
    """The triggers of one agenda (event, day) with their atoms numbered, and the atoms with the day's
    parameters filled in."""
    index: dict[AtomSpec, int] = {}
    out: list[CompiledTrigger] = []
    for trigger, person in triggers:
        specs, rest = compiler.split(trigger, person)
        need = 0
        for spec in specs:
            bit = index.setdefault(spec, len(index))
            need |= 1 << bit
        rng = trigger.about if trigger.about in RANGES else None
        out.append(CompiledTrigger(trigger, rng, need, rest))
    return out, group_atoms(list(index), params)


class AtomGroups(NamedTuple):
    """An agenda's atoms by kind, each as (its bit, bound a, bound b), the day's parameters filled in:
    a member's age, grade … is then computed once and compared with every bound of its kind."""

    age: tuple[tuple[int, object, object], ...]
    grade: tuple[tuple[int, object, object], ...]
    m31: tuple[tuple[int, object, object], ...]
    late: tuple[tuple[int, object, object], ...]
    sex: tuple[tuple[int, object, object], ...]
    subject: tuple[tuple[int, object, object], ...]
    claimant: tuple[tuple[int, object, object], ...]
    # The bits of the age and grade tests for every age and grade a person can have (None when a bound
    # does not compare, e.g. a parameter not in force: the tests then run, and fail, per person).
    age_bits: dict[int, int] | None
    grade_bits: dict[int, int] | None


def age_bits(group: Sequence[tuple[int, object, object]], age: int) -> int:
    """The bits of ConditionCompiler._age: FALSE below gte, FALSE from lt on."""
    bits = 0
    for mask, a, b in group:
        if not (a is not NO_BOUND and age < a) and not (b is not NO_BOUND and age >= b):  # type: ignore[operator]
            bits |= mask
    return bits


def grade_bits(group: Sequence[tuple[int, object, object]], grade: int) -> int:
    """The bits of the school_grade test: low <= grade <= high."""
    bits = 0
    for mask, a, b in group:
        if a <= grade <= b:  # type: ignore[operator]
            bits |= mask
    return bits


def _table(test: Callable[[Sequence[tuple[int, object, object]], int], int],
           group: Sequence[tuple[int, object, object]], values: range) -> dict[int, int] | None:
    try:
        return {v: test(group, v) for v in values}
    except Exception:
        return None


_GROUP = {"age": 0, "grade": 1, "m31": 2, "late_elderly_age": 3, "sex": 4, "is_subject": 5, "is_claimant": 6}


def group_atoms(specs: Sequence[AtomSpec], params: Mapping[str, object]) -> AtomGroups:
    """Atom i of `specs` becomes bit i."""
    groups: list[list[tuple[int, object, object]]] = [[] for _ in _GROUP]
    for bit, (kind, a, b) in enumerate(specs):
        groups[_GROUP[kind]].append((1 << bit, _resolve(a, params), _resolve(b, params)))
    g = [tuple(x) for x in groups]
    return AtomGroups(g[0], g[1], g[2], g[3], g[4], g[5], g[6], _table(age_bits, g[0], range(131)),
                      _table(grade_bits, g[1], range(-20, 131)))


def _resolve(value: object, params: Mapping[str, object]) -> object:
    if isinstance(value, tuple):
        return params[value[1]]
    return value


def _always_true(ctx: EvalContext, person: Person | None) -> Outcome:
    return TRUE
