"""The simulated card as a CardConnection, in the same process (unit tests, demo and training mode).

`InProcessReader` is a reader slot: insert or remove a card at any time (from any thread); a
connection whose card left raises CardRemovedError on its next APDU, exactly like pcsc.py does.
"""

from __future__ import annotations

import threading

from kakanai.card.errors import CardRemovedError, NoCardError
from kakanai.card.simulator.card import CardGone, OtherCardProfile, SimulatedCard
from kakanai.card.simulator.profile import CardProfile


class InProcessConnection:
    def __init__(
        self, card: SimulatedCard | CardProfile | OtherCardProfile, reader: InProcessReader | None = None
    ) -> None:
        self.card = card if isinstance(card, SimulatedCard) else SimulatedCard(card)
        self._reader = reader
        self._closed = False
        self.card.power_on()

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        if self._closed:
            raise CardRemovedError("接続はすでに閉じられています。")
        if self._reader is not None and self._reader.card is not self.card:
            raise CardRemovedError()
        try:
            response = self.card.exchange(apdu)
        except CardGone:
            raise CardRemovedError() from None
        return response[:-2], int.from_bytes(response[-2:], "big")

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.card.power_off()


class InProcessReader:
    name = "kakanai simulator"

    def __init__(self, card: SimulatedCard | CardProfile | OtherCardProfile | None = None) -> None:
        self._lock = threading.Lock()
        self.card: SimulatedCard | None = None
        if card is not None:
            self.insert(card)

    def insert(self, card: SimulatedCard | CardProfile | OtherCardProfile) -> SimulatedCard:
        simulated = card if isinstance(card, SimulatedCard) else SimulatedCard(card)
        with self._lock:
            simulated.gone = False
            self.card = simulated
        return simulated

    def remove(self) -> None:
        with self._lock:
            if self.card is not None:
                self.card.gone = True
            self.card = None

    def connect(self) -> InProcessConnection:
        with self._lock:
            card = self.card
        if card is None or card.gone:
            raise NoCardError()
        return InProcessConnection(card, self)
