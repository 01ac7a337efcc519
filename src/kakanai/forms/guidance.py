"""The guidance sheet (窓口案内シート, 熊本's model): the household, the counters in the order to visit with
where each is, then every planned procedure under its counter with its reason, the deadline as a calendar
date and what to bring; a QR code with the reception id so another counter can continue the same reception
(北見). Printed in BIZ UDゴシック at 11 pt or more (issue 17: a universal-design font; 9 pt was too small
for many residents); a large-print variant serves residents who read with difficulty. For a death the
sheet speaks of the deceased as 故人 with 様 (おくやみ窓口 wording).

In the resident's language (issue 19) every item is printed in that language with the Japanese beside it
(under it, in grey) so that staff at another counter read the same sheet; an item the catalog lacks is
printed from the fallback (やさしい日本語, then Japanese) with a ※ mark explained in the footer."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.backoffice import draw_code
from kakanai.forms.draw import MM
from kakanai.forms.errors import GlyphMissingError
from kakanai.forms.fonts import FontChain, FontRole, load_font
from kakanai.forms.linebreak import wrap
from kakanai.forms.render import RenderedDocument
from kakanai.model import LifeEvent, Mode, Plan, PlannedProcedure, Reception
from kakanai.model.agelaw import age_on
from kakanai.model.i18n import N_, SOURCE, ResidentTexts, Text, load_catalog
from kakanai.model.relationship import relationship_words
from kakanai.model.wareki import format_wareki

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 14.0
TITLE = N_("窓口案内シート")
# The Japanese of the sheet: BIZ UD, then IPAmj明朝 for what BIZ UD lacks (𠮷 and other MJ characters).
JAPANESE = FontChain((FontRole.UD_GOTHIC, FontRole.DATA))
JAPANESE_BOLD = FontChain((FontRole.UD_GOTHIC_BOLD, FontRole.UD_GOTHIC, FontRole.DATA))
# A catalog's `language:font` entry: the regular and the bold face of its script.
SCRIPT_FONTS = {"ud-gothic": (FontRole.UD_GOTHIC, FontRole.UD_GOTHIC_BOLD),
                "latin": (FontRole.LATIN, FontRole.LATIN_BOLD),
                "hangul": (FontRole.HANGUL, FontRole.HANGUL_BOLD),
                "hanzi": (FontRole.HANZI, FontRole.HANZI)}
FALLBACK_MARK = "※"
FALLBACK_NOTE = N_("※ の項目は、この言語の訳がまだないため、やさしい日本語または日本語で示しています。")


def language_fonts(font: str) -> tuple[FontChain, FontChain]:
    """The regular and bold chains for a catalog's script (unknown scripts print in BIZ UD)."""
    regular, bold = SCRIPT_FONTS.get(font, SCRIPT_FONTS["ud-gothic"])
    return (FontChain((regular, FontRole.UD_GOTHIC, FontRole.DATA)),
            FontChain((bold, regular, FontRole.UD_GOTHIC_BOLD, FontRole.UD_GOTHIC, FontRole.DATA)))


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
    """A top-to-bottom writer that starts a new page when the next block does not fit, printing each item
    in the resident's language with its Japanese beside it."""

    def __init__(self, canvas: Canvas, style: GuidanceStyle, texts: ResidentTexts, footer: str) -> None:
        self.c, self.s, self.t, self.footer = canvas, style, texts, footer
        self.y = MARGIN
        self.page = 1
        self.bilingual = texts.language != SOURCE
        self.fonts = language_fonts(texts.catalog.font) if self.bilingual else (JAPANESE, JAPANESE_BOLD)
        self.fallbacks = 0  # items printed from a fallback language (the footer explains the mark)
        self.dry = False  # measuring a block (`measure`): nothing is drawn, no page is started

    def measure(self, block: Callable[[], None]) -> float:
        """The height (mm) `block` takes when written from here, without drawing it."""
        start, fallbacks, dry, self.dry = self.y, self.fallbacks, self.dry, True
        try:
            block()
            return self.y - start
        finally:
            self.y, self.fallbacks, self.dry = start, fallbacks, dry

    def keep_together(self, block: Callable[[], None]) -> None:
        """`block` on one page: a new page first when it does not fit on this one (a block longer than a
        page still starts at the top and continues on the next)."""
        if not self.dry:  # measuring an enclosing block: its height is the same
            self.need(min(self.measure(block), PAGE_H - 2 * MARGIN - 8))
        block()

    def need(self, mm: float) -> None:
        if not self.dry and self.y + mm > PAGE_H - MARGIN - 8:
            self.end_page()
            self.c.showPage()
            self.page += 1
            self.y = MARGIN

    def end_page(self) -> None:
        page = self.say(N_("{page}ページ")).format(page=self.page)
        self.text(f"{self.footer}　{page}", MARGIN, PAGE_H - MARGIN, self.s.small, self.fonts[0])

    def say(self, source: str) -> str:
        """A program text in the resident's language (the sheet's own words: headings, labels)."""
        return self.t.program(source).text

    def text(self, text: str, x: float, y: float, size: float, chain: FontChain, *, field: str = "案内") -> None:
        missing = chain.missing(text)
        if missing:
            raise GlyphMissingError("guidance", field, text, missing[0])
        if self.dry:
            return
        at = x * MM
        for role, part in chain.runs(text):
            font = chain_font(role)
            self.c.setFont(font, size)
            self.c.drawString(at, (PAGE_H - y) * MM - size, part)
            at += chain.width(part, size)

    def para(self, text: str, x: float, size: float, chain: FontChain = JAPANESE, *, field: str = "案内") -> None:
        width = (PAGE_W - MARGIN - x) * MM
        for line in wrap(text, chain, size, width):
            self.need(size * 1.45 / MM)
            self.text(line, x, self.y, size, chain, field=field)
            self.y += size * 1.45 / MM

    def item(self, text: Text, x: float, size: float, *, bold: bool = False, field: str = "案内") -> None:
        """One item: the resident's text (※ when it is a fallback), then the Japanese in grey; on one page (a
        line of the route never continues at the top of the next)."""
        self.keep_together(lambda: self._item(text, x, size, bold=bold, field=field))

    def _item(self, text: Text, x: float, size: float, *, bold: bool, field: str) -> None:
        if not self.bilingual:
            self.para(text.text, x, size, JAPANESE_BOLD if bold else JAPANESE, field=field)
            return
        shown = text.text
        if text.is_fallback_for(self.t.language):
            self.fallbacks += 1
            shown = FALLBACK_MARK + shown
        self.para(shown, x, size, self.fonts[1] if bold else self.fonts[0], field=field)
        if text.source and text.source != text.text:
            self.c.setFillGray(0.35)
            self.para(text.source, x + 2, max(self.s.small, size - 1), JAPANESE, field=field)
            self.c.setFillGray(0)

    def heading(self, text: Text, size: float, *, band: bool = False) -> None:
        self.need(size * 3 / MM)
        self.y += 2
        if band and not self.dry:
            lines = 2 if self.bilingual and text.source != text.text else 1
            self.c.setFillGray(0.88)
            self.c.rect(MARGIN * MM, (PAGE_H - self.y) * MM - size * 1.45 * lines, (PAGE_W - 2 * MARGIN) * MM,
                        size * 1.45 * lines, stroke=0, fill=1)
            self.c.setFillGray(0)
        self.item(text, MARGIN + 2, size, bold=True)
        self.y += size * 0.25 / MM

    def program(self, source: str, **fields: object) -> Text:
        """A program text with its fields filled, in the resident's language and in Japanese."""
        found = self.t.program(source)
        return self.compose(found.text, source, found, **fields)

    def compose(self, pattern: str, source: str | None = None, found: Text | None = None, **fields: object) -> Text:
        """`pattern` filled: a Text field gives its text to the resident's line and its source to the
        Japanese one, and makes the line a fallback if it is one."""
        texts = [v for v in (found, *fields.values()) if isinstance(v, Text)]
        resident = {k: v.text if isinstance(v, Text) else v for k, v in fields.items()}
        japanese = {k: v.source if isinstance(v, Text) else v for k, v in fields.items()}
        return Text(pattern.format(**resident), (source or pattern).format(**japanese), _worst(self, *texts))


