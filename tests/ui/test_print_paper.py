"""Each page is printed on its own paper: the 戸籍 届書 on A3 landscape, the other forms on A4 portrait; a
printer without A3 gets the A3 page reduced to A4 (same proportions) and the clerk is told."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWidgets import QApplication
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen.canvas import Canvas

from kakanai.model.documents import Document
from kakanai.ui.printing import paper_for, print_documents

A3_LANDSCAPE = QSizeF(1190.55, 841.89)
A4_PORTRAIT = QSizeF(595.28, 841.89)


def _pdf(*pages: tuple[float, float]) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    for size in pages:
        canvas.setPageSize(size)
        canvas.rect(20, 20, size[0] - 40, size[1] - 40)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _sizes(path: Path) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pypdf.PdfReader(path).pages]


def test_the_paper_follows_the_page() -> None:
    a3 = paper_for(A3_LANDSCAPE, None)
    assert a3.size.id() is QPageSize.PageSizeId.A3 and a3.orientation is QPageLayout.Orientation.Landscape
    assert not a3.reduced
    a4 = paper_for(A4_PORTRAIT, frozenset({QPageSize.PageSizeId.A4}))
    assert a4.size.id() is QPageSize.PageSizeId.A4 and a4.orientation is QPageLayout.Orientation.Portrait
    assert not a4.reduced
    fallback = paper_for(A3_LANDSCAPE, frozenset({QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter}))
    assert fallback.size.id() is QPageSize.PageSizeId.A4 and fallback.reduced
    assert fallback.orientation is QPageLayout.Orientation.Landscape


def test_a3_and_a4_pages_print_each_on_their_own_paper(qapp: QApplication, tmp_path: Path) -> None:
    docs = [Document("marriage_registration", "婚姻届", _pdf(landscape(A3))),
            Document("guidance", "窓口案内シート", _pdf(A4, landscape(A3)))]
    report = print_documents("PDF", docs, lambda _p: None, output_dir=tmp_path)
    assert report.pages == 3 and report.reduced == ()
    assert _sizes(tmp_path / "kakanai_marriage_registration.pdf") == [(1191, 842)]
    assert _sizes(tmp_path / "kakanai_guidance.pdf") == [(595, 842), (1191, 842)]
