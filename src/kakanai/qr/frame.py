"""One QR code's text: `KKN1:` + Base45(header, chunk, CRC-32) (docs/qr-format.md, "One code").

    offset  size  field
    0       1     schema version of the document (1)
    1       4     set id: random, the same in every part of one pre-entry (big-endian)
    5       1     part number, 1..count
    6       1     part count, 1..16
    7       n     chunk: this part's slice of the raw-DEFLATE stream
    7+n     4     CRC-32 (ISO-HDLC: zlib, PNG, Ethernet) of bytes 0..7+n-1, big-endian

The CRC detects a damaged or hand-edited code. It is not a signature: anyone can make a code that
verifies, so the counter checks the resident's identity separately.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass

from kakanai.qr.base45 import ALPHABET, Base45Error, b45decode, b45encode
from kakanai.qr.errors import QrError, QrErrorCode
from kakanai.qr.scantext import readings

PREFIX_FAMILY = "KKN"
FORMAT_VERSION = 1
PREFIX = f"{PREFIX_FAMILY}{FORMAT_VERSION}:"
SCHEMA_VERSION = 1
MAX_PARTS = 16
# The longest text a QR symbol can hold in alphanumeric mode (version 40, level L): anything longer did
# not come from a QR code, and is refused before Base45 decoding.
MAX_TEXT_CHARS = 4296

HEADER = struct.Struct(">BIBB")
CRC = struct.Struct(">I")
OVERHEAD_BYTES = HEADER.size + CRC.size
_PREFIX_RE = re.compile(rf"{PREFIX_FAMILY}(\d{{1,4}}):")
_NOT_ALPHABET_TAIL = re.compile(f"[^{re.escape(ALPHABET)}]+$")


@dataclass(frozen=True)
class Part:
    set_id: int
    number: int
    count: int
    chunk: bytes
    schema: int = SCHEMA_VERSION

    def to_bytes(self) -> bytes:
        body = HEADER.pack(self.schema, self.set_id, self.number, self.count) + self.chunk
        return body + CRC.pack(zlib.crc32(body))

    def to_text(self) -> str:
        return PREFIX + b45encode(self.to_bytes())

    @property
    def set_hex(self) -> str:
        return f"{self.set_id:08x}"


def text_length(chunk_bytes: int) -> int:
    """Characters of a part's text carrying `chunk_bytes` of the stream."""
    total = chunk_bytes + OVERHEAD_BYTES
    return len(PREFIX) + total // 2 * 3 + total % 2 * 2


def _damaged(message: str) -> QrError:
    return QrError(QrErrorCode.DAMAGED, message)


def _parse_reading(text: str) -> Part:
    match = _PREFIX_RE.search(text)
    if match is None:
        shown = text[:24] + ("…" if len(text) > 24 else "")
        raise QrError(QrErrorCode.NOT_KAKANAI, f"書かない窓口の事前入力コードではありません（{shown!r}）")
    version = int(match.group(1))
    if version != FORMAT_VERSION:
        raise QrError(
            QrErrorCode.UNSUPPORTED_VERSION,
            f"新しい形式（{PREFIX_FAMILY}{version}）のコードです。アプリを更新してください",
            version=version,
        )
    # Anything after the Base45 text (a scanner's configured suffix) is not part of the code.
    body = _NOT_ALPHABET_TAIL.sub("", text[match.end() :])
    if len(body) > MAX_TEXT_CHARS:
        raise _damaged(f"コードの文字数が多すぎます（{len(body)}文字）")
    try:
        raw = b45decode(body)
    except Base45Error as exc:
        raise _damaged(f"コードが壊れています（{exc}）") from None
    if len(raw) <= OVERHEAD_BYTES:
        raise _damaged(f"コードが短すぎます（{len(raw)}バイト）")
    (crc,) = CRC.unpack(raw[-CRC.size :])
    if zlib.crc32(raw[: -CRC.size]) != crc:
        raise _damaged("コードが壊れているか書き換えられています（検査値 CRC-32 が一致しません）")
    schema, set_id, number, count = HEADER.unpack(raw[: HEADER.size])
    if schema != SCHEMA_VERSION:
        raise QrError(
            QrErrorCode.UNSUPPORTED_VERSION,
            f"新しい内容の版（スキーマ {schema}）のコードです。アプリを更新してください",
            schema=schema,
        )
    if not 1 <= count <= MAX_PARTS or not 1 <= number <= count:
        raise _damaged(f"分割番号が不正です（{number}/{count}）")
    return Part(set_id=set_id, number=number, count=count, chunk=raw[HEADER.size : -CRC.size], schema=schema)


def parse_part(text: str) -> Part:
    """One code's text (from a camera or a scanner) as a verified Part; QrError otherwise.

    The text is read as typed and under each keyboard-layout mismatch (kakanai.qr.scantext); the first
    reading that verifies wins, else the error of the reading that got furthest is raised.
    """
    if len(text) > 4 * MAX_TEXT_CHARS:  # before any work on it: a scanner never types this much
        raise _damaged(f"コードの文字数が多すぎます（{len(text)}文字）")
    best: QrError | None = None
    for reading in readings(text):
        try:
            return _parse_reading(reading)
        except QrError as exc:
            if best is None or exc.depth > best.depth:
                best = exc
    assert best is not None  # readings() always yields at least the text itself
    raise best
