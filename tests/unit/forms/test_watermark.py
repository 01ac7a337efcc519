"""「研修」 across every page of what demo mode prints (issue 17 problem 8)."""

from __future__ import annotations

import io

import pypdf
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.watermark import watermark_pdf

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
