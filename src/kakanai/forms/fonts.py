"""Form fonts: IPAmj明朝 for personal data (the 文字情報基盤 font: 𠮷 髙 﨑 邊 …), IPAexゴシック for labels;
the guidance sheet in BIZ UDゴシック/明朝 (a universal-design font, issue 17) and, for the resident's own
language (issue 19), DejaVu Sans (Latin with every Vietnamese and Portuguese letter), NanumGothic (Hangul)
and WenQuanYi Micro Hei (简体字, subfont 0 of a TrueType collection).

Both are embedded as TrueType subsets (never the non-embedded CID fonts, which draw nothing in poppler
without poppler-data and are substituted by viewers). Loading IPAmj明朝 takes ~0.12 s, so each font is
registered once per process.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts

from kakanai.forms import uvs
from kakanai.forms.errors import FontError
from kakanai.paths import font_file


class FontRole(StrEnum):
    DATA = "mincho"  # names, addresses and every value a resident typed: IPAmj明朝
    LABEL = "gothic"  # printed labels and headings: IPAexゴシック
    UD_GOTHIC = "ud-gothic"  # the guidance sheet's Japanese: BIZ UDゴシック
    UD_GOTHIC_BOLD = "ud-gothic-bold"
    UD_MINCHO = "ud-mincho"  # the guidance sheet's names: BIZ UD明朝
    LATIN = "latin"  # en, vi, pt-BR and other Latin-script catalogs: DejaVu Sans
    LATIN_BOLD = "latin-bold"
    HANGUL = "hangul"  # ko: NanumGothic
    HANGUL_BOLD = "hangul-bold"
    HANZI = "hanzi"  # zh-Hans: WenQuanYi Micro Hei (no bold face: headings use the regular one)


@dataclass(frozen=True)
class FontSource:
    name: str  # the ReportLab font name
    file: str  # a key of kakanai.paths.FONT_FILES (or a file in the bundle's fonts/ folder)
    package: str  # the Debian package that brings it, for the message when it is missing
    subfont: int = 0  # the face inside a TrueType collection (.ttc)
    fallback: FontRole | None = None  # printed with this one (and a warning) when the file is missing
    # Draws the ideographic variation sequences it lists (kakanai.forms.uvs: a registered name's 異体字). One
    # font only: the private code points given to its variant glyphs must mean the same in every chain.
    variants: bool = False


_FILES = {
    FontRole.DATA: FontSource("KakanaiMJ", "ipamjm.ttf", "fonts-ipamj-mincho", variants=True),
    FontRole.LABEL: FontSource("KakanaiGothic", "ipaexg.ttf", "fonts-ipaexfont"),
    FontRole.UD_GOTHIC: FontSource("KakanaiUDGothic", "BIZUDGothic-Regular.ttf", "fonts-morisawa-bizud-gothic",
                                   fallback=FontRole.LABEL),
    FontRole.UD_GOTHIC_BOLD: FontSource("KakanaiUDGothicBold", "BIZUDGothic-Bold.ttf",
                                        "fonts-morisawa-bizud-gothic", fallback=FontRole.UD_GOTHIC),
    FontRole.UD_MINCHO: FontSource("KakanaiUDMincho", "BIZUDMincho-Regular.ttf", "fonts-morisawa-bizud-mincho",
                                   fallback=FontRole.DATA),
    FontRole.LATIN: FontSource("KakanaiLatin", "DejaVuSans.ttf", "fonts-dejavu-core"),
    FontRole.LATIN_BOLD: FontSource("KakanaiLatinBold", "DejaVuSans-Bold.ttf", "fonts-dejavu-core",
                                    fallback=FontRole.LATIN),
    FontRole.HANGUL: FontSource("KakanaiHangul", "NanumGothic.ttf", "fonts-nanum"),
    FontRole.HANGUL_BOLD: FontSource("KakanaiHangulBold", "NanumGothicBold.ttf", "fonts-nanum",
                                     fallback=FontRole.HANGUL),
    FontRole.HANZI: FontSource("KakanaiHanzi", "wqy-microhei.ttc", "fonts-wqy-microhei"),
}
_LOCK = threading.Lock()
log = logging.getLogger(__name__)
# The variation sequence each private code point of the variants font draws (for the ToUnicode CMap).
_SEQUENCE_OF: dict[int, str] = {}
_DRAWN: dict[str, dict[str, str]] = {}  # font name -> its variation sequences and what draws each


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap with one correction (ReportLab 5.1 `ttfonts.makeToUnicodeCMap`).

    ReportLab writes a code point beyond U+FFFF as five hex digits (`<20BB7>`), which is not valid in a
    ToUnicode CMap: destination strings are UTF-16BE, so 𠮷 must be the surrogate pair `<D842DFB7>`.
    Without this, pdftotext and copy-and-paste give garbage for every MJ character outside the BMP, and the
    text of a form no longer reads back as what was printed. A private code point that draws a variation
    sequence (kakanai.forms.uvs) reads back as that sequence (葛 + U+E0102)."""

    def utf16(cp: int) -> str:
        return _SEQUENCE_OF.get(cp, chr(cp)).encode("utf-16-be").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(cp)}>" for i, cp in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


