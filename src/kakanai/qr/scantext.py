"""Cleaning up text that a handheld scanner typed (keyboard wedge) before it is parsed.

A scanner in keyboard-wedge mode types the code's text as key presses, so what arrives depends on the
PC's keyboard settings, not on the code:
- a terminator (CR, LF, CR LF, Tab) and a configured prefix/suffix (an AIM identifier such as `]Q1`, STX,
  ETX): control characters are removed, and the text is searched for the `KKN` prefix;
- Caps Lock inverts the case of letters: Base45 has upper-case letters only, so the text is upper-cased;
- an IME left in full-width mode turns ASCII into full-width forms (Ａ, １, ：, U+3000): folded back;
- a scanner set to the US keyboard on a Japanese (JIS) keyboard PC, or the other way round, types
  different symbols for the keys that differ between the layouts. Of Base45's characters only `*`, `+`
  and `:` move (letters, digits, space, `$ % - . /` sit on the same keys), and the mapping is one-to-one,
  so each mismatch has an exact inverse. The CRC-32 of the part decides which reading is right.
"""

from __future__ import annotations

import re

# What a US-layout scanner types on a JIS PC: `*` (Shift+8) arrives as `(`, `+` (Shift+=) as `~`, `:`
# (Shift+;) as `+`. The inverse translation restores the code's text.
_US_SCANNER_ON_JIS_PC = str.maketrans({"(": "*", "~": "+", "+": ":"})
# What a JIS-layout scanner types on a US PC: `*` (Shift+:) arrives as `"`, `+` (Shift+;) as `:`,
# `:` as `'`.
_JIS_SCANNER_ON_US_PC = str.maketrans({'"': "*", ":": "+", "'": ":"})
LAYOUT_READINGS = ("as typed", "US scanner on a JIS PC", "JIS scanner on a US PC")

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Full-width folded, control characters (terminators, STX/ETX, GS) removed, upper-cased."""
    return _CONTROL.sub("", text.translate(_FULL_WIDTH)).upper()


def readings(text: str) -> tuple[str, ...]:
    """The cleaned text as typed, then under each keyboard-layout mismatch (duplicates removed)."""
    base = clean(text)
    out = [base]
    for table in (_US_SCANNER_ON_JIS_PC, _JIS_SCANNER_ON_US_PC):
        variant = base.translate(table)
        if variant not in out:
            out.append(variant)
    return tuple(out)
