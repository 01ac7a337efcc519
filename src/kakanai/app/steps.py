"""The vocabulary of the reception workflow: its steps and what the card read delivers (the audit, the log
and the finished reception are values of kakanai.model.reception_log)."""

from __future__ import annotations

from datetime import date
from enum import IntEnum, StrEnum
from typing import Protocol

from kakanai.model import AuditEntry, AuditKind, FinishedReception, Sex

__all__ = ["AuditEntry", "AuditKind", "BasicInfoLike", "Closing", "FinishedReception", "Step"]


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


class Closing(StrEnum):
    """What finishing a reception (「新しい受付」) does with it (ReceptionSession.closing)."""

    CLEAR = "clear"  # nothing to keep: no event or nobody at the counter
    DISCARD = "discard"  # nothing was planned, so nothing printed or told: cleared without a record
    SIGN_IN = "sign_in"  # to be recorded, but nobody is signed in: it stays on screen
    RECORD = "record"
