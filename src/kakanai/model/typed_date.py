"""Dates as a clerk types them: 西暦 (20230110, 2023-01-10, 2023/1/10) or 和暦 (R5.1.10, 令和5年1月10日,
H30-9-20, 昭和60年6月15日, R050110, 元年 included). A wrong or impossible date gives a Japanese message.

A year without an era (8.4.1) is read in the era in force in `this_year` (so 8.4.1 is 令和8年4月1日 for an
異動日 typed in 2026), and only where the caller gives `this_year`: the dates near the visit (異動日, answers
to the interview). A birth date has no such context (8.4.1 may be 昭和, 平成 or 令和 8年), so there an
era-less year is refused and the clerk is asked for the era. A year past the era's end (平成32年) is refused
rather than silently moved into the next era: it is usually a typing slip.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from kakanai.model.wareki import Era, format_wareki, to_wareki

_WESTERN = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ERA = r"(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])"
_WAREKI = re.compile(rf"^{_ERA}(元|\d{{1,2}})[-/.年](\d{{1,2}})[-/.月](\d{{1,2}})日?$")
_WAREKI_COMPACT = re.compile(rf"^{_ERA}(\d{{2}})(\d{{2}})(\d{{2}})$")  # R080401, as 住基 screens take it
_NO_ERA = re.compile(r"^(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})[-/.月](\d{1,2})日?$")
_ERA_NAMES = {name: era for era in Era for name in (era.kanji, era.short, era.letter)}
_NEXT_ERA = dict(zip(sorted(Era, key=lambda e: e.start), sorted(Era, key=lambda e: e.start)[1:], strict=False))


class DateInputError(ValueError):
    pass


def format_both(day: date) -> str:
    """The date as the counter shows it: 西暦 and 和暦 together, 「2026-04-01（令和8年4月1日）」."""
    return f"{day.isoformat()}（{format_wareki(day)}）"


def parse_typed_date(text: str, *, this_year: int | None = None) -> date:
    """With `this_year`, a month and day alone (4/9, 4月9日) mean that day of this year, and a year without
    an era (8.4.1) is a year of the era in force at the end of this year."""
    raw = unicodedata.normalize("NFKC", text).strip().upper().replace(" ", "")
    if not raw:
        raise DateInputError("日付を入力してください（例: 20230110、R5.1.10）")
    m = _COMPACT.match(raw) or _WESTERN.match(raw)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), text)
    m = _MONTH_DAY.match(raw)
    if m and this_year is not None:
        return _make(this_year, int(m[1]), int(m[2]), text)
    m = _WAREKI.match(raw) or _WAREKI_COMPACT.match(raw)
    if m:
        return _era_date(_ERA_NAMES[m[1]], m[2], m[3], m[4], text)
    m = _NO_ERA.match(raw)
    if m:
        if this_year is None:
            raise DateInputError(f"元号を付けて入力してください（{text}）。例: R8.4.1、H8.4.1、S60.6.15")
        return _era_date(to_wareki(date(this_year, 12, 31)).era, m[1], m[2], m[3], text)
    raise DateInputError(f"日付として読めません（{text}）。例: 20230110、2023-01-10、R5.1.10、令和5年1月10日")


def date_typed_in_full(text: str) -> bool:
    """The text has the form of a whole date that nothing more can follow: eight digits (20230110), an era
    and six digits (R050110) or a date ending in 日 (令和5年1月10日, as an IME commits it). R5.1.1 may still
    become R5.1.10, so it is not; the counter goes on by itself only after a date typed in full."""
    raw = unicodedata.normalize("NFKC", text).strip().upper().replace(" ", "")
    return bool(_COMPACT.match(raw) or _WAREKI_COMPACT.match(raw)
                or (raw.endswith("日") and (_WESTERN.match(raw) or _WAREKI.match(raw))))


def _era_date(era: Era, year_text: str, month: str, day_text: str, text: str) -> date:
    year = 1 if year_text == "元" else int(year_text)
    if year == 0:
        raise DateInputError(f"{era.kanji}0年はありません（{text}）。最初の年は元年です")
    shown = f"{era.kanji}{year_text}年{int(month)}月{int(day_text)}日"
    day = _make(era.start.year + year - 1, int(month), int(day_text), text)
    if day < era.start:
        raise DateInputError(f"{shown}は{era.kanji}より前の日付です")
    following = _NEXT_ERA.get(era)
    if following is not None and day >= following.start:
        last = following.start - timedelta(days=1)
        raise DateInputError(f"{shown}は{era.kanji}の終わり（{format_wareki(last)}）より後の日付です。"
                             f"{format_wareki(day)}のことでしたら、そのように入力してください")
    return day


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateInputError(f"存在しない日付です（{text}）") from None
