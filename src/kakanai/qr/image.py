"""QR symbols as images: rendering with qrcode, reading with zxing-cpp, OpenCV for files and preprocessing.

zxing-cpp finds and decodes a code in a 1280x720 frame in a few milliseconds and copes with rotation,
perspective and blur far better than OpenCV's own detectors (issue 5: 8/8 against 1-4/8), so every frame
goes to it first. Only when it finds nothing in a still image (a file: a photo of a phone screen, a scan)
are preprocessed variants tried: magnified (small modules), locally equalized (dim, uneven light) and
smoothed (a phone screen's pixel grid and moiré).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import qrcode
import qrcode.util
import zxingcpp
from qrcode.constants import ERROR_CORRECT_M

from kakanai.oserror_text import os_reason
from kakanai.qr.imagesize import MAX_FILE_BYTES, MAX_PIXELS, declared_size, pixel_limit_text

Image = npt.NDArray[np.uint8]
QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004 section 6.3.8)
DEFAULT_MODULE_PX = 8
_LARGE_SIDE = 2200  # phone photos (4000x3000) are reduced to this before the fallbacks
_MAGNIFY_UP_TO = 1920  # images up to this size are also tried magnified twice
_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


class ImageError(ValueError):
    """An image file that cannot be read (missing, not an image)."""


@dataclass(frozen=True)
class Symbol:
    """A rendered QR symbol: its version and module matrix (True = dark), without the quiet zone."""

    version: int
    modules: npt.NDArray[np.bool_]

    @property
    def size(self) -> int:
        return int(self.modules.shape[0])


@dataclass(frozen=True)
class Detected:
    """A decoded code in an image: its text and its corners (clockwise from the top left, in pixels)."""

    text: str
    corners: tuple[tuple[int, int], ...]


def make_symbol(text: str) -> Symbol:
    """The smallest level-M symbol holding `text` in alphanumeric mode (ISO/IEC 18004 section 7.4.4)."""
    qr = qrcode.QRCode(version=None, error_correction=ERROR_CORRECT_M, border=0, box_size=1)
    qr.add_data(qrcode.util.QRData(text.encode("ascii"), mode=qrcode.util.MODE_ALPHA_NUM))
    qr.make(fit=True)
    return Symbol(int(qr.version), np.array(qr.get_matrix(), dtype=bool))


def render_symbol(symbol: Symbol, *, module_px: int = DEFAULT_MODULE_PX, quiet_zone: int = QUIET_ZONE) -> Image:
    """A grayscale image: black modules on white, `module_px` pixels a module, with the quiet zone."""
    padded = np.pad(symbol.modules, quiet_zone, constant_values=False)
    gray = np.where(padded, 0, 255).astype(np.uint8)
    return np.kron(gray, np.ones((module_px, module_px), dtype=np.uint8))


def png_bytes(image: Image) -> bytes:
    """A rendered symbol (only 0 and 255) as the bytes of a PNG file (written by kakanai.fileout)."""
    # Black and white only: a 1-bit PNG (lossless here, a tenth of the size of an 8-bit one).
    ok, data = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_BILEVEL, 1, cv2.IMWRITE_PNG_COMPRESSION, 9])
    if not ok:  # pragma: no cover - encoding an in-memory uint8 array does not fail
        raise ImageError("PNG に変換できません")
    return bytes(data.tobytes())


def check_pixels(width: int, height: int, what: str) -> None:
    """Refuse an image over the pixel limit (kakanai.qr.imagesize.MAX_PIXELS), naming the limit."""
    if width * height > MAX_PIXELS:
        raise ImageError(f"{what}が大きすぎます: {width}×{height} ピクセル（上限 {pixel_limit_text()}）。"
                         "縮小してから読み取ってください")


def load_image(path: Path) -> Image:
    """A file as a BGR image. Read through numpy, so a Japanese file name works on Windows too.

    The size the file declares is checked BEFORE decoding (kakanai.qr.imagesize): a small file declaring
    a huge image is refused at once instead of allocating gigabytes."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImageError(f"画像ファイルが大きすぎます: {path}（{size:,}バイト、上限 {MAX_FILE_BYTES // 2**20}MB）")
        data = np.fromfile(str(path), dtype=np.uint8)
    except FileNotFoundError:
        raise ImageError(f"画像が見つかりません: {path}") from None
    except OSError as exc:
        raise ImageError(f"画像を読めません: {path}（{os_reason(exc, path)}）") from None
    declared = declared_size(data.tobytes())
    if declared is None or 0 in declared:
        raise ImageError(f"画像として読めません: {path}")
    check_pixels(*declared, f"画像 {path} ")
    try:
        image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    except cv2.error:  # a header that lied about its format or size in a way only the decoder sees
        image = None
    if image is None:
        raise ImageError(f"画像として読めません: {path}")
    return np.asarray(image, dtype=np.uint8)


def _gray(frame: Image) -> Image:
    if frame.ndim == 3:
        code = cv2.COLOR_BGRA2GRAY if frame.shape[2] == 4 else cv2.COLOR_BGR2GRAY
        return np.asarray(cv2.cvtColor(frame, code), dtype=np.uint8)
    return frame


def _read(gray: Image, scale: float = 1.0, *, inverted: bool = False) -> list[Detected]:
    # Rotation by 90 degrees is for linear codes (a QR code is found at any angle), and the inverted pass
    # (light modules on dark) would double the time of every camera frame: off on the fast path.
    found: list[Detected] = []
    for barcode in zxingcpp.read_barcodes(gray, formats=_QR_ONLY, try_rotate=False, try_invert=inverted):
        pos = barcode.position
        points = (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
        corners = tuple((round(p.x / scale), round(p.y / scale)) for p in points)
        found.append(Detected(barcode.text, corners))
    return found


def decode_frame(frame: Image) -> list[Detected]:
    """Every QR code zxing-cpp finds in one camera frame (BGR or grayscale); fast, no fallbacks."""
    return _read(_gray(frame))


def _resized(gray: Image, side: int) -> tuple[Image, float]:
    scale = side / max(gray.shape[:2])
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    resized = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=interpolation)
    return np.asarray(resized, dtype=np.uint8), scale


def _equalized(gray: Image) -> Image:
    clahe = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8))
    return np.asarray(clahe.apply(gray), dtype=np.uint8)


