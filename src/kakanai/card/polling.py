"""The card reader as the counter sees it: always a state (no reader / ready / card present) and, on
request, a connection for one read. Two implementations: the in-process simulator (demo and training
mode, tests) and PC/SC (a real Sony or ACS reader, or the vpcd virtual reader).

State changes are delivered through `on_change(state)`, called on whatever thread noticed them (the
pyscard monitor, the thread that inserted a simulated card); the UI hands them over to its own thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import StrEnum
from types import ModuleType
from typing import Protocol

from kakanai.card import BasicInfo, CardConnection, CardError, KeyKind, NoReaderError, PinHandler, read_card
from kakanai.card.simulator import CardProfile, InProcessReader, SimulatedCard
from kakanai.card.simulator.card import OtherCardProfile

log = logging.getLogger(__name__)

StateCallback = Callable[["ReaderState"], None]


class ReaderState(StrEnum):
    NO_READER = "no_reader"
    READY = "ready"
    CARD_PRESENT = "card_present"

    @property
    def label(self) -> str:
        return {"no_reader": "カードリーダーなし", "ready": "リーダー準備完了（カードを置いてください）",
                "card_present": "カードがあります"}[self.value]


class CardReaderPort(Protocol):
    name: str

    def state(self) -> ReaderState: ...

    def watch(self, on_change: StateCallback) -> None:
        """Start telling on_change about every state change (at most one watcher)."""
        ...

    def open_connection(self) -> CardConnection: ...

    def close(self) -> None: ...


def read_member_card(reader: CardReaderPort, pin_handler: PinHandler, kind: KeyKind = KeyKind.PIN) -> BasicInfo:
    """One read of the basic 4 information (blocking: run it on a worker thread). Raises CardError."""
    return read_card(reader.open_connection, pin_handler, kind=kind)


class SimulatedCardReader:
    """The in-process simulator as a reader slot: `insert(profile)` places a card, `remove()` lifts it."""

    name = "模擬カードリーダー（デモ・研修）"

    def __init__(self) -> None:
        self._slot = InProcessReader()
        self._on_change: StateCallback | None = None
        self._lock = threading.Lock()

    def state(self) -> ReaderState:
        return ReaderState.CARD_PRESENT if self._slot.card is not None else ReaderState.READY

    def watch(self, on_change: StateCallback) -> None:
        self._on_change = on_change
        on_change(self.state())

    def insert(self, card: CardProfile | OtherCardProfile | SimulatedCard) -> SimulatedCard:
        with self._lock:
            simulated = self._slot.insert(card)
        self._emit()
        return simulated

    def remove(self) -> None:
        with self._lock:
            self._slot.remove()
        self._emit()

    @property
    def card(self) -> SimulatedCard | None:
        return self._slot.card

    def open_connection(self) -> CardConnection:
        return self._slot.connect()

    def close(self) -> None:
        self._on_change = None

    def _emit(self) -> None:
        callback = self._on_change
        if callback is not None:
            callback(self.state())


class PcscCardReader:
    """A PC/SC reader through kakanai.card.pcsc (imported lazily: pyscard loads libpcsclite).

    The state is polled (one SCardGetStatusChange with a fresh context every POLL_SECONDS on a daemon
    thread) rather than taken from pyscard's monitors: pyscard's monitor thread is a process-wide
    singleton that does not start again once stopped, and a fresh context also survives a restart of
    pcscd (a Windows smart-card service restart, a reader driver update)."""

    POLL_SECONDS = 0.25

    def __init__(self, reader: str = "") -> None:
        self.name = reader or "カードリーダー"
        self._wanted = reader
        self._on_change: StateCallback | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @staticmethod
    def _pcsc() -> ModuleType:
        from kakanai.card import pcsc

        return pcsc

    def state(self) -> ReaderState:
        try:
            readers = self._pcsc().reader_status()
        except (CardError, ImportError, OSError) as exc:
            log.info("no PC/SC reader: %s", exc)
            return ReaderState.NO_READER
        chosen = [r for r in readers if self._wanted in r.name] if self._wanted else readers
        if not chosen:
            return ReaderState.NO_READER
        self.name = chosen[0].name
        return ReaderState.CARD_PRESENT if chosen[0].card_present else ReaderState.READY

    def watch(self, on_change: StateCallback) -> None:
        self._on_change = on_change
        current = self.state()
        on_change(current)
        self._stop.clear()
        self._thread = threading.Thread(target=self._poll, args=(current,), name="kakanai-reader-watch",
                                        daemon=True)
        self._thread.start()

    def _poll(self, last: ReaderState) -> None:
        while not self._stop.wait(self.POLL_SECONDS):
            state = self.state()
            callback = self._on_change
            if state is not last and callback is not None:
                last = state
                callback(state)

    def open_connection(self) -> CardConnection:
        try:
            connection: CardConnection = self._pcsc().connect(self._wanted or None)
        except ImportError:
            raise NoReaderError("カードリーダーのライブラリ（pyscard）を読み込めません。") from None
        return connection

    def close(self) -> None:
        self._on_change = None
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=2.0)
