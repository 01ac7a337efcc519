"""The guidance sheet (窓口案内シート, 熊本's model): the household, then every planned procedure grouped by
department and counter with its reason, the deadline as a calendar date, what to bring, and where to go;
a QR code with the reception id so another counter can continue the same reception (北見).
A large-print variant serves residents who read with difficulty."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.backoffice import draw_code
from kakanai.forms.draw import MM, _wrap
from kakanai.forms.errors import GlyphMissingError
from kakanai.forms.fonts import FontRole, load_font, text_width
from kakanai.forms.render import RenderedDocument
from kakanai.model import Mode, Plan, Reception
from kakanai.model.agelaw import age_in_completed_years
from kakanai.model.relationship import relationship_words
from kakanai.model.wareki import format_wareki

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 14.0


@dataclass(frozen=True)
class GuidanceStyle:
    body: float
    small: float
    heading: float
    title: float

    @staticmethod
    def of(large: bool) -> GuidanceStyle:
        return GuidanceStyle(15.0, 12.0, 18.0, 24.0) if large else GuidanceStyle(10.5, 9.0, 12.5, 18.0)


class _Flow:
    """A top-to-bottom writer that starts a new page when the next block does not fit."""

    def __init__(self, canvas: Canvas, style: GuidanceStyle, footer: str) -> None:
        self.c, self.s, self.footer = canvas, style, footer
        self.y = MARGIN
        self.page = 1

    def need(self, mm: float) -> None:
        if self.y + mm > PAGE_H - MARGIN - 6:
            self.end_page()
            self.c.showPage()
            self.page += 1
            self.y = MARGIN

    def end_page(self) -> None:
        self.text(f"{self.footer}　{self.page}ページ", MARGIN, PAGE_H - MARGIN, self.s.small, FontRole.LABEL)

    def text(self, text: str, x: float, y: float, size: float, role: FontRole, *, field: str = "案内") -> None:
        missing = load_font(role).missing(text)
        if missing:
            raise GlyphMissingError("guidance", field, text, missing[0])
        self.c.setFont(load_font(role).name, size)
        self.c.drawString(x * MM, (PAGE_H - y) * MM - size, text)

    def para(self, text: str, x: float, size: float, role: FontRole = FontRole.DATA, *, field: str = "案内") -> None:
        width = (PAGE_W - MARGIN - x) * MM
        for line in _wrap(text, role, size, width):
            self.need(size * 1.45 / MM)
            self.text(line, x, self.y, size, role, field=field)
            self.y += size * 1.45 / MM


def _tick(c: Canvas, x: float, y: float, size: float, checked: bool) -> None:
    side = size * 0.85
    top = (PAGE_H - y) * MM - side
    c.setLineWidth(0.7)
    c.rect(x * MM, top, side, side)
    if checked:
        c.setLineWidth(1.4)
        c.line(x * MM + side * 0.18, top + side * 0.5, x * MM + side * 0.42, top + side * 0.18)
        c.line(x * MM + side * 0.42, top + side * 0.18, x * MM + side * 0.85, top + side * 0.85)


def render_guidance(reception: Reception, plan: Plan, municipality_name: str, today: date, *,
                    large_print: bool = False, counter_name: str = "") -> RenderedDocument:
    style = GuidanceStyle.of(large_print)
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(PAGE_W * MM, PAGE_H * MM), pageCompression=1)
    c.setTitle("窓口案内シート")
    c.setCreator("kakanai")
    # The counter's reception id is a UUID (the number is given when the record is stored): the footer shows
    # its first 8 characters for the eye, the QR code carries all of it.
    flow = _Flow(c, style, f"{municipality_name} 窓口案内シート（受付ID {_short_id(reception.id)}）")
    flow.text("窓口案内シート", MARGIN, flow.y, style.title, FontRole.LABEL)
    flow.text(municipality_name, PAGE_W - MARGIN - text_width(municipality_name, FontRole.LABEL, style.heading) / MM,
              flow.y + 2, style.heading, FontRole.LABEL)
    flow.y += style.title * 1.5 / MM
    header = (f"{plan.event.label}（{format_wareki(plan.event_date)}）　受付日 {format_wareki(today)}"
              + (f"　{counter_name}" if counter_name else ""))
    flow.text(header, MARGIN, flow.y, style.body, FontRole.LABEL)
    _reception_code(c, reception.id or "", PAGE_W - MARGIN - 22, flow.y + 2)
    flow.y += style.body * 1.8 / MM
    flow.text("ご家族（この受付で手続をする方）", MARGIN, flow.y, style.heading, FontRole.LABEL)
    flow.y += style.heading * 1.5 / MM
    words = relationship_words(reception.members)
    for m in reception.members:
        line = f"{m.name}　{words.get(m.id, '')}　{age_in_completed_years(m.birth_date, plan.event_date)}歳"
        flow.para(line, MARGIN + 4, style.body, FontRole.DATA, field=f"氏名（{m.name}）")
    flow.y = max(flow.y, MARGIN + 48)
    flow.y += 3
    names = {m.id: m.name for m in reception.members}
    current = None
    for p in plan.procedures:
        if (p.department_name, p.counter) != current:
            current = (p.department_name, p.counter)
            flow.need(style.heading * 3 / MM)
            flow.y += 2
            c.setFillGray(0.9)
            c.rect(MARGIN * MM, (PAGE_H - flow.y) * MM - style.heading * 1.5, (PAGE_W - 2 * MARGIN) * MM,
                   style.heading * 1.5, stroke=0, fill=1)
            c.setFillGray(0)
            flow.text(f"■ {p.department_name}　{p.counter}", MARGIN + 2, flow.y + 0.8, style.heading, FontRole.LABEL)
            flow.y += style.heading * 1.7 / MM
        flow.need(style.body * 6 / MM)
        who = f"［{names[p.person]}］" if p.person else ""
        _tick(c, MARGIN + 1, flow.y, style.body, False)
        flow.para(f"{p.title}{who}", MARGIN + 7, style.body, FontRole.DATA, field=p.title)
        where = {Mode.HERE: "この窓口で手続します", Mode.DONE: "提出済みか確認します",
                 Mode.GUIDANCE: f"{p.department_name}（{p.counter}）へお進みください"}[p.mode]
        flow.para(f"□ {where}", MARGIN + 9, style.small, FontRole.LABEL)
        if p.deadline is not None:
            flow.para(f"期限: {format_wareki(p.deadline)}（{p.deadline_note}）", MARGIN + 9, style.small, FontRole.LABEL)
        elif p.deadline_note:
            flow.para(f"期限: {p.deadline_note}", MARGIN + 9, style.small, FontRole.LABEL)
        flow.para(f"理由: {p.reason}", MARGIN + 9, style.small, FontRole.DATA, field=f"{p.title}の理由")
        if p.bring:
            flow.para(f"持ち物: {'、'.join(p.bring)}", MARGIN + 9, style.small, FontRole.LABEL)
        flow.y += 1.5
    flow.end_page()
    c.showPage()
    c.save()
    return RenderedDocument(form="guidance", title="窓口案内シート", procedure=None, person=None,
                            pdf=buffer.getvalue(), pages=flow.page, blank_inputs=())


def _short_id(reception_id: str | None) -> str:
    if not reception_id:
        return "-"
    return reception_id[:8] if len(reception_id) == 36 else reception_id


def _reception_code(c: Canvas, reception_id: str, x: float, y: float, side: float = 20.0) -> None:
    """The reception id as a QR code: another counter scans it to continue this reception (北見)."""
    if not reception_id:
        return
    draw_code(c, f"KKR1:{reception_id}".encode(), x, y, side, PAGE_H * MM)