# ReportLab's ToUnicode CMap corrected (with _read_glyphs_in_place below, its only corrections): TTFont.addObjects
# looks the function up in its module.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class _GlyphTable:
    """A font's `glyf` table read in place from the file already in memory: slicing gives the glyph's bytes.

    ReportLab's `TTFontFile.get_table` returns a copy of the whole table, and `makeSubset` asks for `glyf` once
    per subset of every document: for IPAmj明朝 (a 46 MB file) that copy was ~20 ms, two thirds of the time
    of all previews of a 4-person 転入. `makeSubset` only ever slices the table, so a view that slices to bytes
    gives the same subset, byte for byte (tests/unit/forms/test_fonts.py)."""

    __slots__ = ("_view",)

    def __init__(self, view: memoryview) -> None:
        self._view = view

    def __getitem__(self, part: slice) -> bytes:
        return bytes(self._view[part])

    def __len__(self) -> int:
        return len(self._view)


def _read_glyphs_in_place(face: Any) -> None:
    """Make `face` (a ReportLab TTFontFace) hand out its glyf table without copying it."""
    start, length = face.get_table_pos("glyf")
    table = _GlyphTable(memoryview(face._ttf_data)[start:start + length])
    copying = face.get_table

    def get_table(tag: str) -> Any:
        return table if tag == "glyf" else copying(tag)

    face.get_table = get_table


# Binary (Flate only) streams instead of ASCII85 on top: ASCII85 encoding in pure Python was a fifth of the
# time of printing a reception's forms and makes every PDF 25 % larger; every PDF reader takes binary.
rl_config.useA85 = 0


@dataclass(frozen=True)
class LoadedFont:
    role: FontRole
    name: str  # the ReportLab font name
    covered: frozenset[int]  # code points with a glyph
    # variation sequence -> what draws it (kakanai.forms.uvs)
    drawn: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    def shape(self, text: str) -> str:
        """`text` as drawn: each variation sequence this font lists as the code point of its glyph."""
        return uvs.shape(text, self.drawn)

    def missing(self, text: str) -> list[str]:
        """Characters of `text` this font has no glyph for (newlines and spaces never count). A variation
        sequence the font lists is its glyph; a selector it does not list with its character is missing."""
        return [c for c in dict.fromkeys(self.shape(text)) if ord(c) not in self.covered and c not in "\n\t "]


@cache
def load_font(role: FontRole) -> LoadedFont:
    source = _FILES[role]
    path = font_file(source.file)
    if not path.is_file() and source.fallback is not None:
        # A counter PC set up before the UD fonts came still prints its guidance sheet, in the older font.
        log.warning("フォント %s がありません（%s）: 代わりのフォントで印刷します。%s を導入してください",
                    source.file, path, source.package)
        return load_font(source.fallback)
    with _LOCK:
        if source.name not in pdfmetrics.getRegisteredFontNames():
            if not path.is_file():
                raise FontError(f"フォント {source.file} がありません（{path}）: {source.package} を導入してください")
            try:
                loaded = ttfonts.TTFont(source.name, str(path), subfontIndex=source.subfont)
                _read_glyphs_in_place(loaded.face)
                if source.variants:
                    _DRAWN[source.name], sequence_of = uvs.add_variant_glyphs(loaded.face)
                    _SEQUENCE_OF.update(sequence_of)
                pdfmetrics.registerFont(loaded)
            except Exception as exc:  # ReportLab raises TTFError, struct.error, IndexError… on a damaged file
                raise FontError(f"フォント {source.file} が壊れているか読めません（{path}: {exc}）") from None
        font = pdfmetrics.getFont(source.name)
    covered = frozenset(font.face.charToGlyph)
    return LoadedFont(role, source.name, covered, _DRAWN.get(source.name, {}))


def text_width(text: str, role: FontRole, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, load_font(role).name, size))


@dataclass(frozen=True)
class FontChain:
    """Fonts tried in order for each character: the resident's language font first, then BIZ UD for the
    Japanese in the same line (a name, a document's name), then IPAmj明朝 (𠮷 and other MJ characters)."""

    roles: tuple[FontRole, ...]

    def role_of(self, ch: str) -> FontRole | None:
        return _first_role(self.roles, ch)

    def shaped(self, text: str) -> str:
        """`text` as drawn: a registered name's variation sequences as IPAmj明朝's glyphs (kakanai.forms.uvs),
        when the chain has that font."""
        return load_font(FontRole.DATA).shape(text) if FontRole.DATA in self.roles else text

    def missing(self, text: str) -> list[str]:
        return [c for c in dict.fromkeys(self.shaped(text)) if self.role_of(c) is None]

    def runs(self, text: str) -> list[tuple[FontRole, str]]:
        """`text` as drawn (shaped) cut where the font changes (a character no font has goes with the first font)."""
        return self._cut(self.shaped(text))

    def _cut(self, text: str) -> list[tuple[FontRole, str]]:
        out: list[tuple[FontRole, str]] = []
        for ch in text:
            role = self.role_of(ch) or self.roles[0]
            if out and out[-1][0] is role:
                out[-1] = (role, out[-1][1] + ch)
            else:
                out.append((role, ch))
        return out

    def width(self, text: str, size: float) -> float:
        """The width of `text` as drawn: already shaped (what `wrap` and `runs` give), since wrapping measures
        it thousands of times a sheet and shaping each time was an eighth of the cost."""
        return sum(text_width(part, role, size) for role, part in self._cut(text))


@cache
def _first_role(roles: tuple[FontRole, ...], ch: str) -> FontRole | None:
    """The first font of a chain with a glyph for `ch` (memoized: a sheet measures the same few hundred
    characters tens of thousands of times while it wraps lines)."""
    if ch in "\n\t ":
        return roles[0]
    return next((r for r in roles if ord(ch) in load_font(r).covered), None)
