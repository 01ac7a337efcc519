"""A pre-entry as QR texts and back: compress, split, assemble, decompress, validate (docs/qr-format.md).

    reception -> document JSON (short keys) -> raw DEFLATE -> split into 1..16 chunks -> one code each

Decoding checks sizes before decompressing (the text length, the part count, the compressed total) and
decompresses at most MAX_DOCUMENT_BYTES, so a crafted code cannot make the counter allocate more.
"""

from __future__ import annotations

import math
import secrets
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kakanai.model import Reception, ReceptionError, reception_from_dict, reception_to_dict
from kakanai.model.reception_schema import check_untrusted
from kakanai.qr.document import document_bytes, expand_document, parse_document, to_document
from kakanai.qr.errors import QrEncodeError, QrError, QrErrorCode
from kakanai.qr.frame import MAX_PARTS, MAX_TEXT_CHARS, Part, parse_part, text_length

# Validation of fact ids and values against the rule catalog, passed in by the caller (kakanai.qr may not
# import kakanai.rules): raises ReceptionError.
Validator = Callable[[Reception], None]

MAX_DOCUMENT_BYTES = 32 * 1024  # 3x the document of 30 members with their own long addresses
MAX_COMPRESSED_BYTES = MAX_PARTS * MAX_TEXT_CHARS * 2 // 3
DEFAULT_MAX_VERSION = 25
# ISO/IEC 18004 Table 7: characters of alphanumeric data at error correction level M, versions 1..40.
ALPHANUMERIC_CAPACITY_M = (
    20, 38, 61, 90, 122, 154, 178, 221, 262, 311, 366, 419, 483, 528, 600, 656, 734, 816, 909, 970,
    1035, 1134, 1248, 1326, 1451, 1542, 1637, 1732, 1839, 1994, 2113, 2238, 2369, 2506, 2632, 2780,
    2894, 3054, 3220, 3391,
)
_RAW_DEFLATE = -15  # zlib wbits: raw DEFLATE (RFC 1951), no zlib header or Adler-32


@dataclass(frozen=True)
class EncodedPreEntry:
    set_id: int
    texts: tuple[str, ...]
    document_size: int  # bytes of the UTF-8 JSON document
    compressed_size: int  # bytes of the raw DEFLATE stream

    @property
    def set_hex(self) -> str:
        return f"{self.set_id:08x}"


def version_for(text: str) -> int:
    """The smallest QR version holding `text` in alphanumeric mode at level M (0 if none does)."""
    return next((v for v, cap in enumerate(ALPHANUMERIC_CAPACITY_M, start=1) if len(text) <= cap), 0)


def _max_chunk(max_version: int) -> int:
    capacity = ALPHANUMERIC_CAPACITY_M[max_version - 1]
    chunk = 1
    while text_length(chunk + 1) <= capacity:
        chunk += 1
    return chunk


def compress(document: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, _RAW_DEFLATE, 9)
    return packer.compress(document) + packer.flush()


def encode_reception(
    reception: Reception,
    *,
    max_version: int = DEFAULT_MAX_VERSION,
    validate: Validator | None = None,
    set_id: int | None = None,
) -> EncodedPreEntry:
    """The texts of the code(s) for a reception, each fitting `max_version` at level M.

    The reception is checked as the reader will check it (format rules, then `validate`), so a code that
    `make` writes is always one the counter accepts; ReceptionError or QrEncodeError otherwise.
    """
    if not 5 <= max_version <= len(ALPHANUMERIC_CAPACITY_M):
        raise QrEncodeError("bad_version", f"最大バージョンは5から40です（{max_version}）")
    check_untrusted(reception)
    if validate is not None:
        validate(reception)
    document = document_bytes(to_document(reception))  # after check_untrusted: no surrogates
    if len(document) > MAX_DOCUMENT_BYTES:
        raise QrEncodeError(
            "too_large", f"事前入力が大きすぎます（{len(document)}バイト、上限{MAX_DOCUMENT_BYTES}バイト）"
        )
    stream = compress(document)
    count = math.ceil(len(stream) / _max_chunk(max_version))
    if count > MAX_PARTS:
        raise QrEncodeError(
            "too_large", f"二次元コード{count}枚分になり、上限の{MAX_PARTS}枚を超えます。内容を減らしてください"
        )
    size = math.ceil(len(stream) / count)  # equal parts: every code of a set is about the same size
    ident = secrets.randbits(32) if set_id is None else set_id
    parts = [Part(ident, i + 1, count, stream[i * size : (i + 1) * size]) for i in range(count)]
    encoded = EncodedPreEntry(ident, tuple(p.to_text() for p in parts), len(document), len(stream))
    # Read our own output back: the round trip must be exact, or no code is written at all.
    if reception_to_dict(decode_texts(encoded.texts)) != reception_to_dict(reception):
        raise AssertionError("QR round trip is not exact")  # a bug here, never the user's input
    return encoded


