"""From a planned reception to PDF documents: one per printed form (per person where the form is per
person, or listing the persons in rows with continuation sheets) plus the guidance sheet."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.backoffice import PRINTABLE_MARGIN_MM, draw_code, payload
from kakanai.forms.bindings import FormContext, MunicipalityInfo
from kakanai.forms.counter_boxes import COUNTER_LABELS, foreign_blank
from kakanai.forms.definition import FormDefinition, FormDefinitionError
from kakanai.forms.documents import PlannedDocument, plan_documents
from kakanai.forms.draw import MM, SheetPainter
from kakanai.forms.library import FormLibrary
from kakanai.forms.new_head import sheet_applicant
from kakanai.forms.overlay import overlay_template
from kakanai.model import Person, Plan, PlannedProcedure, Reception
from kakanai.model.relationship import relationship_words


@dataclass(frozen=True)
class RenderedDocument:
    form: str  # form id, or "guidance"
    title: str
    procedure: str | None
    person: str | None
    pdf: bytes
    pages: int
    blank_inputs: tuple[str, ...]  # form-only inputs printed as empty boxes, for the resident to write
    code_extent_mm: tuple[float, float] = (0.0, 0.0)  # right and bottom edge of the largest back-office code
    # Per sheet, the field values its back-office code carries (docs/backoffice-code.md): text as printed,
    # tick boxes "1"/"0". What a scan of the code gives the back office, without decoding the symbol.
    sheets: tuple[Mapping[str, str], ...] = ()


def render_form(form: FormDefinition, reception: Reception, procedure: PlannedProcedure | None,
                person: Person | None, persons: Sequence[Person], municipality: MunicipalityInfo,
                today: date) -> RenderedDocument:
    applicant = sheet_applicant(reception, procedure)
    ctx = FormContext(reception=reception, procedure=procedure, person=person, applicant=applicant,
                      municipality=municipality, today=today, relationship_words=relationship_words(reception.members),
                      multiple=frozenset(i.id for i in form.inputs if i.multiple),
                      family_register=frozenset(i.id for i in form.inputs if i.family_register),
                      dates=frozenset(i.id for i in form.inputs if i.kind == "date"),
                      foreign_asked=frozenset(i.id for i in form.inputs if i.foreign_label))
    rows = form.rows_item
    per_sheet = rows.rows if rows is not None else 0
    chunks = [persons[i:i + per_sheet] for i in range(0, len(persons), per_sheet)] if per_sheet and persons else [[]]
    buffer = io.BytesIO()
    width_pt, height_pt = form.page_mm[0] * MM, form.page_mm[1] * MM
    canvas = Canvas(buffer, pagesize=(width_pt, height_pt), pageCompression=1)
    canvas.setTitle(form.title)
    canvas.setCreator("kakanai")
    blanks: list[str] = []
    sheets: list[Mapping[str, str]] = []
    extent = (0.0, 0.0)
    for n, chunk in enumerate(chunks, start=1):
        painter = SheetPainter(canvas, form.id, form.page_mm, lambda path, row: ctx.resolve(path, row),
                               frames=form.template is None, blank_input=ctx.blank_input)
        for item in form.items:
            painter.draw(item, chunk)
        if len(chunks) > 1:
            # Above the 10 mm top margin that definitions keep, so it never collides with a header box.
            painter.label(f"（{n}枚目／全{len(chunks)}枚）", form.page_mm[0] - 10, 5.5, align="right")
        sheet = f"{n}/{len(chunks)}"
        data = payload(form.id, reception.id or "", procedure.id if procedure else None,
                       person.id if person else None, sheet, painter.values)
        x, y, size = form.backoffice
        x, y, side = draw_code(canvas, data, x, y, size, height_pt, within=(
            form.page_mm[0] - PRINTABLE_MARGIN_MM, form.page_mm[1] - PRINTABLE_MARGIN_MM))
        extent = (max(extent[0], x + side), max(extent[1], y + side))
        blanks.extend(b for b in painter.blanks if b not in blanks)
        sheets.append(dict(painter.values))
        canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()
    if form.template is not None:
        pdf = overlay_template(form.template, pdf)
    # Only what the counter asks for this document is the resident's to write; an input of another event or
    # procedure (転出先の住所 on a death's 後期高齢者医療の届) is empty because nothing belongs there.
    labels = {i.id: i.label for i in form.inputs
              if i.asked_for(reception.event.value, procedure.id if procedure else None)}
    # The outside 届出人's boxes, the new 世帯主 and the フリガナ are asked of every form that prints them
    # (kakanai.forms.inputs), not declared.
    labels.update(COUNTER_LABELS)
    labels.update({foreign_blank(i.id): i.foreign_label for i in form.inputs if i.foreign_label})
    return RenderedDocument(form=form.id, title=form.title, procedure=procedure.id if procedure else None,
                            person=person.id if person else None, pdf=pdf, pages=len(chunks),
                            blank_inputs=tuple(labels[b] for b in blanks if b in labels),
                            code_extent_mm=extent, sheets=tuple(sheets))


def render_document(document: PlannedDocument, reception: Reception, municipality: MunicipalityInfo,
                    today: date) -> RenderedDocument:
    """One planned document (kakanai.forms.documents); raises FormDefinitionError when it has no definition."""
    if document.form is None:
        raise FormDefinitionError(document.form_id, document.problem)
    return render_form(document.form, reception, document.procedure, document.person, document.persons,
                       municipality, today)


def render_plan_forms(library: FormLibrary, reception: Reception, plan: Plan, municipality: MunicipalityInfo,
                      today: date) -> list[RenderedDocument]:
    """Every form of the plan's `here` procedures, in plan order (grouping: kakanai.forms.documents)."""
    return [render_document(d, reception, municipality, today) for d in plan_documents(library, reception, plan)]
