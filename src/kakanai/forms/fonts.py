"""Form fonts: IPAmj明朝 for personal data (the 文字情報基盤 font: 𠮷 髙 﨑 邊 …), IPAexゴシック for labels.

Both are embedded as TrueType subsets (never the non-embedded CID fonts, which draw nothing in poppler
without poppler-data and are substituted by viewers). Loading IPAmj明朝 takes ~0.12 s, so each font is
registered once per process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts

from kakanai.forms.errors import FontError
from kakanai.paths import font_file


class FontRole(StrEnum):
    DATA = "mincho"  # names, addresses and every value a resident typed: IPAmj明朝
    LABEL = "gothic"  # printed labels and headings: IPAexゴシック


_FILES = {FontRole.DATA: ("KakanaiMJ", "ipamjm.ttf"), FontRole.LABEL: ("KakanaiGothic", "ipaexg.ttf")}
_LOCK = threading.Lock()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap with one correction (ReportLab 5.1 `ttfonts.makeToUnicodeCMap`).

    ReportLab writes a code point beyond U+FFFF as five hex digits (`<20BB7>`), which is not valid in a
    ToUnicode CMap: destination strings are UTF-16BE, so 𠮷 must be the surrogate pair `<D842DFB7>`.
    Without this, pdftotext and copy-and-paste give garbage for every MJ character outside the BMP, and the
    text of a form no longer reads back as what was printed."""

    def utf16(cp: int) -> str:
        if cp <= 0xFFFF:
            return f"{cp:04X}"
        v = cp - 0x10000
        return f"{0xD800 + (v >> 10):04X}{0xDC00 + (v & 0x3FF):04X}"

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(cp)}>" for i, cp in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


# The one place where ReportLab is corrected: TTFont.addObjects looks the function up in its module.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap
# Binary (Flate only) streams instead of ASCII85 on top: ASCII85 encoding in pure Python was a fifth of the
# time of printing a reception's forms and makes every PDF 25 % larger; every PDF reader takes binary.
rl_config.useA85 = 0


@dataclass(frozen=True)
class LoadedFont:
    role: FontRole
    name: str  # the ReportLab font name
    covered: frozenset[int]  # code points with a glyph

    def missing(self, text: str) -> list[str]:
        """Characters of `text` this font has no glyph for (newlines and spaces never count)."""
        return [c for c in dict.fromkeys(text) if ord(c) not in self.covered and c not in "\n\t "]


@cache
def load_font(role: FontRole) -> LoadedFont:
    name, file = _FILES[role]
    with _LOCK:
        if name not in pdfmetrics.getRegisteredFontNames():
            path = font_file(file)
            if not path.is_file():
                raise FontError(f"フォント {file} がありません（{path}）: fonts-ipamj-mincho / fonts-ipaexfont を導入してください")
            try:
                pdfmetrics.registerFont(ttfonts.TTFont(name, str(path)))
            except Exception as exc:  # ReportLab raises TTFError, struct.error, IndexError… on a damaged file
                raise FontError(f"フォント {file} が壊れているか読めません（{path}: {exc}）") from None
        font = pdfmetrics.getFont(name)
    covered = frozenset(font.face.charToGlyph)
    return LoadedFont(role, name, covered)


def text_width(text: str, role: FontRole, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, load_font(role).name, size))
