"""The back-office code read back from a 150 dpi rendering of the page (what a scanner or RPA sees), and
the municipal template (overlay) mode with the example that ships in forms/templates/."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from kakanai.forms import FormDefinitionError, FormLibrary, render_form
from kakanai.forms.backoffice import MAGIC, parse_payload, payload
from kakanai.forms.library import form_library
from kakanai.forms.render import render_plan_forms
from kakanai.model import Reception
from kakanai.paths import forms_dir
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY, poppler, read_codes


def test_code_read_from_a_150_dpi_scan_gives_back_the_printed_values(mini_library: FormLibrary,
                                                                      example: Reception,
                                                                      tmp_path: Path) -> None:
    doc = render_form(mini_library.get("mini"), example, None, None, list(example.members), MUNICIPALITY,
                      TODAY)
    first = read_codes(doc.pdf, tmp_path / "p1", 1)
    second = read_codes(doc.pdf, tmp_path / "p2", 2)
    assert len(first) == 1 and len(second) == 1
    data = first[0]
    assert data["form"] == "mini" and data["sheet"] == "1/2" and second[0]["sheet"] == "2/2"
    fields = data["fields"]
    assert isinstance(fields, dict)
    assert fields["name"] == "山田　太郎"
    assert fields["birth"] == "昭和60年6月15日"
    assert fields["address"] == "北海道見本市北５条東２丁目１５番地"
    assert fields["phone"] == "090-1234-5678"
    assert fields["kind_in"] == "1" and fields["sex"] == "male"
    rows = [r.split("\x1f") for r in str(fields["persons"]).split("\x1e")]
    assert rows[0][0] == "山田　太郎" and rows[1][0] == "山田　花子"
    second_fields = second[0]["fields"]
    assert isinstance(second_fields, dict)
    assert str(second_fields["persons"]).startswith("山田　𠮷子")  # beyond the BMP, exact


def test_every_code_of_the_4_person_moving_in_reads_back_as_its_sheet(example: Reception, tmp_path: Path) -> None:
    """Each form of the 4-person 転入 (fonts subset in place, kakanai.forms.fonts) from a 150 dpi scan: one
    code a page, carrying exactly the values the sheet printed."""
    reception = dataclasses.replace(example, id="0f3c-moving-in-4")
    docs = render_plan_forms(form_library(), reception, load_rulebook().plan(reception), MUNICIPALITY, TODAY)
    assert len(docs) == 12 and "山田　𠮷子" in str(docs[0].sheets[0]["movers"])  # beyond the BMP, exact
    for n, doc in enumerate(docs):
        codes = read_codes(doc.pdf, tmp_path / str(n))
        assert len(codes) == 1, doc.title
        assert (codes[0]["form"], codes[0]["reception"], codes[0]["sheet"]) == (doc.form, "0f3c-moving-in-4", "1/1")
        assert codes[0]["person"] == doc.person and codes[0]["fields"] == doc.sheets[0]


def test_payload_round_trip_and_foreign_codes() -> None:
    data = payload("seal_registration", "R-1", "seal_registration", "p1", "1/1", {"name": "髙橋　𠮷"})
    assert data.startswith(MAGIC)
    back = parse_payload(data)
    assert back["fields"] == {"name": "髙橋　𠮷"} and back["v"] == 1
    with pytest.raises(ValueError, match="事務処理用コードではありません"):
        parse_payload(b"KKN1:ABC")


def test_overlay_draws_the_values_onto_the_municipalitys_blank(example: Reception,
                                                              pdf_text: Callable[[bytes], str]) -> None:
    library = FormLibrary(forms_dir() / "templates")
    form = library.get("example_overlay")
    assert form.template is not None and form.template.name == "example_blank.pdf"
    head = example.members[0]
    doc = render_form(form, example, None, head, [], MUNICIPALITY, TODAY)
    pdf = PdfReader(io.BytesIO(doc.pdf))
    assert len(pdf.pages) == 1
    text = pdf_text(doc.pdf)
    # The blank's own printing and the overlaid values on one page.
    assert "印鑑登録申請書（見本市の公式様式）" in text and "申請者署名" in text
    assert poppler("山田　太郎") in text and poppler("ヤマダ　タロウ") in text and "昭和60年6月15日" in text
    assert "090-1234-5678" in text and "北海道見本市北５条東２丁目１５番地" in text
    # The blank is not modified on disk.
    assert b"090-1234-5678" not in form.template.read_bytes()


def test_a_missing_template_is_a_definition_error(tmp_path: Path) -> None:
    source = (forms_dir() / "templates" / "example_overlay.yaml").read_text(encoding="utf-8")
    (tmp_path / "example_overlay.yaml").write_text(source, encoding="utf-8")
    with pytest.raises(FormDefinitionError, match="白紙様式PDFがありません"):
        FormLibrary(tmp_path).get("example_overlay")
