"""The hot path of Planner.plan, kept apart from engine.py: a plan for a household must stay well under a
millisecond, because the counter re-plans after every answer. Pure optimisations: the plan is exactly
the one the plain evaluators give (tests/unit/rules/test_prefilter.py, test_quick_facts.py).

- A trigger's leading person tests (age, sex, school grade …: never UNKNOWN, they look only at the
  person, the date and the parameters) become bits of the agenda (event, day; atoms.py). Each member's bits are
  worked out once per plan, with each age, grade and date computed once, and a member who fails one of
  a trigger's tests is rejected without running its condition. In Kleene's `all` a FALSE part makes the
  whole FALSE and a TRUE part adds nothing, so the rest of the condition decides alone after them.
- Whatever the plan asks about its members (ranges, labels, ages) is worked out once per plan (PlanRun)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kakanai.model import Person, PlannedProcedure, TraceEntry, Who
from kakanai.model.agelaw import (
    age_on,
    end_of_first_march31_after_attaining,
    late_elderly_start,
    school_grade,
)
from kakanai.model.i18n.resident import AND_OTHERS, OR, OUTSIDE
from kakanai.rules.atoms import AtomGroups, CompiledTrigger, age_bits, grade_bits
from kakanai.rules.catalog import ProcedureDef, Trigger
from kakanai.rules.claimants import Claimant, ClaimantRule, resolve_claimant
from kakanai.rules.logic import EvalContext, MissingFact, Outcome, Tri
from kakanai.rules.reasons import join_labels, member_labels

_T, _U = Tri.TRUE, Tri.UNKNOWN
_HOUSEHOLD = Who.HOUSEHOLD
_NOBODY: tuple[None] = (None,)
_NOT_APPLICABLE = "条件に該当しない"
# tuple.__new__ builds the same TraceEntry as its constructor, without the NamedTuple's Python-level
# __new__ frame (a plan makes about a hundred entries).
_tuple_new = tuple.__new__


# The procedures in force for an (event, day), each with its compiled triggers and their member ranges.
Agenda = list[tuple[ProcedureDef, tuple[CompiledTrigger, ...], frozenset[str | None]]]
MakePlanned = Callable[["PlanRun", ProcedureDef, Trigger, Person | None, Outcome, dict[MissingFact, list[str]]],
                       PlannedProcedure]


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
        self._claimants: dict[str, tuple[EvalContext, Claimant]] = {}

    def claimant_of(self, rule: ClaimantRule) -> tuple[EvalContext, Claimant]:
        """The context a procedure's conditions see (its claimant under the law, claimants.py) and that
        claimant; worked out once per rule and plan."""
        hit = self._claimants.get(rule.rule)
        if hit is None:
            ctx = self.ctx
            if rule.rule == "applicant":
                hit = (ctx, Claimant(ctx.claimant))
            else:
                found = resolve_claimant(rule, ctx.reception, ctx.person_facts, ctx.claimant)
                hit = (EvalContext(ctx.reception, ctx.on, ctx.params, ctx.person_facts, ctx.household_facts,
                                   found.person, ctx.cache, found.candidates, found.missing, found.outside), found)
            self._claimants[rule.rule] = hit
        return hit

    def claimant_label(self, claimant: Claimant) -> str:
        labels = self.labels()
        if claimant.person is not None:
            return labels[claimant.person.id]
        if claimant.candidates:
            return OR.join([*(labels[m.id] for m in claimant.candidates), *([OUTSIDE] if claimant.outside else [])])
        return OUTSIDE if claimant.outside else ""

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
        base = self.ctx
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
            # The law's claimant is worked out only when a condition is evaluated (most procedures are
            # ruled out by their members' atoms first).
            ctx: EvalContext | None = base if proc.claimant.rule == "applicant" else None
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
                    if ctx is None:
                        ctx = self.claimant_of(proc.claimant)[0]
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
                                   else subject[0] + AND_OTHERS.format(n=len(subject) - 1))
            labels["\0event"] = r.event.label
        return labels

    def reason_fields(self, person: Person | None, witnesses: tuple[str, ...],
                      claimant: Claimant | None = None) -> dict[str, str]:
        """The placeholders of a reason template (catalog.REASON_FIELDS) for one planned procedure;
        `claimant`: the procedure's own (claimants.py), else the 届出人."""
        labels = self.labels()
        common = self._common
        if common is None:
            applicant = self.ctx.claimant
            common = self._common = {
                "person": "", "name": "", "age": "", "members": "", "subject": labels["\0subject"],
                "claimant": labels[applicant.id] if applicant is not None else "", "event": labels["\0event"],
            }
        fields = common.copy()
        if person is not None:
            fields["person"] = labels[person.id]
            fields["name"] = person.name
            fields["age"] = str(self.age(person))
        if witnesses:
            fields["members"] = join_labels([labels[w] for w in witnesses])
        if claimant is not None:
            fields["claimant"] = self.claimant_label(claimant)
        return fields

    def age(self, person: Person) -> int:
        cache = self.ctx.cache
        years: int | None = cache.get(("age", person.id))  # the conditions' memo (conditions.py _age)
        if years is None:
            years = cache[("age", person.id)] = age_on(person.birth_date, self.ctx.on)
        return years
