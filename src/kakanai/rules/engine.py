"""plan_reception: evaluate a reception against the catalog into a Plan with reasons, deadlines and the
questions still open. Every evaluation leaves a line in the trace (OpenFisca style), so a clerk or an
auditor can see why a procedure was or was not planned."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kakanai.model import (
    FactValue,
    LifeEvent,
    Mode,
    OverrideAction,
    Person,
    Plan,
    PlannedProcedure,
    Reception,
    ReceptionError,
    RemovedProcedure,
    TraceEntry,
    Who,
)
from kakanai.model.applicant import choose_claimant
from kakanai.model.i18n.resident import OVERDUE
from kakanai.rules.atoms import AtomGroups, CompiledTrigger, TriggerCompiler, compile_agenda
from kakanai.rules.calendar import Counting, Deadline, OfficeCalendar, compute_deadline
from kakanai.rules.catalog import DeadlineRule, ProcedureDef, Trigger
from kakanai.rules.claimants import Claimant
from kakanai.rules.derivations import Derivation, derive
from kakanai.rules.facts import (
    FactDef,
    FactScope,
    QuickFacts,
    check_late_elderly_values,
    question_templates,
    questions,
)
from kakanai.rules.household_checks import check_household
from kakanai.rules.logic import EvalContext, MissingFact, Outcome, Tri
from kakanai.rules.municipality import Municipality
from kakanai.rules.planning import PlanRun


@dataclass(frozen=True)
class Catalog:
    facts: Mapping[str, FactDef]
    procedures: tuple[ProcedureDef, ...]
    version: str
    derivations: tuple[Derivation, ...] = ()  # facts the law decides (derivations.yaml), never asked

    def by_event(self, event: LifeEvent, day: date, judged_on: str | None = None) -> list[
            tuple[ProcedureDef, tuple[Trigger, ...]]]:
        """The procedures in force on `day` with triggers for `event` (only those judged on `judged_on`:
        event_date / visit_date, when given)."""
        return [(p, t) for p, t in self._index()[event]
                if p.in_force(day) and (judged_on is None or p.judged_on.date == judged_on)]

    def _index(self) -> dict[LifeEvent, list[tuple[ProcedureDef, tuple[Trigger, ...]]]]:
        index: dict[LifeEvent, list[tuple[ProcedureDef, tuple[Trigger, ...]]]] | None = self.__dict__.get("_by_event")
        if index is None:
            index = {e: [(p, t) for p in self.procedures if (t := p.triggers_for(e))] for e in LifeEvent}
            object.__setattr__(self, "_by_event", index)  # a memo on a frozen dataclass
        return index

    def procedure(self, proc_id: str, day: date) -> ProcedureDef | None:
        return next((p for p in self.procedures if p.id == proc_id and p.in_force(day)), None)


def canonical_facts(facts: Mapping[str, FactDef], reception: Reception) -> tuple[
        dict[str, dict[str, FactValue]], dict[str, FactValue]]:
    """Check every given fact against the catalog (id, scope, value) and return canonical values.

    The JSON path of a field is only built when something is wrong (this runs on every re-plan)."""
    person_facts: dict[str, dict[str, FactValue]] = {}
    for i, member in enumerate(reception.members):
        out: dict[str, FactValue] = {}
        for key, value in member.facts.items():
            fact = facts.get(key)
            if fact is None or fact.scope is not _PERSON:
                raise ReceptionError(f"members[{i}].facts.{key}", "知らない事実IDです" if fact is None else
                                     "世帯の事実です（household.facts に書いてください）")
            try:
                out[key] = fact.coerce(value, "")
            except ReceptionError as exc:
                raise ReceptionError(f"members[{i}].facts.{key}", exc.message) from None
        person_facts[member.id] = out
    household: dict[str, FactValue] = {}
    for key, value in reception.household.facts.items():
        fact = facts.get(key)
        if fact is None or fact.scope is _PERSON:
            raise ReceptionError(f"household.facts.{key}", "知らない事実IDです" if fact is None else
                                 "人ごとの事実です（members[].facts に書いてください）")
        try:
            household[key] = fact.coerce(value, "")
        except ReceptionError as exc:
            raise ReceptionError(f"household.facts.{key}", exc.message) from None
    return person_facts, household


_PERSON = FactScope.PERSON


def check_reception(facts: Mapping[str, FactDef], reception: Reception,
                    person_facts: Mapping[str, Mapping[str, FactValue]]) -> None:
    """ReceptionError for a household no plan can be right for: one the law makes impossible
    (household_checks), or a value the law no longer leaves a member by age (late_elderly_values)."""
    check_household(reception, person_facts)
    check_late_elderly_values(facts, reception, person_facts)


def resolve_subject(reception: Reception) -> Reception:
    """Births default to the member(s) born on the event date; a death must name the deceased."""
    if reception.subject is not None:
        return reception
    if reception.event is LifeEvent.BIRTH:
        newborns = tuple(m.id for m in reception.members if m.birth_date == reception.event_date)
        if not newborns:
            raise ReceptionError("subject", "出生した子を subject で指定してください（生年月日が出生日の世帯員がいません）")
        return _with_subject(reception, newborns)
    if reception.event is LifeEvent.DEATH:
        raise ReceptionError("subject", "亡くなった方を subject で指定してください")
    return reception


def _with_subject(reception: Reception, subject: tuple[str, ...]) -> Reception:
    return replace(reception, subject=subject)


def judgement_days(reception: Reception) -> list[tuple[str | None, date]]:
    """The dates a plan judges on, each for the procedures judged on it (catalog.JudgedOn): the event
    date for notifications, the visit date for claims, never before the event (a claim made ahead of a
    move-out is judged on the move). One date for all when the two are the same day (the common case)."""
    visit = max(reception.effective_visit_date, reception.event_date)
    if visit == reception.event_date:
        return [(None, reception.event_date)]
    return [("event_date", reception.event_date), ("visit_date", visit)]


# A module-level alias for the hot loop (an Enum member lookup on the class goes through a descriptor).
_HERE = Mode.HERE
_Agenda = tuple[list[tuple[ProcedureDef, tuple[CompiledTrigger, ...], frozenset[str | None]]], AtomGroups,
                dict[str, Any]]


@dataclass(frozen=True)
class _Static:
    mode: Mode
    department: str
    department_name: str
    counter: str
    main_counter: str
    title: str
    bring: tuple[str, ...]
    forms: tuple[str, ...]
    reason: str  # the trigger's template
    deadline: DeadlineRule | None  # the trigger's, else the procedure's


class Planner:
    def __init__(self, catalog: Catalog, municipality: Municipality) -> None:
        self.catalog = catalog
        self.municipality = municipality
        self.calendar = OfficeCalendar(municipality.local_holidays)
        self._deadlines: dict[tuple[date, int, Counting], Deadline] = {}  # the calendar never changes
        self._statics: dict[tuple[int, int], _Static] = {}
        self._main_office = municipality.main_office
        self._offices = dict(municipality.offices)
        self._order: dict[str, int] = {}
        for proc in catalog.procedures:
            self._order.setdefault(proc.id, proc.order)
        self._questions = question_templates(catalog.facts)  # questions in the catalog's order
        self._dept_order = {k: i for i, k in enumerate(municipality.departments)}
        self._disabled = frozenset(k for k, o in municipality.overrides.items() if not o.enabled)
        # The procedures in force for (event, day), with the member ranges their triggers cover: the same
        # few event dates are planned again and again while the clerk answers questions.
        # With each trigger's leading person tests as atoms of the agenda, the day's parameters filled in.
        self._agenda: dict[tuple[LifeEvent, date, str | None], _Agenda] = {}
        self._triggers = TriggerCompiler(catalog.facts, frozenset(municipality.params))
        self._quick = QuickFacts(catalog.facts)

    def _agenda_for(self, event: LifeEvent, day: date, judged_on: str | None) -> _Agenda:
        key = (event, day, judged_on)
        agenda = self._agenda.get(key)
        if agenda is None:
            if len(self._agenda) > 256:
                self._agenda.clear()
            procs = self.catalog.by_event(event, day, judged_on)
            # The parameters depend on the day only; the conditions read them and never change them.
            params = self.municipality.params_on(day)
            compiled, atoms = compile_agenda(self._triggers, [(x, p.who is Who.PERSON) for p, t in procs for x in t],
                                             params)
            items = iter(compiled)
            agenda = self._agenda[key] = ([(p, tuple(next(items) for _ in t), frozenset(x.about for x in t))
                                           for p, t in procs], atoms, params)
        return agenda

    def plan(self, reception: Reception) -> Plan:
        reception = resolve_subject(reception)
        person_facts, household_facts = self._quick.canonical(self.catalog.facts, reception)
        check_reception(self.catalog.facts, reception, person_facts)
        if reception.office is not None and reception.office not in self.municipality.offices:
            raise ReceptionError("office", f"市町村パラメータにない庁舎です（{reception.office}）")
        claimant = choose_claimant(reception, person_facts)
        planned: list[PlannedProcedure] = []
        trace: list[TraceEntry] = []
        if self.catalog.derivations:
            # The facts the law decides come first (国籍法2条1号 …): the rules then see them as answered.
            day = reception.event_date
            trace += derive(self.catalog.derivations, EvalContext(
                reception=reception, on=day, params=self.municipality.params_on(day), person_facts=person_facts,
                household_facts=household_facts, claimant=claimant), person_facts)
        missing: dict[MissingFact, list[str]] = {}
        runs: dict[str, PlanRun] = {}
        for judged_on, day in judgement_days(reception):
            agenda, atoms, params = self._agenda_for(reception.event, day, judged_on)
            ctx = EvalContext(reception=reception, on=day, params=params, person_facts=person_facts,
                              household_facts=household_facts, claimant=claimant)
            run = runs[judged_on or "event_date"] = PlanRun(ctx, atoms)
            p, t, m = run.run(agenda, self._disabled, self._planned)
            planned += p
            trace += t
            for fact, procs in m.items():
                missing.setdefault(fact, []).extend(procs)
        planned, removed = self._apply_overrides(runs, planned, trace)
        dept_order = self._dept_order
        member_order = {m.id: i for i, m in enumerate(reception.members)}
        planned.sort(key=lambda p: (dept_order.get(p.department, len(dept_order)), self._order[p.id],
                                    member_order.get(p.person or "", -1)))
        return Plan(event=reception.event, event_date=reception.event_date, procedures=tuple(planned),
                    questions=questions(self._questions, reception, missing),
                    trace=tuple(trace), removed=tuple(removed),
                    rules_version=self.catalog.version)

    # -- the planned procedure -----------------------------------------------------------------------
    def _static(self, proc: ProcedureDef, trigger: Trigger) -> _Static:
        """What does not depend on the household: mode, department and counter after the municipality's
        overrides, title, what to bring. Computed once per (procedure, trigger)."""
        key = (id(proc), id(trigger))
        static = self._statics.get(key)
        if static is None:
            override = self.municipality.overrides.get(proc.id)
            mode = trigger.mode or proc.mode
            if override is not None and override.mode is not None:
                mode = override.mode
            dept_key = override.department if override is not None and override.department else proc.department
            department = self.municipality.departments[dept_key]
            static = self._statics[key] = _Static(
                mode=mode, department=dept_key, department_name=department.name,
                counter=department.full_counter,
                main_counter=f"{self._main_office.name} {department.name} {department.full_counter}".strip(),
                title=override.title if override and override.title else proc.title,
                bring=override.bring if override and override.bring is not None else proc.bring + trigger.bring,
                forms=proc.forms if mode is Mode.HERE else (),
                reason=trigger.reason, deadline=trigger.deadline or proc.deadline,
            )
        return static

    def _planned(self, run: PlanRun, proc: ProcedureDef, trigger: Trigger, person: Person | None,
                 outcome: Outcome, missing: dict[MissingFact, list[str]]) -> PlannedProcedure:
        ctx = run.ctx
        r = ctx.reception
        st = self._static(proc, trigger)
        mode, counter, forms = st.mode, st.counter, st.forms
        if r.office is not None:
            office = self._offices[r.office]
            if not office.main and office.accepts is not None and proc.id not in office.accepts and mode is _HERE:
                # 支所 that does not accept this procedure: send the resident to the main office's counter.
                mode, counter, forms = Mode.GUIDANCE, st.main_counter, ()
        claimant = run.claimant_of(proc.claimant)[1]
        # The claimant by law goes with the plan, so the forms print the person the reason names.
        by_law = None if proc.claimant.rule == "applicant" else claimant_id(claimant)
        fields = run.reason_fields(person, outcome.witnesses, claimant)
        for fact in claimant.missing:  # planned, but whom the law makes the claimant is still to ask
            missing.setdefault(fact, []).append(proc.id)
        rule = st.deadline
        deadline, note = (None, "") if rule is None else self._deadline(ctx, rule, proc.id, missing)
        return PlannedProcedure.build(
            proc.id, st.title, person.id if person is not None else None, mode, st.reason.format_map(fields),
            st.department, st.department_name, counter, deadline, note, st.bring, forms, proc.legal_basis, by_law,
            outcome.witnesses)

    def _deadline(self, ctx: EvalContext, rule: DeadlineRule | None, proc_id: str,
                  missing: dict[MissingFact, list[str]]) -> tuple[date | None, str]:
        if rule is None:
            return None, ""
        if rule.days is None:
            return None, rule.note
        if rule.base == "event_date":
            start: object = ctx.reception.event_date
        elif rule.base == "visit_date":
            start = ctx.reception.effective_visit_date
        else:
            start = ctx.household_facts.get(rule.base)
            if start is None:
                missing.setdefault((rule.base, None), []).append(proc_id)
                return None, f"{rule.note}（日付をお聞きください）"
        assert isinstance(start, date)
        key = (start, rule.days, rule.counting)
        due = self._deadlines.get(key)
        if due is None:
            if len(self._deadlines) > 4096:  # a long-running counter process: keep the memo small
                self._deadlines.clear()
            due = self._deadlines[key] = compute_deadline(start, rule.days, rule.counting, self.calendar)
        note = rule.note
        if due.moved_because:
            note += f"（{'、'.join(due.moved_because)}のため翌開庁日）"
        if due.due < ctx.reception.effective_visit_date:  # said, not refused (kakanai.model.i18n.resident)
            note = OVERDUE.format(note=note)
        return due.due, note

    def _judged(self, runs: Mapping[str, PlanRun], proc_id: str) -> tuple[PlanRun, ProcedureDef] | None:
        """The run (date) a procedure is judged on and its version in force that day."""
        for key, run in runs.items():
            proc = self.catalog.procedure(proc_id, run.ctx.on)
            if proc is not None and (len(runs) == 1 or proc.judged_on.date == key):
                return run, proc
        return None

    def _apply_overrides(self, runs: Mapping[str, PlanRun], planned: list[PlannedProcedure],
                         trace: list[TraceEntry]) -> tuple[list[PlannedProcedure], list[RemovedProcedure]]:
        ctx = runs["event_date"].ctx
        removed: list[RemovedProcedure] = []
        for o in ctx.reception.overrides:
            if o.action is OverrideAction.REMOVE:
                keep = [p for p in planned if not (p.id == o.procedure and p.person == o.person)]
                if len(keep) == len(planned):
                    raise ReceptionError("overrides", f"計画にない手続は外せません（{o.procedure}）")
                planned = keep
                removed.append(RemovedProcedure(o.procedure, o.person, o.reason))
                trace.append(TraceEntry(o.procedure, o.person, "removed_by_clerk", o.reason))
                continue
            found = self._judged(runs, o.procedure)
            if found is None:
                raise ReceptionError("overrides", f"知らない手続です（{o.procedure}）")
            run, proc = found
            if (proc.who is Who.PERSON) != (o.person is not None):
                raise ReceptionError("overrides", f"{o.procedure} は{'人ごと' if proc.who is Who.PERSON else '世帯'}の手続です")
            if any(p.id == o.procedure and p.person == o.person for p in planned):
                continue
            person = ctx.reception.member(o.person) if o.person else None
            trigger = Trigger(events=frozenset(), about="household", when=lambda c, p: Outcome(Tri.TRUE),
                              reason=f"窓口で追加: {o.reason}", mode=None, deadline=None, where="clerk")
            item = self._planned(run, proc, trigger, person, Outcome(Tri.TRUE), {})
            planned.append(_clerk_added(item))
            trace.append(TraceEntry(o.procedure, o.person, "added_by_clerk", o.reason))
        return planned, removed


def claimant_id(claimant: Claimant) -> str | None:
    """PlannedProcedure.claimant: the member, "" for someone outside the household, None while undecided."""
    if claimant.person is not None:
        return claimant.person.id
    return "" if claimant.outside and not claimant.candidates else None


def _clerk_added(item: PlannedProcedure) -> PlannedProcedure:
    return replace(item, added_by_clerk=True)
