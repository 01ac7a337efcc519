"""Generic BER-TLV (ISO 7816-4 5.2, X.690 8.1): tags of any length, definite lengths of 1 to 4 bytes.

Three public My Number parsers break once a length reaches 0x80 because they read one length byte
(mynumber-card.md); here every length goes through `read_length`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

_TAG_NUMBER_MASK = 0x1F  # low 5 bits all set: the tag number continues in the next bytes
_MORE_BIT = 0x80  # a subsequent tag byte with bit 8 set is followed by another
_LONG_FORM = 0x80  # length byte with bit 8 set: the low bits count the length bytes
_MAX_LENGTH_BYTES = 3  # 83 xx xx xx (16 MB) is far beyond any EF; 80 (indefinite) is not BER-TLV


class BerError(ValueError):
    """Truncated or invalid TLV; the message says where."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes = b""
    offset: int = 0  # where the tag starts in the buffer it was parsed from
    header_length: int = 0  # tag + length bytes

    @property
    def end(self) -> int:
        return self.offset + self.header_length + len(self.value)


def read_tag(buf: bytes, pos: int) -> tuple[int, int]:
    """The tag at pos as an integer (DF 22 -> 0xDF22) and the position after it."""
    if pos >= len(buf):
        raise BerError(f"{pos}バイト目にタグがなく、データが終わっています")
    first = buf[pos]
    tag = first
    pos += 1
    if first & _TAG_NUMBER_MASK == _TAG_NUMBER_MASK:
        while True:
            if pos >= len(buf):
                raise BerError(f"{pos}バイト目でタグが途切れています")
            b = buf[pos]
            tag = (tag << 8) | b
            pos += 1
            if not b & _MORE_BIT:
                break
    return tag, pos


def read_length(buf: bytes, pos: int) -> tuple[int, int]:
    """The definite length at pos (short form, 81 xx, 82 xx xx, 83 xx xx xx) and the position after it."""
    if pos >= len(buf):
        raise BerError(f"{pos}バイト目に長さがなく、データが終わっています")
    first = buf[pos]
    pos += 1
    if not first & _LONG_FORM:
        return first, pos
    count = first & ~_LONG_FORM & 0xFF
    if count == 0:
        raise BerError(f"{pos - 1}バイト目の長さが不定長です")
    if count > _MAX_LENGTH_BYTES:
        raise BerError(f"{pos - 1}バイト目の長さの欄が{count}バイトで長すぎます")
    if pos + count > len(buf):
        raise BerError(f"{pos}バイト目で長さが途切れています")
    return int.from_bytes(buf[pos : pos + count], "big"), pos + count


def read_header(buf: bytes, pos: int = 0) -> tuple[int, int, int]:
    """(tag, length, position of the value) without requiring the value to be present yet."""
    tag, after_tag = read_tag(buf, pos)
    length, value_pos = read_length(buf, after_tag)
    return tag, length, value_pos


def read_tlv(buf: bytes, pos: int = 0) -> Tlv:
    tag, length, value_pos = read_header(buf, pos)
    if value_pos + length > len(buf):
        raise BerError(f"タグ {tag:X} の値に{length}バイト必要ですが、{value_pos}バイト目からのデータが足りません")
    return Tlv(tag, bytes(buf[value_pos : value_pos + length]), pos, value_pos - pos)


def iter_tlvs(buf: bytes) -> Iterator[Tlv]:
    """Every TLV in buf, one after the other, until its end."""
    pos = 0
    while pos < len(buf):
        tlv = read_tlv(buf, pos)
        yield tlv
        pos = tlv.end


def encode_length(length: int) -> bytes:
    if length < 0:
        raise ValueError("negative length")
    if length < _LONG_FORM:
        return bytes([length])
    size = (length.bit_length() + 7) // 8
    if size > _MAX_LENGTH_BYTES:
        raise ValueError(f"length too large: {length}")
    return bytes([_LONG_FORM | size]) + length.to_bytes(size, "big")


def encode_tag(tag: int) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def encode_tlv(tag: int, value: bytes) -> bytes:
    return encode_tag(tag) + encode_length(len(value)) + value


def find_tag(buf: bytes, tag: int, *, limit: int | None = None) -> int | None:
    """Position of the first occurrence of tag's bytes within buf[:limit] (or None).

    For files whose TLV does not start at byte 0 (reported: 2 stray bytes before FF 20).
    """
    needle = encode_tag(tag)
    end = len(buf) if limit is None else min(len(buf), limit + len(needle))
    found = buf.find(needle, 0, end)
    return None if found < 0 else found
