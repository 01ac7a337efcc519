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
from collections.abc import Iterator
from datetime import date

from kakanai.model import Reception, ReceptionError
from kakanai.model.reception_schema import EARLIEST_BIRTH_DATE
from kakanai.model.reception_schema import LATEST_DATE as SCHEMA_LATEST_DATE

# The one range of dates a reception may hold (model/reception_schema.py): any date in it prints as 和暦.
EARLIEST_DATE, LATEST_DATE = EARLIEST_BIRTH_DATE, SCHEMA_LATEST_DATE
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


def _is_clean(text: str) -> bool:
    """The fast path: str.isprintable() is False for every forbidden class (Cc, Cf, Cs, Co, noncharacters
    are Cn), but also for spaces other than U+0020: the ideographic space of 「山田　太郎」 is replaced first,
    and text with any other space, or with characters newer than Python's Unicode tables, takes the regex."""
    return "\ufffd" not in text and text.replace("\u3000", " ").isprintable()


def _fields(reception: Reception) -> Iterator[tuple[str, str, object]]:
    """(where, key, value) of every value; the JSON path is `where + key`, built only for an error."""
    yield "", "event_date", reception.event_date
    yield "", "visit_date", reception.visit_date
    yield "household.", "address", reception.household.address
    yield "household.", "previous_address", reception.household.previous_address
    for key, value in reception.household.facts.items():
        yield "household.facts.", key, value
    for key, text in reception.form_inputs.items():
        yield "form_inputs.", key, text
    for index, member in enumerate(reception.members):
        where = f"members[{index}]."
        yield where, "name", member.name
        yield where, "name_kana", member.name_kana
        yield where, "address", member.address
        yield where, "birth_date", member.birth_date
        for key, value in member.facts.items():
            yield f"{where}facts.", key, value
        for key, text in member.form_inputs.items():
            yield f"{where}form_inputs.", key, text


def _all_clean(reception: Reception) -> bool:
    """One pass without building any field name: True when nothing needs a closer look."""
    texts = [reception.household.address, reception.household.previous_address, *reception.form_inputs.values()]
    dates = [reception.event_date] if reception.visit_date is None else [reception.event_date, reception.visit_date]
    values = list(reception.household.facts.values())
    for member in reception.members:
        texts += (member.name, member.name_kana, member.address, *member.form_inputs.values())
        dates.append(member.birth_date)
        values += member.facts.values()
    for value in values:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, tuple):
            texts += value
        elif isinstance(value, date):
            dates.append(value)
        elif not isinstance(value, bool) and abs(value) > MAX_INT:
            return False
    return min(dates) >= EARLIEST_DATE and max(dates) <= LATEST_DATE and _is_clean(" ".join(texts))


def check_reception(reception: Reception) -> None:
    """Raise ReceptionError (naming the field) for anything a pre-entry may not carry."""
    if _all_clean(reception):
        return
    for where, key, value in _fields(reception):  # find the first field at fault, in document order
        if isinstance(value, date):
            check_date(value, where + key)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            raise ReceptionError(where + key, f"数値が大きすぎます（{value}）")
        for text in (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ():
            check_text(text, where + key)
