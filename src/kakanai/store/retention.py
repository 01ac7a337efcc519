"""Retention: personal fields are purged after N days; plan, timings and the audit remain, de-identified.

What goes: names, kana, birth dates, addresses, facts (health, disability, family situation), form
inputs, the plan's reasons (they name the residents: "太郎さん（40歳）"), the clerk's override reasons and
error messages. What stays: member ids and sex, procedures and modes, the rules version, timings,
printed forms with their hashes, and the whole audit chain (which never held personal data).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, select, update

from kakanai.store import audit
from kakanai.store.schema import errors, members, overrides, procedures, receptions
from kakanai.store.types import PurgeResult, utcnow

DEFAULT_RETENTION_DAYS = 30
BATCH = 500


def purge(conn: Connection, *, older_than_days: int, office: str, staff: str,
          now: datetime | None = None) -> PurgeResult:
    if older_than_days < 0:
        raise ValueError("older_than_days must be >= 0")
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    ids = list(conn.execute(select(receptions.c.id).where(receptions.c.finished_at < cutoff,
                                                         receptions.c.purged_at.is_(None))).scalars())
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        conn.execute(update(receptions).where(receptions.c.id.in_(chunk)).values(
            household_address=None, previous_address=None, household_facts=None, form_inputs=None,
            purged_at=now or utcnow()))
        conn.execute(update(members).where(members.c.reception_id.in_(chunk)).values(
            name=None, name_kana=None, birth_date=None, address=None, facts=None, form_inputs=None))
        conn.execute(update(procedures).where(procedures.c.reception_id.in_(chunk)).values(reason=None))
        conn.execute(update(overrides).where(overrides.c.reception_id.in_(chunk)).values(reason=None))
        conn.execute(update(errors).where(errors.c.reception_id.in_(chunk)).values(message=None))
    if ids:
        audit.append(conn, office=office, staff=staff, events=[audit.NewEvent(
            "personal_data_purged", {"receptions": len(ids), "older_than_days": older_than_days,
                                     "cutoff": cutoff.isoformat()})])
    return PurgeResult(receptions=len(ids), cutoff=cutoff)