def decompress(stream: bytes) -> bytes:
    if len(stream) > MAX_COMPRESSED_BYTES:
        raise QrError(QrErrorCode.DAMAGED, f"圧縮データが大きすぎます（{len(stream)}バイト）")
    unpacker = zlib.decompressobj(_RAW_DEFLATE)
    try:
        document = unpacker.decompress(stream, MAX_DOCUMENT_BYTES + 1)
    except zlib.error as exc:
        raise QrError(QrErrorCode.DAMAGED, f"圧縮データが壊れています（{exc}）") from None
    if len(document) > MAX_DOCUMENT_BYTES or unpacker.unconsumed_tail:
        raise QrError(QrErrorCode.INVALID_CONTENT, f"内容が大きすぎます（上限{MAX_DOCUMENT_BYTES}バイト）")
    if not unpacker.eof:
        raise QrError(QrErrorCode.DAMAGED, "圧縮データが途中で終わっています")
    if unpacker.unused_data:
        raise QrError(QrErrorCode.DAMAGED, "圧縮データの後に余分なデータがあります")
    return document


def decode_stream(stream: bytes, *, validate: Validator | None = None) -> Reception:
    """The reception in an assembled DEFLATE stream, validated; QrError otherwise."""
    raw = expand_document(parse_document(decompress(stream)))
    try:
        reception = reception_from_dict(raw)
        check_untrusted(reception)
        if validate is not None:
            validate(reception)
    except ReceptionError as exc:
        raise QrError(QrErrorCode.INVALID_CONTENT, str(exc), field=exc.field) from None
    return reception


@dataclass(frozen=True)
class PartProgress:
    set_id: int
    number: int
    count: int
    received: tuple[int, ...]
    missing: tuple[int, ...]
    new: bool  # False for a part read before (a duplicate, ignored)

    @property
    def complete(self) -> bool:
        return not self.missing


class Assembler:
    """Collects parts in any order; duplicates are ignored, a conflicting part is an error."""

    def __init__(self) -> None:
        self._sets: dict[int, dict[int, Part]] = {}

    def add(self, part: Part) -> PartProgress:
        parts = self._sets.setdefault(part.set_id, {})
        known = next(iter(parts.values()), None)
        if known is not None and known.count != part.count:
            raise QrError(QrErrorCode.DAMAGED, f"同じ組のコードで枚数が違います（{known.count}枚と{part.count}枚）")
        previous = parts.get(part.number)
        if previous is not None and previous.chunk != part.chunk:
            raise QrError(QrErrorCode.DAMAGED, f"{part.number}枚目のコードが2種類あります")
        parts[part.number] = part
        return self.progress(part, new=previous is None)

    def progress(self, part: Part, *, new: bool) -> PartProgress:
        received = tuple(sorted(self._sets[part.set_id]))
        missing = tuple(n for n in range(1, part.count + 1) if n not in self._sets[part.set_id])
        return PartProgress(part.set_id, part.number, part.count, received, missing, new)

    @property
    def set_ids(self) -> tuple[int, ...]:
        return tuple(self._sets)

    def stream(self, set_id: int) -> bytes:
        parts = self._sets[set_id]
        return b"".join(parts[n].chunk for n in sorted(parts))

    def discard(self, set_id: int) -> None:
        self._sets.pop(set_id, None)


def decode_parts(parts: Sequence[Part], *, validate: Validator | None = None) -> Reception:
    if not parts:
        raise QrError(QrErrorCode.NO_CODE_FOUND, "二次元コードがありません")
    assembler = Assembler()
    progress = [assembler.add(part) for part in parts]
    if len(assembler.set_ids) > 1:
        raise QrError(
            QrErrorCode.INVALID_CONTENT,
            f"別々の事前入力のコードが混ざっています（{len(assembler.set_ids)}組）。1人分ずつ読み取ってください",
            sets=[f"{s:08x}" for s in assembler.set_ids],
        )
    last = progress[-1]
    if last.missing:
        numbers = "、".join(str(n) for n in last.missing)
        raise QrError(
            QrErrorCode.MISSING_PARTS,
            f"{last.count}枚組のうち {numbers} 枚目のコードがまだ読み取れていません",
            missing=list(last.missing),
            count=last.count,
        )
    return decode_stream(assembler.stream(last.set_id), validate=validate)


def decode_texts(texts: Iterable[str], *, validate: Validator | None = None) -> Reception:
    """The reception in the texts of all the codes of one pre-entry (any order, duplicates allowed)."""
    return decode_parts([parse_part(text) for text in texts], validate=validate)
