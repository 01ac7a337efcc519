"""Composing the rules and the forms for the command line: the documents of a planned reception as files
(`kakanai render`), a form preview with sample data (`kakanai forms preview`), and the print checks of
`kakanai forms check`. The counter renders through kakanai.forms.counter (the same grouping)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kakanai.app.forms_adapter import large_print_default, municipality_info
from kakanai.fileout import publish_folder
from kakanai.forms import RenderedDocument, render_form, render_reception
from kakanai.forms.backoffice import PRINTABLE_MARGIN_MM
from kakanai.forms.check import input_marker, input_shown, pdf_text
from kakanai.forms.documents import row_persons
from kakanai.forms.library import form_library
from kakanai.model import ClerkOverride, LifeEvent, OverrideAction, Plan, Reception, Who, reception_from_dict
from kakanai.paths import examples_dir
from kakanai.qr.codes import reception_code
from kakanai.rules import RuleBook, load_rulebook
from kakanai.rules.resident_texts import resident_texts


def render_reception_files(book: RuleBook, reception: Reception, plan: Plan, out: Path, *, today: date,
                           large_print: bool = False, language: str | None = None,
                           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Write one PDF per document; return the file list and the form-only inputs printed blank. The guidance
    sheet is in `language` (default: the reception's); raises UnknownLanguageError without its catalog.

    The folder is written as a whole (kakanai.fileout.publish_folder): refused when it holds files of
    another reception or not made by kakanai; raises kakanai.fileout.OutputError."""
    documents = render_reception(form_library(), reception, plan, municipality_info(book), today,
                                 large_print=large_print or large_print_default(book, today),
                                 texts=resident_texts(book, language or reception.language),
                                 reception_code=reception_code(reception.id) if reception.id else "")
    contents: dict[str, bytes] = {}
    files: list[dict[str, Any]] = []
    blanks: list[dict[str, Any]] = []
    for n, doc in enumerate(documents, start=1):
        name = f"{n:02d}_{doc.form}" + (f"_{doc.person}" if doc.person else "") + ".pdf"
        if doc.form == "guidance":
            name = "guidance.pdf"
        path = out / name
        contents[name] = doc.pdf
        files.append({"path": str(path), "form": doc.form, "procedure": doc.procedure, "person": doc.person,
                      "pages": doc.pages})
        blanks.extend({"form": doc.form, "person": doc.person, "label": label, "path": str(path)}
                      for label in doc.blank_inputs)
    publish_folder(out, contents, owner=output_owner(reception))
    return files, blanks


def output_owner(reception: Reception) -> str:
    """Which reception a render folder belongs to: its id, else the event and the members (ids, birth
    dates) — so a re-render after correcting an address replaces the files, another household's is refused.
    A digest: the marker file names no one."""
    if reception.id:
        key = f"id:{reception.id}"
    else:
        members = ",".join(f"{m.id}/{m.birth_date.isoformat()}" for m in reception.members)
        key = f"{reception.event.value}/{reception.event_date.isoformat()}/{members}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


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


def preview_document(form_id: str, reception: Reception | None = None,
                     procedure_id: str | None = None) -> RenderedDocument:
    """The form as printed for the example household (or `reception`, the same household with other values),
    for the first procedure that prints it (or `procedure_id`)."""
    book, sample, plan = _sample()
    reception = reception or sample
    library = form_library()
    form = library.get(form_id)
    proc_def = next((p for p in book.catalog.procedures if form_id in p.forms
                     and procedure_id in (None, p.id)), None)
    procedure = next((p for p in plan.procedures if form_id in p.forms and procedure_id in (None, p.id)), None)
    if procedure is None and proc_def is not None:
        # A newborn's procedure (出生届, 出産育児一時金) is previewed with the youngest member as the newborn.
        if all(t.events == {LifeEvent.BIRTH} for t in proc_def.triggers):
            reception = replace(reception, subject=(max(reception.members, key=lambda m: m.birth_date).id,))
        person = reception.subject_members()[0].id if proc_def.who is Who.PERSON else None
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
    markers = {i.id: input_marker(i, n) for n, i in enumerate(form.inputs, start=1)}
    _, sample, _ = _sample()
    filled = replace(sample, form_inputs={**sample.form_inputs, **markers},
                     members=tuple(replace(m, form_inputs={**m.form_inputs, **markers}) for m in sample.members))
    problems: list[str] = []
    # An input asked only for some procedures (国保の届の加入の理由) is looked for on the sheet of the first.
    for procedures in dict.fromkeys(i.procedures for i in form.inputs):
        document = preview_document(form_id, filled, procedures[0] if procedures else None)
        text = "".join(pdf_text(document.pdf).split())
        problems += [f"{form.source}: 入力 {i.id}（{i.label}）に値を入れても、見本データの印刷に現れません"
                     for i in form.inputs if i.procedures == procedures
                     and not input_shown(form, i, markers[i.id], text, document.sheets)]
    return problems
