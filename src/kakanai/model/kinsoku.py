"""Japanese line breaking (禁則処理, JIS X 4051 §9 and W3C "Requirements for Japanese Text Layout" §3.1.7)
for text shown in fixed-width columns (the plan's reasons, issue 17 problem 6).

Japanese has no spaces to break at, so a line may end after any character, except that:
- no line starts with a closing bracket, a small kana or a punctuation mark (行頭禁則: 。、」）ー…);
- no line ends with an opening bracket (行末禁則: 「（『);
- a run of Latin letters or digits (「R8.4.1」, 「14日」's 14) is never cut.
A full stop or comma that would start a line hangs past the end of the previous one (ぶら下げ) rather than
pushing a character down; other forbidden starts take the previous character with them (追い出し).
Widths are counted in columns: a full-width character is 2, a half-width one 1. Qt-free: the ui measures
how many columns fit and asks for the lines.
"""

from __future__ import annotations

import re
import unicodedata

# JLREQ cl-02 closing brackets, cl-04 hyphens, cl-05/06 dividing and middle dots, cl-07 full stops,
# cl-08 iteration marks, cl-10/11 prolonged sound mark and small kana: never at the start of a line.
NO_LINE_START = frozenset(
    "、。，．,.・：；:;？！?!‐゠–〜～ー…‥ヽヾゝゞ々〻"
    "）〕］｝〉》」』】〙〗〟’”｠»)]}"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
# JLREQ cl-01 opening brackets: never at the end of a line.
NO_LINE_END = frozenset("（〔［｛〈《「『【〘〖〝‘“｟«([{")
# May hang past the end of the line (ぶら下げ) instead of pushing the line's last character down.
HANGING = frozenset("、。，．,.")
_UNBREAKABLE = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+(?:[.\-:/][0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+)*")


def columns(text: str) -> int:
    """The width of `text` in columns: 2 for a wide or full-width character, 1 otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _units(paragraph: str) -> list[str]:
    """Characters, except that a Latin or digit run is one unit (never cut)."""
    units: list[str] = []
    at = 0
    for match in _UNBREAKABLE.finditer(paragraph):
        units += list(paragraph[at:match.start()])
        units.append(match.group())
        at = match.end()
    return units + list(paragraph[at:])


def _starts_badly(unit: str) -> bool:
    return unit[0] in NO_LINE_START


def _ends_badly(unit: str) -> bool:
    return unit[-1] in NO_LINE_END


def break_lines(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` columns (a hanging 。、 may exceed it by one character; a unit
    wider than the line stands alone), kept per paragraph ("\\n"), with the rules above."""
    width = max(width, 4)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        units = _units(paragraph)
        start = 0
        while start < len(units):
            end, used = start, 0
            while end < len(units) and used + columns(units[end]) <= width:
                used += columns(units[end])
                end += 1
            end = max(end, start + 1)  # a unit wider than the whole line
            if end < len(units):
                end = _break_at(units, start, end)
            lines.append("".join(units[start:end]))
            start = end
        if not units:
            lines.append("")
    return lines


def _break_at(units: list[str], start: int, end: int) -> int:
    """Where the line [start, end) really ends so that neither rule is broken."""

    def bad(cut: int) -> bool:
        return _starts_badly(units[cut]) or _ends_badly(units[cut - 1])

    if units[end] in HANGING and not _ends_badly(units[end - 1]):
        hung = end + 1  # 。 hangs, and a closing bracket right after it with it (「…した。」)
        if hung < len(units) and units[hung] in NO_LINE_START and units[hung] not in HANGING:
            hung += 1
        if hung >= len(units) or not _starts_badly(units[hung]):
            return hung
    cut = end
    while cut > start + 1 and bad(cut):
        cut -= 1  # 追い出し: the previous character goes down with it
    return end if bad(cut) else cut  # a line too short to obey: cut where it is full


def wrap(text: str, width: int, indent: str = "") -> str:
    """`text` broken into lines of `width` columns, each beginning with `indent`."""
    inner = width - columns(indent)
    return "\n".join(indent + line for line in break_lines(text, inner))
