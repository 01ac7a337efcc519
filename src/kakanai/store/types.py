"""What the store takes and gives: frozen dataclasses built from kakanai.model, never ORM rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from kakanai.model import Plan, Reception

DEFAULT_OFFICE = "main"


def utcnow() -> datetime:
    """Naive UTC, the stored convention (see schema)."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_reception_id() -> str:
    return str(uuid.uuid4())


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return {"clerk": "窓口職員", "supervisor": "責任者", "administrator": "管理者"}[self.value]


@dataclass(frozen=True)
class StepTiming:
    step: str  # the workflow step's name ("members", "interview", …)
    started_at: datetime
    seconds: float


@dataclass(frozen=True)
class PrintedDocument:
    form_id: str
    person: str | None
    content_hash: str  # SHA-256 of the PDF: proves later what exactly was handed over
    printed_at: datetime


@dataclass(frozen=True)
class ShownError:
    code: str
    message: str
    at: datetime


@dataclass(frozen=True)
class RecordInput:
    """One finished reception as the counter hands it over. The id is made by kakanai (at the counter,
    or by `kakanai record`), so a record spooled while the database was down is delivered exactly once
    (the id is the idempotency key). An id a client supplied is only an `external_ref`."""

    reception: Reception
    plan: Plan
    office: str
    counter: str
    staff: str
    started_at: datetime
    finished_at: datetime
    id: str = field(default_factory=new_reception_id)
    business_day: date | None = None  # the day the number belongs to; None = finished_at's local date
    steps: tuple[StepTiming, ...] = ()
    documents: tuple[PrintedDocument, ...] = ()
    errors: tuple[ShownError, ...] = ()
    # The reception this one goes on from (its id scanned from the guidance sheet's QR at another
    # counter). Only an id, never a reference: the earlier record may be purged or still in a spool.
    continues: str | None = None
    # The id the reception JSON carried (another system's key). Unique: the same reference again with
    # the same content is the same reception (no second record); with other content it is refused.
    external_ref: str | None = None
    # 本人確認 (migration 0004): which identity document was shown, a code of the model's IdentityDocument
    # ("mynumber_card", "drivers_license", …). A kind, not a document number: kept after the purge.
    identity_document: str | None = None
    # The resident's confirmations of the resident screen (issue 19), each "by: language digest" (who
    # confirmed — the resident or the clerk's key — the language shown and a digest of exactly what was
    # shown): no name, no reason's words, so the hash-chained trail may keep them after the purge.
    resident_confirmations: tuple[str, ...] = ()

    @property
    def day(self) -> date:
        if self.business_day is not None:
            return self.business_day
        return self.finished_at.replace(tzinfo=UTC).astimezone().date()


@dataclass(frozen=True)
class RecordResult:
    id: str
    office: str
    business_day: date
    number: int | None  # None while the record waits in the local spool (the database is down)
    stored: bool  # False = queued locally, delivered when the database is back
    repeated: bool = False  # True = this reception was recorded before: its first record, nothing written

    @property
    def label(self) -> str:
        """The human reception number (受付番号) as called out and printed."""
        return f"{self.number:04d}" if self.number is not None else "未採番"


@dataclass(frozen=True)
class StoredProcedure:
    procedure: str
    person: str | None
    mode: str
    department: str
    title: str
    reason: str | None  # None after the purge
    added_by_clerk: bool


@dataclass(frozen=True)
class StoredOverride:
    action: str
    procedure: str
    person: str | None
    reason: str | None


@dataclass(frozen=True)
class StoredReception:
    """A reception as recorded. `reception` is None once its personal fields were purged."""

    id: str
    number: int
    office: str
    business_day: date
    counter: str
    staff: str
    event: str
    event_date: date
    rules_version: str
    started_at: datetime
    finished_at: datetime
    seconds: float
    reception: Reception | None
    procedures: tuple[StoredProcedure, ...]
    overrides: tuple[StoredOverride, ...]
    documents: tuple[PrintedDocument, ...]
    steps: tuple[StepTiming, ...]
    errors: tuple[ShownError, ...]
    purged_at: datetime | None
    continues: str | None = None  # the id of the reception this one continues (see RecordInput)
    identity_document: str | None = None  # 本人確認 (see RecordInput); None for records before 0004

    @property
    def unreadable(self) -> bool:
        """Its personal data is gone without being purged: the stored fields no longer read back as a
        reception (a damaged or hand-edited database), which must never be told as purged."""
        return self.reception is None and self.purged_at is None

    @property
    def label(self) -> str:
        return f"{self.number:04d}"


@dataclass(frozen=True)
class StaffMember:
    id: int
    office: str
    login: str
    display_name: str
    role: Role
    active: bool


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    at: datetime
    office: str
    staff: str
    action: str
    reception_id: str | None
    detail: dict[str, object]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditProblem:
    seq: int  # the audit entry concerned (0 when none: a reception the chain does not know, the schema)
    # "edited", "deleted", "head_mismatch", "malformed" (a value of the wrong kind), "schema";
    # for a reception's digest: "reception_edited", "reception_deleted", "reception_unsealed".
    kind: str
    message: str
    reception_id: str | None = None


@dataclass(frozen=True)
class AuditReport:
    entries: int
    problems: tuple[AuditProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class PurgeResult:
    receptions: int
    cutoff: date  # the first business day kept: receptions of the days before it were purged
