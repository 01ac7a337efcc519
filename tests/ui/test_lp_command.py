"""The job handed to CUPS as the document's own PDF (issue 17: 17 pages in well under 5 s)."""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize

from kakanai.model.documents import Document
from kakanai.ui.printing import lp_command, paper_for

A4 = QSizeF(595.3, 841.9)
A3_LANDSCAPE = QSizeF(1190.6, 841.9)
NO_A3 = frozenset({QPageSize.PageSizeId.A4})


def test_a_form_goes_on_its_own_paper() -> None:
    doc = Document("resident_move_notice", "住民異動届", b"%PDF", person=None)
    assert lp_command("/usr/bin/lp", "PDF", doc, [paper_for(A4, None)]) == [
        "/usr/bin/lp", "-d", "PDF", "-t", "kakanai resident_move_notice", "-o", "media=A4", "--", "-"]
    a3 = Document("marriage_registration", "婚姻届", b"%PDF")
    assert lp_command("lp", "PDF", a3, [paper_for(A3_LANDSCAPE, None)])[5:7] == ["-o", "media=A3"]


def test_without_a3_the_form_is_fitted_to_a4() -> None:
    doc = Document("marriage_registration", "婚姻届", b"%PDF", person="p1")
    assert lp_command("lp", "Office", doc, [paper_for(A3_LANDSCAPE, NO_A3)]) == [
        "lp", "-d", "Office", "-t", "kakanai marriage_registration p1", "-o", "media=A4", "-o", "fit-to-page",
        "--", "-"]
