"""Open days of the municipal office and deadline arithmetic (life-events.md section 1).

- 初日不算入 (民法140条): a period of N days counted from an event ends N days after it. 戸籍法 periods count
  the event day itself (戸籍法43条1項), so they end N-1 days after it.
- A deadline that falls on a day the office is closed moves to the next open day (地方自治法4条の2第4項;
  it applies to 住基法 and 戸籍法 deadlines alike).
- Closed days: Saturdays, Sundays, national holidays (国民の祝日に関する法律, from the maintained `jpholiday`
  package), 12/29-1/3 (地方自治法4条の2第1項3号 and the usual 休日条例), plus the municipality's own
  local holidays (a parameter).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import jpholiday

from kakanai.model import ReceptionError

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=4096)
def is_national_holiday(day: date) -> bool:
    return bool(jpholiday.is_holiday(day))


def is_year_end_closure(day: date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


@dataclass(frozen=True)
class OfficeCalendar:
    local_holidays: frozenset[date] = field(default_factory=frozenset)

    def closed_reason(self, day: date) -> str | None:
        """Why the office is closed on `day` (Japanese, for the deadline note), or None when open."""
        if day.weekday() == 5:
            return "土曜日"
        if day.weekday() == 6:
            return "日曜日"
        if is_national_holiday(day):
            name = str(jpholiday.is_holiday_name(day) or "祝日")
            # jpholiday names a substitute holiday after the holiday it replaces ("憲法記念日 振替休日").
            return "振替休日" if name.endswith("振替休日") else name
        if is_year_end_closure(day):
            return "年末年始の閉庁日"
        if day in self.local_holidays:
            return "市の休日"
        return None

    def is_open(self, day: date) -> bool:
        return self.closed_reason(day) is None

    def next_open_day(self, day: date) -> date:
        while not self.is_open(day):
            day += _ONE_DAY
        return day


class Counting(StrEnum):
    EXCLUDING_FIRST_DAY = "after"  # 初日不算入 (民法140条): the default
    INCLUDING_FIRST_DAY = "inclusive"  # 戸籍法43条1項: the day of the event counts


@dataclass(frozen=True)
class Deadline:
    nominal: date  # the last day by the count alone
    due: date  # moved to the next open day
    moved_because: tuple[str, ...]  # the closed days it was moved over, in order


def compute_deadline(start: date, days: int, counting: Counting, calendar: OfficeCalendar) -> Deadline:
    """The deadline of a period from `start`. A deadline past 9999-12-31 (Python's date.max; only a typing
    error in a date gets there) is a ReceptionError naming the date, never an OverflowError."""
    try:
        nominal = start + timedelta(days=days if counting is Counting.EXCLUDING_FIRST_DAY else days - 1)
        reasons: list[str] = []
        due = nominal
        while (reason := calendar.closed_reason(due)) is not None:
            reasons.append(f"{due.month}/{due.day}は{reason}")
            due += _ONE_DAY
    except OverflowError:
        raise ReceptionError("deadline", f"{start.isoformat()} から{days}日の期限は、扱える日付（{date.max.isoformat()}まで）を"
                             "超えます。日付を確認してください") from None
    return Deadline(nominal=nominal, due=due, moved_because=tuple(reasons))


def parse_local_holidays(values: Iterable[date]) -> OfficeCalendar:
    return OfficeCalendar(local_holidays=frozenset(values))