def chain_font(role: FontRole) -> str:
    return load_font(role).name


def _tick(c: Canvas, x: float, y: float, size: float) -> None:
    side = size * 0.85
    c.setLineWidth(0.8)
    c.rect(x * MM, (PAGE_H - y) * MM - side, side, side)


class _Names:
    """How the sheet names a member: 「渡邊　茂 様」 and 故人 in an おくやみ, the plain name otherwise."""

    def __init__(self, reception: Reception, plan: Plan) -> None:
        self.death = plan.event is LifeEvent.DEATH
        self.deceased = {m.id for m in reception.subject_members()} if self.death else set()
        self.names = {m.id: m.name for m in reception.members}

    def of(self, flow: _Flow, member_id: str) -> Text:
        name = self.names.get(member_id, "")
        if not self.death:
            return Text(name, name, flow.t.language)
        return flow.program(N_("故人 {name} 様") if member_id in self.deceased else N_("{name} 様"), name=name)


def render_guidance(reception: Reception, plan: Plan, municipality_name: str, today: date, *,
                    large_print: bool = False, counter_name: str = "",
                    texts: ResidentTexts | None = None, reception_code: str = "") -> RenderedDocument:
    """`reception_code`: the text of the QR code another counter scans to continue this reception (its
    format is kakanai.qr.codes'; the caller composes it, forms never writes it itself); "" = none."""
    texts = texts or ResidentTexts(load_catalog(SOURCE))
    style = GuidanceStyle.of(large_print)
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(PAGE_W * MM, PAGE_H * MM), pageCompression=1)
    c.setTitle(TITLE)
    c.setCreator("kakanai")
    # The counter's reception id is a UUID (the number is given when the record is stored): the footer shows
    # its first 8 characters for the eye, the QR code carries all of it.
    flow = _Flow(c, style, texts, f"{municipality_name} {TITLE}（受付ID {_short_id(reception.id)}）")
    names = _Names(reception, plan)
    title = flow.program(TITLE)
    flow.text(municipality_name, PAGE_W - MARGIN - JAPANESE_BOLD.width(JAPANESE_BOLD.shaped(municipality_name), style.heading) / MM,
              flow.y + 2, style.heading, JAPANESE_BOLD)
    flow.item(title, MARGIN, style.title, bold=True)
    _reception_code(c, reception_code, PAGE_W - MARGIN - 22, flow.y)
    flow.item(flow.program(N_("{event}（{date}）　受付日 {today}"), event=texts.event(plan.event),
                           date=_date(flow, plan.event_date), today=_date(flow, today)), MARGIN + 2, style.body)
    if counter_name:
        flow.para(counter_name, MARGIN + 2, style.body)
    _household(flow, reception, plan, names)
    flow.y = max(flow.y, MARGIN + 48)
    stops = route(plan)
    flow.keep_together(lambda: _route_summary(flow, stops))  # the whole route on one page when it fits
    for number, stop in enumerate(stops, start=1):
        department, counter = texts.department(stop.procedures[0])
        heading = flow.compose("{number} {department}　{counter}", number=_circled(number), department=department,
                               counter=counter)
        first, *rest = stop.procedures

        def opening(heading: Text = heading, first: PlannedProcedure = first) -> None:
            flow.heading(heading, style.heading, band=True)
            _procedure_block(flow, first, names)

        flow.keep_together(opening)  # a counter's heading never ends a page without its first procedure
        for p in rest:
            _procedure(flow, p, names)
    if flow.fallbacks:
        flow.y += 2
        flow.item(flow.program(FALLBACK_NOTE), MARGIN, style.small)
    flow.end_page()
    c.showPage()
    c.save()
    return RenderedDocument(form="guidance", title=TITLE, procedure=None, person=None,
                            pdf=buffer.getvalue(), pages=flow.page, blank_inputs=())


