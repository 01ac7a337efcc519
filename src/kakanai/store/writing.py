"""Writing one reception: number allocation, every part, and its audit events, in one transaction.

Idempotent by reception id: a record delivered twice (a spool retry after a lost acknowledgement)
returns the first delivery's number and writes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from kakanai.model import reception_to_dict
from kakanai.store import audit
from kakanai.store.schema import (
    documents,
    errors,
    members,
    number_counters,
    overrides,
    procedures,
    receptions,
    steps,
)
from kakanai.store.types import RecordInput, RecordResult, utcnow


def existing(conn: Connection, reception_id: str) -> RecordResult | None:
    row = conn.execute(select(receptions.c.office, receptions.c.business_day, receptions.c.number)
                       .where(receptions.c.id == reception_id)).one_or_none()
    if row is None:
        return None
    return RecordResult(reception_id, row.office, row.business_day, int(row.number), stored=True)


def allocate_number(conn: Connection, office: str, day: date) -> int:
    """The next number of this office and day. The upsert takes the counter row's lock until commit, so
    concurrent counters get consecutive numbers; the unique constraint on receptions stays as a backstop."""
    dialect = conn.dialect.name
    ins: Any = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(number_counters)
    stmt = ins.values(office=office, business_day=day, last_number=1).on_conflict_do_update(
        index_elements=[number_counters.c.office, number_counters.c.business_day],
        set_={"last_number": number_counters.c.last_number + 1},
    ).returning(number_counters.c.last_number)
    return int(conn.execute(stmt).scalar_one())


def write(conn: Connection, item: RecordInput) -> RecordResult:
    found = existing(conn, item.id)
    if found is not None:
        return found
    day = item.day
    r = item.reception
    raw = reception_to_dict(r)  # JSON-ready facts (dates, sets) without a second encoder here
    # The parts first (their foreign keys are deferred): no lock is held while they are written.
    conn.execute(insert(members), [
        {"reception_id": item.id, "position": i, "member_id": m["id"], "sex": m["sex"], "name": m["name"],
         "name_kana": m["name_kana"], "birth_date": r.members[i].birth_date, "address": m["address"],
         "facts": m["facts"], "form_inputs": m["form_inputs"]}
        for i, m in enumerate(raw["members"])
    ])
    _many(conn, procedures, [
        {"procedure": p.id, "person": p.person, "mode": p.mode.value, "department": p.department,
         "added_by_clerk": p.added_by_clerk, "reason": p.reason,
         "detail": {"title": p.title, "department_name": p.department_name, "counter": p.counter,
                    "deadline": p.deadline.isoformat() if p.deadline else None, "deadline_note": p.deadline_note,
                    "forms": list(p.forms), "legal_basis": p.legal_basis}}
        for p in item.plan.procedures
    ], item.id)
    _many(conn, overrides, [
        {"action": o.action.value, "procedure": o.procedure, "person": o.person, "reason": o.reason}
        for o in r.overrides
    ], item.id)
    _many(conn, documents, [
        {"form_id": d.form_id, "person": d.person, "content_hash": d.content_hash, "printed_at": d.printed_at}
        for d in item.documents
    ], item.id)
    _many(conn, steps, [{"step": s.step, "started_at": s.started_at, "seconds": s.seconds} for s in item.steps],
          item.id)
    _many(conn, errors, [{"code": e.code, "message": e.message, "at": e.at} for e in item.errors], item.id)
    # Then the number: the counter row stays locked from here to the commit, a few statements only.
    number = allocate_number(conn, item.office, day)
    conn.execute(insert(receptions).values(
        id=item.id, office=item.office, business_day=day, number=number, counter=item.counter,
        staff=item.staff, event=r.event.value, event_date=r.event_date, visit_date=r.visit_date,
        rules_version=item.plan.rules_version, started_at=item.started_at, finished_at=item.finished_at,
        recorded_at=utcnow(), seconds=max(0.0, (item.finished_at - item.started_at).total_seconds()),
        subject=list(r.subject) if r.subject is not None else None, applicant=r.applicant,
        household_address=r.household.address, previous_address=r.household.previous_address,
        household_facts=raw["household"]["facts"], form_inputs=dict(r.form_inputs), continues=item.continues,
    ))
    audit.append(conn, office=item.office, staff=item.staff, events=_audit_events(item, day, number))
    return RecordResult(item.id, item.office, day, number, stored=True)


def _many(conn: Connection, table: Any, rows: list[dict[str, Any]], reception_id: str) -> None:
    if rows:
        conn.execute(insert(table), [{"reception_id": reception_id, "position": i, **row}
                                     for i, row in enumerate(rows)])


def _audit_events(item: RecordInput, day: date, number: int) -> list[audit.NewEvent]:
    """What the trail keeps of a reception: ids, codes and hashes (never a name or a reason's words)."""
    rid = item.id
    events = [audit.NewEvent("reception_recorded", {
        "number": number, "business_day": day.isoformat(), "counter": item.counter,
        "event": item.reception.event.value, "rules_version": item.plan.rules_version,
        "procedures": [[p.id, p.person, p.mode.value] for p in item.plan.procedures],
        "members": len(item.reception.members), "continues": item.continues,
    }, rid)]
    events += [audit.NewEvent("procedure_removed" if o.action.value == "remove" else "procedure_added",
                              {"procedure": o.procedure, "person": o.person}, rid)
               for o in item.reception.overrides]
    events += [audit.NewEvent("document_printed", {"form_id": d.form_id, "person": d.person,
                                                   "sha256": d.content_hash,
                                                   "printed_at": d.printed_at.isoformat()}, rid)
               for d in item.documents]
    events += [audit.NewEvent("error_shown", {"code": e.code}, rid) for e in item.errors]
    return events
