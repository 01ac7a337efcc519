"""EF 0002 of the 券面事項入力補助AP: the basic 4 information (基本4情報), parsed tag by tag.

Layout (mynumber-card.md, "Data format of EF 0002"):
FF 20 L { DF 21 08 offsets, DF 22 name, DF 23 address, DF 24 YYYYMMDD, DF 25 sex } then 00/FF filler.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from kakanai.card.ber import BerError, Tlv, find_tag, iter_tlvs, read_header, read_tlv
from kakanai.card.errors import MalformedDataError
from kakanai.model import Sex


class Tag(IntEnum):
    BASIC_INFO = 0xFF20
    OFFSETS = 0xDF21
    NAME = 0xDF22
    ADDRESS = 0xDF23
    BIRTH_DATE = 0xDF24
    SEX = 0xDF25


# Where FF 20 may start: some recent cards put 2 stray bytes before it (mynumber-card.md).
MAX_LEADING_BYTES = 2
# Enough to hold the stray bytes, the 2-byte tag and the longest length we accept (82 xx xx).
HEADER_READ_LENGTH = MAX_LEADING_BYTES + 2 + 3

_DATE_DIGITS = 8
_OFFSETS_LENGTH = 8
# ISO 5218 as on the card; 0 (not known) is folded into 9 like the model does.
_SEX_CODES = {"1": Sex.MALE, "2": Sex.FEMALE, "9": Sex.NOT_APPLICABLE, "0": Sex.NOT_APPLICABLE}


@dataclass(frozen=True)
class BasicInfo:
    """基本4情報 as printed on the card face. Never includes the My Number."""

    name: str
    address: str
    birth_date: date
    sex: Sex

    def to_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "address": self.address,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex.value,
        }


@dataclass(frozen=True)
class OuterHeader:
    """Where the FF 20 TLV sits in the file and how many bytes the whole record needs."""

    tag_offset: int
    value_offset: int
    length: int

    @property
    def total_length(self) -> int:
        return self.value_offset + self.length


def locate_record(head: bytes) -> OuterHeader:
    """Find FF 20 in the first bytes of the file and decode its length (1, 2 or 3 bytes)."""
    start = find_tag(head, Tag.BASIC_INFO, limit=MAX_LEADING_BYTES)
    if start is None:
        raise MalformedDataError("カードのデータに基本4情報（FF 20）がありません。")
    try:
        tag, length, value_pos = read_header(head, start)
    except BerError as exc:
        raise MalformedDataError(f"基本4情報の長さを読めません（{exc}）。") from None
    if tag != Tag.BASIC_INFO:
        raise MalformedDataError("カードのデータに基本4情報（FF 20）がありません。")
    return OuterHeader(start, value_pos, length)


def parse_basic_info(data: bytes) -> BasicInfo:
    """Parse the EF 0002 content (from file start; filler after the record is ignored)."""
    header = locate_record(data[:HEADER_READ_LENGTH])
    try:
        outer = read_tlv(data, header.tag_offset)
        fields = {tlv.tag: tlv for tlv in iter_tlvs(outer.value)}
    except BerError as exc:
        raise MalformedDataError(f"基本4情報の形式が正しくありません（{exc}）。") from None
    missing = [t for t in (Tag.NAME, Tag.ADDRESS, Tag.BIRTH_DATE, Tag.SEX) if t not in fields]
    if missing:
        names = "、".join(_FIELD_LABELS[t] for t in missing)
        raise MalformedDataError(f"カードのデータに{names}がありません。")
    if Tag.OFFSETS in fields:
        _check_offsets(fields[Tag.OFFSETS].value, fields, header)
    name = _text(fields[Tag.NAME].value, Tag.NAME)
    address = _text(fields[Tag.ADDRESS].value, Tag.ADDRESS)
    return BasicInfo(name, address, _birth_date(fields[Tag.BIRTH_DATE].value), _sex(fields[Tag.SEX].value))


_FIELD_LABELS = {
    Tag.NAME: "氏名",
    Tag.ADDRESS: "住所",
    Tag.BIRTH_DATE: "生年月日",
    Tag.SEX: "性別",
}


def _check_offsets(raw: bytes, fields: dict[int, Tlv], header: OuterHeader) -> None:
    """DF 21 holds the file offsets of DF 22..DF 25; a mismatch means a corrupted read.

    With stray leading bytes the offsets may count from FF 20 instead of the file start: accept both.
    """
    if len(raw) != _OFFSETS_LENGTH:
        raise MalformedDataError("基本4情報の目次（DF 21）の長さが正しくありません。")
    for i, tag in enumerate((Tag.NAME, Tag.ADDRESS, Tag.BIRTH_DATE, Tag.SEX)):
        expected = int.from_bytes(raw[2 * i : 2 * i + 2], "big")
        actual = header.value_offset + fields[tag].offset
        if actual - expected not in (0, header.tag_offset):
            raise MalformedDataError(f"基本4情報の目次（DF 21）と{_FIELD_LABELS[tag]}の位置が一致しません。")


def _text(raw: bytes, tag: Tag) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedDataError(
            f"{_FIELD_LABELS[tag]}がUTF-8ではありません（{exc.start}バイト目）。"
        ) from None
    if not text or any(ord(ch) < 0x20 for ch in text):
        raise MalformedDataError(f"{_FIELD_LABELS[tag]}が空か、制御文字を含んでいます。")
    return text


def _birth_date(raw: bytes) -> date:
    text = raw.decode("ascii", errors="replace")
    if len(raw) != _DATE_DIGITS or not text.isdigit():
        raise MalformedDataError("生年月日がYYYYMMDDの8桁ではありません。")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise MalformedDataError(f"生年月日が暦にない日付です（{text}）。") from None


def _sex(raw: bytes) -> Sex:
    code = raw.decode("ascii", errors="replace")
    sex = _SEX_CODES.get(code)
    if sex is None:
        raise MalformedDataError("性別のコードが正しくありません（1, 2, 9 のいずれかではありません）。")
    return sex
