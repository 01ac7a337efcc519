"""Value objects only: people, receptions, plans, ids, the age law and 和暦. Imports nothing else of kakanai."""

from kakanai.model.applicant import choose_applicant
from kakanai.model.ids import LifeEvent, Mode, Sex, Who
from kakanai.model.plan import Plan, PlannedProcedure, Question, RemovedProcedure, TraceEntry
from kakanai.model.reception import (
    ClerkOverride,
    FactValue,
    Household,
    OverrideAction,
    Person,
    Reception,
    ReceptionError,
)
from kakanai.model.reception_json import reception_from_dict, reception_from_json, reception_to_dict

__all__ = [
    "ClerkOverride",
    "FactValue",
    "Household",
    "LifeEvent",
    "Mode",
    "OverrideAction",
    "Person",
    "Plan",
    "PlannedProcedure",
    "Question",
    "Reception",
    "ReceptionError",
    "RemovedProcedure",
    "Sex",
    "TraceEntry",
    "Who",
    "choose_applicant",
    "reception_from_dict",
    "reception_from_json",
    "reception_to_dict",
]
