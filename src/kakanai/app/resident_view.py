"""The resident's confirmation at the counter (issue 19), without Qt. What the screen shows is
kakanai.rules.resident_view (re-exported here: kakanai.ui imports only kakanai.app and kakanai.model).
Before printing the resident confirms it (a tap, or the clerk's key); the confirmation is recorded in the
audit with a digest of exactly what was shown, so a later change to the reception asks again."""

from __future__ import annotations

from enum import StrEnum

from kakanai.app.workflow import AuditKind, ReceptionSession
from kakanai.rules import RuleBook
from kakanai.rules.resident_view import ResidentLine, ResidentView, language_choices, resident_view

__all__ = ["ConfirmedBy", "ResidentLine", "ResidentView", "confirm", "is_confirmed", "language_choices",
           "session_view", "view_confirmed"]


class ConfirmedBy(StrEnum):
    RESIDENT = "本人（住民画面をタップ）"
    CLERK = "職員（本人の確認を受けて確認キー）"


def session_view(book: RuleBook, session: ReceptionSession) -> ResidentView:
    return resident_view(book, session.value, session.plan)


def confirm(book: RuleBook, session: ReceptionSession, by: ConfirmedBy) -> ResidentView:
    """Record that the resident confirmed what the screen shows now (the audit keeps how, and the digest)."""
    view = session_view(book, session)
    if view.empty:
        raise ValueError("住民画面に確認する内容がありません")
    session.confirm_by_resident(_detail(by, view))
    return view


def is_confirmed(book: RuleBook, session: ReceptionSession) -> bool:
    """True while the last confirmation in the audit is of exactly what the screen shows now."""
    return view_confirmed(session_view(book, session), session)


def view_confirmed(view: ResidentView, session: ReceptionSession) -> bool:
    """True while the session's last confirmation is of exactly `view` (the view the screen shows)."""
    if view.empty:
        return False
    details = [e.detail for e in session.audit if e.kind is AuditKind.RESIDENT_CONFIRMED]
    return bool(details) and details[-1].endswith(_digest_tag(view))


def _digest_tag(view: ResidentView) -> str:
    return f"{view.language} {view.digest[:16]}"


def _detail(by: ConfirmedBy, view: ResidentView) -> str:
    return f"{by.value}: {_digest_tag(view)}"
