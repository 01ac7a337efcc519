"""Statistics: counts per event, procedure, office and day; handling time per step (median, p90);
printed forms; clerk overrides. Never a personal field: only ids, codes and durations are read.

`summarize` is pure (rows in, a frozen dataclass out) so the UI's chart and the tests need no database;
`collect` reads the rows of a period.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from kakanai.store.schema import documents, overrides, procedures, receptions, steps


@dataclass(frozen=True)
class Count:
    key: str
    count: int


@dataclass(frozen=True)
class Duration:
    key: str  # a step name, or "total" for the whole reception
    count: int
    median_seconds: float
    p90_seconds: float


@dataclass(frozen=True)
class OverrideCount:
    action: str  # "remove" or "add"
    procedure: str
    count: int


@dataclass(frozen=True)
class StatsRows:
    """What `summarize` needs; each tuple row holds no personal data."""

    # id, event, office, day, seconds; seconds None when nothing was timed (`kakanai record` records another
    # system's reception with started = finished: a 0 would pull the medians down)
    receptions: tuple[tuple[str, str, str, date, float | None], ...]
    procedures: tuple[tuple[str, str], ...]  # procedure, mode
    steps: tuple[tuple[str, float], ...]  # step, seconds
    documents: tuple[str, ...]  # form id
    overrides: tuple[tuple[str, str], ...]  # action, procedure


@dataclass(frozen=True)
class ReceptionStats:
    date_from: date | None
    date_to: date | None
    receptions: int
    by_event: tuple[Count, ...]
    by_procedure: tuple[Count, ...]
    by_office: tuple[Count, ...]
    by_day: tuple[Count, ...]
    handling: tuple[Duration, ...]  # "total" first, then each step
    printed_forms: tuple[Count, ...]
    overrides: tuple[OverrideCount, ...]

    def to_dict(self) -> dict[str, Any]:
        def counts(items: tuple[Count, ...]) -> dict[str, int]:
            return {c.key: c.count for c in items}

        return {
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "receptions": self.receptions,
            "by_event": counts(self.by_event), "by_procedure": counts(self.by_procedure),
            "by_office": counts(self.by_office), "by_day": counts(self.by_day),
            "handling_seconds": {d.key: {"count": d.count, "median": d.median_seconds, "p90": d.p90_seconds}
                                 for d in self.handling},
            "printed_forms": counts(self.printed_forms),
            "overrides": [{"action": o.action, "procedure": o.procedure, "count": o.count} for o in self.overrides],
        }


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low, high = math.floor(pos), math.ceil(pos)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (pos - low), 3)


def _counts(keys: Iterable[str], *, by_key: bool = False) -> tuple[Count, ...]:
    counter = Counter(keys)
    items = sorted(counter.items()) if by_key else sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Count(k, n) for k, n in items)


def summarize(rows: StatsRows, date_from: date | None = None, date_to: date | None = None) -> ReceptionStats:
    durations: dict[str, list[float]] = {"total": [r[4] for r in rows.receptions if r[4] is not None]}
    for step, seconds in rows.steps:
        durations.setdefault(step, []).append(seconds)
    overrides_count = Counter(rows.overrides)
    return ReceptionStats(
        date_from=date_from, date_to=date_to, receptions=len(rows.receptions),
        by_event=_counts(r[1] for r in rows.receptions),
        by_procedure=_counts(p for p, _mode in rows.procedures),
        by_office=_counts(r[2] for r in rows.receptions),
        by_day=_counts((r[3].isoformat() for r in rows.receptions), by_key=True),
        # Only what was measured: a period without receptions has no "total" (a 0-second median of
        # nothing would read as a fact).
        handling=tuple(Duration(k, len(v), percentile(v, 0.5), percentile(v, 0.9)) for k, v in durations.items() if v),
        printed_forms=_counts(rows.documents),
        overrides=tuple(OverrideCount(a, p, n) for (a, p), n in sorted(overrides_count.items(),
                                                                        key=lambda kv: (-kv[1], kv[0]))),
    )


def handling_by_event(rows: StatsRows) -> tuple[Duration, ...]:
    """Median and p90 of the whole reception's seconds per life event, events in name order."""
    seconds: dict[str, list[float]] = {}
    for _id, event, _office, _day, secs in rows.receptions:
        if secs is not None:
            seconds.setdefault(event, []).append(secs)
    return tuple(Duration(event, len(values), percentile(values, 0.5), percentile(values, 0.9))
                 for event, values in sorted(seconds.items()))


def collect(conn: Connection, date_from: date | None = None, date_to: date | None = None,
            office: str | None = None) -> StatsRows:
    conds = []
    if date_from is not None:
        conds.append(receptions.c.business_day >= date_from)
    if date_to is not None:
        conds.append(receptions.c.business_day <= date_to)
    if office is not None:
        conds.append(receptions.c.office == office)
    chosen = select(receptions.c.id).where(*conds)

    def part(*cols: Any) -> list[Any]:
        table = cols[0].table
        return list(conn.execute(select(*cols).where(table.c.reception_id.in_(chosen))).all())

    recs = conn.execute(select(receptions.c.id, receptions.c.event, receptions.c.office, receptions.c.business_day,
                               receptions.c.seconds).where(*conds)).all()
    return StatsRows(
        # 0 seconds: started = finished (`kakanai record`), a reception nobody timed.
        receptions=tuple((r.id, r.event, r.office, r.business_day, float(r.seconds) or None) for r in recs),
        procedures=tuple((r.procedure, r.mode) for r in part(procedures.c.procedure, procedures.c.mode)),
        steps=tuple((r.step, float(r.seconds)) for r in part(steps.c.step, steps.c.seconds)),
        documents=tuple(r.form_id for r in part(documents.c.form_id)),
        overrides=tuple((r.action, r.procedure) for r in part(overrides.c.action, overrides.c.procedure)),
    )
