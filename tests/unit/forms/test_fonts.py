"""The fonts' subsets are ReportLab's own, byte for byte: the glyf table is read in place (no copy of a
46 MB font per document) and nothing of what prints changes."""

from __future__ import annotations

from struct import unpack

import pytest
from reportlab.pdfbase import pdfmetrics, ttfonts

from kakanai.forms.fonts import _FILES, FontRole, load_font
from kakanai.paths import font_file

# Each font's characters of a 4-person 転入 and those a subset must pull in: 𠮷 髙 﨑 邊 (IPAmj明朝, 𠮷 beyond
# U+FFFF), Vietnamese letters drawn as composite glyphs (DejaVu Sans: base letter + accents), a ttc subfont.
TEXTS = {
    FontRole.DATA: "渡邊 髙雄 𠮷田 﨑 東京都千代田区1-2-3 令和8年4月1日",
    FontRole.LABEL: "住民異動届 届出人 氏名 生年月日",
    FontRole.LATIN: "Nguyễn Thị Hồng Ệ ặ ở ữ",
    FontRole.HANZI: "居民迁入登记 请携带",
}


def _composite(face: ttfonts.TTFontFace, cp: int) -> bool:
    start = face.get_table_pos("glyf")[0]
    glyph = face.charToGlyph[cp]
    pos, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
    return end - pos > 2 and unpack(">h", face._ttf_data[start + pos:start + pos + 2])[0] < 0


@pytest.mark.parametrize("role", list(TEXTS))
def test_a_subset_is_byte_for_byte_what_reportlab_makes(role: FontRole) -> None:
    face = pdfmetrics.getFont(load_font(role).name).face
    subset = [ord(c) for c in dict.fromkeys(TEXTS[role])]
    original = ttfonts.TTFontFace(str(font_file(_FILES[role].file)), subfontIndex=_FILES[role].subfont)
    assert face.makeSubset(subset) == original.makeSubset(subset)
    assert len(face.get_table("glyf")) == len(original.get_table("glyf"))
    assert face.get_table("glyf") is face.get_table("glyf")  # one view of the file, never a copy per document


def test_the_latin_text_exercises_composite_glyphs() -> None:
    face = pdfmetrics.getFont(load_font(FontRole.LATIN).name).face
    assert [c for c in "Nguyễn Ệ" if _composite(face, ord(c))] == ["ễ", "Ệ"]
