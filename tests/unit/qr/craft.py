"""Codes made by hand, with a valid CRC-32, to reach each check behind the integrity check."""

from __future__ import annotations

import json
import struct
import zlib
from typing import Any

from kakanai.qr.base45 import b45encode
from kakanai.qr.frame import HEADER, PREFIX
from kakanai.qr.payload import compress


def frame(chunk: bytes, *, schema: int = 1, set_id: int = 0x0A0B0C0D, number: int = 1, count: int = 1,
          prefix: str = PREFIX) -> str:
    body = HEADER.pack(schema, set_id, number, count) + chunk
    return prefix + b45encode(body + struct.pack(">I", zlib.crc32(body)))


def document_code(doc: Any, **kwargs: Any) -> str:
    """A code carrying `doc` as its document (any JSON value, or raw bytes used as the JSON text)."""
    data = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return frame(compress(data), **kwargs)


def minimal_document(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"e": "certificates", "d": "2026-04-01",
                           "m": [{"k": "p1", "n": "﨑村　花子", "b": "1970-03-03", "x": "female"}]}
    doc.update(overrides)
    return doc


def with_member(**fields: Any) -> dict[str, Any]:
    member = {"k": "p1", "n": "﨑村　花子", "b": "1970-03-03", "x": "female", **fields}
    return minimal_document(m=[member])
