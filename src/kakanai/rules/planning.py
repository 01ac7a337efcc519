"""The hot path of Planner.plan, kept apart from engine.py: a plan for a household must stay well under a
millisecond, because the counter re-plans after every answer. Pure optimisations: the plan is exactly
the one the plain evaluators give (tests/unit/rules/test_prefilter.py, test_quick_facts.py).

- A trigger's leading person tests (age, sex, school grade …: never UNKNOWN, they look only at the
  person, the date and the parameters) become bits of the agenda (event, day). Each member's bits are
  worked out once per plan, with each age, grade and date computed once, and a member who fails one of
  a trigger's tests is rejected without running its condition. In Kleene's `all` a FALSE part makes the
  whole FALSE and a TRUE part adds nothing, so the rest of the condition decides alone after them.
- Whatever the plan asks about its members (ranges, labels, ages) is worked out once per plan (PlanRun)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from kakanai.model import Person, PlannedProcedure, TraceEntry, Who
from kakanai.model.agelaw import (
    age_on,
    end_of_first_march31_after_attaining,
    late_elderly_start,
    school_grade,
)
from kakanai.rules.catalog import ProcedureDef, Trigger
from kakanai.rules.conditions import (
    PERSON_ATOMS,
    TRUE,
    ConditionCompiler,
    EvalContext,
    Evaluator,
    MissingFact,
    Outcome,
    Tri,
)
from kakanai.rules.facts import FactDef
from kakanai.rules.reasons import join_labels, member_labels
from kakanai.rules.yamlfile import RuleFileError

_T, _U = Tri.TRUE, Tri.UNKNOWN
_HOUSEHOLD = Who.HOUSEHOLD
_NOBODY: tuple[None] = (None,)
_NOT_APPLICABLE = "条件に該当しない"
_RANGES = ("subjects", "others", "claimant")  # about: household is every member: no test
# tuple.__new__ builds the same TraceEntry as its constructor, without the NamedTuple's Python-level
# __new__ frame (a plan makes about a hundred entries).
_tuple_new = tuple.__new__


class CompiledTrigger(NamedTuple):
    trigger: Trigger
    range: str | None  # about: "subjects" / "others" / "claimant"; None (household): every candidate
    need: int  # the leading person tests, as bits of the agenda's atoms (all must hold)
    rest: Evaluator  # the condition without those tests (the whole condition when there are none)


# The procedures in force for an (event, day), each with its compiled triggers and their member ranges.
Agenda = list[tuple[ProcedureDef, tuple[CompiledTrigger, ...], frozenset[str | None]]]
MakePlanned = Callable[["PlanRun", ProcedureDef, Trigger, Person | None, Outcome, dict[MissingFact, list[str]]],
                       PlannedProcedure]


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
        rng = trigger.about if trigger.about in _RANGES else None
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


class PlanRun:
    """What one plan works out about its members once: the ranges, the atom results, labels and ages."""

    def __init__(self, ctx: EvalContext, atoms: AtomGroups) -> None:
        self.ctx = ctx
        r = ctx.reception
        members = r.members
        subject = r.subject
        self.subject_ids = {m.id for m in members} if subject is None else {m.id for m in members
                                                                             if m.id in subject}
        self.others_ids = set() if subject is None else {m.id for m in members if m.id not in subject}
        self.claimant_ids = {ctx.claimant.id} if ctx.claimant is not None else set()
        self.ranges = {"subjects": self.subject_ids, "others": self.others_ids, "claimant": self.claimant_ids}
        self.atoms = atoms
        self.bits: dict[str, int] = {}
        self._candidates: dict[frozenset[str | None], Sequence[Person]] = {}
        self._labels: dict[str, str] | None = None
        self._common: dict[str, str] | None = None

    def candidates(self, ranges: frozenset[str | None]) -> Sequence[Person]:
        """The members a person procedure is evaluated for (the union of its triggers' ranges)."""
        out = self._candidates.get(ranges)
        if out is None:
            r = self.ctx.reception
            if "household" in ranges:
                out = r.members
            else:
                subj = self.subject_ids if "subjects" in ranges else ()
                others = self.others_ids if "others" in ranges and r.subject is not None else ()
                claimant = self.claimant_ids if "claimant" in ranges else ()
                out = [m for m in r.members if m.id in subj or m.id in others or m.id in claimant]
            self._candidates[ranges] = out
        return out

    def run(self, agenda: Agenda, disabled: frozenset[str], make: MakePlanned) -> tuple[
            list[PlannedProcedure], list[TraceEntry], dict[MissingFact, list[str]]]:
        """Every procedure of the agenda for each candidate: planned by the first trigger that is TRUE,
        else waiting on the first UNKNOWN trigger's facts, else not applicable; one trace line each."""
        ctx = self.ctx
        ranges_of, bits_of = self.ranges, self.bits
        planned: list[PlannedProcedure] = []
        trace: list[TraceEntry] = []
        missing: dict[MissingFact, list[str]] = {}
        append = trace.append
        for proc, triggers, ranges in agenda:
            proc_id = proc.id
            if proc_id in disabled:
                append(_tuple_new(TraceEntry, (proc_id, None, "disabled", "市町村の設定で無効")))
                continue
            for person in (_NOBODY if proc.who is _HOUSEHOLD else self.candidates(ranges)):
                pid = person.id if person is not None else None
                first_unknown: Outcome | None = None
                bits: int | None = None
                for trigger, rng, need, evaluate in triggers:
                    if pid is not None:
                        if rng is not None and pid not in ranges_of[rng]:
                            continue
                        if need:
                            if bits is None:
                                bits = bits_of.get(pid)
                                if bits is None:
                                    bits = self.member_bits(person)  # type: ignore[arg-type]
                            if bits < 0:
                                evaluate = trigger.when
                            elif bits & need != need:
                                continue
                    out = evaluate(ctx, person)
                    tri = out.tri
                    if tri is _T:
                        item = make(self, proc, trigger, person, out, missing)
                        planned.append(item)
                        append(_tuple_new(TraceEntry, (proc_id, pid, "planned", item.reason)))
                        break
                    if tri is _U and first_unknown is None:
                        first_unknown = out
                else:
                    if first_unknown is not None:
                        for m in first_unknown.missing:
                            missing.setdefault(m, []).append(proc_id)
                        facts = "、".join(f for f, _ in first_unknown.missing)
                        append(_tuple_new(TraceEntry, (proc_id, pid, "needs_answer", f"回答待ち: {facts}")))
                    else:
                        append(_tuple_new(TraceEntry, (proc_id, pid, "not_applicable", _NOT_APPLICABLE)))
        return planned, trace, missing

    def member_bits(self, person: Person) -> int:
        """Which of the agenda's atoms hold for the person (bit i: atom i), each as
        ConditionCompiler._person_atom decides it, with every date computed at most once.

        -1 when one of them fails (a date out of range): the person's triggers then run their whole
        condition, which fails, or not, exactly where the plain evaluation does."""
        try:
            bits = self._member_bits(person)
        except Exception:
            bits = -1
        self.bits[person.id] = bits
        return bits

    def _member_bits(self, person: Person) -> int:
        ctx = self.ctx
        on, birth, pid, cache = ctx.on, person.birth_date, person.id, ctx.cache
        g = self.atoms
        bits = 0
        if g.age:
            age = self.age(person)
            found = g.age_bits.get(age) if g.age_bits is not None else None
            bits |= age_bits(g.age, age) if found is None else found
        if g.grade:
            grade = cache.get(("grade", pid))  # shared with conditions.py's memo
            if grade is None:
                grade = cache[("grade", pid)] = school_grade(birth, on)
            found = g.grade_bits.get(grade) if g.grade_bits is not None else None
            bits |= grade_bits(g.grade, grade) if found is None else found
        for mask, a, _ in g.m31:
            key = ("m31", pid, a)  # shared with conditions.py's memo (the quantifiers ask it too)
            end = cache.get(key)
            if end is None:
                end = cache[key] = end_of_first_march31_after_attaining(birth, a)  # type: ignore[arg-type]
            if on <= end:
                bits |= mask
        if g.late:
            late = on >= late_elderly_start(birth)
            for mask, a, _ in g.late:
                if late == a:
                    bits |= mask
        for group, value in ((g.sex, person.sex.value if g.sex else None),
                             (g.subject, ctx.reception.is_subject(pid) if g.subject else None)):
            for mask, a, _ in group:
                if value == a:
                    bits |= mask
        claimant = ctx.claimant
        for mask, a, _ in g.claimant:
            if claimant is not None and (pid == claimant.id) == a:
                bits |= mask
        return bits

    def labels(self) -> dict[str, str]:
        """「長女 花子さん（7歳）」 for every member, computed once per plan (reasons use them often)."""
        labels = self._labels
        if labels is None:
            ctx = self.ctx
            r = ctx.reception
            labels = self._labels = member_labels(r, ctx.person_facts, ctx.on)
            subject = [labels[m.id] for m in r.subject_members()]
            # The subject as one phrase: 「世帯主 太郎さん（40歳）ほか3人」 past two people.
            labels["\0subject"] = (join_labels(subject) if len(subject) <= 2
                                   else f"{subject[0]}ほか{len(subject) - 1}人")
            labels["\0event"] = r.event.label
        return labels

    def reason_fields(self, person: Person | None, witnesses: tuple[str, ...]) -> dict[str, str]:
        """The placeholders of a reason template (catalog.REASON_FIELDS) for one planned procedure."""
        labels = self.labels()
        common = self._common
        if common is None:
            claimant = self.ctx.claimant
            common = self._common = {
                "person": "", "name": "", "age": "", "members": "", "subject": labels["\0subject"],
                "claimant": labels[claimant.id] if claimant is not None else "", "event": labels["\0event"],
            }
        fields = common.copy()
        if person is not None:
            fields["person"] = labels[person.id]
            fields["name"] = person.name
            fields["age"] = str(self.age(person))
        if witnesses:
            fields["members"] = join_labels([labels[w] for w in witnesses])
        return fields

    def age(self, person: Person) -> int:
        cache = self.ctx.cache
        years: int | None = cache.get(("age", person.id))  # the conditions' memo (conditions.py _age)
        if years is None:
            years = cache[("age", person.id)] = age_on(person.birth_date, self.ctx.on)
        return years
