"""RecordInput as JSON, for the local spool (what waits there is exactly what will be written)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kakanai.model import (
    LifeEvent,
    Mode,
    Plan,
    PlannedProcedure,
    RemovedProcedure,
    reception_from_dict,
    reception_to_dict,
)
from kakanai.store.types import PrintedDocument, RecordInput, ShownError, StepTiming


def _dt(value: datetime) -> str:
    return value.isoformat()


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return {
        "event": plan.event.value, "event_date": plan.event_date.isoformat(), "rules_version": plan.rules_version,
        "procedures": [
            {"id": p.id, "title": p.title, "person": p.person, "mode": p.mode.value, "reason": p.reason,
             "department": p.department, "department_name": p.department_name, "counter": p.counter,
             "deadline": p.deadline.isoformat() if p.deadline else None, "deadline_note": p.deadline_note,
             "bring": list(p.bring), "forms": list(p.forms), "legal_basis": p.legal_basis,
             "added_by_clerk": p.added_by_clerk, "claimant": p.claimant, "members": list(p.members)}
            for p in plan.procedures
        ],
        "removed": [{"procedure": r.procedure, "person": r.person, "reason": r.reason} for r in plan.removed],
    }


def plan_from_dict(raw: dict[str, Any]) -> Plan:
    """The plan as decided; questions and the trace are not kept (they are re-derivable from the rules)."""
    return Plan(
        event=LifeEvent(raw["event"]), event_date=date.fromisoformat(raw["event_date"]),
        procedures=tuple(
            PlannedProcedure(
                id=p["id"], title=p["title"], person=p["person"], mode=Mode(p["mode"]), reason=p["reason"],
                department=p["department"], department_name=p["department_name"], counter=p["counter"],
                deadline=date.fromisoformat(p["deadline"]) if p["deadline"] else None,
                deadline_note=p["deadline_note"], bring=tuple(p["bring"]), forms=tuple(p["forms"]),
                legal_basis=p["legal_basis"], added_by_clerk=p["added_by_clerk"],
                claimant=p.get("claimant"),  # records made before the claimant was kept: the 届出人
                members=tuple(p.get("members") or ()))  # and before {members} was kept: the subjects
            for p in raw["procedures"]
        ),
        questions=(), trace=(),
        removed=tuple(RemovedProcedure(r["procedure"], r["person"], r["reason"]) for r in raw["removed"]),
        rules_version=raw["rules_version"],
    )


def input_to_dict(item: RecordInput) -> dict[str, Any]:
    return {
        "id": item.id, "office": item.office, "counter": item.counter, "staff": item.staff,
        "started_at": _dt(item.started_at), "finished_at": _dt(item.finished_at),
        "business_day": item.day.isoformat(),  # fixed now: a record delivered tomorrow keeps today's day
        "reception": reception_to_dict(item.reception), "plan": plan_to_dict(item.plan),
        "steps": [{"step": s.step, "started_at": _dt(s.started_at), "seconds": s.seconds} for s in item.steps],
        "documents": [{"form_id": d.form_id, "person": d.person, "content_hash": d.content_hash,
                       "printed_at": _dt(d.printed_at)} for d in item.documents],
        "errors": [{"code": e.code, "message": e.message, "at": _dt(e.at)} for e in item.errors],
        "continues": item.continues,
        "external_ref": item.external_ref,
        "identity_document": item.identity_document,
        "resident_confirmations": list(item.resident_confirmations),
    }


def input_from_dict(raw: dict[str, Any]) -> RecordInput:
    dt = datetime.fromisoformat
    return RecordInput(
        id=raw["id"], office=raw["office"], counter=raw["counter"], staff=raw["staff"],
        started_at=dt(raw["started_at"]), finished_at=dt(raw["finished_at"]),
        business_day=date.fromisoformat(raw["business_day"]),
        reception=reception_from_dict(raw["reception"]), plan=plan_from_dict(raw["plan"]),
        steps=tuple(StepTiming(s["step"], dt(s["started_at"]), s["seconds"]) for s in raw["steps"]),
        documents=tuple(PrintedDocument(d["form_id"], d["person"], d["content_hash"], dt(d["printed_at"]))
                        for d in raw["documents"]),
        errors=tuple(ShownError(e["code"], e["message"], dt(e["at"])) for e in raw["errors"]),
        # .get: entries spooled by a version before the continuation link have no such key.
        continues=raw.get("continues"),
        external_ref=raw.get("external_ref"),  # .get: spooled before migration 0003
        identity_document=raw.get("identity_document"),  # .get: spooled before migration 0004
        resident_confirmations=tuple(raw.get("resident_confirmations", ())),  # .get: spooled before issue 19
    )
