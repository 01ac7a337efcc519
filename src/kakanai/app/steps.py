"""The vocabulary of the reception workflow: its steps, the clerk decisions it records (the audit) and
what a finished reception leaves for the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from kakanai.model import Plan, Sex

if TYPE_CHECKING:
    from kakanai.app.timing import StepTime


class BasicInfoLike(Protocol):
    """What the card read delivers (kakanai.card.BasicInfo); a protocol so tests need no card."""

    @property
    def name(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def birth_date(self) -> date: ...
    @property
    def sex(self) -> Sex: ...


class Step(IntEnum):
    EVENT = 0
    MEMBERS = 1
    INTERVIEW = 2
    PLAN = 3
    INPUTS = 4
    PREVIEW = 5

    @property
    def label(self) -> str:
        return ("手続の選択", "来庁者", "聞き取り", "手続の一覧", "記入事項", "確認・印刷")[self.value]


class AuditKind(StrEnum):
    MEMBER_ADDED = "member_added"
    MEMBER_REMOVED = "member_removed"
    PROCEDURE_REMOVED = "procedure_removed"
    PROCEDURE_ADDED = "procedure_added"
    CHARACTER_CHANGED = "character_changed"
    PRINTED = "printed"
    CONTINUED = "continued"  # opened from an earlier reception's guidance sheet


@dataclass(frozen=True)
class AuditEntry:
    """One clerk decision worth recording with the reception (never a PIN, never a My Number)."""

    kind: AuditKind
    person: str | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "person": self.person, "detail": self.detail}


@dataclass(frozen=True)
class FinishedReception:
    """What a finished reception leaves for the record: the reception JSON, its plan and the audit."""

    reception: dict[str, Any]
    plan: Plan | None
    audit: tuple[AuditEntry, ...]
    sources: dict[str, str]  # member id -> MemberSource value
    seconds: float  # from the first action to finish
    id: str = ""  # the reception id (printed as the guidance sheet's QR; the record's key)
    started_at: datetime | None = None  # aware UTC, the first action
    finished_at: datetime | None = None
    steps: tuple[StepTime, ...] = ()
    continues: str | None = None  # the id of the reception this one continues (北見's barcode)
