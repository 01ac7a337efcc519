"""From a planned reception to PDF documents: one per printed form (per person where the form is per
person, or listing the persons in rows with continuation sheets) plus the guidance sheet."""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.backoffice import draw_code, payload
from kakanai.forms.bindings import FormContext, MunicipalityInfo
from kakanai.forms.definition import FormDefinition, FormDefinitionError, FormLoader
from kakanai.forms.draw import MM, SheetPainter
from kakanai.forms.overlay import overlay_template
from kakanai.model import Mode, Person, Plan, PlannedProcedure, Reception, choose_applicant
from kakanai.model.agelaw import age_on


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


class FormLibrary:
    """The form definitions of a folder, loaded once each (thread-safe; the UI renders on a worker)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loader = FormLoader(folder)
        self._cache: dict[str, FormDefinition] = {}
        self._lock = threading.Lock()

    def ids(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.yaml"))

    def get(self, form_id: str) -> FormDefinition:
        with self._lock:
            if form_id not in self._cache:
                path = self.folder / f"{form_id}.yaml"
                if not path.is_file():
                    raise FormDefinitionError(str(path), f"様式 {form_id} の定義がありません")
                self._cache[form_id] = self._loader.load(path)
            return self._cache[form_id]


def relationship_words(reception: Reception) -> dict[str, str]:
    """続柄 wording for the forms: 世帯主, 妻, 夫, 子 (the 住民票 wording for children), 父, 母, その他."""
    words = {"head": "世帯主", "child": "子", "other": "その他"}
    out: dict[str, str] = {}
    for m in reception.members:
        rel = m.facts.get("relationship")
        if rel == "spouse":
            out[m.id] = {"male": "夫", "female": "妻"}.get(m.sex.value, "配偶者")
        elif rel == "parent":
            out[m.id] = {"male": "父", "female": "母"}.get(m.sex.value, "親")
        elif isinstance(rel, str):
            out[m.id] = words.get(rel, "")
    return out


def row_persons(form: FormDefinition, reception: Reception, group: Sequence[PlannedProcedure]) -> list[Person]:
    rows = form.rows_item
    if rows is None:
        return []
    if rows.persons == "members":
        return list(reception.members)
    if rows.persons == "children":
        return [m for m in reception.members if m.facts.get("relationship") == "child"
                or age_on(m.birth_date, reception.event_date) < 18]
    ids = [p.person for p in group if p.person]
    if ids:
        return [reception.member(i) for i in dict.fromkeys(ids)]
    return list(reception.subject_members())


def render_form(form: FormDefinition, reception: Reception, procedure: PlannedProcedure | None,
                person: Person | None, persons: Sequence[Person], municipality: MunicipalityInfo,
                today: date) -> RenderedDocument:
    applicant = choose_applicant(reception)
    ctx = FormContext(reception=reception, procedure=procedure, person=person, applicant=applicant,
                      municipality=municipality, today=today, relationship_words=relationship_words(reception))
    rows = form.rows_item
    per_sheet = rows.rows if rows is not None else 0
    chunks = [persons[i:i + per_sheet] for i in range(0, len(persons), per_sheet)] if per_sheet and persons else [[]]
    buffer = io.BytesIO()
    width_pt, height_pt = form.page_mm[0] * MM, form.page_mm[1] * MM
    canvas = Canvas(buffer, pagesize=(width_pt, height_pt), pageCompression=1)
    canvas.setTitle(form.title)
    canvas.setCreator("kakanai")
    blanks: list[str] = []
    extent = (0.0, 0.0)
    for n, chunk in enumerate(chunks, start=1):
        painter = SheetPainter(canvas, form.id, form.page_mm, lambda path, row: ctx.resolve(path, row),
                               frames=form.template is None)
        for item in form.items:
            painter.draw(item, chunk)
        if len(chunks) > 1:
            # Above the 10 mm top margin that definitions keep, so it never collides with a header box.
            painter.label(f"（{n}枚目／全{len(chunks)}枚）", form.page_mm[0] - 10, 5.5, align="right")
        sheet = f"{n}/{len(chunks)}"
        data = payload(form.id, reception.id or "", procedure.id if procedure else None,
                       person.id if person else None, sheet, painter.values)
        x, y, size = form.backoffice
        side = draw_code(canvas, data, x, y, size, height_pt)
        extent = (max(extent[0], x + side), max(extent[1], y + side))
        blanks.extend(b for b in painter.blanks if b not in blanks)
        canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()
    if form.template is not None:
        pdf = overlay_template(form.template, pdf)
    labels = {i.id: i.label for i in form.inputs}
    return RenderedDocument(form=form.id, title=form.title, procedure=procedure.id if procedure else None,
                            person=person.id if person else None, pdf=pdf, pages=len(chunks),
                            blank_inputs=tuple(labels[b] for b in blanks if b in labels),
                            code_extent_mm=extent)


def render_plan_forms(library: FormLibrary, reception: Reception, plan: Plan, municipality: MunicipalityInfo,
                      today: date) -> list[RenderedDocument]:
    """Every form of the plan's `here` procedures, in plan order. A per-person form is printed once per
    person; a form with person rows is printed once per procedure, listing its persons."""
    out: list[RenderedDocument] = []
    done: set[tuple[str, str]] = set()
    for proc in plan.procedures:
        if proc.mode is not Mode.HERE:
            continue
        for form_id in proc.forms:
            form = library.get(form_id)
            if form.per == "household":
                if (form_id, proc.id) in done:
                    continue
                done.add((form_id, proc.id))
                group = [p for p in plan.procedures if p.id == proc.id]
                out.append(render_form(form, reception, proc, None, row_persons(form, reception, group),
                                       municipality, today))
            else:
                person = reception.member(proc.person) if proc.person else None
                out.append(render_form(form, reception, proc, person,
                                       row_persons(form, reception, [proc]), municipality, today))
    return out
