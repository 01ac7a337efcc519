"""Dates as a clerk types them: 西暦 (20230110, 2023-01-10, 2023/1/10) or 和暦 (R5.1.10, 令和5年1月10日,
H30-9-20, 昭和60年6月15日, 元年 included). A wrong or impossible date gives a Japanese message."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from kakanai.model.wareki import Era

_WESTERN = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_WAREKI = re.compile(r"^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})[-/.月](\d{1,2})日?$")
_ERA_NAMES = {name: era for era in Era for name in (era.kanji, era.short, era.letter)}


class DateInputError(ValueError):
    pass


def parse_typed_date(text: str, *, this_year: int | None = None) -> date:
    """With `this_year`, a month and day alone (4/9, 4月9日) mean that day of this year."""
    raw = unicodedata.normalize("NFKC", text).strip().upper().replace(" ", "")
    if not raw:
        raise DateInputError("日付を入力してください（例: 20230110、R5.1.10）")
    m = _COMPACT.match(raw) or _WESTERN.match(raw)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), text)
    m = _MONTH_DAY.match(raw)
    if m and this_year is not None:
        return _make(this_year, int(m[1]), int(m[2]), text)
    m = _WAREKI.match(raw)
    if m:
        era = _ERA_NAMES[m[1]]
        year = 1 if m[2] == "元" else int(m[2])
        day = _make(era.start.year + year - 1, int(m[3]), int(m[4]), text)
        if day < era.start:
            raise DateInputError(f"{era.kanji}{m[2]}年{m[3]}月{m[4]}日は{era.kanji}より前の日付です")
        return day
    raise DateInputError(f"日付として読めません（{text}）。例: 20230110、2023-01-10、R5.1.10、令和5年1月10日")


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateInputError(f"存在しない日付です（{text}）") from None
