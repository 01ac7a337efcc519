"""PC/SC readers through pyscard: the ONLY module of kakanai that imports pyscard (import-linter).

Listing readers, connecting (one exclusive connection per read: VERIFY and READ must share it, and
no other application may slip an APDU in between), card and reader monitoring as plain callbacks,
and mapping every PC/SC failure to kakanai.card.errors.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smartcard import scard
from smartcard.CardMonitoring import CardMonitor, CardObserver
from smartcard.ReaderMonitoring import ReaderMonitor, ReaderObserver

from kakanai.card.errors import CardError, CardRemovedError, NoCardError, NoReaderError, SeveralCardsError

log = logging.getLogger(__name__)


def _u32(value: int) -> int:
    return value & 0xFFFFFFFF


# Mid-read, each of these means the card is no longer ours: gone, reset by someone, lifted off a
# contactless reader (not transacted / comm error) or the daemon restarted under us (invalid handle).
_REMOVED = frozenset(
    _u32(h)
    for h in (
        scard.SCARD_W_REMOVED_CARD,
        scard.SCARD_E_NO_SMARTCARD,
        scard.SCARD_W_RESET_CARD,
        scard.SCARD_E_NOT_TRANSACTED,
        scard.SCARD_F_COMM_ERROR,
        scard.SCARD_W_UNRESPONSIVE_CARD,
        scard.SCARD_W_UNPOWERED_CARD,
        scard.SCARD_E_READER_UNAVAILABLE,
        scard.SCARD_E_NO_SERVICE,
        scard.SCARD_E_SERVICE_STOPPED,
        scard.SCARD_E_INVALID_HANDLE,
    )
)
_NO_CARD = frozenset(_u32(h) for h in (scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD))
_NO_READER = frozenset(
    _u32(h)
    for h in (
        scard.SCARD_E_NO_SERVICE,
        scard.SCARD_E_SERVICE_STOPPED,
        scard.SCARD_E_NO_READERS_AVAILABLE,
        scard.SCARD_E_UNKNOWN_READER,
        scard.SCARD_E_READER_UNAVAILABLE,
    )
)
_OK = scard.SCARD_S_SUCCESS
_PROTOCOLS = scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1


def _fail(hresult: int) -> str:
    return f"{scard.SCardGetErrorMessage(hresult)} ({_u32(hresult):08X})"


class _Context:
    def __init__(self) -> None:
        hresult, self.handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != _OK:
            raise NoReaderError(
                "カードリーダーのサービス（pcscd）に接続できません。" if _u32(hresult) in _NO_READER else None
            )

    def readers(self) -> list[str]:
        hresult, readers = scard.SCardListReaders(self.handle, [])
        if hresult != _OK:
            if _u32(hresult) in _NO_READER:
                return []
            raise CardError(f"カードリーダーの一覧を取得できません: {_fail(hresult)}")
        return list(readers)

    def release(self) -> None:
        scard.SCardReleaseContext(self.handle)


@dataclass(frozen=True)
class ReaderInfo:
    name: str
    card_present: bool
    atr: bytes


def list_readers() -> list[str]:
    context = _Context()
    try:
        return context.readers()
    finally:
        context.release()


def reader_status() -> list[ReaderInfo]:
    """Every reader with whether a card is present (one SCardGetStatusChange, no connection)."""
    context = _Context()
    try:
        return _status(context, context.readers())
    finally:
        context.release()


def _status(context: _Context, names: list[str]) -> list[ReaderInfo]:
    if not names:
        return []
    states = [(name, scard.SCARD_STATE_UNAWARE) for name in names]
    hresult, new_states = scard.SCardGetStatusChange(context.handle, 0, states)
    if hresult != _OK:
        return [ReaderInfo(name, False, b"") for name in names]
    return [
        ReaderInfo(name, bool(state & scard.SCARD_STATE_PRESENT), bytes(atr))
        for name, state, atr in new_states
    ]


def wait_for_card(reader: str, *, present: bool = True, timeout: float = 5.0) -> bool:
    """Block until the reader has (or no longer has) a card; False on timeout or if the reader vanished."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status = {r.name: r for r in reader_status()}
        except CardError:
            status = {}
        info = status.get(reader)
        if info is not None and info.card_present == present:
            return True
        if info is None and not present:
            return True
        time.sleep(0.05)
    return False


