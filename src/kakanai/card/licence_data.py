"""The files of the IC 運転免許証 (id-cards.md §1; NPA spec v008–v010), parsed without any I/O.

TLVs have 1-byte tags (0x1F is a tag here, not a BER escape) and a length of 1 byte or 81 ll / 82 hh ll;
an empty field is `tag 00`; FF where a tag should be is the filler that ends the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from kakanai.card import jisx0208
from kakanai.card.errors import MalformedDataError
from kakanai.card.reading import GaijiGlyph
from kakanai.model.wareki import Era

FILLER = 0xFF
_LONG1 = 0x81
_LONG2 = 0x82
# 和暦 digit of the 7-digit dates (TRET toDateFromJapanese): 1 明治 … 5 令和.
ERA_DIGITS = {"1": Era.MEIJI, "2": Era.TAISHO, "3": Era.SHOWA, "4": Era.HEISEI, "5": Era.REIWA}
PIN_SET = bytes.fromhex("050101")
PIN_NOT_SET = bytes.fromhex("050100")


class Ef01Tag(IntEnum):
    """DF1/EF01 記載事項 (TRET convertToMatters)."""

    JIS_YEAR = 0x11
    NAME = 0x12
    CALL_NAME = 0x13
    ALIAS = 0x14
    UNIFIED_NAME = 0x15
    BIRTH_DATE = 0x16
    ADDRESS = 0x17
    ISSUE_DATE = 0x18
    EXPIRY = 0x1B
    LICENCE_NUMBER = 0x21


# DF1/EF04 新住所 entries (JAVA-M): the newest is the last non-empty one.
NEW_ADDRESS_TAGS = range(0x70, 0x78)
# ⚠ Entry layout from JAVA-M (strips 15 leading and 10 trailing bytes), unconfirmed against the spec:
# 制定年番号 (1) + 変更年月日 (7 digits) + 7 further bytes, the text, then 公安委員会名 (5 JIS characters).
ENTRY_DATE = slice(1, 8)
ENTRY_TEXT_START = 15
ENTRY_AUTHORITY_BYTES = 10
# 外字 bitmaps: tag 48 holds 外字1 (FFF1), 49 外字2 in DF1/EF03; 4A.. (外字3..) in DF1/EF05.
GAIJI_TAG_BASE = 0x47
GAIJI_IN_EF03 = 2


class TruncatedError(MalformedDataError):
    """A record runs past the bytes read so far (read more, or the file is broken)."""


def scan(data: bytes) -> tuple[dict[int, bytes], bool]:
    """Tag → value (the last occurrence wins) and whether the filler (the end of the records) was reached."""
    out: dict[int, bytes] = {}
    pos = 0
    while pos < len(data) and data[pos] != FILLER:
        tag = data[pos]
        first = data[pos + 1] if pos + 1 < len(data) else None
        if first == _LONG2:
            length, start = int.from_bytes(data[pos + 2 : pos + 4], "big"), pos + 4
        elif first == _LONG1:
            length, start = (data[pos + 2] if pos + 2 < len(data) else 0), pos + 3
        else:
            length, start = (first or 0), pos + 2
        if first is None or start + length > len(data):
            raise TruncatedError(f"運転免許証のデータが途中で終わっています（タグ{tag:02X}）。")
        out[tag] = data[start : start + length]
        pos = start + length
    return out, pos < len(data)


def iter_records(data: bytes) -> dict[int, bytes]:
    return scan(data)[0]


def scan_complete(data: bytes) -> bool:
    """Whether the records read so far end at the filler (no more chunks needed)."""
    try:
        return scan(data)[1]
    except TruncatedError:
        return False


def wareki_date(raw: bytes, label: str) -> date:
    """7 JIS X 0201 digits 元号YYMMDD → date."""
    text = raw.decode("ascii", errors="replace")
    era = ERA_DIGITS.get(text[:1])
    if len(text) != 7 or not text.isdigit() or era is None:
        raise MalformedDataError(f"{label}が元号YYMMDDの7桁ではありません。")
    try:
        return date(era.start.year + int(text[1:3]) - 1, int(text[3:5]), int(text[5:7]))
    except ValueError:
        raise MalformedDataError(f"{label}が暦にない日付です（{text}）。") from None


def text(raw: bytes, label: str) -> tuple[str, tuple[jisx0208.GaijiMark, ...]]:
    try:
        return jisx0208.decode(raw)
    except jisx0208.JisDecodeError as exc:
        raise MalformedDataError(f"{label}の文字を読めません（{exc}）。") from None


@dataclass(frozen=True)
class AddressChange:
    changed_on: date
    address: str
    marks: tuple[jisx0208.GaijiMark, ...]


def latest_address_change(ef04: bytes) -> AddressChange | None:
    records = iter_records(ef04)
    latest: AddressChange | None = None
    for tag in NEW_ADDRESS_TAGS:
        value = records.get(tag, b"")
        if len(value) <= ENTRY_TEXT_START + ENTRY_AUTHORITY_BYTES:
            continue
        changed = wareki_date(value[ENTRY_DATE], "裏書の変更年月日")
        address, marks = text(value[ENTRY_TEXT_START:-ENTRY_AUTHORITY_BYTES], "裏書の新住所")
        latest = AddressChange(changed, address, marks)
    return latest


def gaiji_bitmaps(*files: bytes) -> dict[int, tuple[int, tuple[str, ...]]]:
    """外字 number → (dots per side, rows of '0'/'1'). ⚠ Value layout (a size byte, then the bitmap
    row-major MSB first) is this project's reading of "each with a dot count": unconfirmed."""
    out: dict[int, tuple[int, tuple[str, ...]]] = {}
    for data in files:
        for tag, value in iter_records(data).items():
            number = tag - GAIJI_TAG_BASE
            if not 1 <= number <= jisx0208.GAIJI_LAST - jisx0208.GAIJI_FIRST + 1 or not value:
                continue
            size = value[0]
            bits = "".join(f"{b:08b}" for b in value[1:])
            if size == 0 or len(bits) < size * size:
                raise MalformedDataError(f"外字{number}の画像の大きさが正しくありません。")
            out[number] = (size, tuple(bits[r * size : (r + 1) * size] for r in range(size)))
    return out


def glyphs(
    field: str, marks: tuple[jisx0208.GaijiMark, ...], bitmaps: dict[int, tuple[int, tuple[str, ...]]]
) -> list[GaijiGlyph]:
    out = []
    for mark in marks:
        size, rows = bitmaps.get(mark.number, (0, ()))
        out.append(GaijiGlyph(field, mark.index, mark.number, size, rows))
    return out
