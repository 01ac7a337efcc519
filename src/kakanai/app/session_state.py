"""What a reception session holds and the bookkeeping around it: listeners, the reception id, the step
timer, the idle clear. The clerk's actions are in kakanai.app.workflow.ReceptionSession, built on this.

The reception itself is ONE immutable value (issue 15): `value`, a model Reception (None until a life
event is chosen or a pre-entry brings one). Every clerk action replaces it with a new one
(dataclasses.replace); a pre-entry QR and a resumed reception are merges into it. Beside it the session
keeps the Plan made from it and the reception's log (audit, where each member came from, printed
documents with their hashes, errors shown; the step times at the end). Clearing drops all three, so
nothing reaches the next household."""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from kakanai.app.steps import Step
from kakanai.app.timing import StepTimer, utc_now
from kakanai.model import (
    AuditEntry,
    ClerkOverride,
    ErrorNote,
    Household,
    LifeEvent,
    Person,
    Plan,
    PrintedNote,
    Question,
    Reception,
    ReceptionError,
    ReceptionLog,
    RefusedAnswer,
)
from kakanai.model.members import Member, MemberSource, WorkflowError
from kakanai.model.reception_edit import RELATIONSHIP_FACT, subject_role, with_fact, with_person
from kakanai.model.reception_edit import subject_summary as summary_of

Planner = Callable[[Reception], Plan]
DEFAULT_IDLE_SECONDS = 300.0
# The idle clear is announced this long before, with 「延長」 (issue 17: it hit long おくやみ conversations).
IDLE_WARNING_SECONDS = 60.0


