"""What a reception session holds (members, answers, inputs, the clerk's decisions, the plan) and the
bookkeeping around it: listeners, the reception id, the step timer, the idle clear. The clerk's actions
are in kakanai.app.workflow.ReceptionSession, built on this."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from kakanai.app.members import Member, WorkflowError
from kakanai.app.steps import Step
from kakanai.app.timing import StepTimer, utc_now
from kakanai.model import (
    AuditEntry,
    ClerkOverride,
    ErrorNote,
    Household,
    LifeEvent,
    Plan,
    PrintedNote,
    Question,
    Reception,
    ReceptionError,
    ReceptionLog,
    reception_to_dict,
)

Planner = Callable[[Reception], Plan]
DEFAULT_IDLE_SECONDS = 300.0


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
        self.event: LifeEvent | None = None
        self.event_date: date | None = None
        self._members: list[Member] = []
        self.household = Household()
        self.subject: tuple[str, ...] | None = None
        self.applicant: str | None = None
        self.form_inputs: dict[str, str] = {}
        self.overrides: list[ClerkOverride] = []
        # The audit, the printed documents and the errors shown belong to this reception alone (issue 15).
        self.log = ReceptionLog()
        self.plan: Plan | None = None
        self.plan_error: str | None = None
        self.plan_seconds = 0.0
        self._started: float | None = None
        self._last_activity = self._clock()
        self._notify()

    @property
    def audit(self) -> tuple[AuditEntry, ...]:
        return self.log.audit

    def _audit(self, entry: AuditEntry) -> None:
        self.log = self.log.with_audit(entry)

    def note_printed(self, form_id: str, person: str | None, pdf: bytes) -> None:
        """A document handed to the printer during this reception (goes with its record)."""
        self.log = self.log.with_printed(PrintedNote.of(form_id, person, pdf, self._now()))

    def note_error(self, code: str, message: str) -> None:
        """An error shown to the clerk during this reception (goes with its record)."""
        self.log = self.log.with_error(ErrorNote(code, message, self._now()))

    @property
    def members(self) -> tuple[Member, ...]:
        return tuple(self._members)

    @property
    def has_personal_data(self) -> bool:
        return bool(self._members or self.form_inputs or self.household.address or self.household.previous_address)

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.plan.questions if self.plan is not None else ()

    @property
    def visit_date(self) -> date:
        return self._today()

    def member(self, member_id: str) -> Member:
        for m in self._members:
            if m.id == member_id:
                return m
        raise WorkflowError(f"世帯員が見つかりません（{member_id}）", "member")

    def add_listener(self, callback: Callable[[], None]) -> None:
        """Called after every change (the UI refreshes what it shows)."""
        self._listeners.append(callback)

    def _notify(self) -> None:
        for callback in list(self._listeners):
            callback()

    # -- the model reception and the plan --------------------------------------------------------------
    def reception(self) -> Reception:
        if self.event is None or self.event_date is None:
            raise WorkflowError("ライフイベントを選んでください", "event")
        if not self._members:
            raise WorkflowError("来庁者（世帯員）を1人以上追加してください", "members")
        return Reception(event=self.event, event_date=self.event_date, household=self.household,
                         members=tuple(m.person for m in self._members), visit_date=self.visit_date,
                         subject=self.subject, applicant=self.applicant, office=self.office,
                         form_inputs=dict(self.form_inputs), overrides=tuple(self.overrides),
                         id=self.reception_id)

    def reception_dict(self) -> dict[str, Any]:
        return reception_to_dict(self.reception())

    def _replan(self) -> None:
        if self.event is None or not self._members:
            self.plan, self.plan_error = None, None
            return
        started = time.perf_counter()
        try:
            self.plan, self.plan_error = self._planner(self.reception()), None
        except ReceptionError as exc:
            self.plan, self.plan_error = None, _plan_problem(exc)
        self.plan_seconds = time.perf_counter() - started

    # -- idle ------------------------------------------------------------------------------------------
    def touch(self) -> None:
        self._last_activity = self._clock()

    def idle_for(self) -> float:
        return self._clock() - self._last_activity

    def check_idle(self) -> bool:
        """Clear a reception left alone longer than idle_seconds; True if it was cleared."""
        if self.idle_seconds <= 0 or (self.event is None and not self.has_personal_data):
            return False
        if self.idle_for() < self.idle_seconds:
            return False
        self.clear()
        return True


def _plan_problem(exc: ReceptionError) -> str:
    if exc.field == "subject":
        return "亡くなった方（または出生した子）を選んでください"
    return f"{exc.field}: {exc.message}"
