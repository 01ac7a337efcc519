"""Municipal template mode: a municipality that must use its own official form supplies the blank PDF and
a field map (a form definition with `template:` and only the value items); kakanai draws the values on a
ReportLab canvas and merges each page onto the template's page with pypdf."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter


def overlay_template(template: Path, values_pdf: bytes) -> bytes:
    values = PdfReader(io.BytesIO(values_pdf))
    writer = PdfWriter()
    for n, page in enumerate(values.pages):
        # A fresh copy of the blank for every sheet: merging must never draw onto a page already used.
        blank = PdfReader(str(template))
        writer.add_page(blank.pages[min(n, len(blank.pages) - 1)])
        writer.pages[-1].merge_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
