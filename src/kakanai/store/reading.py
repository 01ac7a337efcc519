"""Reading a reception back as model objects (the "continue at another counter" path)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from kakanai.model import Reception, ReceptionError, reception_from_dict
from kakanai.store.schema import documents, errors, members, overrides, procedures, receptions, steps
from kakanai.store.types import (
    PrintedDocument,
    ShownError,
    StepTiming,
    StoredOverride,
    StoredProcedure,
    StoredReception,
)


def _parts(conn: Connection, table: Any, reception_id: str) -> list[Any]:
    return list(conn.execute(select(table).where(table.c.reception_id == reception_id)
                             .order_by(table.c.position)).all())


def load(conn: Connection, reception_id: str) -> StoredReception | None:
    row = conn.execute(select(receptions).where(receptions.c.id == reception_id)).one_or_none()
    if row is None:
        return None
    member_rows = _parts(conn, members, reception_id)
    override_rows = _parts(conn, overrides, reception_id)
    reception = None if row.purged_at is not None else _reception(row, member_rows, override_rows)
    return StoredReception(
        id=row.id, number=int(row.number), office=row.office, business_day=row.business_day,
        counter=row.counter, staff=row.staff, event=row.event, event_date=row.event_date,
        rules_version=row.rules_version, started_at=row.started_at, finished_at=row.finished_at,
        seconds=float(row.seconds), reception=reception,
        procedures=tuple(
            StoredProcedure(p.procedure, p.person, p.mode, p.department, str(p.detail.get("title", "")), p.reason,
                            bool(p.added_by_clerk))
            for p in _parts(conn, procedures, reception_id)
        ),
        overrides=tuple(StoredOverride(o.action, o.procedure, o.person, o.reason) for o in override_rows),
        documents=tuple(PrintedDocument(d.form_id, d.person, d.content_hash, d.printed_at)
                        for d in _parts(conn, documents, reception_id)),
        steps=tuple(StepTiming(s.step, s.started_at, float(s.seconds)) for s in _parts(conn, steps, reception_id)),
        errors=tuple(ShownError(e.code, e.message or "", e.at) for e in _parts(conn, errors, reception_id)),
        purged_at=row.purged_at, continues=row.continues, identity_document=row.identity_document,
    )


def _reception(row: Any, member_rows: list[Any], override_rows: list[Any]) -> Reception | None:
    """Rebuilt through the model's own JSON reader, so a stored reception obeys the same checks."""
    raw: dict[str, Any] = {
        "id": row.id, "event": row.event, "event_date": row.event_date.isoformat(),
        "visit_date": row.visit_date.isoformat() if row.visit_date else None,
        "subject": row.subject, "office": row.office,
        "household": {"address": row.household_address or "", "previous_address": row.previous_address or "",
                      "facts": row.household_facts or {}},
        "members": [
            {"id": m.member_id, "name": m.name, "name_kana": m.name_kana or "", "sex": m.sex,
             "birth_date": m.birth_date.isoformat() if m.birth_date else None, "address": m.address or "",
             "facts": m.facts or {}, "form_inputs": m.form_inputs or {}}
            for m in member_rows
        ],
        "form_inputs": row.form_inputs or {},
        "overrides": [{"action": o.action, "procedure": o.procedure, "person": o.person, "reason": o.reason}
                      for o in override_rows],
    }
    if row.applicant:
        raw["applicant"] = row.applicant
    try:
        return reception_from_dict(raw)
    except ReceptionError:
        return None  # a half-purged or hand-edited row: the record stays readable without it
