"""Composing the rules and the forms: the documents of a planned reception as files (`kakanai render`),
a form preview with sample data (`kakanai forms preview`), and the municipality's names for the forms."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kakanai.forms import FormLibrary, MunicipalityInfo, RenderedDocument, render_form, render_reception
from kakanai.forms.check import pdf_text
from kakanai.forms.documents import row_persons
from kakanai.model import ClerkOverride, OverrideAction, Plan, Reception, Who, reception_from_dict
from kakanai.paths import examples_dir, forms_dir
from kakanai.rules import RuleBook, load_rulebook
from kakanai.rules.resident_texts import resident_texts

_LIBRARIES: dict[Path, FormLibrary] = {}


def form_library(folder: Path | None = None) -> FormLibrary:
    folder = folder or forms_dir()
    if folder not in _LIBRARIES:
        _LIBRARIES[folder] = FormLibrary(folder)
    return _LIBRARIES[folder]


def municipality_info(book: RuleBook) -> MunicipalityInfo:
    m = book.municipality
    return MunicipalityInfo(m.name, m.mayor_title, m.prefecture)


def large_print_default(book: RuleBook, day: date) -> bool:
    return bool(book.municipality.params_on(day).get("large_print_guidance"))


def render_reception_files(book: RuleBook, reception: Reception, plan: Plan, out: Path, *, today: date,
                           large_print: bool = False, language: str | None = None,
                           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Write one PDF per document; return the file list and the form-only inputs printed blank. The guidance
    sheet is in `language` (default: the reception's); raises UnknownLanguageError without its catalog."""
    documents = render_reception(form_library(), reception, plan, municipality_info(book), today,
                                 large_print=large_print or large_print_default(book, today),
                                 texts=resident_texts(book, language or reception.language))
    out.mkdir(parents=True, exist_ok=True)
    files: list[dict[str, Any]] = []
    blanks: list[dict[str, Any]] = []
    for n, doc in enumerate(documents, start=1):
        name = f"{n:02d}_{doc.form}" + (f"_{doc.person}" if doc.person else "") + ".pdf"
        if doc.form == "guidance":
            name = "guidance.pdf"
        path = out / name
        path.write_bytes(doc.pdf)
        files.append({"path": str(path), "form": doc.form, "procedure": doc.procedure, "person": doc.person,
                      "pages": doc.pages})
        blanks.extend({"form": doc.form, "person": doc.person, "label": label} for label in doc.blank_inputs)
    return files, blanks


@cache
def _sample() -> tuple[RuleBook, Reception, Plan]:
    """The rule book, the example household and its plan, for previews (loaded once per process)."""
    raw = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    book = load_rulebook()
    reception = reception_from_dict(raw)
    return book, reception, book.plan(reception)


def preview_form(form_id: str) -> bytes:
    """The form rendered for the example household, as printed for the first procedure that uses it."""
    return preview_document(form_id).pdf


# Printers cannot print the outermost ~4 mm of a sheet; the back-office code must stay clear of it.
PRINTABLE_MARGIN_MM = 5.0


def preview_problems(form_id: str) -> list[str]:
    """What only a rendering shows: the back-office code grows with its content (0.4 mm a module), so check
    with the sample data that it stays inside the printable area."""
    doc = preview_document(form_id)
    form = form_library().get(form_id)
    right, bottom = doc.code_extent_mm
    width, height = form.page_mm
    if right > width - PRINTABLE_MARGIN_MM or bottom > height - PRINTABLE_MARGIN_MM:
        return [f"{form.source}: 事務処理用コードが見本データで {right:.1f}×{bottom:.1f}mm まで広がり、"
                f"印刷できる範囲（端から{PRINTABLE_MARGIN_MM:g}mm）を超えます。backoffice の x, y を左上へ移してください"]
    return []


def preview_document(form_id: str, reception: Reception | None = None) -> RenderedDocument:
    """The form as printed for the example household (or `reception`, the same household with other values)."""
    book, sample, plan = _sample()
    reception = reception or sample
    library = form_library()
    form = library.get(form_id)
    proc_def = next((p for p in book.catalog.procedures if form_id in p.forms), None)
    procedure = next((p for p in plan.procedures if form_id in p.forms), None)
    if procedure is None and proc_def is not None:
        person = reception.members[0].id if proc_def.who is Who.PERSON else None
        added = replace(reception, overrides=(ClerkOverride(OverrideAction.ADD, proc_def.id, person, "見本"),))
        procedure = next(p for p in book.plan(added).procedures if p.id == proc_def.id)
    person_obj = reception.member(procedure.person) if procedure and procedure.person else None
    persons = row_persons(form, reception, [procedure] if procedure else [])
    return render_form(form, reception, procedure, person_obj, persons, municipality_info(book),
                       reception.effective_visit_date)


def input_print_problems(form_id: str) -> list[str]:
    """Every input a form declares prints: the example household with a distinct value for each (for the
    reception, and for every member), rendered, and each value looked for in the PDF's text."""
    form = form_library().get(form_id)
    markers = {i.id: f"記入{n:02d}" for n, i in enumerate(form.inputs, start=1)}
    _, sample, _ = _sample()
    filled = replace(sample, form_inputs={**sample.form_inputs, **markers},
                     members=tuple(replace(m, form_inputs={**m.form_inputs, **markers}) for m in sample.members))
    text = "".join(pdf_text(preview_document(form_id, filled).pdf).split())
    return [f"{form.source}: 入力 {i.id}（{i.label}）に値を入れても、見本データの印刷に現れません"
            for i in form.inputs if markers[i.id] not in text]
