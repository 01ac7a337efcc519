"""The back-office code on every printed sheet (docs/backoffice-code.md): a QR symbol carrying the form id,
the reception id and the printed field values, so the back office (or its RPA) takes the data in without
OCR, as 北見 does with its barcode.

Content: `KKB1` + raw DEFLATE of compact UTF-8 JSON, in QR byte mode at error correction level M. The
symbol is drawn as vector squares, sized so that one module is at least 0.4 mm (readable from a 150 dpi
scan)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

MAGIC = b"KKB1"
MIN_MODULE_MM = 0.4
_MM = 72.0 / 25.4


def payload(form: str, reception_id: str, procedure: str | None, person: str | None, sheet: str,
            fields: Mapping[str, str]) -> bytes:
    doc = {"v": 1, "form": form, "reception": reception_id, "procedure": procedure, "person": person,
           "sheet": sheet, "fields": dict(fields)}
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return MAGIC + packer.compress(raw) + packer.flush()


def parse_payload(data: bytes) -> dict[str, object]:
    """The inverse of payload (what the back office runs on a scanned code)."""
    if not data.startswith(MAGIC):
        raise ValueError("kakanai の事務処理用コードではありません")
    out = json.loads(zlib.decompressobj(-15).decompress(data[len(MAGIC):], 1 << 20))
    if not isinstance(out, dict):
        raise ValueError("内容が不正です")
    return out


def draw_code(canvas: Canvas, data: bytes, x_mm: float, top_mm: float, min_size_mm: float,
              page_h_pt: float) -> float:
    """Draw the symbol with its top-left corner at (x, top); returns the side actually used (mm)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(qrcode.util.QRData(data, mode=qrcode.util.MODE_8BIT_BYTE))
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    side = max(min_size_mm, n * MIN_MODULE_MM)
    module = side / n * _MM
    left, top = x_mm * _MM, page_h_pt - top_mm * _MM
    canvas.setFillGray(0)
    for r, row in enumerate(matrix):
        c = 0
        while c < n:  # one rectangle per run of dark modules keeps the PDF small
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                canvas.rect(left + start * module, top - (r + 1) * module, (c - start) * module, module,
                            stroke=0, fill=1)
            else:
                c += 1
    return side
