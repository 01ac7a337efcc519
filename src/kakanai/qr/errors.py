"""Typed errors of the QR intake; the codes are the `kakanai qr read/decode` error codes (docs/qr-format.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class QrErrorCode(StrEnum):
    NO_CODE_FOUND = "no_code_found"  # no QR code at all in the image
    NOT_KAKANAI = "not_kakanai"  # a QR code, or scanned text, that is not a kakanai pre-entry
    DAMAGED = "damaged"  # a kakanai code whose bytes do not verify (Base45, CRC-32, framing, DEFLATE)
    MISSING_PARTS = "missing_parts"  # a split pre-entry with parts not read yet
    INVALID_CONTENT = "invalid_content"  # verified bytes, but the content breaks the schema or the limits
    UNSUPPORTED_VERSION = "unsupported_version"  # a newer (or unknown) format or schema version


# How far decoding got before the error: when several readings of one scanned text are tried (keyboard
# layouts), the error of the reading that got furthest is the one worth reporting.
ERROR_DEPTH: dict[QrErrorCode, int] = {
    QrErrorCode.NO_CODE_FOUND: 0,
    QrErrorCode.NOT_KAKANAI: 1,
    QrErrorCode.DAMAGED: 2,
    QrErrorCode.UNSUPPORTED_VERSION: 3,
    QrErrorCode.MISSING_PARTS: 4,
    QrErrorCode.INVALID_CONTENT: 5,
}


class QrError(Exception):
    """A pre-entry that cannot be used, with a Japanese message for the clerk and machine-readable extras."""

    def __init__(self, code: QrErrorCode, message: str, **extra: Any) -> None:
        super().__init__(f"{code.value}: {message}")
        self.code = code
        self.message = message
        self.extra = extra

    @property
    def depth(self) -> int:
        return ERROR_DEPTH[self.code]


class QrEncodeError(ValueError):
    """A reception that cannot become a pre-entry code (`kakanai qr make`): too large, or counter-only fields."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
