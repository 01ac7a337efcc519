"""Card reading from the UI: the read runs on a worker thread; the PIN pad is shown on the UI thread
through a queued signal, and the worker waits for it (kakanai.card.BlockingPinPrompt). Removing the card
mid-read ends in CardRemovedError: a clear message and no half-filled person (the read returns all four
fields or nothing)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from kakanai.app.ports import (
    BasicInfo,
    BlockingPinPrompt,
    CardError,
    CardReaderPort,
    KeyKind,
    PinRequest,
    ReaderState,
    read_member_card,
)
from kakanai.model.members import MemberSource
from kakanai.ui.background import run_in_background
from kakanai.ui.pin_dialog import MatchBDialog, PinPadDialog, pin_dialog_for

PIN_TIMEOUT_SECONDS = 300.0  # a PIN pad left open this long cancels the read (nothing is sent)
READING = "reading"


@dataclass(frozen=True)
class CardRead:
    info: BasicInfo
    source: MemberSource
    card_done: float  # perf_counter when the card's part ended (for the "fields shown" timing)


class CardReadController(QObject):
    state_changed = Signal(str)  # a ReaderState value, or "reading"
    card_inserted = Signal()  # the reader went from no card to a card (placing the card starts a read)
    read_done = Signal(object)  # CardRead
    read_failed = Signal(object)  # CardError
    pin_dialog_shown = Signal(object)  # PinPadDialog | MatchBDialog
    _pin_requested = Signal(object)
    _reader_state = Signal(str)

    def __init__(self, reader: CardReaderPort, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.reader = reader
        self._window = window
        self.busy = False
        self.state = ReaderState.NO_READER.value
        self.active_dialog: PinPadDialog | MatchBDialog | None = None
        self._prompt: BlockingPinPrompt | None = None
        self._pin_requested.connect(self._show_pin_dialog)
        self._reader_state.connect(self._on_reader_state)
        reader.watch(lambda state: self._reader_state.emit(state.value))

    @Slot(str)
    def _on_reader_state(self, state: str) -> None:
        inserted = state == ReaderState.CARD_PRESENT.value and self.state != state
        self.state = state
        if inserted:
            self.card_inserted.emit()
        if not self.busy:
            self.state_changed.emit(state)

    def start(self, kind: KeyKind = KeyKind.PIN) -> bool:
        """Start one read; False if a read is already running."""
        if self.busy:
            return False
        self.busy = True
        self.state_changed.emit(READING)
        prompt = BlockingPinPrompt(self._pin_requested.emit, timeout=PIN_TIMEOUT_SECONDS)
        self._prompt = prompt
        source = MemberSource.MATCH_B if kind is KeyKind.MATCH_B else MemberSource.CARD
        reader = self.reader

        def work() -> CardRead:
            info = read_member_card(reader, prompt, kind)
            return CardRead(info, source, time.perf_counter())

        run_in_background(work, self._succeeded, self._failed)
        return True

    def cancel(self) -> None:
        """Close an open PIN pad (the read then ends as cancelled; nothing is sent)."""
        if self.active_dialog is not None:
            self.active_dialog.reject()

    @Slot(object)
    def _show_pin_dialog(self, request: PinRequest) -> None:
        prompt = self._prompt
        dialog = pin_dialog_for(request, self._window)
        self.active_dialog = dialog

        def finished(result: int) -> None:
            self.active_dialog = None
            if self._window is not None:
                # The counter's shortcuts work again at once (queued: the platform deactivates the
                # closing dialog after `finished`).
                QTimer.singleShot(0, self._window.window().activateWindow)
            answer = dialog.answer() if result == QDialog.DialogCode.Accepted else None
            if prompt is None:
                return
            if answer is None:
                prompt.cancel()
            else:
                prompt.answer(answer.secret, confirmed_last_try=answer.confirmed_last_try)

        dialog.finished.connect(finished)
        dialog.open()
        self.pin_dialog_shown.emit(dialog)

    def _done(self) -> None:
        self.busy = False
        self._prompt = None
        self.state_changed.emit(self.state)

    def _succeeded(self, read: CardRead) -> None:
        self._done()
        self.read_done.emit(read)

    def _failed(self, error: BaseException) -> None:
        self._done()
        if isinstance(error, CardError):
            self.read_failed.emit(error)
        else:
            self.read_failed.emit(CardError(f"カードの読み取りで予期しない問題が起きました（{type(error).__name__}）"))
