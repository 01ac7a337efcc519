"""A mark across every page of a printed document: 「研修」 on what the demo and training mode prints
(issue 17), so that a form filled in for practice can never be mistaken for one a resident filed.

The mark is drawn once per page size on its own ReportLab page and merged over each page with pypdf,
as the municipal template mode merges its blanks (kakanai.forms.overlay): any PDF takes it, the forms,
the guidance sheet and the simple forms drawn by the counter alike.
"""

from __future__ import annotations

import io
from functools import cache

from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.backoffice import PRINTABLE_MARGIN_MM
from kakanai.forms.draw import MM
from kakanai.forms.fonts import FontRole, load_font

MARK_ANGLE = 35.0  # degrees: across the page, over the fields, readable from either side of the counter
MARK_SHARE = 0.28  # the mark's height as a share of the page's shorter side
MARK_ALPHA = 0.25  # light enough that every value stays legible under it
MARK_COLOUR = (0.8, 0.0, 0.0)
CORNER_POINTS = 11.0
# The corner mark's start and baseline: 1 mm inside the margin no printer prints (PRINTABLE_MARGIN_MM; at 3.9 mm
# a printed copy lost 「【研」), its 11 pt line ending above the 10 mm where the forms' boxes begin.
CORNER_X_MM = PRINTABLE_MARGIN_MM + 1.0
CORNER_BASELINE_MM = 9.0


@cache
def _mark_page(text: str, width: float, height: float) -> bytes:
    font = load_font(FontRole.LABEL).name
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(width, height))
    size = min(width, height) * MARK_SHARE
    c.saveState()
    c.setFillColorRGB(*MARK_COLOUR, alpha=MARK_ALPHA)
    c.translate(width / 2, height / 2)
    c.rotate(MARK_ANGLE)
    c.setFont(font, size)
    c.drawCentredString(0, -size / 3, text)
    c.restoreState()
    # Also in a corner, small and solid: a copy cut or folded still says what it is.
    c.setFillColorRGB(*MARK_COLOUR)
    c.setFont(font, CORNER_POINTS)
    c.drawString(CORNER_X_MM * MM, height - CORNER_BASELINE_MM * MM, f"【{text}】この用紙は練習用です。届出には使えません")
    c.showPage()
    c.save()
    return buffer.getvalue()


def watermark_pdf(pdf: bytes, text: str) -> bytes:
    """`pdf` with `text` marked across every page (each page's own size and orientation)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for page in reader.pages:
        box = page.mediabox
        width, height = float(box.width), float(box.height)
        mark = PdfReader(io.BytesIO(_mark_page(text, round(width, 2), round(height, 2)))).pages[0]
        added = writer.add_page(page)
        added.merge_translated_page(mark, float(box.left), float(box.bottom))
    if reader.metadata:
        writer.add_metadata(dict(reader.metadata))  # the title the preview and the print queue show
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
