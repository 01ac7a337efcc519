"""Value objects only: people, receptions, plans, ids, the age law and 和暦. Imports nothing else of kakanai."""

from kakanai.model.applicant import choose_applicant
from kakanai.model.ids import LifeEvent, Mode, Sex, Who
from kakanai.model.plan import Plan, PlannedProcedure, Question, RemovedProcedure, TraceEntry
from kakanai.model.reception import (
    OUTSIDE_APPLICANT,
    ClerkOverride,
    FactValue,
    Household,
    OverrideAction,
    Person,
    Reception,
    ReceptionError,
    RefusedAnswer,
)
from kakanai.model.reception_json import reception_from_dict, reception_from_json, reception_to_dict
from kakanai.model.reception_log import (
    AuditEntry,
    AuditKind,
    ErrorNote,
    FinishedReception,
    IdentityDocument,
    PrintedNote,
    ReceptionLog,
    StepTime,
)

__all__ = [
    "OUTSIDE_APPLICANT",
    "AuditEntry",
    "AuditKind",
    "ClerkOverride",
    "ErrorNote",
    "FactValue",
    "FinishedReception",
    "Household",
    "IdentityDocument",
    "LifeEvent",
    "Mode",
    "OverrideAction",
    "Person",
    "Plan",
    "PlannedProcedure",
    "PrintedNote",
    "Question",
    "Reception",
    "ReceptionError",
    "ReceptionLog",
    "RefusedAnswer",
    "RemovedProcedure",
    "Sex",
    "StepTime",
    "TraceEntry",
    "Who",
    "choose_applicant",
    "reception_from_dict",
    "reception_from_json",
    "reception_to_dict",
]
