"""The statistics view's data: open the store, read a period, close it. No personal field is read
(kakanai.store.stats reads only ids, codes and durations)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kakanai.store.engine import default_url, sqlite_file
from kakanai.store.errors import StoreError
from kakanai.store.stats import Duration, ReceptionStats
from kakanai.store.store import ReceptionStore


class StatisticsUnavailable(RuntimeError):
    """A message for the clerk, in Japanese."""


@dataclass(frozen=True)
class Statistics:
    stats: ReceptionStats
    handling_by_event: tuple[Duration, ...]  # median and p90 of the whole reception, per life event


def load_statistics(url: str | None, date_from: date | None, date_to: date | None) -> Statistics:
    resolved = url or default_url()
    path = sqlite_file(resolved)
    if path is not None and not path.exists():
        # Opening would create an empty database: say there is nothing recorded yet instead.
        raise StatisticsUnavailable(f"受付の記録（データベース）がまだありません（{path}）")
    try:
        store = ReceptionStore.open(resolved)
    except StoreError as exc:
        raise StatisticsUnavailable(f"データベースを開けません: {exc}") from exc
    except Exception as exc:  # a malformed URL or a missing driver
        raise StatisticsUnavailable(f"データベースを開けません（{type(exc).__name__}）") from exc
    try:
        stats, by_event = store.statistics(date_from, date_to)
    except StoreError as exc:
        raise StatisticsUnavailable(f"統計を読めません: {exc}") from exc
    finally:
        store.close()
    return Statistics(stats, by_event)