def _date(flow: _Flow, day: date) -> Text:
    """和暦 in Japanese; the western calendar in every other language (ja-easy too: the やさしい日本語
    guideline prefers the western year)."""
    wareki = format_wareki(day)
    if not flow.bilingual:
        return Text(wareki, wareki, SOURCE)
    found = flow.t.program(N_("{year}年{month}月{day}日"))
    return Text(found.text.format(year=day.year, month=day.month, day=day.day), wareki, found.language)


def _worst(flow: _Flow, *texts: Text) -> str:
    """The language of a line made of several texts: a fallback if any part is one."""
    return next((t.language for t in texts if t.is_fallback_for(flow.t.language)), flow.t.language)


def _household(flow: _Flow, reception: Reception, plan: Plan, names: _Names) -> None:
    style = flow.s
    if names.death:
        # おくやみ: the deceased named first and with 様; a word of condolence before any procedure.
        for member_id in sorted(names.deceased):
            flow.item(flow.program(N_("亡くなった方（故人）: {name} 様"), name=names.names[member_id]), MARGIN + 2,
                      style.heading, field="亡くなった方")
        flow.item(flow.program(N_("心よりお悔やみ申し上げます。お手続きのご案内です。")), MARGIN + 2, style.body)
    flow.heading(flow.program(N_("故人とご家族") if names.death else N_("ご家族（この受付で手続をする方）")),
                 style.heading)
    words = relationship_words(reception.members)
    for m in reception.members:
        word = "" if m.id in names.deceased else words.get(m.id, "")
        name = names.of(flow, m.id)
        # The law's age on the event date (年齢計算ニ関スル法律): the age the reasons below state and the rules
        # test, so the sheet never gives one person two ages on the day before a birthday.
        age = age_on(m.birth_date, plan.event_date)
        relation = Text(flow.t.relation(word), word, flow.t.language)
        line = flow.program(N_("{name}　{word}　{age}歳") if word else N_("{name}　{age}歳"), name=name,
                            word=relation, age=age)
        flow.item(line, MARGIN + 4, style.body, field=f"氏名（{m.name}）")


