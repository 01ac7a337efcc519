"""Writing one reception: number allocation, every part, and its audit events, in one transaction.

Idempotent by reception id: a record delivered twice (a spool retry after a lost acknowledgement)
returns the first delivery's number and writes nothing. The same holds for an external reference (the id
a client supplied) with the same content; with other content it is an ExternalRefConflict.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from kakanai.model import reception_to_dict
from kakanai.store import audit, sealing
from kakanai.store.errors import ExternalRefConflict
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
    return RecordResult(reception_id, row.office, row.business_day, int(row.number), stored=True, repeated=True)


def same_external(conn: Connection, item: RecordInput, content: str) -> RecordResult | None:
    """The earlier record under the item's external reference if it is the same reception; None if
    there is none. Another reception under that reference is refused: never merged, never recorded twice."""
    if item.external_ref is None:
        return None
    row = conn.execute(select(receptions.c.id, receptions.c.office, receptions.c.business_day,
                              receptions.c.number, receptions.c.content_sha256)
                       .where(receptions.c.external_ref == item.external_ref)).one_or_none()
    if row is None:
        return None
    earlier = f"受付番号 {int(row.number):04d}（{row.office} {row.business_day.isoformat()}、受付ID {row.id}）"
    if row.content_sha256 is None:
        raise ExternalRefConflict(f"外部参照ID {item.external_ref} の受付は記録済みです（{earlier}）。保存期間を過ぎて"
                                  "個人情報を削除済みのため、同じ受付か確かめられません。記録しませんでした")
    if row.content_sha256 != content:
        raise ExternalRefConflict(f"外部参照ID {item.external_ref} では別の内容の受付が記録済みです（{earlier}）。"
                                  "記録しませんでした。受付データの id を確かめてください")
    return RecordResult(str(row.id), row.office, row.business_day, int(row.number), stored=True, repeated=True)


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
    r = item.reception
    raw = reception_to_dict(r)  # JSON-ready facts (dates, sets) without a second encoder here
    content = sealing.json_digest(raw)  # = sealing.content_digest(r), without serialising it twice
    found = same_external(conn, item, content)
    if found is not None:
        return found
    day = item.day
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
    # The parts' digests, read back as stored (the reading `verify` does), before any lock is taken.
    written = [t.name for t, rows in ((members, r.members), (procedures, item.plan.procedures),
                                      (overrides, r.overrides), (documents, item.documents), (steps, item.steps),
                                      (errors, item.errors)) if rows]
    parts = sealing.table_digests(conn, [item.id], written)[item.id]
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
        external_ref=item.external_ref, content_sha256=content, seal=sealing.new_seal(),
        identity_document=item.identity_document,
    ))
    digest = parts | {"receptions": sealing.table_digests(conn, [item.id], ["receptions"])[item.id]["receptions"]}
    audit.append(conn, office=item.office, staff=item.staff, events=_audit_events(item, day, number, digest))
    return RecordResult(item.id, item.office, day, number, stored=True)


def _many(conn: Connection, table: Any, rows: list[dict[str, Any]], reception_id: str) -> None:
    if rows:
        conn.execute(insert(table), [{"reception_id": reception_id, "position": i, **row}
                                     for i, row in enumerate(rows)])


def _audit_events(item: RecordInput, day: date, number: int,
                  digest: dict[str, str]) -> list[audit.NewEvent]:
    """What the trail keeps of a reception: ids, codes and hashes (never a name or a reason's words)."""
    rid = item.id
    events = [audit.NewEvent("reception_recorded", {
        "number": number, "business_day": day.isoformat(), "counter": item.counter,
        "event": item.reception.event.value, "rules_version": item.plan.rules_version,
        "procedures": [[p.id, p.person, p.mode.value] for p in item.plan.procedures],
        "members": len(item.reception.members), "continues": item.continues,
        "external_ref": item.external_ref, "digest": digest,
        # In the hash-chained trail: the seal's digest (v1) predates this column (migration 0004).
        "identity_document": item.identity_document,
    }, rid)]
    events += [audit.NewEvent("procedure_removed" if o.action.value == "remove" else "procedure_added",
                              {"procedure": o.procedure, "person": o.person}, rid)
               for o in item.reception.overrides]
    events += [audit.NewEvent("document_printed", {"form_id": d.form_id, "person": d.person,
                                                   "sha256": d.content_hash,
                                                   "printed_at": d.printed_at.isoformat()}, rid)
               for d in item.documents]
    events += [audit.NewEvent("error_shown", {"code": e.code}, rid) for e in item.errors]
    events += [audit.NewEvent("resident_confirmed", {"detail": c}, rid) for c in item.resident_confirmations]
    return events
