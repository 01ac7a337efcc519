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

import numpy as np
import zxingcpp
from reportlab.pdfgen.canvas import Canvas

MAGIC = b"KKB1"
MIN_MODULE_MM = 0.4
# Office printers leave a few millimetres at each edge unprinted: a code reaching there is cut.
PRINTABLE_MARGIN_MM = 5.0
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
              page_h_pt: float, *, within: tuple[float, float] | None = None) -> tuple[float, float, float]:
    """Draw the symbol with its top-left corner at (x, top); returns (x, top, side) actually used (mm).

    The symbol grows with its content; `within` (the right and bottom edges of the printable area, mm) moves
    a symbol that would cross them left and up, so a large household's code is never cut by the printer. It
    is drawn on white: a frame it comes to cover does not run through its light modules.

    The symbol is made by zxing-cpp (C++, ~3 ms; the pure-Python qrcode package took ~90 ms a form) and drawn
    as one filled path of rectangles, one per run of dark modules, written as raw path operators: ReportLab's
    rect() formats every number through Python and made the code most of a form's drawing time."""
    symbol = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    matrix = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False)) < 128
    n = int(matrix.shape[0])
    side = max(min_size_mm, n * MIN_MODULE_MM)
    if within is not None:
        x_mm, top_mm = min(x_mm, within[0] - side), min(top_mm, within[1] - side)
    module = side / n * _MM
    left, top = x_mm * _MM, page_h_pt - top_mm * _MM
    # All runs of dark modules at once: a transition row per symbol row, starts and ends pair up in order.
    padded = np.zeros((n, n + 2), dtype=np.int8)
    padded[:, 1:-1] = matrix
    rows, cols = np.nonzero(np.diff(padded, axis=1))
    starts, ends, run_rows = cols[::2], cols[1::2], rows[::2]
    xs = (left + starts * module).tolist()
    ws = ((ends - starts) * module).tolist()
    ys = (top - (run_rows + 1) * module).tolist()
    m = f"{module:.3f}"
    ops = [f"{x:.3f} {y:.3f} {w:.3f} {m} re" for x, y, w in zip(xs, ys, ws, strict=True)]
    canvas.saveState()
    canvas.setFillGray(1)
    canvas.rect(left, top - side * _MM, side * _MM, side * _MM, stroke=0, fill=1)
    canvas.setFillGray(0)
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()
    return x_mm, top_mm, side
