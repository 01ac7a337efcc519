"""kakanai.app: the counter's use cases and the reception workflow as a plain state machine (no Qt).

Composes card, qr, rules, forms and store; the Qt layer (kakanai.ui) only shows and drives it.
See docs/DEVELOPING.md for the layer rules.
"""

from kakanai.app.workflow import AuditEntry, AuditKind, FinishedReception, ReceptionSession, Step
from kakanai.model.members import Member, MemberSource, WorkflowError

__all__ = [
    "AuditEntry",
    "AuditKind",
    "FinishedReception",
    "Member",
    "MemberSource",
    "ReceptionSession",
    "Step",
    "WorkflowError",
]
