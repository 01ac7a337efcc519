"""The form engine on a small self-contained form: values print and read back exactly (pdftotext), 和暦,
continuation sheets, blanks for missing form-only inputs, markup-free text, overflow and glyph errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kakanai.forms import FormLibrary, GlyphMissingError, TextOverflowError, render_form
from kakanai.forms.backoffice import parse_payload
from kakanai.model import Reception
from tests.unit.forms.conftest import (
    MUNICIPALITY,
    TODAY,
    example_members,
    poppler,
    reception_with,
)


def _render(library: FormLibrary, reception: Reception) -> Any:
    return render_form(library.get("mini"), reception, None, None, list(reception.members), MUNICIPALITY, TODAY)


def test_names_addresses_and_wareki_read_back_exactly(mini_library: FormLibrary, example: Reception,
                                                      pdf_text: Callable[[bytes], str]) -> None:
    text = pdf_text(_render(mini_library, example).pdf)
    for expected in ("山田　太郎", "山田　花子", "山田　𠮷子", "山田　髙志", "昭和60年6月15日", "平成30年9月20日",
                     "令和5年1月10日", "090-1234-5678"):
        assert poppler(expected) in text, expected
    # The wrapped address reads back as the typed characters, in order (a line break may fall anywhere).
    assert "北海道見本市北５条東２丁目１５番地" in text.replace("\n", "")


def test_text_extraction_gives_the_exact_code_points(mini_library: FormLibrary, example: Reception) -> None:
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(_render(mini_library, example).pdf)).pages[0].extract_text()
    assert "山田\u3000太郎" in text and "山田\u3000花子" in text


def test_character_beyond_bmp_extracts_as_itself_not_five_hex_digits(mini_library: FormLibrary,
                                                                     example: Reception,
                                                                     pdf_text: Callable[[bytes], str]) -> None:
    pdf = _render(mini_library, example).pdf
    assert "𠮷" in pdf_text(pdf)
    assert b"<D842DFB7>" in _uncompressed_streams(pdf)
    assert b"<20BB7>" not in _uncompressed_streams(pdf)


def _uncompressed_streams(pdf: bytes) -> bytes:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    out = b""
    for page in reader.pages:
        for font in (page["/Resources"]["/Font"]).values():  # type: ignore[index]
            font = font.get_object()
            if "/ToUnicode" in font:
                out += font["/ToUnicode"].get_object().get_data()
    return out


@pytest.mark.parametrize(("birth", "wareki"), [
    ("1989-01-07", "昭和64年1月7日"), ("1989-01-08", "平成元年1月8日"), ("2019-04-30", "平成31年4月30日"),
    ("2019-05-01", "令和元年5月1日"), ("1926-12-25", "昭和元年12月25日"), ("1912-07-30", "大正元年7月30日"),
])
def test_era_boundaries_on_the_form(mini_library: FormLibrary, pdf_text: Callable[[bytes], str], birth: str,
                                    wareki: str) -> None:
    reception = reception_with(members=example_members(birth_date=birth))
    assert wareki in pdf_text(_render(mini_library, reception).pdf)


def test_more_persons_than_rows_continue_on_a_second_sheet(mini_library: FormLibrary, example: Reception,
                                                          pdf_text: Callable[[bytes], str]) -> None:
    doc = _render(mini_library, example)
    assert doc.pages == 2  # 4 members, 2 rows a sheet
    text = pdf_text(doc.pdf)
    assert "（1枚目／全2枚）" in text and "（2枚目／全2枚）" in text
    first, second = text.split("\f")[:2]
    assert poppler("山田　花子") in first and poppler("山田　𠮷子") not in first
    assert poppler("山田　𠮷子") in second and poppler("山田　髙志") in second


def test_missing_form_inputs_print_blank_and_are_listed(mini_library: FormLibrary) -> None:
    doc = _render(mini_library, reception_with(form_inputs={}))
    assert set(doc.blank_inputs) == {"電話番号", "本籍"}
    fields = parse_payload(_first_payload(doc.pdf))["fields"]
    assert fields["phone"] == ""  # type: ignore[index]


def _first_payload(pdf: bytes) -> bytes:
    """The back-office payload of sheet 1, recomputed from the drawn values (the QR itself is tested in
    test_backoffice)."""
    import tempfile
    from pathlib import Path

    import zxingcpp
    from PIL import Image

    from tests.unit.forms.conftest import rasterize

    with tempfile.TemporaryDirectory() as folder:
        png = rasterize(pdf, Path(folder), 150)
        results = zxingcpp.read_barcodes(Image.open(png))
    assert results, "no back-office code found"
    return bytes(results[0].bytes)


def test_user_text_is_never_markup(mini_library: FormLibrary, pdf_text: Callable[[bytes], str]) -> None:
    reception = reception_with(members=example_members(name="<b>山&田"))
    assert "<b>山&田" in pdf_text(_render(mini_library, reception).pdf)


def test_long_name_shrinks_then_compresses_instead_of_clipping(mini_library: FormLibrary,
                                                                pdf_text: Callable[[bytes], str]) -> None:
    # 7 characters do not fit the 22 mm box at 14 pt; they fit at the minimum size, compressed.
    reception = reception_with(members=example_members(name="長谷川　由紀子"))
    assert poppler("長谷川　由紀子") in pdf_text(_render(mini_library, reception).pdf)


def test_text_that_cannot_fit_is_an_error_naming_the_field(mini_library: FormLibrary) -> None:
    reception = reception_with(members=example_members(name="寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末"))
    with pytest.raises(TextOverflowError) as caught:
        _render(mini_library, reception)
    assert caught.value.field in ("氏名", "氏名（狭い欄）")
    assert caught.value.field in str(caught.value) and "収まりません" in str(caught.value)


def test_a_character_without_glyph_is_an_error_naming_it(mini_library: FormLibrary) -> None:
    reception = reception_with(members=example_members(name="山田\U0001F600太郎"))
    with pytest.raises(GlyphMissingError) as caught:
        _render(mini_library, reception)
    err = caught.value
    assert err.char == "\U0001F600" and err.field == "氏名"
    assert "U+1F600" in str(err) and "氏名" in str(err)


def test_spouse_father_and_mother_bindings_come_from_the_couple(example: Reception) -> None:
    from kakanai.forms.bindings import FormContext

    head, wife, daughter = example.members[0], example.members[1], example.members[2]
    as_head = FormContext(example, None, head, head, MUNICIPALITY, TODAY, {})
    assert as_head.resolve("spouse.name") == "山田　花子"
    assert FormContext(example, None, wife, head, MUNICIPALITY, TODAY, {}).resolve("spouse.name") == "山田　太郎"
    assert FormContext(example, None, daughter, head, MUNICIPALITY, TODAY, {}).resolve("spouse.name") is None
    as_child = FormContext(example, None, daughter, head, MUNICIPALITY, TODAY, {})
    assert as_child.resolve("father.name") == "山田　太郎" and as_child.resolve("mother.name") == "山田　花子"
    assert as_head.resolve("father.name") is None  # the head's own father is not in the household


def test_an_input_of_another_event_is_not_listed_for_the_resident_to_write() -> None:
    # A death's 後期高齢者医療の届: 転出先の住所 (events: [moving_out]) stays empty because nothing belongs there;
    # 被保険者との関係, asked for every event and not given, is the resident's to write.
    from kakanai.forms.library import form_library

    reception = reception_with(event="death", subject=["p1"], form_inputs={"phone": "090-1234-5678"})
    doc = render_form(form_library().get("late_elderly_notice"), reception, None, reception.members[0], [],
                      MUNICIPALITY, TODAY)
    assert doc.blank_inputs == ("被保険者との関係",)


@pytest.mark.parametrize("event", ["moving_within", "moving_in"])
def test_a_move_without_a_typed_previous_address_prints_the_cards(event: str,
                                                                  pdf_text: Callable[[bytes], str]) -> None:
    # At the counter a 転居's members come from their cards, which still show the address before the move
    # (住所変更 is done at this counter); nothing else fills household.previous_address.
    from kakanai.forms.library import form_library

    members = example_members(address="東京都清瀬市元町１丁目２番３号")
    reception = reception_with(event=event, members=members,
                               household={"address": "北海道見本市北５条東２丁目１５番地", "previous_address": ""})
    doc = render_form(form_library().get("resident_move_notice"), reception, None, None, list(reception.members),
                      MUNICIPALITY, TODAY)
    assert doc.sheets[0]["old_address"] == "東京都清瀬市元町１丁目２番３号"


def test_a_move_out_keeps_the_previous_address_box_of_a_ltc_notice_empty() -> None:
    # 「従前の住所（転入・転居のとき）」: a 転出 has none, whatever the card says.
    from kakanai.forms.library import form_library

    reception = reception_with(event="moving_out", members=example_members(address="東京都清瀬市元町１丁目２番３号"),
                               household={"address": "", "previous_address": ""})
    doc = render_form(form_library().get("ltc_notice"), reception, None, reception.members[0], [], MUNICIPALITY,
                      TODAY)
    assert doc.sheets[0]["previous_address"] == ""
