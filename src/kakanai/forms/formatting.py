"""How a bound value is printed: dates in 和暦 unless the form says otherwise (forms.md conventions)."""

from __future__ import annotations

from datetime import date

from kakanai.model.wareki import format_wareki, to_wareki

_SEX = {"male": "男", "female": "女", "not_applicable": ""}


def format_value(raw: object, fmt: str) -> str:
    if raw is None or raw == "":
        return ""
    if isinstance(raw, tuple):  # the options of a multiple choice input
        return "、".join(str(v) for v in raw)
    if isinstance(raw, bool):
        return "はい" if raw else "いいえ"
    if isinstance(raw, date):
        if fmt == "western":
            return f"{raw.year}年{raw.month}月{raw.day}日"
        if fmt == "wareki_padded":
            return format_wareki(raw, padded=True)
        if fmt == "era_code":
            w = to_wareki(raw)  # 日本年金機構 forms: 5 昭和, 7 平成, 9 令和 + YYMMDD
            return f"{w.era.pension_code}-{w.year:02d}{w.month:02d}{w.day:02d}"
        return format_wareki(raw)
    if fmt == "sex":
        return _SEX.get(str(raw), str(raw))
    if fmt == "yen" and str(raw).isdigit():
        return f"{int(str(raw)):,}円"
    return str(raw)
