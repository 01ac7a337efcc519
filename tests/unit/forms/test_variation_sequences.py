"""A registered name's 異体字 written as an ideographic variation sequence (葛 U+845B + U+E0102) prints with
IPAmj明朝's glyph for it (the cmap's format 14 subtable, kakanai.forms.uvs), in the same box and at the
same advance as any kanji, and reads back from the PDF as the same sequence. A sequence the font does not
list (葛 + U+E0100) is still refused by name (GlyphMissingError), as before: never printed as a plain 葛."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from reportlab.pdfbase import pdfmetrics

from kakanai.forms import FormLibrary, GlyphMissingError, render_form
from kakanai.forms.fonts import FontChain, FontRole, load_font
from kakanai.forms.linebreak import wrap
from kakanai.forms.uvs import FIRST_PRIVATE, variation_sequences
from tests.unit.forms.conftest import MUNICIPALITY, TODAY, example_members, rasterize, reception_with

KATSURA = "葛\U000E0102"  # IPAmj明朝 (文字情報基盤): MJ glyph of 葛 with 人 under 艹, not the ヒ of the base


def _render(library: FormLibrary, name: str) -> bytes:
    reception = reception_with(members=example_members(name=name))
    return bytes(render_form(library.get("mini"), reception, None, None, list(reception.members),
                             MUNICIPALITY, TODAY).pdf)


def test_ipamj_lists_the_variants_of_葛_and_each_draws_its_own_glyph() -> None:
    font = load_font(FontRole.DATA)
    face = pdfmetrics.getFont(font.name).face
    special, _default = variation_sequences(face._ttf_data, face.get_table_pos("cmap")[0])
    assert sorted(s for b, s in special if b == 0x845B) == list(range(0xE0102, 0xE0109))
    drawn = font.shape(f"{KATSURA}城")
    assert len(drawn) == 2 and ord(drawn[0]) >= FIRST_PRIVATE and drawn[1] == "城"
    assert face.charToGlyph[ord(drawn[0])] == special[(0x845B, 0xE0102)] != face.charToGlyph[0x845B]
    # Its own advance (a full em, as 葛's): the next character is not drawn over it.
    assert pdfmetrics.stringWidth(drawn, font.name, 10) == pdfmetrics.stringWidth("葛城", font.name, 10) == 20
    assert font.missing(f"{KATSURA}城") == [] and font.missing("葛\U000E0100") == ["\U000E0100"]


def test_a_line_break_never_falls_between_a_character_and_its_selector() -> None:
    chain = FontChain((FontRole.DATA,))
    lines = wrap(f"{KATSURA}{KATSURA}{KATSURA}", chain, 10, 25)
    assert [len(line) for line in lines] == [2, 1]  # three glyphs of 10 pt in 25 pt: two, then one


def test_the_variant_prints_and_reads_back_as_its_sequence(mini_library: FormLibrary,
                                                          pdf_text: Callable[[bytes], str]) -> None:
    with_variant = _render(mini_library, f"{KATSURA}城　太郎")
    assert f"{KATSURA}城" in pdf_text(with_variant)
    assert "葛城" in pdf_text(_render(mini_library, "葛城　太郎"))


def test_the_variant_glyph_is_really_drawn(tmp_path: Path) -> None:
    """The same 20 pt character on a small page, as the sequence and as the plain 葛: both drawn (not a
    blank .notdef), in the same place, and not the same glyph."""
    import io

    from reportlab.pdfgen import canvas

    def page(text: str) -> Image.Image:
        out = io.BytesIO()
        c = canvas.Canvas(out, pagesize=(40, 40))
        font = load_font(FontRole.DATA)
        c.setFont(font.name, 20)
        c.drawString(10, 12, font.shape(text))
        c.save()
        return Image.open(rasterize(out.getvalue(), tmp_path / str(len(text)), 300))

    variant, plain = page(KATSURA), page("葛")
    # Ink on both pages (a blank .notdef would leave the inverted page black, with no box).
    assert ImageChops.invert(variant).getbbox() is not None and ImageChops.invert(plain).getbbox() is not None
    assert ImageChops.difference(variant, plain).getbbox() is not None


@pytest.mark.parametrize("selector", ["\U000E0100", "\ufe00"])
def test_a_sequence_the_font_does_not_list_is_refused_by_name(mini_library: FormLibrary, selector: str) -> None:
    with pytest.raises(GlyphMissingError) as caught:
        _render(mini_library, f"葛{selector}城　太郎")
    assert caught.value.char == selector and caught.value.field == "氏名"
