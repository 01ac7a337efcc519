"""What happened during one reception besides the Reception itself: the clerk's decisions (the audit),
where each member came from, the documents printed (with their content hash), the errors the clerk was
shown, the time of each step. Immutable like the Reception: every note returns a new log, and the log belongs to the session
of that reception alone, so clearing a reception can never leave any of it for the next household
(issue 15). `FinishedReception` is what a finished reception hands to a recorder: typed values only."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from kakanai.model.plan import Plan
from kakanai.model.reception import Reception


class RecordError(RuntimeError):
    """A record or an audit note could not be written (the message says why, in Japanese). Declared here,
    beside what is recorded, so the layers that write through a recorder they only know as a callable
    (rules/municipality_edit.py's audit note) catch exactly this and nothing broader."""


class AuditKind(StrEnum):
    MEMBER_ADDED = "member_added"
    MEMBER_REMOVED = "member_removed"
    PROCEDURE_REMOVED = "procedure_removed"
    PROCEDURE_ADDED = "procedure_added"
    CHARACTER_CHANGED = "character_changed"
    PRINTED = "printed"
    CONTINUED = "continued"  # opened from an earlier reception's guidance sheet
    RESIDENT_CONFIRMED = "resident_confirmed"  # the resident confirmed the resident screen (issue 19)
    IDENTITY_DOCUMENT = "identity_document"  # the card a member was read from (運転免許証, 在留カード…)
    CLERK_CONFIRMED = "clerk_confirmed"  # what the clerk confirmed of a card read (OCR, 外字, sex) — issue 18


class IdentityDocument(StrEnum):
    """Which identity document the resident showed (本人確認, 住民基本台帳法27条3項・同法施行規則): recorded
    for every reception (issue 17). A card read proves it by itself; QR and typed members are asked."""

    MYNUMBER_CARD = "mynumber_card"
    DRIVERS_LICENSE = "drivers_license"
    PASSPORT = "passport"
    RESIDENCE_CARD = "residence_card"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"mynumber_card": "マイナンバーカード", "drivers_license": "運転免許証", "passport": "パスポート",
                "residence_card": "在留カード・特別永住者証明書", "other": "その他"}[self.value]


@dataclass(frozen=True)
class AuditEntry:
    """One clerk decision worth recording with the reception (never a PIN, never a My Number)."""

    kind: AuditKind
    person: str | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "person": self.person, "detail": self.detail}


@dataclass(frozen=True)
class PrintedNote:
    """A document handed to the printer: the SHA-256 of its PDF proves later what exactly was handed over."""

    form_id: str
    person: str | None
    sha256: str
    at: datetime  # aware UTC

    @classmethod
    def of(cls, form_id: str, person: str | None, pdf: bytes, at: datetime) -> PrintedNote:
        return cls(form_id, person, hashlib.sha256(pdf).hexdigest(), at)


@dataclass(frozen=True)
class ErrorNote:
    """An error shown to the clerk (the record keeps what the clerk was told)."""

    code: str
    message: str
    at: datetime  # aware UTC


@dataclass(frozen=True)
class StepTime:
    step: str  # the workflow step's name ("members", "interview", …)
    started_at: datetime  # aware UTC: the first time the step was entered
    seconds: float  # the whole time spent on it (all visits)


@dataclass(frozen=True)
class ReceptionLog:
    audit: tuple[AuditEntry, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)  # member id -> where it came from (card, qr…)
    # member id -> the facts its card read proved (held, a 在留カード's foreign nationality): set with the
    # member, never an interview answer (ReceptionSession.interview_passed_over).
    proved: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    printed: tuple[PrintedNote, ...] = ()
    errors: tuple[ErrorNote, ...] = ()
    steps: tuple[StepTime, ...] = ()  # each step's time, set when the reception finishes
    identity: IdentityDocument | None = None  # 本人確認: the document shown (None: not yet chosen)

    def with_audit(self, entry: AuditEntry) -> ReceptionLog:
        return replace(self, audit=(*self.audit, entry))

    def with_source(self, member_id: str, source: str, proved: Mapping[str, Any] | None = None) -> ReceptionLog:
        log = replace(self, sources={**self.sources, member_id: source})
        return replace(log, proved={**self.proved, member_id: dict(proved)}) if proved else log

    def without_member(self, member_id: str) -> ReceptionLog:
        return replace(self, sources={k: v for k, v in self.sources.items() if k != member_id},
                       proved={k: v for k, v in self.proved.items() if k != member_id})

    def with_printed(self, note: PrintedNote) -> ReceptionLog:
        return replace(self, printed=(*self.printed, note))

    def with_error(self, note: ErrorNote) -> ReceptionLog:
        return replace(self, errors=(*self.errors, note))

    def with_identity(self, document: IdentityDocument | None) -> ReceptionLog:
        return replace(self, identity=document)


@dataclass(frozen=True)
class FinishedReception:
    """What a finished reception leaves for the record: the reception, its plan and its log."""

    reception: Reception  # its id is the record's key (printed as the guidance sheet's QR)
    plan: Plan | None
    log: ReceptionLog
    seconds: float  # from the first action to finish
    started_at: datetime | None = None  # aware UTC, the first action
    finished_at: datetime | None = None
    continues: str | None = None  # the id of the reception this one continues (北見's barcode)

    @property
    def id(self) -> str:
        return self.reception.id or ""

    @property
    def audit(self) -> tuple[AuditEntry, ...]:
        return self.log.audit

    @property
    def sources(self) -> Mapping[str, str]:
        return self.log.sources

    @property
    def steps(self) -> tuple[StepTime, ...]:
        return self.log.steps
