"""Ideographic variation sequences (IVS: 葛 U+845B + U+E0100) on printed forms.

A registered name may carry an IVS that selects its exact glyph (the 住民票's 異体字). IPAmj明朝 has those
glyphs and says which in its cmap's format 14 subtable (platform 0, encoding 5: Unicode Variation
Sequences, OpenType spec "cmap — Character to Glyph Index Mapping Table", format 14). ReportLab maps one
code point to one glyph and knows nothing of sequences, so a variant glyph is given a code point of its own
in the font (a private-use one no font here uses), as ReportLab itself does for the glyphs its HarfBuzz
shaping adds (`TTFont.__addPrivate`): the sequence is drawn as that code point, its advance taken from the
glyph's own metrics, and the PDF's ToUnicode maps it back to the sequence (kakanai.forms.fonts), so the
text of a form still reads as what was entered.

A sequence the font lists as default (the base character's usual glyph is already the one selected) is
drawn as the base character. A sequence the font does not list is left alone: its selector then has no
glyph and the form refuses it by name (GlyphMissingError), as before.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Mapping
from typing import Any

from kakanai.model.characters import VARIATION_SELECTOR_RANGES

# Where the variant glyphs get their code points: Supplementary Private Use Area-B (plane 16), which the
# reception schema refuses from outside (a resident can never type one) and no font here maps.
FIRST_PRIVATE = 0x100000
LAST_PRIVATE = 0x10FFFD
# A base character followed by a variation selector (kakanai.model.characters' ranges: SVS and IVS).
SEQUENCE = re.compile("(.)([" + "".join(f"{chr(a)}-{chr(b)}" for a, b in VARIATION_SELECTOR_RANGES) + "])", re.DOTALL)
_FORMAT_14 = (0, 5)  # platform Unicode, encoding "Unicode Variation Sequences"


def _uint24(data: bytes, at: int) -> int:
    return int.from_bytes(data[at:at + 3], "big")


def variation_sequences(font: bytes, cmap_offset: int) -> tuple[dict[tuple[int, int], int], set[tuple[int, int]]]:
    """(non-default: (base, selector) -> glyph id, default: the (base, selector) drawn with the base's own
    glyph) from the font file's `cmap` table at `cmap_offset`; both empty when it has no format 14."""
    special: dict[tuple[int, int], int] = {}
    default: set[tuple[int, int]] = set()
    _version, tables = struct.unpack_from(">HH", font, cmap_offset)
    for i in range(tables):
        platform, encoding, offset = struct.unpack_from(">HHL", font, cmap_offset + 4 + 8 * i)
        start = cmap_offset + offset
        if (platform, encoding) != _FORMAT_14 or struct.unpack_from(">H", font, start)[0] != 14:
            continue
        (records,) = struct.unpack_from(">L", font, start + 6)
        for r in range(records):
            at = start + 10 + 11 * r
            selector = _uint24(font, at)
            default_at, special_at = struct.unpack_from(">LL", font, at + 3)
            if default_at:
                (ranges,) = struct.unpack_from(">L", font, start + default_at)
                for k in range(ranges):
                    first = _uint24(font, start + default_at + 4 + 4 * k)
                    more = font[start + default_at + 4 + 4 * k + 3]
                    default.update((base, selector) for base in range(first, first + more + 1))
            if special_at:
                (count,) = struct.unpack_from(">L", font, start + special_at)
                for k in range(count):
                    at_k = start + special_at + 4 + 5 * k
                    special[(_uint24(font, at_k), selector)] = struct.unpack_from(">H", font, at_k + 3)[0]
    return special, default


def add_variant_glyphs(face: Any) -> tuple[dict[str, str], dict[int, str]]:
    """Give each of the font's variant glyphs a private code point in the ReportLab `face` (its glyph and
    advance), and return (sequence -> the text that draws it, private code point -> its sequence)."""
    if "cmap" not in face.table:
        return {}, {}
    special, default = variation_sequences(face._ttf_data, face.get_table_pos("cmap")[0])
    drawn: dict[str, str] = {f"{chr(b)}{chr(s)}": chr(b) for b, s in default if b in face.charToGlyph}
    sequence_of: dict[int, str] = {}
    code = FIRST_PRIVATE
    advance = _advances(face)
    for (base, selector), glyph in sorted(special.items()):
        while code in face.charToGlyph:
            code += 1
        if code > LAST_PRIVATE:
            break  # a font with more variants than a plane holds: the rest are not drawn
        face.charToGlyph[code] = glyph
        face.charWidths[code] = advance(glyph)
        face.glyphToChar.setdefault(glyph, []).append(code)  # as ReportLab's own private glyphs
        sequence = f"{chr(base)}{chr(selector)}"
        drawn[sequence] = chr(code)
        sequence_of[code] = sequence
    return drawn, sequence_of


def _advances(face: Any) -> Callable[[int], float]:
    """A glyph's advance width in PDF units (1/1000 em), read from the font's hmtx (OpenType spec "hmtx":
    the last of the hhea's numberOfHMetrics advances goes on for every glyph after it). ReportLab's own
    `hmetrics` holds those later glyphs' advances already scaled and the others not, so it is not used."""
    data = face._ttf_data
    (count,) = struct.unpack_from(">H", data, face.get_table_pos("hhea")[0] + 34)
    hmtx = face.get_table_pos("hmtx")[0]
    scale = face._pdfScale

    def advance(glyph: int) -> float:
        return float(scale(struct.unpack_from(">H", data, hmtx + 4 * min(glyph, count - 1))[0]))

    return advance


def shape(text: str, drawn: Mapping[str, str]) -> str:
    """`text` with each variation sequence the font lists replaced by what draws it."""
    if not drawn or SEQUENCE.search(text) is None:
        return text
    return SEQUENCE.sub(lambda m: drawn.get(m[0], m[0]), text)
