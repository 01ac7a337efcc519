"""The guidance sheet (窓口案内シート, 熊本's model): the household, the counters in the order to visit with
where each is, then every planned procedure under its counter with its reason, the deadline as a calendar
date and what to bring; a QR code with the reception id so another counter can continue the same reception
(北見). Printed in BIZ UDゴシック at 11 pt or more (issue 17: a universal-design font; 9 pt was too small
for many residents); a large-print variant serves residents who read with difficulty. For a death the
sheet speaks of the deceased as 故人 with 様 (おくやみ窓口 wording)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.backoffice import draw_code
from kakanai.forms.draw import MM
from kakanai.forms.errors import GlyphMissingError
from kakanai.forms.fonts import FontRole, load_font, text_width
from kakanai.forms.linebreak import wrap
from kakanai.forms.render import RenderedDocument
from kakanai.model import LifeEvent, Mode, Plan, PlannedProcedure, Reception
from kakanai.model.agelaw import age_in_completed_years
from kakanai.model.relationship import relationship_words
from kakanai.model.wareki import format_wareki

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 14.0
TITLE = "窓口案内シート"
# Names are drawn in BIZ UD明朝 when it has every character, else in IPAmj明朝 (𠮷 and other MJ characters).
NAME_ROLES = (FontRole.UD_MINCHO, FontRole.DATA)


@dataclass(frozen=True)
class GuidanceStyle:
    """Point sizes; the smallest is 11 pt (issue 17), 14 pt in large print."""

    body: float
    small: float
    heading: float
    title: float

    @staticmethod
    def of(large: bool) -> GuidanceStyle:
        return GuidanceStyle(16.0, 14.0, 19.0, 26.0) if large else GuidanceStyle(12.0, 11.0, 14.0, 20.0)


@dataclass(frozen=True)
class Stop:
    """One counter of the route: where it is and the procedures handled there."""

    department: str
    counter: str  # place and counter: 「本庁舎1階 1番窓口」
    procedures: tuple[PlannedProcedure, ...]


def route(plan: Plan) -> tuple[Stop, ...]:
    """The counters in the order to visit: the municipality's order of departments (default.yaml:
    `departments`, which the plan follows), one stop per department and counter."""
    stops: dict[tuple[str, str], list[PlannedProcedure]] = {}
    for p in plan.procedures:
        stops.setdefault((p.department_name, p.counter), []).append(p)
    return tuple(Stop(d, c, tuple(ps)) for (d, c), ps in stops.items())


class _Flow:
    """A top-to-bottom writer that starts a new page when the next block does not fit."""

    def __init__(self, canvas: Canvas, style: GuidanceStyle, footer: str) -> None:
        self.c, self.s, self.footer = canvas, style, footer
        self.y = MARGIN
        self.page = 1

    def need(self, mm: float) -> None:
        if self.y + mm > PAGE_H - MARGIN - 8:
            self.end_page()
            self.c.showPage()
            self.page += 1
            self.y = MARGIN

    def end_page(self) -> None:
        self.text(f"{self.footer}　{self.page}ページ", MARGIN, PAGE_H - MARGIN, self.s.small, FontRole.UD_GOTHIC)

    def text(self, text: str, x: float, y: float, size: float, role: FontRole, *, field: str = "案内") -> None:
        font = load_font(role)
        missing = font.missing(text)
        if missing:
            raise GlyphMissingError("guidance", field, text, missing[0])
        self.c.setFont(font.name, size)
        self.c.drawString(x * MM, (PAGE_H - y) * MM - size, text)

    def para(self, text: str, x: float, size: float, role: FontRole = FontRole.UD_GOTHIC, *,
             field: str = "案内") -> None:
        width = (PAGE_W - MARGIN - x) * MM
        for line in wrap(text, role, size, width):
            self.need(size * 1.45 / MM)
            self.text(line, x, self.y, size, role, field=field)
            self.y += size * 1.45 / MM

    def heading(self, text: str, size: float, *, band: bool = False) -> None:
        self.need(size * 3 / MM)
        self.y += 2
        if band:
            self.c.setFillGray(0.88)
            self.c.rect(MARGIN * MM, (PAGE_H - self.y) * MM - size * 1.5, (PAGE_W - 2 * MARGIN) * MM, size * 1.5,
                        stroke=0, fill=1)
            self.c.setFillGray(0)
        self.para(text, MARGIN + 2, size, FontRole.UD_GOTHIC_BOLD)
        self.y += size * 0.25 / MM


def _name_role(text: str) -> FontRole:
    return next((r for r in NAME_ROLES if not load_font(r).missing(text)), NAME_ROLES[-1])


def _tick(c: Canvas, x: float, y: float, size: float) -> None:
    side = size * 0.85
    c.setLineWidth(0.8)
    c.rect(x * MM, (PAGE_H - y) * MM - side, side, side)


class _Names:
    """How the sheet names a member: 「渡邊　茂 様（故人）」 in an おくやみ, the plain name otherwise."""

    def __init__(self, reception: Reception, plan: Plan) -> None:
        self.death = plan.event is LifeEvent.DEATH
        self.deceased = {m.id for m in reception.subject_members()} if self.death else set()
        self.names = {m.id: m.name for m in reception.members}

    def of(self, member_id: str) -> str:
        name = self.names.get(member_id, "")
        if not self.death:
            return name
        return f"故人 {name} 様" if member_id in self.deceased else f"{name} 様"


def render_guidance(reception: Reception, plan: Plan, municipality_name: str, today: date, *,
                    large_print: bool = False, counter_name: str = "") -> RenderedDocument:
    style = GuidanceStyle.of(large_print)
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(PAGE_W * MM, PAGE_H * MM), pageCompression=1)
    c.setTitle(TITLE)
    c.setCreator("kakanai")
    # The counter's reception id is a UUID (the number is given when the record is stored): the footer shows
    # its first 8 characters for the eye, the QR code carries all of it.
    flow = _Flow(c, style, f"{municipality_name} {TITLE}（受付ID {_short_id(reception.id)}）")
    names = _Names(reception, plan)
    flow.text(TITLE, MARGIN, flow.y, style.title, FontRole.UD_GOTHIC_BOLD)
    flow.text(municipality_name, PAGE_W - MARGIN - text_width(municipality_name, FontRole.UD_GOTHIC_BOLD,
                                                              style.heading) / MM,
              flow.y + 2, style.heading, FontRole.UD_GOTHIC_BOLD)
    flow.y += style.title * 1.5 / MM
    _reception_code(c, reception.id or "", PAGE_W - MARGIN - 22, flow.y)
    text_right = MARGIN + 2
    header = f"{plan.event.label}（{format_wareki(plan.event_date)}）　受付日 {format_wareki(today)}"
    flow.para(header + (f"　{counter_name}" if counter_name else ""), text_right, style.body)
    _household(flow, reception, plan, names)
    flow.y = max(flow.y, MARGIN + 48)
    stops = route(plan)
    _route_summary(flow, stops)
    for number, stop in enumerate(stops, start=1):
        flow.heading(f"{_circled(number)} {stop.department}　{stop.counter}", style.heading, band=True)
        for p in stop.procedures:
            _procedure(flow, p, names)
    flow.end_page()
    c.showPage()
    c.save()
    return RenderedDocument(form="guidance", title=TITLE, procedure=None, person=None,
                            pdf=buffer.getvalue(), pages=flow.page, blank_inputs=())


def _household(flow: _Flow, reception: Reception, plan: Plan, names: _Names) -> None:
    style = flow.s
    if names.death:
        # おくやみ: the deceased named first and with 様; a word of condolence before any procedure.
        for member_id in sorted(names.deceased):
            line = f"亡くなった方（故人）: {names.names[member_id]} 様"
            flow.para(line, MARGIN + 2, style.heading, _name_role(line), field="亡くなった方")
        flow.para("心よりお悔やみ申し上げます。お手続きのご案内です。", MARGIN + 2, style.body)
    flow.heading("故人とご家族" if names.death else "ご家族（この受付で手続をする方）", style.heading)
    words = relationship_words(reception.members)
    for m in reception.members:
        word = "" if m.id in names.deceased else words.get(m.id, "")
        line = f"{names.of(m.id)}　{word}　{age_in_completed_years(m.birth_date, plan.event_date)}歳"
        flow.para(line.replace("　　", "　"), MARGIN + 4, style.body, _name_role(line), field=f"氏名（{m.name}）")


def _route_summary(flow: _Flow, stops: tuple[Stop, ...]) -> None:
    style = flow.s
    flow.heading("回る順番（上から順にお進みください）", style.heading)
    for number, stop in enumerate(stops, start=1):
        flow.para(f"{_circled(number)} {stop.department}　場所: {stop.counter}　（{len(stop.procedures)}件）",
                  MARGIN + 4, style.body)


_MODE_WORDS = {Mode.HERE: "この窓口で手続します", Mode.DONE: "提出済みか確認します",
               Mode.GUIDANCE: "ご案内です。この窓口でご相談ください"}


def _procedure(flow: _Flow, p: PlannedProcedure, names: _Names) -> None:
    style = flow.s
    flow.need(style.body * 6 / MM)
    who = f"［{names.of(p.person)}］" if p.person else ""
    _tick(flow.c, MARGIN + 1, flow.y + 0.3, style.body)
    flow.para(f"{p.title}{who}", MARGIN + 7, style.body, FontRole.UD_GOTHIC_BOLD
              if not who or not load_font(FontRole.UD_GOTHIC_BOLD).missing(who) else FontRole.DATA, field=p.title)
    indent = MARGIN + 9
    flow.para(_MODE_WORDS[p.mode], indent, style.small)
    if p.deadline is not None:
        flow.para(f"期限: {format_wareki(p.deadline)}（{p.deadline_note}）", indent, style.small)
    elif p.deadline_note:
        flow.para(f"期限: {p.deadline_note}", indent, style.small)
    reason = f"理由: {p.reason}"
    flow.para(reason, indent, style.small, _name_role(reason) if load_font(FontRole.UD_GOTHIC).missing(reason)
              else FontRole.UD_GOTHIC, field=f"{p.title}の理由")
    if p.bring:
        flow.para(f"持ち物: {'、'.join(p.bring)}", indent, style.small)
    flow.y += 1.5


def _circled(number: int) -> str:
    """①…⑳ (BIZ UD has them), then plain numbers."""
    return chr(0x2460 + number - 1) if 1 <= number <= 20 else f"{number}."


def _short_id(reception_id: str | None) -> str:
    if not reception_id:
        return "-"
    return reception_id[:8] if len(reception_id) == 36 else reception_id


def _reception_code(c: Canvas, reception_id: str, x: float, y: float, side: float = 20.0) -> None:
    """The reception id as a QR code: another counter scans it to continue this reception (北見)."""
    if not reception_id:
        return
    draw_code(c, f"KKR1:{reception_id}".encode(), x, y, side, PAGE_H * MM)
