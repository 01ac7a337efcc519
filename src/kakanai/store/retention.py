"""Retention: personal fields are purged after N days; plan, timings and the audit remain, de-identified.

The period is counted in days of the reception's business day, as the law counts a period of days
(民法140条: the first day is not counted; 民法141条: it ends at the end of its last day): a reception of
day D with a period of N days is kept through the whole of day D+N and purged from day D+N+1. So 0 is
「当日かぎり」 (the municipality parameter's own words): a reception is never purged on its own day — another
counter may still continue it from the guidance sheet — and the outcome does not depend on the hour the
purge runs (each counter runs it at start-up and every 6 hours).

What goes: names, kana, birth dates, addresses, facts (health, disability, family situation), form
inputs, the plan's reasons (they name the residents: "太郎さん（40歳）"), the clerk's override reasons and
error messages. What stays: member ids and sex, procedures and modes, the rules version, timings,
printed forms with their hashes, and the whole audit chain (which never held personal data: a
reception's digest is salted with its `seal`, purged here). Each purged reception gets a
`reception_purged` event with the digest of its de-identified rows, which `verify` checks from then on.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select, update

from kakanai.store import audit, sealing
from kakanai.store.errors import RetentionError
from kakanai.store.schema import errors, members, overrides, procedures, receptions
from kakanai.store.types import PurgeResult, utcnow

DEFAULT_RETENTION_DAYS = 30
# 100 years: longer than any retention a municipality sets (公文書 are kept 30 years at most), and far
# from the limits of dates (year 1): a larger value is a typo, refused before any date arithmetic.
MAX_RETENTION_DAYS = 36_500
BATCH = 500


def check_days(days: object, source: str = "保存期間") -> int:
    if not isinstance(days, int) or isinstance(days, bool):
        raise RetentionError(f"{source} が日数（整数）ではありません（{days!r}）")
    if not 0 <= days <= MAX_RETENTION_DAYS:
        raise RetentionError(f"{source} は 0〜{MAX_RETENTION_DAYS} 日（100年）で指定してください（{days}）")
    return days


def first_kept_day(older_than_days: int, today: date) -> date:
    """The earliest business day whose receptions are still kept on `today` (民法140条・141条)."""
    return today - timedelta(days=check_days(older_than_days))


def local_today() -> date:
    """The counter's calendar day: business days are local dates (RecordInput.day)."""
    return datetime.now().astimezone().date()


def purge(conn: Connection, *, older_than_days: int, office: str, staff: str,
          today: date | None = None) -> PurgeResult:
    cutoff = first_kept_day(older_than_days, today or local_today())
    ids = list(conn.execute(select(receptions.c.id).where(receptions.c.business_day < cutoff,
                                                         receptions.c.purged_at.is_(None))).scalars())
    sealed: list[audit.NewEvent] = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        conn.execute(update(receptions).where(receptions.c.id.in_(chunk)).values(
            household_address=None, previous_address=None, household_facts=None, form_inputs=None,
            content_sha256=None, seal=None, purged_at=utcnow()))
        conn.execute(update(members).where(members.c.reception_id.in_(chunk)).values(
            name=None, name_kana=None, birth_date=None, address=None, facts=None, form_inputs=None))
        conn.execute(update(procedures).where(procedures.c.reception_id.in_(chunk)).values(reason=None))
        conn.execute(update(overrides).where(overrides.c.reception_id.in_(chunk)).values(reason=None))
        conn.execute(update(errors).where(errors.c.reception_id.in_(chunk)).values(message=None))
        found = sealing.digests(conn, chunk)
        sealed += [audit.NewEvent("reception_purged", {"digest": found[rid]}, rid) for rid in chunk]
    if ids:
        audit.append(conn, office=office, staff=staff, events=[*sealed, audit.NewEvent(
            "personal_data_purged", {"receptions": len(ids), "older_than_days": older_than_days,
                                     "cutoff": cutoff.isoformat()})])
    return PurgeResult(receptions=len(ids), cutoff=cutoff)
