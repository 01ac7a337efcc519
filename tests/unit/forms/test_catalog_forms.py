"""The catalog's forms: every `here` procedure has a form; every form renders for the example household and
matches its approved image (visual regression); the 住民異動届 and the guidance sheet carry exactly what
was decided. Approve new images with `KAKANAI_APPROVE_FORMS=1 .venv/bin/pytest tests/unit/forms`, look at
them (tests/unit/forms/approved/*.png) and commit them."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from kakanai.app.forms_adapter import municipality_info
from kakanai.cli.render_files import preview_form
from kakanai.forms import render_reception
from kakanai.forms.library import form_library
from kakanai.model import Mode, Reception
from kakanai.paths import forms_dir
from kakanai.qr.codes import reception_code
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import poppler, rasterize, reception_with

APPROVED = Path(__file__).with_name("approved")
FORM_IDS = sorted(p.stem for p in forms_dir().glob("*.yaml"))
DPI = 50
# A pixel differs when its grey level moves by more than this; a page differs when more than this share of
# its pixels do (anti-aliasing noise stays far below; a moved label or a lost field is far above).
PIXEL_TOLERANCE = 48
PAGE_TOLERANCE = 0.002


def _compare_with_approved(name: str, pdf: bytes, tmp: Path) -> None:
    png = rasterize(pdf, tmp, DPI)
    approved = APPROVED / f"{name}.png"
    if os.environ.get("KAKANAI_APPROVE_FORMS") == "1":
        APPROVED.mkdir(exist_ok=True)
        approved.write_bytes(png.read_bytes())
        return
    assert approved.is_file(), f"no approved image for {name}: run with KAKANAI_APPROVE_FORMS=1 and review it"
    new = np.asarray(Image.open(png).convert("L"), dtype=np.int16)
    old = np.asarray(Image.open(approved).convert("L"), dtype=np.int16)
    assert new.shape == old.shape, f"{name}: page size changed {old.shape} -> {new.shape}"
    share = float((np.abs(new - old) > PIXEL_TOLERANCE).mean())
    if share > PAGE_TOLERANCE:
        Image.fromarray(new.astype(np.uint8)).save(tmp / f"{name}.actual.png")
        pytest.fail(f"{name}: {share:.2%} of the pixels differ from {approved} (actual in {tmp})")


def test_every_here_procedure_prints_a_form_that_exists() -> None:
    book = load_rulebook()
    library_ids = set(FORM_IDS)
    here = [p for p in book.catalog.procedures
            if p.mode is Mode.HERE or any(t.mode is Mode.HERE for t in p.triggers)]
    assert len(here) >= 30
    for proc in here:
        assert proc.forms, f"{proc.id} is printed here but names no form"
        for form_id in proc.forms:
            assert form_id in library_ids, f"{proc.id}: form {form_id} has no definition in forms/"


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_form_renders_and_matches_its_approved_image(form_id: str, tmp_path: Path,
                                                     pdf_text: Callable[[bytes], str]) -> None:
    pdf = preview_form(form_id)
    text = pdf_text(pdf)
    form = form_library().get(form_id)
    def squeeze(s: str) -> str:
        return s.replace(" ", "").replace("\u3000", "")

    assert squeeze(form.title.split("（")[0]) in squeeze(text)
    _compare_with_approved(form_id, pdf, tmp_path)


@pytest.fixture(scope="module")
def example_documents(example: Reception) -> dict[str, bytes]:
    book = load_rulebook()
    reception = dataclasses.replace(example, id="20260410-0001")
    plan = book.plan(reception)
    docs = render_reception(form_library(), reception, plan, municipality_info(book), date(2026, 4, 10),
                            reception_code=reception_code(reception.id or ""))
    return {d.form + (f"_{d.person}" if d.person else ""): d.pdf for d in docs}


def test_move_notice_carries_the_movers_as_decided(example_documents: dict[str, bytes],
                                                   pdf_text: Callable[[bytes], str]) -> None:
    text = pdf_text(example_documents["resident_move_notice"])
    for expected in ("山田　太郎", "山田　花子", "山田　𠮷子", "山田　髙志", "ヤマダ　ヨシコ", "昭和60年6月15日",
                     "昭和62年11月3日", "平成30年9月20日", "令和5年1月10日", "北海道見本市北５条東２丁目１５番地",
                     "東京都清瀬市元町１丁目２番３号", "令和8年4月9日", "見本市長"):
        assert poppler(expected) in text, expected


def test_five_movers_continue_on_a_second_move_notice_sheet(pdf_text: Callable[[bytes], str]) -> None:
    import json

    from kakanai.paths import examples_dir

    raw = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    fifth = {**raw["members"][3], "id": "p5", "name": "山田　健", "name_kana": "ヤマダ　ケン",
             "birth_date": "2025-02-01"}
    reception = reception_with(members=[*raw["members"], fifth])
    book = load_rulebook()
    docs = render_reception(form_library(), reception, book.plan(reception), municipality_info(book),
                            date(2026, 4, 10))
    move = next(d for d in docs if d.form == "resident_move_notice")
    assert move.pages == 2
    pages = pdf_text(move.pdf).split("\f")
    assert poppler("山田　髙志") in pages[0] and poppler("山田　健") in pages[1]
    assert "（2枚目／全2枚）" in pages[1]


def test_guidance_sheet_lists_every_procedure_and_carries_the_reception_code(
        example_documents: dict[str, bytes], example: Reception, pdf_text: Callable[[bytes], str],
        tmp_path: Path) -> None:
    pdf = example_documents["guidance"]
    text = pdf_text(pdf).replace("\n", "")
    plan = load_rulebook().plan(example)
    for proc in plan.procedures:
        assert poppler(proc.title) in text, proc.title
    png = rasterize(pdf, tmp_path, 150)
    codes = [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
    assert "KKR1:20260410-0001" in codes
    _compare_with_approved("guidance", pdf, tmp_path)
