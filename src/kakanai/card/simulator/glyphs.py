"""Bitmaps the simulated cards hold: 外字 glyphs (licence) and the card-face image (在留カード).

Fonts are the ones the forms use (paths.font_file): IPAmj明朝 covers the 外字 of the 戸籍統一文字 set,
IPAexゴシック prints the card face. Pillow is imported here only (the simulator), never by the reader.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from kakanai.card.reading import NAME_BOX
from kakanai.paths import font_file

GAIJI_DOTS = 32  # 2 glyphs of 1 + 128 bytes (+ 2 header bytes each) fill DF1/EF03's 264 bytes
_GAIJI_FONT = "ipamjm.ttf"
_FACE_FONT = "ipaexg.ttf"
# The card face: ID-1 (85.60 x 53.98 mm) at 300 dpi, 1 bit per dot as the spec's MMR (CCITT G4) TIFF.
FACE_SIZE = (1011, 638)
_NAME_PT = 44
_LABEL_PT = 22
_BODY_PT = 26


@cache
def _font(file: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(file)), size)


def face_font(size: int = _NAME_PT) -> ImageFont.FreeTypeFont:
    return _font(_FACE_FONT, size)


def gaiji_bitmap(ch: str, dots: int = GAIJI_DOTS) -> tuple[str, ...]:
    """The glyph as rows of '0'/'1', drawn at the full cell size."""
    image = Image.new("1", (dots, dots), 0)
    ImageDraw.Draw(image).text(
        (dots // 2, dots // 2), ch, fill=1, font=_font(_GAIJI_FONT, dots - 2), anchor="mm"
    )
    return tuple("".join("1" if image.getpixel((x, y)) else "0" for x in range(dots)) for y in range(dots))


def pack_rows(rows: tuple[str, ...]) -> bytes:
    bits = "".join(rows)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8))


@dataclass(frozen=True)
class FaceText:
    name: str
    birth_date: date | None
    sex: str
    nationality: str
    address: str
    status: str
    expiry: date | None
    card_number: str
    title: str


def render_face(face: FaceText) -> bytes:
    """The card front as a 1-bit TIFF (CCITT group 4 = MMR, as the 1st-generation D0 holds it)."""
    image = Image.new("1", FACE_SIZE, 1)
    draw = ImageDraw.Draw(image)
    label, body = _font(_FACE_FONT, _LABEL_PT), _font(_FACE_FONT, _BODY_PT)
    draw.text((40, 18), face.title, fill=0, font=label)
    draw.text((FACE_SIZE[0] - 300, 18), face.card_number, fill=0, font=label)
    x, y, _, h = NAME_BOX
    draw.text((x, y + h // 2), face.name, fill=0, font=_font(_FACE_FONT, _NAME_PT), anchor="lm")
    lines = [
        f"生年月日 {face.birth_date.isoformat() if face.birth_date else ''}  性別 {face.sex}  国籍・地域 {face.nationality}",
        f"住居地 {face.address}",
        f"在留資格 {face.status}",
        f"在留期間（満了日） {face.expiry.isoformat() if face.expiry else ''}",
    ]
    for i, line in enumerate(lines):
        draw.text((40, 170 + 60 * i), line, fill=0, font=body)
    out = io.BytesIO()
    image.save(out, format="TIFF", compression="group4")
    return out.getvalue()
