"""「研修」 across every page of what demo mode prints (issue 17 problem 8)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.backoffice import PRINTABLE_MARGIN_MM
from kakanai.forms.watermark import watermark_pdf
from tests.unit.forms.conftest import words_mm

CORNER = "【研修】この用紙は練習用です。届出には使えません"


def _two_pages() -> bytes:
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4)
    c.setTitle("住民異動届")
    c.drawString(100, 100, "page one")
    c.showPage()
    c.setPageSize(landscape(A3))
    c.drawString(100, 100, "page two")
    c.showPage()
    c.save()
    return out.getvalue()


def test_every_page_keeps_its_size_and_content_and_carries_the_mark() -> None:
    marked = pypdf.PdfReader(io.BytesIO(watermark_pdf(_two_pages(), "研修")))
    assert len(marked.pages) == 2
    assert marked.metadata is not None and marked.metadata.title == "住民異動届"
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in marked.pages]
    assert sizes == [(595, 842), (1191, 842)]
    texts = ["".join(p.extract_text().split()) for p in marked.pages]
    assert "pageone" in texts[0] and "pagetwo" in texts[1]
    assert all(CORNER in t and t.count("研修") == 2 for t in texts)


def test_the_corner_mark_is_printed_inside_the_printable_area_above_the_forms(tmp_path: Path) -> None:
    """The corner mark began 3.9 mm from the paper's left edge and 3.9 mm from its top, inside the 5 mm where no
    printer prints (backoffice.PRINTABLE_MARGIN_MM): a printed copy lost 「【研」, the words that say what it is.
    It must stay above the forms' 10 mm top margin, where their boxes begin."""
    marked = watermark_pdf(_two_pages(), "研修")
    for page in (1, 2):
        corner = [w for w in words_mm(marked, tmp_path, page) if w[2] < 20]
        assert "".join(w[0] for w in corner) == CORNER
        assert min(w[1] for w in corner) >= PRINTABLE_MARGIN_MM
        assert min(w[2] for w in corner) >= PRINTABLE_MARGIN_MM
        assert max(w[4] for w in corner) <= 10.0