class SessionState:
    def __init__(self, planner: Planner, *, clock: Callable[[], float] = time.monotonic,
                 today: Callable[[], date] = date.today, idle_seconds: float = DEFAULT_IDLE_SECONDS,
                 office: str | None = None, now: Callable[[], datetime] = utc_now) -> None:
        self._planner = planner
        self._clock = clock
        self._now = now
        self._today = today
        self.idle_seconds = idle_seconds
        self.office = office
        self._listeners: list[Callable[[], None]] = []
        self.clear()

    # -- state -----------------------------------------------------------------------------------------
    def clear(self) -> None:
        """Drop every piece of personal data and start over at the event choice."""
        self.step = Step.EVENT
        # Made here, not when recorded: the guidance sheet printed during the visit carries it as a QR.
        self.reception_id = str(uuid.uuid4())
        self.continues: str | None = None
        self._timer = StepTimer(self._clock, self._now)
        self.value: Reception | None = None
        self.log = ReceptionLog()
        self.plan: Plan | None = None
        self.plan_error: str | None = None
        self.plan_seconds = 0.0
        self._started: float | None = None
        self._last_activity = self._clock()
        self._notify()

    # -- views of the value (read-only: every change goes through an action) ---------------------------
    @property
    def event(self) -> LifeEvent | None:
        return self.value.event if self.value is not None else None

    @property
    def event_date(self) -> date | None:
        return self.value.event_date if self.value is not None else None

    @property
    def household(self) -> Household:
        return self.value.household if self.value is not None else Household()

    @property
    def subject(self) -> tuple[str, ...] | None:
        return self.value.subject if self.value is not None else None

    @property
    def subject_role(self) -> str | None:
        """「亡くなった方」/「出生した子」, or None for an event about everyone."""
        return subject_role(self.event)

    @property
    def subject_required(self) -> bool:
        """A death is about the deceased only, and nobody is presumed (issue 17: the widow's card read
        first made her the deceased). A birth's newborn is derived from the typed birth date."""
        return self.event is LifeEvent.DEATH

    def subject_summary(self) -> str | None:
        """The line shown before the interview: 「亡くなった方: 渡邊 髙雄 様」 (None: no subject role)."""
        return summary_of(self.value) if self.value is not None else None

    @property
    def applicant(self) -> str | None:
        return self.value.applicant if self.value is not None else None

    @property
    def form_inputs(self) -> Mapping[str, str]:
        return self.value.form_inputs if self.value is not None else {}

    @property
    def overrides(self) -> tuple[ClerkOverride, ...]:
        return self.value.overrides if self.value is not None else ()

    @property
    def members(self) -> tuple[Member, ...]:
        return tuple(Member(p, MemberSource(self.log.sources.get(p.id, MemberSource.TYPED.value)))
                     for p in self._people())

    @property
    def audit(self) -> tuple[AuditEntry, ...]:
        return self.log.audit

    @property
    def has_personal_data(self) -> bool:
        h = self.household
        return bool((self.value is not None and (self.value.members or self.value.form_inputs))
                    or h.address or h.previous_address)

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.plan.questions if self.plan is not None else ()

    @property
    def visit_date(self) -> date:
        return self._today()

    def _people(self) -> tuple[Person, ...]:
        return self.value.members if self.value is not None else ()

    def _answered(self, person: Person) -> bool:
        """Whether `person` has an interview answer: a fact besides the 続柄 and what their card proved."""
        proved = self.log.proved.get(person.id, {})
        return any(fact != RELATIONSHIP_FACT and (fact not in proved or proved[fact] != value)
                   for fact, value in person.facts.items())

    def member(self, member_id: str) -> Member:
        for m in self.members:
            if m.id == member_id:
                return m
        raise WorkflowError(f"世帯員が見つかりません（{member_id}）", "member")

    # -- changing the value ----------------------------------------------------------------------------
    def _set(self, **changes: Any) -> Reception:
        if self.value is None:
            raise WorkflowError("ライフイベントを選んでください", "event")
        self.value = replace(self.value, **changes)
        return self.value

    def _set_person(self, member_id: str, change: Callable[[Person], Person]) -> None:
        self.member(member_id)
        self.value = with_person(self._set(), member_id, change)

    def _audit(self, entry: AuditEntry) -> None:
        self.log = self.log.with_audit(entry)

    def note_printed(self, form_id: str, person: str | None, pdf: bytes) -> None:
        """A document handed to the printer during this reception (goes with its record)."""
        self.log = self.log.with_printed(PrintedNote.of(form_id, person, pdf, self._now()))

    def note_error(self, code: str, message: str) -> None:
        """An error shown to the clerk during this reception (goes with its record)."""
        self.log = self.log.with_error(ErrorNote(code, message, self._now()))

    def add_listener(self, callback: Callable[[], None]) -> None:
        """Called after every change (the UI refreshes what it shows)."""
        self._listeners.append(callback)

    def _notify(self) -> None:
        for callback in list(self._listeners):
            callback()

    # -- the model reception and the plan --------------------------------------------------------------
    def reception(self) -> Reception:
        """The value as `kakanai plan` takes it, with today's visit date and this counter's office."""
        if self.value is None:
            raise WorkflowError("ライフイベントを選んでください", "event")
        if not self.value.members:
            raise WorkflowError("来庁者（世帯員）を1人以上追加してください", "members")
        return replace(self.value, visit_date=self.visit_date, office=self.office, id=self.reception_id)

    def _replan(self) -> None:
        if self.value is None or not self.value.members:
            self.plan, self.plan_error = None, None
            return
        started = time.perf_counter()
        while True:
            try:
                self.plan, self.plan_error = self._planner(self.reception()), None
            except ReceptionError as exc:
                if isinstance(exc, RefusedAnswer) and exc.fact in self.value.member(exc.member).facts:
                    # An answer the law no longer allows after an edit (a birth date or the 異動日 moved past
                    # the 75th birthday: 後期高齢者医療 only) is forgotten, so that it is asked again with
                    # the values that are left, instead of leaving the interview stuck on an error.
                    self.value = without_answer(self.value, exc.member, exc.fact)
                    continue
                self.plan, self.plan_error = None, _plan_problem(exc)
            break
        self.plan_seconds = time.perf_counter() - started

    # -- idle ------------------------------------------------------------------------------------------
    def touch(self) -> None:
        self._last_activity = self._clock()

    def idle_for(self) -> float:
        return self._clock() - self._last_activity

    @property
    def needs_confirmation(self) -> bool:
        """Finishing or starting anew would drop a reception nothing has been printed for yet: the clerk
        is asked first (issue 17: 「受付を終了して次の方へ」 and Ctrl+N wiped it without a question)."""
        return self.has_personal_data and not self.log.printed

    def idle_left(self) -> float | None:
        """Seconds until the idle clear, or None when nothing would be cleared (or it is switched off)."""
        if self.idle_seconds <= 0 or (self.event is None and not self.has_personal_data):
            return None
        return max(0.0, self.idle_seconds - self.idle_for())

    def idle_warning(self) -> int | None:
        """Whole seconds left when the clear is near enough to announce (the last IDLE_WARNING_SECONDS)."""
        left = self.idle_left()
        if left is None or left > IDLE_WARNING_SECONDS:
            return None
        return math.ceil(left)

    def check_idle(self) -> bool:
        """Clear a reception left alone longer than idle_seconds; True if it was cleared."""
        left = self.idle_left()
        if left is None or left > 0:
            return False
        self.clear()
        return True


def without_answer(reception: Reception, member_id: str, fact: str) -> Reception:
    return with_person(reception, member_id, lambda p: with_fact(p, fact, None))


def _plan_problem(exc: ReceptionError) -> str:
    if exc.field == "subject":
        return "亡くなった方（または出生した子）を選んでください"
    return f"{exc.field}: {exc.message}"
