"""Format-level checks of a pre-entry, beyond what `reception_from_dict` checks (docs/qr-format.md).

The code is made by the resident, so it is untrusted. `reception_from_dict` already refuses wrong types,
unknown keys, impossible dates, over-long strings and C0/C1 control characters. Here, what a printed form
must never receive: invisible format characters that reorder or hide text (bidi overrides, zero-width
characters), private-use characters (外字 no font at the counter has), lone surrogates, noncharacters and
U+FFFD (evidence of a lossy conversion upstream); dates outside what a form can print as 和暦; numbers
outside 32 bits. Variation selectors (U+FE00-FE0F, IVS U+E0100-E01EF) are allowed: they select the glyph
of a registered name (異体字).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from kakanai.model import FactValue, Reception, ReceptionError

EARLIEST_DATE = date(1868, 1, 25)  # the first 明治 date kakanai.model.wareki can print
LATEST_DATE = date(2100, 12, 31)
MAX_INT = 2**31 - 1

# General category Cf (format characters) of Unicode 15.1, as code point ranges; a unit test checks the
# list against unicodedata so a new Python cannot silently widen the hole.
_FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
_PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_SURROGATES = ((0xD800, 0xDFFF),)
_NONCHARACTERS = ((0xFDD0, 0xFDEF), *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)))
_REPLACEMENT = ((0xFFFD, 0xFFFD),)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


_FORBIDDEN = re.compile(
    "["
    + _char_class(_FORMAT_RANGES + _PRIVATE_USE + _SURROGATES + tuple(_NONCHARACTERS) + _REPLACEMENT)
    + "]"
)


def _describe(char: str) -> str:
    code = ord(char)
    if any(lo <= code <= hi for lo, hi in _PRIVATE_USE):
        return f"外字（私用領域の文字 U+{code:04X}）は使えません"
    if any(lo <= code <= hi for lo, hi in _SURROGATES):
        return f"壊れた文字（サロゲート U+{code:04X}）を含んでいます"
    if code == 0xFFFD:
        return "文字化け（U+FFFD）を含んでいます"
    if any(lo <= code <= hi for lo, hi in _FORMAT_RANGES):
        return f"見えない書式制御文字 U+{code:04X} は使えません"
    return f"使えない文字 U+{code:04X} を含んでいます"


def check_text(value: str, where: str) -> None:
    bad = _FORBIDDEN.search(value)
    if bad:
        raise ReceptionError(where, _describe(bad.group()))


def check_date(value: date, where: str) -> None:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ReceptionError(
            where, f"{EARLIEST_DATE.isoformat()}から{LATEST_DATE.isoformat()}までの日付にしてください（{value}）"
        )


def _check_fact(value: FactValue, where: str) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            raise ReceptionError(where, f"数値が大きすぎます（{value}）")
    elif isinstance(value, date):
        check_date(value, where)
    elif isinstance(value, str):
        check_text(value, where)
    else:
        for item in value:
            check_text(item, where)


def _check_mapping(facts: Mapping[str, FactValue], inputs: Mapping[str, str] | None, where: str) -> None:
    # Keys are ASCII identifiers already (reception_from_dict); only the values need the check.
    for key, value in facts.items():
        _check_fact(value, f"{where}facts.{key}")
    for key, text in (inputs or {}).items():
        check_text(text, f"{where}form_inputs.{key}")


def check_reception(reception: Reception) -> None:
    """Raise ReceptionError (naming the field) for anything a pre-entry may not carry."""
    check_date(reception.event_date, "event_date")
    if reception.visit_date is not None:
        check_date(reception.visit_date, "visit_date")
    check_text(reception.household.address, "household.address")
    check_text(reception.household.previous_address, "household.previous_address")
    _check_mapping(reception.household.facts, None, "household.")
    _check_mapping({}, reception.form_inputs, "")
    for index, member in enumerate(reception.members):
        where = f"members[{index}]"
        check_text(member.name, f"{where}.name")
        check_text(member.name_kana, f"{where}.name_kana")
        check_text(member.address, f"{where}.address")
        check_date(member.birth_date, f"{where}.birth_date")
        _check_mapping(member.facts, member.form_inputs, f"{where}.")
