"""Shared helpers for the forms tests: the example reception, a small self-contained form library for
engine tests (independent of the catalog's forms), and poppler helpers (pdftotext, pdftoppm)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from kakanai.forms import FormLibrary, MunicipalityInfo
from kakanai.forms.backoffice import MAGIC, parse_payload
from kakanai.model import Reception, reception_from_dict
from kakanai.paths import examples_dir, forms_dir

MUNICIPALITY = MunicipalityInfo("見本市", "見本市長", "北海道")
TODAY = date(2026, 4, 10)

# A small form exercising every item kind; kept here so the engine tests do not change when the catalog's
# forms are redesigned.
MINI_FORM = """
id: mini
title: 試験用様式
legal_basis: 試験
page: {size: A4, orientation: portrait}
per: household
inputs:
  - {id: phone, label: 電話番号, scope: reception}
  - {id: honseki, label: 本籍, scope: household}
items:
  - {type: title, text: 試験用様式, y: 10, size: 18}
  - {type: field, id: name, label: 氏名, x: 10, y: 20, w: 60, h: 12, value: applicant.name, size: [14, 9]}
  - {type: field, id: narrow_name, label: 氏名（狭い欄）, x: 72, y: 20, w: 22, h: 12, value: applicant.name, size: [14, 9]}
  - {type: field, id: birth, label: 生年月日, x: 100, y: 20, w: 50, h: 12, value: applicant.birth_date, format: wareki}
  - {type: field, id: address, label: 住所, x: 10, y: 34, w: 80, h: 16, value: household.address, wrap: true}
  - {type: field, id: phone, label: 電話番号, x: 100, y: 34, w: 50, h: 12, value: input.phone}
  - {type: checkbox, id: kind_in, text: 転入, x: 10, y: 54, value: reception.event, when: [転入]}
  - {type: choice, id: sex, label: 性別, x: 40, y: 54, value: applicant.sex, options: [{value: male, text: 男}, {value: female, text: 女}]}
  - type: rows
    id: persons
    x: 10
    y: 64
    rows: 2
    row_h: 12
    persons: members
    columns:
      - {label: 氏名, w: 50, value: row.name, size: [12, 9]}
      - {label: 生年月日, w: 40, value: row.birth_date, format: wareki}
      - {label: 本籍, w: 60, value: row.input.honseki}
  - {type: signature, x: 10, y: 110, w: 100, h: 14, label: 署名}
  - {type: block, use: office, dy: 130}
backoffice: {x: 160, y: 150, size: 30}
"""


@pytest.fixture(scope="session")
def example() -> Reception:
    raw = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    return reception_from_dict(raw)


HOUSEHOLDS = Path(__file__).with_name("households")  # unusual households found by driving `kakanai render`


def household(name: str) -> dict[str, Any]:
    """The reception JSON of households/<name>.json."""
    data: dict[str, Any] = json.loads((HOUSEHOLDS / f"{name}.json").read_text(encoding="utf-8"))
    return data


def render_household(data: dict[str, Any]) -> list[Any]:
    """Plan a reception (JSON) with the shipped rules and render every form it prints (RenderedDocument)."""
    from kakanai.forms.render import render_plan_forms
    from kakanai.rules import load_rulebook

    reception = reception_from_dict(data)
    return list(render_plan_forms(FormLibrary(forms_dir()), reception, load_rulebook().plan(reception),
                                  MUNICIPALITY, TODAY))


def asked_household(data: dict[str, Any]) -> list[Any]:
    """Plan a reception (JSON) with the shipped rules: what the counter asks for its forms (AskedInput)."""
    from kakanai.forms.inputs import inputs_to_ask
    from kakanai.rules import load_rulebook

    reception = reception_from_dict(data)
    return list(inputs_to_ask(FormLibrary(forms_dir()), reception, load_rulebook().plan(reception)))


def reception_with(**changes: object) -> Reception:
    """The example reception with top-level JSON fields replaced (members, household, form_inputs …)."""
    raw = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    raw.update(changes)
    return reception_from_dict(raw)


def example_raw() -> dict[str, object]:
    data: dict[str, object] = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    return data


def example_members(**head_changes: object) -> list[dict[str, Any]]:
    """The example household's members (JSON), the head's fields changed."""
    members: list[dict[str, Any]] = [dict(m) for m in example_raw()["members"]]  # type: ignore[attr-defined]
    members[0].update(head_changes)
    return members


@pytest.fixture()
def mini_library(tmp_path: Path) -> FormLibrary:
    folder = tmp_path / "forms"
    shutil.copytree(forms_dir() / "blocks", folder / "blocks")
    (folder / "mini.yaml").write_text(MINI_FORM, encoding="utf-8")
    return FormLibrary(folder)


@pytest.fixture()
def pdf_text(tmp_path: Path) -> Callable[[bytes], str]:
    def extract(pdf: bytes) -> str:
        path = tmp_path / "extract.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True).stdout.decode("utf-8")
    return extract


def poppler(text: str) -> str:
    """How pdftotext prints `text`: poppler turns the ideographic space U+3000 into an ASCII space even
    though the PDF maps it to U+3000 (pypdf extracts it exactly; see test_engine)."""
    return text.replace("\u3000", " ")


def rasterize(pdf: bytes, folder: Path, dpi: int, page: int = 1, gray: bool = True) -> Path:
    """One page as PNG through poppler (what a scanner would see)."""
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "page.pdf"
    src.write_bytes(pdf)
    stem = folder / f"page{page}"
    args = ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile"]
    if gray:
        args.append("-gray")
    subprocess.run([*args, str(src), str(stem)], check=True, capture_output=True)
    return stem.with_suffix(".png")


def read_codes(pdf: bytes, folder: Path, page: int = 1) -> list[dict[str, Any]]:
    """The back-office codes of one page, read from a 150 dpi scan (docs/backoffice-code.md)."""
    png = rasterize(pdf, folder, 150, page)
    return [parse_payload(bytes(r.bytes)) for r in zxingcpp.read_barcodes(Image.open(png))
            if bytes(r.bytes).startswith(MAGIC)]


_MM = 72.0 / 25.4


def words_mm(pdf: bytes, tmp: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(word, x_min, y_min, x_max, y_max) in mm from the top-left corner, as poppler reads the page."""
    path = tmp / "words.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(path), "-"],
                          check=True, capture_output=True).stdout.decode("utf-8")
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)
    return [(w, float(a) / _MM, float(b) / _MM, float(c) / _MM, float(d) / _MM) for a, b, c, d, w in found]


def words_inside(words: list[tuple[str, float, float, float, float]], x: float, y: float, w: float,
                 h: float) -> list[str]:
    """The words drawn inside the box (mm), top to bottom; every word of the box must be wholly inside."""
    inside = [t for t in words if t[1] >= x - 0.05 and t[3] <= x + w + 0.05 and t[2] >= y - 0.05
              and t[4] <= y + h + 0.05]
    return [t[0] for t in sorted(inside, key=lambda t: (round(t[2], 1), t[1]))]
