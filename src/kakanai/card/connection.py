"""The one interface the protocol needs from a reader (yubikit style): send an APDU, get data and SW.

`pcsc.CardConnection` (a real or vpcd reader) and `simulator.InProcessConnection` both satisfy it,
so the session never knows whether pyscard is underneath.
"""

from __future__ import annotations

from typing import Protocol


class CardConnection(Protocol):
    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Send one command APDU; return the response data and the status word (SW1 << 8 | SW2).

        Raises kakanai.card.errors.CardRemovedError when the card is gone.
        """
        ...

    def close(self) -> None:
        """Release the card (powers it off on a real reader, which drops the verified PIN)."""
        ...