def _smoothed(gray: Image) -> Image:
    return np.asarray(cv2.GaussianBlur(gray, (5, 5), 0), dtype=np.uint8)


def _sharpened(gray: Image) -> Image:
    blurred = cv2.GaussianBlur(gray, (0, 0), 2.0)
    return np.asarray(cv2.addWeighted(gray, 1.8, blurred, -0.8, 0), dtype=np.uint8)


_FALLBACKS: tuple[Callable[[Image], Image], ...] = (_equalized, _smoothed, _sharpened)


def _variants(gray: Image) -> Iterable[tuple[Image, float, bool]]:
    """(image, scale to the original, with the inverted pass) to try after the fast path found nothing."""
    scale = 1.0
    if max(gray.shape[:2]) > _LARGE_SIDE:
        gray, scale = _resized(gray, _LARGE_SIDE)
    # The inverted pass: a phone screen in dark mode shows light modules on dark.
    yield gray, scale, True
    for step in _FALLBACKS:
        yield step(gray), scale, False
    if max(gray.shape[:2]) <= _MAGNIFY_UP_TO:
        # Modules of 2-3 pixels (a long code far from the camera): magnify, then restore the edges.
        big = cv2.resize(gray, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
        yield _sharpened(np.asarray(big, dtype=np.uint8)), scale * 2.0, False


def decode_image(image: Image) -> list[Detected]:
    """The codes in a still image: the fast path first, then preprocessed variants until one is found."""
    gray = _gray(image)
    found = _read(gray)
    if found:
        return found
    for variant, scale, inverted in _variants(gray):
        found = _read(variant, scale, inverted=inverted)
        if found:
            return found
    return []


def draw_preview(frame: Image, found: Iterable[Detected], *, width: int) -> Image:
    """A BGR copy of the frame, `width` pixels wide, with the codes it found outlined in green."""
    scale = width / frame.shape[1]
    preview = cv2.resize(frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if preview.ndim == 2:
        preview = cv2.cvtColor(preview, cv2.COLOR_GRAY2BGR)
    for code in found:
        quad = np.array([(x * scale, y * scale) for x, y in code.corners], dtype=np.int32)
        cv2.polylines(preview, [quad], isClosed=True, color=(0, 200, 0), thickness=3)
    return np.asarray(preview, dtype=np.uint8)
