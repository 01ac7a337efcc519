"""Drawing one sheet of a form on a ReportLab canvas: boxes, labels, fitted values, check marks, choice
circles, person rows, office and signature boxes.

Values are drawn with drawString and never parsed as markup (a name with <, & or > prints as typed).
Every value is checked against the font before anything is drawn; text that does not fit is shrunk to the
field's minimum size, then compressed horizontally down to 75 %, then wrapped where the field allows; a
labelled field's value still too long is wrapped beside its label over the box's full height; otherwise it
is refused with the field named (never clipped silently)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.definition import Item
from kakanai.forms.errors import GlyphMissingError, TextOverflowError
from kakanai.forms.fonts import FontRole, load_font, text_width
from kakanai.forms.formatting import format_value
from kakanai.forms.linebreak import widest_unit
from kakanai.forms.linebreak import wrap as wrap_lines
from kakanai.model import Person

MM = 72.0 / 25.4
LABEL_PT = 9.0
MIN_SCALE = 75.0  # horizontal compression floor (%), beyond which characters become hard to read
WRAP_SCALES = (100.0, 90.0, 80.0, MIN_SCALE)  # wrapped lines: compressed in steps, never below the floor
# Wrapped lines 1.2 sizes apart; 1.1 (still a clear gap between IPAmj明朝's 0.88 em glyphs) only when a long
# name needs three lines in an 11 mm row (a Brazilian resident's four-part Latin name in the 国保 rows).
WRAP_LEADINGS = (1.2, 1.1)
PAD = 1.2 * MM
GREY = 0.9


@dataclass(frozen=True)
class Fitted:
    lines: tuple[str, ...]
    size: float
    scale: float  # horizontal scale in percent
    leading: float = 1.2  # line distance in sizes (wrapped lines)


def fit_text(text: str, role: FontRole, width: float, height: float, sizes: tuple[float, float],
             wrap: bool) -> Fitted | None:
    big, small = sizes
    size = big
    while size >= small - 1e-6:
        if text_width(text, role, size) <= width and size * 1.1 <= height:
            return Fitted((text,), size, 100.0)
        size -= 0.5
    needed = text_width(text, role, small)
    if small * 1.1 <= height and needed > 0 and width / needed * 100 >= MIN_SCALE:
        return Fitted((text,), small, max(MIN_SCALE, width / needed * 100))
    return _fit_wrapped(text, role, width, height, sizes) if wrap else None


def _fit_wrapped(text: str, role: FontRole, width: float, height: float,
                 sizes: tuple[float, float]) -> Fitted | None:
    """Several lines, broken at spaces and where JIS X 4051 allows (a Latin name between its words, never
    before 」 or a small kana: kakanai.forms.linebreak), shrunk to the minimum size, then compressed."""
    big, small = sizes
    candidates = [(leading, scale, big - 0.5 * n) for leading in WRAP_LEADINGS for scale in WRAP_SCALES
                  for n in range(int((big - small) / 0.5 + 1e-6) + 1)]
    # A word cut by character (WILLIAMSON-FITZGE / RALD) only when no size, compression or leading avoids it.
    for cut_words in (False, True):
        for leading, scale, size in candidates:
            if not cut_words and widest_unit(text, role, size) * scale / 100 > width:
                continue
            lines = wrap_lines(text, role, size, width * 100 / scale)
            if len(lines) * size * leading <= height:
                return Fitted(tuple(lines), size, scale, leading)
    return None


@dataclass(frozen=True)
class Area:
    """Where a value may be drawn, in points (y_top from the page top)."""

    x: float
    y_top: float
    w: float
    h: float
    wrap: bool


class SheetPainter:
    """Draws items on one page; `value_of` resolves a binding (kakanai.forms.bindings) to a value."""

    def __init__(self, canvas: Canvas, form_id: str, page_mm: tuple[float, float],
                 value_of: Callable[[str, Person | None], object], *, frames: bool = True,
                 blank_input: Callable[[str, Person | None], str | None] = lambda binding, row: None) -> None:
        self.c = canvas
        self.frames = frames  # False over a municipal template: its blank already has the boxes
        self.form_id = form_id
        self.page_h = page_mm[1] * MM
        self.value_of = value_of
        # The counter's input an empty box is left for (FormContext.blank_input), None where nothing belongs.
        self.blank_input = blank_input
        self.values: dict[str, str] = {}  # field id -> printed text (for the back-office code)
        self.blanks: list[str] = []  # ids of form-only inputs printed empty for the resident to fill

    # -- geometry ----------------------------------------------------------------------------------------
    def _y(self, y_mm: float) -> float:
        return self.page_h - y_mm * MM

    def _font(self, role: FontRole, size: float) -> None:
        self.c.setFont(load_font(role).name, size)

    def check_glyphs(self, field: str, text: str, role: FontRole = FontRole.DATA) -> None:
        missing = load_font(role).missing(text)
        if missing:
            raise GlyphMissingError(self.form_id, field, text, missing[0])

    # -- primitives --------------------------------------------------------------------------------------
    def label(self, text: str, x_mm: float, y_mm: float, size: float = LABEL_PT, *,
              align: str = "left", role: FontRole = FontRole.LABEL) -> None:
        self.check_glyphs(f"見出し「{text}」", text, role)
        self._font(role, size)
        x, y = x_mm * MM, self._y(y_mm) - size
        if align == "center":
            self.c.drawCentredString(x, y, text)
        elif align == "right":
            self.c.drawRightString(x, y, text)
        else:
            self.c.drawString(x, y, text)

    def box(self, item: Item, *, fill: float | None = None) -> None:
        self.c.setLineWidth(item.line_width)
        if fill is not None:
            self.c.setFillGray(fill)
        self.c.rect(item.x * MM, self._y(item.y + item.h), item.w * MM, item.h * MM,
                    stroke=1, fill=1 if fill is not None else 0)
        self.c.setFillGray(0)

    def value_in(self, field: str, text: str, areas: Sequence[Area], sizes: tuple[float, float],
                 align: str) -> None:
        """Draw `text` fitted into the first of `areas` where it fits (else TextOverflowError naming `field`)."""
        self.check_glyphs(field, text)
        text = load_font(FontRole.DATA).shape(text)  # a registered name's 異体字 (IVS) as its glyph
        for area in areas:
            fitted = fit_text(text, FontRole.DATA, area.w, area.h, sizes, area.wrap)
            if fitted is not None:
                self._draw_fitted(fitted, area, align)
                return
        raise TextOverflowError(self.form_id, field, text)

    def _draw_fitted(self, fitted: Fitted, area: Area, align: str) -> None:
        self._font(FontRole.DATA, fitted.size)
        leading = fitted.size * fitted.leading
        block_h = leading * len(fitted.lines)
        baseline = self.page_h - area.y_top - (area.h - block_h) / 2 - fitted.size * 0.95
        for line in fitted.lines:
            t = self.c.beginText()
            t.setFont(load_font(FontRole.DATA).name, fitted.size)
            t.setHorizScale(fitted.scale)
            width = text_width(line, FontRole.DATA, fitted.size) * fitted.scale / 100
            left = area.x if align == "left" or len(fitted.lines) > 1 else (
                area.x + (area.w - width) / 2 if align == "center" else area.x + area.w - width)
            t.setTextOrigin(left, baseline)
            t.textOut(line)
            self.c.drawText(t)
            baseline -= leading

    def vertical_value(self, field: str, text: str, item: Item) -> None:
        self.check_glyphs(field, text)
        text = load_font(FontRole.DATA).shape(text)
        size = item.size[0]
        while size > item.size[1] and len(text) * size * 1.05 > item.h * MM:
            size -= 0.5
        if len(text) * size * 1.05 > item.h * MM:
            raise TextOverflowError(self.form_id, field, text)
        self._font(FontRole.DATA, size)
        cx = (item.x + item.w / 2) * MM
        y = self._y(item.y) - size
        for ch in text:
            self.c.drawCentredString(cx, y, ch)
            y -= size * 1.05

    def tick(self, x_mm: float, y_mm: float, checked: bool, text: str) -> None:
        side = 3.6 * MM
        x, y = x_mm * MM, self._y(y_mm) - side
        self.c.setLineWidth(0.6)
        self.c.rect(x, y, side, side)
        if checked:  # a drawn check mark, not a glyph: every font and printer shows it
            self.c.setLineWidth(1.4)
            p = self.c.beginPath()
            p.moveTo(x + side * 0.18, y + side * 0.5)
            p.lineTo(x + side * 0.42, y + side * 0.2)
            p.lineTo(x + side * 0.85, y + side * 0.85)
            self.c.drawPath(p)
            self.c.setLineWidth(0.6)
        if text:
            self.label(text, x_mm + 4.6, y_mm - 0.3)

    def circle_options(self, item: Item, chosen: str) -> None:
        x = item.x
        for value, text in item.options:
            self.label(text, x, item.y, item.size[0])
            width = text_width(text, FontRole.LABEL, item.size[0]) / MM
            if value == chosen:
                self.c.setLineWidth(0.9)
                pad = 1.3
                self.c.ellipse((x - pad) * MM, self._y(item.y + item.size[0] / MM + pad),
                               (x + width + pad) * MM, self._y(item.y - pad))
            x += width + max(item.w, 4.0)

    # -- items -------------------------------------------------------------------------------------------
    def text_of(self, item: Item, row: Person | None = None) -> str:
        raw = self.value_of(item.value, row) if item.value else None
        return format_value(raw, item.format)

    def draw(self, item: Item, persons: Sequence[Person] = ()) -> None:
        kind = item.kind
        if kind == "title":
            self.label(item.text, (self.c._pagesize[0] / MM) / 2 if not item.x else item.x, item.y,
                       item.size[0], align="center")
        elif kind in ("text", "note"):
            self.label(item.text, item.x, item.y, item.size[0], align=item.align)
        elif kind == "line":
            self.c.setLineWidth(item.line_width)
            self.c.line(item.x * MM, self._y(item.y), item.x2 * MM, self._y(item.y2))
        elif kind == "rect":
            self.box(item)
        elif kind == "office":
            self.box(item, fill=GREY)
            self.label(item.label or "※", item.x + 1, item.y + 0.8)
        elif kind == "signature":
            self.box(item)
            self.label(item.label or "署名（ご本人が自署してください）", item.x + 1, item.y + 0.8)
        elif kind == "field":
            self._field(item)
        elif kind == "checkbox":
            checked = self._holds(item.value, item.when) and all(self._holds(b, w) for b, w in item.also)
            self.values[item.id or item.text] = "1" if checked else "0"
            self.tick(item.x, item.y, checked, item.text or item.label)
        elif kind == "choice":
            chosen = str(self.value_of(item.value, None) or "")
            self.values[item.id or item.label] = chosen
            if item.label:
                self.label(item.label, item.x - 0.5 - text_width(item.label, FontRole.LABEL, LABEL_PT) / MM - 2,
                           item.y)
            self.circle_options(item, chosen)
        elif kind == "rows":
            self._rows(item, persons)

    def _holds(self, binding: str, when: tuple[str, ...]) -> bool:
        """A checkbox condition: the bound value is one of `when` (truthy when `when` is empty). A multiple
        answer (障害者手帳の種類…) holds when any of its values is one of `when`."""
        raw = self.value_of(binding, None) if binding else None
        if not when:
            return bool(raw)
        if isinstance(raw, list | tuple | set | frozenset):
            return any(str(v) in when for v in raw)
        return ("" if raw is None else str(raw)) in when  # `when: [""]`: ticked when nothing was given

    def _field(self, item: Item) -> None:
        if self.frames:
            self.box(item)
        label_h = 0.0
        if item.label:
            self.label(item.label, item.x + 1, item.y + 0.7)
            label_h = 4.2
        text = self.text_of(item)
        self.values[item.id] = text
        if not text:
            self._note_blank(item.value, None)
            return
        field = item.label or item.id
        if item.vertical:
            self.vertical_value(field, text, item)
            return
        areas = [Area((item.x + 1.5) * MM, (item.y + label_h) * MM, item.w * MM - 2 * 1.5 * MM,
                      (item.h - label_h) * MM - PAD / 2, item.wrap)]
        if item.label:
            # A value too long for the line under its label (a foreign resident's name in Latin letters, a long
            # フリガナ) is wrapped beside the label over the box's full height: still 9 pt or more, inside its
            # own box, instead of a refused document.
            beside = item.x + 1 + text_width(item.label, FontRole.LABEL, LABEL_PT) / MM + 1.5
            if beside < item.x + item.w - 1.5:
                areas.append(Area(beside * MM, (item.y + 0.7) * MM, (item.x + item.w - 1.5 - beside) * MM,
                                  (item.h - 0.7) * MM - PAD / 2, True))
        self.value_in(field, text, areas, item.size, item.align)

    def _note_blank(self, binding: str, row: Person | None) -> None:
        """A form-only input left empty prints as an empty box; the render summary lists it."""
        input_id = self.blank_input(binding, row)
        if input_id is not None and input_id not in self.blanks:
            self.blanks.append(input_id)

    def _rows(self, item: Item, persons: Sequence[Person]) -> None:
        header_h = 6.0
        total_w = sum(c.w for c in item.columns)
        self.c.setLineWidth(0.6)
        self.c.rect(item.x * MM, self._y(item.y + header_h + item.rows * item.row_h), total_w * MM,
                    (header_h + item.rows * item.row_h) * MM)
        x = item.x
        for col in item.columns:
            self.label(col.label, x + col.w / 2, item.y + 1.2, align="center")
            self.c.line(x * MM, self._y(item.y), x * MM, self._y(item.y + header_h + item.rows * item.row_h))
            x += col.w
        for r in range(item.rows + 1):
            y = item.y + header_h + r * item.row_h
            self.c.line(item.x * MM, self._y(y), (item.x + total_w) * MM, self._y(y))
        rows_out: list[list[str]] = []
        for r, person in enumerate(persons[: item.rows]):
            x = item.x
            cells: list[str] = []
            for col in item.columns:
                text = format_value(self.value_of(col.value, person), col.format)
                cells.append(text)
                if not text:
                    self._note_blank(col.value, person)
                if text:
                    cell = Area((x + 1.2) * MM, (item.y + header_h + r * item.row_h) * MM, (col.w - 2.4) * MM,
                                item.row_h * MM, col.wrap)
                    self.value_in(f"{col.label}（{r + 1}行目）", text, [cell], col.size, col.align)
                x += col.w
            rows_out.append(cells)
        self.values[item.id or "rows"] = "\x1e".join("\x1f".join(r) for r in rows_out)


def date_or_text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value or "")
