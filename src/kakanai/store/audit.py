"""The audit trail: append-only events in one hash chain, and its verification.

Each entry's hash covers its content and the previous entry's hash, so editing an entry breaks its own
hash and deleting one breaks the link of the next. The head row (audit_head) holds the last sequence
number and hash: appending locks it (UPDATE), which keeps the chain linear across concurrent counters,
and lets `verify` notice entries cut from the end. Details never hold personal data: ids, codes and
content hashes only, so the trail survives the retention purge untouched. Verification (which also
checks each reception's digest) is kakanai.store.verifying.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from kakanai.store.schema import audit_events, audit_head
from kakanai.store.types import AuditEvent, utcnow

GENESIS = "0" * 64


@dataclass(frozen=True)
class NewEvent:
    action: str
    detail: Mapping[str, Any]
    reception_id: str | None = None


def entry_hash(seq: int, at: datetime, office: str, staff: str, action: str, reception_id: str | None,
               detail: Mapping[str, Any], prev_hash: str) -> str:
    # Canonical JSON (sorted keys, no whitespace) so both databases and every Python agree byte for byte.
    body = json.dumps(
        [seq, at.isoformat(timespec="microseconds"), office, staff, action, reception_id, detail, prev_hash],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(conn: Connection, *, office: str, staff: str, events: Sequence[NewEvent],
           at: datetime | None = None) -> tuple[AuditEvent, ...]:
    """Append events inside the caller's transaction (call it last: it holds the chain's lock)."""
    if not events:
        return ()
    when = at or utcnow()
    head = conn.execute(
        update(audit_head).where(audit_head.c.id == 1)
        .values(last_seq=audit_head.c.last_seq + len(events))
        .returning(audit_head.c.last_seq, audit_head.c.last_hash)
    ).one()
    seq = int(head.last_seq) - len(events)
    prev = str(head.last_hash)
    out: list[AuditEvent] = []
    for ev in events:
        seq += 1
        detail = dict(ev.detail)
        digest = entry_hash(seq, when, office, staff, ev.action, ev.reception_id, detail, prev)
        out.append(AuditEvent(seq, when, office, staff, ev.action, ev.reception_id, detail, prev, digest))
        prev = digest
    conn.execute(insert(audit_events), [
        {"seq": e.seq, "at": e.at, "office": e.office, "staff": e.staff, "action": e.action,
         "reception_id": e.reception_id, "detail": e.detail, "prev_hash": e.prev_hash, "hash": e.hash}
        for e in out
    ])
    conn.execute(update(audit_head).where(audit_head.c.id == 1).values(last_hash=prev))
    return tuple(out)


def events_for(conn: Connection, reception_id: str) -> tuple[AuditEvent, ...]:
    rows = conn.execute(select(audit_events).where(audit_events.c.reception_id == reception_id)
                        .order_by(audit_events.c.seq)).all()
    return tuple(AuditEvent(int(r.seq), r.at, r.office, r.staff, r.action, r.reception_id, dict(r.detail),
                            r.prev_hash, r.hash) for r in rows)
