"""pcsc.py maps PC/SC results to the project's errors (pyscard's scard functions faked; no pcscd needed)."""

from __future__ import annotations

from typing import Any

import pytest

from kakanai.card import CardError, CardRemovedError, NoCardError, NoReaderError, SeveralCardsError, pcsc
from kakanai.card.pcsc import scard

OK = scard.SCARD_S_SUCCESS


class FakeScard:
    def __init__(self, readers: list[str], connect: int = OK, transmit: int = OK, context: int = OK,
                 holding: list[str] | None = None) -> None:
        self.readers, self.connect_result, self.transmit_result = readers, connect, transmit
        self.context_result = context
        self.holding = readers[:1] if holding is None else holding  # the readers with a card in them
        self.released = 0
        self.disconnected: list[int] = []
        self.connected: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(scard, "SCardEstablishContext", lambda scope: (self.context_result, 1))
        monkeypatch.setattr(scard, "SCardReleaseContext", self._release)
        monkeypatch.setattr(scard, "SCardListReaders", lambda ctx, groups: (OK, self.readers))
        monkeypatch.setattr(scard, "SCardConnect", self._connect)
        monkeypatch.setattr(scard, "SCardGetStatusChange", lambda ctx, timeout, states: (OK, [
            (name, scard.SCARD_STATE_PRESENT if name in self.holding else scard.SCARD_STATE_EMPTY, [])
            for name, _state in states]))
        monkeypatch.setattr(scard, "SCardTransmit", lambda h, p, apdu: (self.transmit_result, [0x90, 0x00]))
        monkeypatch.setattr(scard, "SCardDisconnect", lambda h, d: self.disconnected.append(d) or OK)

    def _connect(self, ctx: Any, reader: str, mode: int, protocols: int) -> tuple[int, int, int]:
        self.connected.append(reader)
        if self.connect_result == OK and reader not in self.holding:
            return scard.SCARD_E_NO_SMARTCARD, 0, 0
        return self.connect_result, 7, 2

    def _release(self, ctx: Any) -> int:
        self.released += 1
        return OK


def test_connect_transmit_close(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeScard(["Virtual PCD 00 00"])
    fake.install(monkeypatch)
    conn = pcsc.connect("virtual pcd 00 00")
    assert conn.transmit(b"\x00\xa4\x04\x0c") == (b"", 0x9000)
    conn.close()
    conn.close()
    assert fake.disconnected == [scard.SCARD_UNPOWER_CARD] and fake.released == 1


@pytest.mark.parametrize(
    ("hresult", "error"),
    [
        (scard.SCARD_W_REMOVED_CARD, CardRemovedError),
        (scard.SCARD_E_NO_SMARTCARD, CardRemovedError),
        (scard.SCARD_W_RESET_CARD, CardRemovedError),
        (scard.SCARD_E_NOT_TRANSACTED, CardRemovedError),
        (scard.SCARD_E_NO_SERVICE, CardRemovedError),
        (scard.SCARD_E_INVALID_HANDLE, CardRemovedError),
        (scard.SCARD_F_UNKNOWN_ERROR, CardError),
    ],
)
def test_transmit_failures(monkeypatch: pytest.MonkeyPatch, hresult: int, error: type[CardError]) -> None:
    fake = FakeScard(["R"], transmit=hresult)
    fake.install(monkeypatch)
    with pytest.raises(error) as raised:
        pcsc.connect("R").transmit(b"\x00\xa4\x04\x0c")
    assert raised.value.code is error.code


@pytest.mark.parametrize(
    ("readers", "connect", "wanted", "error"),
    [
        ([], OK, None, NoReaderError),
        (["A", "B"], OK, "C", NoReaderError),
        (["A"], scard.SCARD_E_NO_SMARTCARD, None, NoCardError),
        (["A"], scard.SCARD_W_REMOVED_CARD, "A", NoCardError),
        (["A"], scard.SCARD_E_UNKNOWN_READER, "A", NoReaderError),
        (["A"], scard.SCARD_E_SHARING_VIOLATION, "A", CardError),
    ],
)
def test_connect_failures(
    monkeypatch: pytest.MonkeyPatch,
    readers: list[str],
    connect: int,
    wanted: str | None,
    error: type[CardError],
) -> None:
    fake = FakeScard(readers, connect=connect)
    fake.install(monkeypatch)
    with pytest.raises(error):
        pcsc.connect(wanted)
    assert fake.released == 1


def test_two_cards_in_two_readers_are_never_guessed_between(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a reader named, a PIN meant for one resident's card must not reach another card: nothing is
    connected, the readers are named. Named, that reader's card is read; one card alone is found."""
    fake = FakeScard(["Sony RC-S300 00 00", "SCR3310 01 00"], holding=["Sony RC-S300 00 00", "SCR3310 01 00"])
    fake.install(monkeypatch)
    with pytest.raises(SeveralCardsError) as raised:
        pcsc.connect(None)
    assert raised.value.message == ("カードが2台のカードリーダー（Sony RC-S300 00 00、SCR3310 01 00）に置かれています。"
                                    "読み取るカードだけを置くか、使うカードリーダーを指定してください。")
    assert (raised.value.code.value, fake.connected, fake.released) == ("several_cards", [], 1)
    assert pcsc.connect("SCR3310").reader == "SCR3310 01 00"
    fake.holding = ["SCR3310 01 00"]
    assert pcsc.connect(None).reader == "SCR3310 01 00"


def test_no_daemon_is_no_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeScard([], context=scard.SCARD_E_NO_SERVICE).install(monkeypatch)
    with pytest.raises(NoReaderError, match="pcscd"):
        pcsc.list_readers()


def test_monitor_callbacks_are_plain_and_safe() -> None:
    class Card:
        def __init__(self, reader: str) -> None:
            self.reader, self.atr = reader, [0x3B, 0x00]

    seen: list[tuple[str, str, bytes]] = []

    def boom(reader: str, atr: bytes) -> None:
        raise RuntimeError("a UI bug")

    observer = pcsc._CardObserver(lambda r, a: seen.append(("in", r, a)), boom)
    observer.update(None, ([Card("A")], [Card("B")]))  # the failing callback does not stop the others
    assert seen == [("in", "A", b"\x3b\x00")]
    readers: list[str] = []
    pcsc._ReaderObserver(readers.append, readers.append).update(None, (["X"], ["Y"]))
    assert readers == ["Y", "X"]
