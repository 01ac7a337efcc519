"""The APDU transcript (`--trace FILE`): one exchange per line as hex, VERIFY data masked.

    00A4040C0AD3921000310001010408 -> 9000
    0020008004** -> 63C2
    00B0000007 -> FF2065DF210800 9000

The PIN never reaches a trace: the data field of every VERIFY is written as `**`.
Responses are written as sent (the basic 4 information is personal data: keep traces short-lived).
"""

from __future__ import annotations

import threading
from typing import TextIO

from kakanai.card.apdu import Ins
from kakanai.card.connection import CardConnection

MASK = "**"
_VERIFY_HEADER_WITH_LC = 5


def mask_command(apdu: bytes) -> str:
    if len(apdu) > _VERIFY_HEADER_WITH_LC and apdu[1] == Ins.VERIFY:
        return apdu[:_VERIFY_HEADER_WITH_LC].hex().upper() + MASK
    return apdu.hex().upper()


def format_exchange(apdu: bytes, data: bytes, sw: int) -> str:
    response = f"{data.hex().upper()} {sw:04X}" if data else f"{sw:04X}"
    return f"{mask_command(apdu)} -> {response}"


class TraceWriter:
    """Thread-safe line sink; flushed per line so a crash keeps the transcript."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def exchange(self, apdu: bytes, data: bytes, sw: int) -> None:
        self.line(format_exchange(apdu, data, sw))

    def line(self, text: str) -> None:
        with self._lock:
            self._stream.write(text + "\n")
            self._stream.flush()


class TracingConnection:
    """Wraps a connection and writes every exchange to a TraceWriter."""

    def __init__(self, inner: CardConnection, writer: TraceWriter) -> None:
        self._inner = inner
        self._writer = writer

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        try:
            data, sw = self._inner.transmit(apdu)
        except Exception as exc:
            self._writer.line(f"{mask_command(apdu)} -> ! {type(exc).__name__}")
            raise
        self._writer.exchange(apdu, data, sw)
        return data, sw

    def close(self) -> None:
        self._inner.close()
