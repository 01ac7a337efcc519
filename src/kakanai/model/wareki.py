"""和暦 (Japanese era dates) with exact era boundaries, for forms.

Boundaries (元号法 and the era-change cabinet orders): 明治 from 1868-01-25 (the first day a 明治 date is
usually written for in registers; earlier dates do not occur for living residents), 大正 1912-07-30,
昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01. The first year of an era is 元年, never 1年.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class Era(Enum):
    MEIJI = ("明治", "明", "M", date(1868, 1, 25), 1)
    TAISHO = ("大正", "大", "T", date(1912, 7, 30), 3)
    SHOWA = ("昭和", "昭", "S", date(1926, 12, 25), 5)
    HEISEI = ("平成", "平", "H", date(1989, 1, 8), 7)
    REIWA = ("令和", "令", "R", date(2019, 5, 1), 9)

    def __init__(self, kanji: str, short: str, letter: str, start: date, pension_code: int) -> None:
        self.kanji = kanji
        self.short = short
        self.letter = letter
        self.start = start
        # 日本年金機構 forms: 1 明治, 3 大正, 5 昭和, 7 平成, 9 令和.
        self.pension_code = pension_code


_ERAS_NEWEST_FIRST = sorted(Era, key=lambda e: e.start, reverse=True)


class WarekiRangeError(ValueError):
    pass


@dataclass(frozen=True)
class WarekiDate:
    era: Era
    year: int  # 1 is written 元年
    month: int
    day: int

    @property
    def year_text(self) -> str:
        return "元" if self.year == 1 else str(self.year)

    def format(self, *, padded: bool = False) -> str:
        """「令和7年4月1日」, or with `padded` fixed-width slots 「令和 7年 4月 1日」 (元年 stays 元年)."""
        if padded:
            year = "元" if self.year == 1 else f"{self.year:>2}"
            return f"{self.era.kanji}{year}年{self.month:>2}月{self.day:>2}日"
        return f"{self.era.kanji}{self.year_text}年{self.month}月{self.day}日"

    def year_label(self) -> str:
        return f"{self.era.kanji}{self.year_text}年"


def to_wareki(day: date) -> WarekiDate:
    for era in _ERAS_NEWEST_FIRST:
        if day >= era.start:
            return WarekiDate(era, day.year - era.start.year + 1, day.month, day.day)
    raise WarekiRangeError(f"{day.isoformat()} は明治より前の日付です")


def format_wareki(day: date, *, padded: bool = False) -> str:
    """The date in 和暦 for a form or a screen. A date before 明治 (a typing error in a birth date, in
    practice) is printed in the western calendar, 「1850年1月1日」: it is unambiguous, whereas an era of this
    table would be false and the older eras (慶応…) ran on the lunisolar calendar; never an exception."""
    if day < Era.MEIJI.start:
        if padded:
            return f"{day.year}年{day.month:>2}月{day.day:>2}日"
        return f"{day.year}年{day.month}月{day.day}日"
    return to_wareki(day).format(padded=padded)


def era_year_yymmdd(day: date) -> str:
    """和暦 YYMMDD as used by 照合番号B (mynumber-card.md): 1980-02-17 (昭和55) -> 550217."""
    w = to_wareki(day)
    return f"{w.year:02d}{w.month:02d}{w.day:02d}"