def _route_summary(flow: _Flow, stops: tuple[Stop, ...]) -> None:
    style = flow.s
    flow.heading(flow.program(N_("回る順番（上から順にお進みください）")), style.heading)
    for number, stop in enumerate(stops, start=1):
        department, counter = flow.t.department(stop.procedures[0])
        flow.item(flow.program(N_("{number} {department}　場所: {place}　（{count}件）"), number=_circled(number),
                               department=department, place=counter, count=len(stop.procedures)),
                  MARGIN + 4, style.body)


MODE_WORDS = {Mode.HERE: N_("この窓口で手続します"), Mode.DONE: N_("提出済みか確認します"),
              Mode.GUIDANCE: N_("ご案内です。この窓口でご相談ください")}


def _procedure(flow: _Flow, p: PlannedProcedure, names: _Names) -> None:
    # Kept on one page: a resident reading the next page must not find the 持ち物 of a procedure whose
    # title was on the page before.
    flow.keep_together(lambda: _procedure_block(flow, p, names))


def _procedure_block(flow: _Flow, p: PlannedProcedure, names: _Names) -> None:
    style, t = flow.s, flow.t
    title = t.title(p)
    if p.person:
        who = names.of(flow, p.person)
        title = flow.compose("{title}［{who}］", title=title, who=who)
    if not flow.dry:
        _tick(flow.c, MARGIN + 1, flow.y + 0.3, style.body)
    flow.item(title, MARGIN + 7, style.body, bold=True, field=p.title)
    indent = MARGIN + 9
    flow.item(flow.program(MODE_WORDS[p.mode]), indent, style.small)
    if p.deadline is not None:
        flow.item(flow.program(N_("期限: {date}（{note}）"), date=_date(flow, p.deadline), note=t.deadline(p)),
                  indent, style.small)
    elif p.deadline_note:
        flow.item(flow.program(N_("期限: {note}"), note=t.deadline(p)), indent, style.small)
    flow.item(flow.program(N_("理由: {reason}"), reason=t.reason(p)), indent, style.small, field=f"{p.title}の理由")
    if p.bring:
        items = t.bring(p)
        separator = t.program(N_("、")).text
        bring = Text(separator.join(i.text for i in items), "、".join(i.source for i in items),
                     _worst(flow, *items))
        flow.item(flow.program(N_("持ち物: {items}"), items=bring), indent, style.small)
    flow.y += 1.5


def _circled(number: int) -> str:
    """①…⑳ (BIZ UD has them), then plain numbers."""
    return chr(0x2460 + number - 1) if 1 <= number <= 20 else f"{number}."


def _short_id(reception_id: str | None) -> str:
    if not reception_id:
        return "-"
    return reception_id[:8] if len(reception_id) == 36 else reception_id


def _reception_code(c: Canvas, code: str, x: float, y: float, side: float = 20.0) -> None:
    """The reception code as a QR code: another counter scans it to continue this reception (北見)."""
    if code:
        draw_code(c, code.encode(), x, y, side, PAGE_H * MM)
