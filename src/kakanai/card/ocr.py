"""OCR of the printed name on a 在留カード / 特別永住者証明書 image (Debian tesseract-ocr + eng, via pytesseract).

The card holds the name only as an image (id-cards.md §3), so whatever this returns is a proposal: the
reading is always marked unconfirmed ("ocr") and the image kept for the clerk. Only Latin capitals are
recognised (tesseract-ocr-eng); a name printed in kanji comes back empty or wrong and the clerk types it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytesseract  # type: ignore[import-untyped]
from PIL import Image

NAME_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ ,.-'"
_CONFIG = f'--psm 7 -c tessedit_char_whitelist="{NAME_CHARACTERS}"'
_SPACES = re.compile(r"\s+")
_UPSCALE_BELOW = 60  # px of text height under which tesseract loses letters; scale up first


class OcrUnavailableError(RuntimeError):
    """tesseract is not installed (scripts/setup installs tesseract-ocr and tesseract-ocr-eng)."""


@dataclass(frozen=True)
class OcrResult:
    text: str
    confidence: float  # tesseract's mean word confidence, 0..100 (shown, never used to skip confirmation)


def open_image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def read_name(image: Image.Image, box: tuple[int, int, int, int] | None = None) -> OcrResult:
    """The name in `box` of the image (the whole image when None)."""
    if box is not None:
        x, y, w, h = box
        image = image.crop((x, y, x + w, y + h))
    image = image.convert("L")
    if image.height < _UPSCALE_BELOW:
        factor = -(-_UPSCALE_BELOW // image.height)
        image = image.resize((image.width * factor, image.height * factor))
    try:
        data = pytesseract.image_to_data(
            image, lang="eng", config=_CONFIG, output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractNotFoundError:
        raise OcrUnavailableError("tesseract") from None
    words = [(w, float(c)) for w, c in zip(data["text"], data["conf"], strict=True) if w.strip()]
    text = _SPACES.sub(" ", " ".join(w for w, _ in words)).strip()
    confidence = sum(c for _, c in words) / len(words) if words else 0.0
    return OcrResult(text, confidence)