class PcscConnection:
    """One exclusive connection to the card in one reader. Satisfies kakanai.card.CardConnection."""

    def __init__(self, context: _Context, reader: str, handle: Any, protocol: int) -> None:
        self._context = context
        self.reader = reader
        self._handle = handle
        self._protocol = protocol
        self._closed = False

    def __repr__(self) -> str:
        return f"PcscConnection(reader={self.reader!r})"

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        if self._closed:
            raise CardRemovedError("接続はすでに閉じられています。")
        hresult, response = scard.SCardTransmit(self._handle, self._protocol, list(apdu))
        if hresult != _OK:
            if _u32(hresult) in _REMOVED:
                raise CardRemovedError()
            raise CardError(f"カードとの通信に失敗しました: {_fail(hresult)}")
        if len(response) < 2:
            raise CardRemovedError("カードから応答がありません。カードを置き直してください。")
        return bytes(response[:-2]), (response[-2] << 8) | response[-1]

    def close(self) -> None:
        """Disconnect and power the card off, which also drops the verified PIN state."""
        if self._closed:
            return
        self._closed = True
        try:
            scard.SCardDisconnect(self._handle, scard.SCARD_UNPOWER_CARD)
        finally:
            self._context.release()


def connect(reader: str | None = None) -> PcscConnection:
    """Connect to the card in `reader` (exact name or a unique part of it), or in the one reader holding a
    card: with cards in several, none is chosen (SeveralCardsError)."""
    context = _Context()
    try:
        names = context.readers()
        if not names:
            raise NoReaderError()
        if reader is not None:
            return _connect(context, _match_reader(names, reader))
        holding = [r.name for r in _status(context, names) if r.card_present]
        if len(holding) > 1:
            raise SeveralCardsError(holding)
        for name in names:
            try:
                return _connect(context, name)
            except NoCardError:
                continue
        raise NoCardError()
    except BaseException:
        context.release()
        raise


def _match_reader(names: list[str], wanted: str) -> str:
    if wanted in names:
        return wanted
    matches = [n for n in names if wanted.lower() in n.lower()]
    if len(matches) == 1:
        return matches[0]
    listed = "、".join(names)
    raise NoReaderError(f"カードリーダー「{wanted}」が見つかりません（接続中: {listed}）。")


def _connect(context: _Context, reader: str) -> PcscConnection:
    hresult, handle, protocol = scard.SCardConnect(
        context.handle, reader, scard.SCARD_SHARE_EXCLUSIVE, _PROTOCOLS
    )
    if hresult == _OK:
        return PcscConnection(context, reader, handle, protocol)
    code = _u32(hresult)
    if code in _NO_CARD:
        raise NoCardError()
    if code in _NO_READER:
        raise NoReaderError()
    if code == _u32(scard.SCARD_E_SHARING_VIOLATION):
        raise CardError("カードを別のアプリケーションが使用中です。そのアプリケーションを終了してください。")
    if code in _REMOVED:
        raise NoCardError("カードに応答がありません。カードを置き直してください。")
    raise CardError(f"カードに接続できません: {_fail(hresult)}")


# --- monitoring: pyscard observers delivered as plain callbacks (called on pyscard's thread) ---

CardCallback = Callable[[str, bytes], None]  # (reader name, ATR)
ReaderCallback = Callable[[str], None]


class _CardObserver(CardObserver):  # type: ignore[misc]
    def __init__(self, on_inserted: CardCallback, on_removed: CardCallback) -> None:
        super().__init__()
        self._on_inserted = on_inserted
        self._on_removed = on_removed

    def update(self, observable: Any, handlers: tuple[list[Any], list[Any]]) -> None:
        added, removed = handlers
        for card in removed:
            _safely(self._on_removed, str(card.reader), bytes(card.atr))
        for card in added:
            _safely(self._on_inserted, str(card.reader), bytes(card.atr))


class _ReaderObserver(ReaderObserver):  # type: ignore[misc]
    def __init__(self, on_added: ReaderCallback, on_removed: ReaderCallback) -> None:
        super().__init__()
        self._on_added = on_added
        self._on_removed = on_removed

    def update(self, observable: Any, handlers: tuple[list[Any], list[Any]]) -> None:
        added, removed = handlers
        for reader in removed:
            _safely(self._on_removed, str(reader))
        for reader in added:
            _safely(self._on_added, str(reader))


def _safely(callback: Callable[..., None], *args: Any) -> None:
    try:
        callback(*args)
    except Exception:  # a UI callback must never kill pyscard's monitoring thread
        log.exception("card monitor callback failed")


class Watch:
    """A running monitor; stop() detaches the callbacks."""

    def __init__(self, monitor: Any, observer: Any) -> None:
        self._monitor = monitor
        self._observer = observer
        self._lock = threading.Lock()
        self._stopped = False

    def stop(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        self._monitor.deleteObserver(self._observer)


def watch_cards(on_inserted: CardCallback, on_removed: CardCallback) -> Watch:
    """Card insertion/removal in any reader (CardMonitor). Cards already present count as inserted."""
    monitor = CardMonitor()
    observer = _CardObserver(on_inserted, on_removed)
    monitor.addObserver(observer)
    return Watch(monitor, observer)


def watch_readers(on_added: ReaderCallback, on_removed: ReaderCallback) -> Watch:
    """Readers plugged in or out (ReaderMonitor polls once a second)."""
    monitor = ReaderMonitor()
    observer = _ReaderObserver(on_added, on_removed)
    monitor.addObserver(observer)
    return Watch(monitor, observer)
