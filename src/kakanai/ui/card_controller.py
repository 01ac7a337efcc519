"""Card reading from the UI: the read runs on a worker thread; the PIN pad is shown on the UI thread
through a queued signal, and the worker waits for it (kakanai.card.BlockingPinPrompt). Removing the card
mid-read ends in CardRemovedError: a clear message and no half-filled person (the read returns all four
fields or nothing).

Every card kind goes through the same slot (issue 18, kakanai.app.card_reads): a 在留カード asks its
12-character number in a dialog on the UI thread (the worker waits, as for the PIN), and a reading the
clerk must confirm (OCR, 外字, a sex the card does not hold) opens the confirmation dialog before
`read_done`; the controller stays busy until the clerk has confirmed or cancelled."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from kakanai.app.card_reads import (
    BlockingNumberPrompt,
    CardKind,
    CardReading,
    ConfirmedCard,
    needs_confirmation,
    read_counter_card,
    without_confirmation,
)
from kakanai.app.ports import (
    BasicInfo,
    BlockingPinPrompt,
    CancelledError,
    CardError,
    CardReaderPort,
    KeyKind,
    PinRequest,
    ReaderState,
)
from kakanai.incident import UnexpectedError
from kakanai.model.members import MemberSource
from kakanai.ui.background import run_in_background
from kakanai.ui.card_dialogs import CardConfirmDialog, CardNumberDialog
from kakanai.ui.pin_dialog import MatchBDialog, PinPadDialog, pin_dialog_for
from kakanai.ui.widgets import open_dialog

PIN_TIMEOUT_SECONDS = 300.0  # a PIN pad left open this long cancels the read (nothing is sent)
READING = "reading"


@dataclass(frozen=True)
class CardRead:
    info: BasicInfo
    source: MemberSource
    card_done: float  # perf_counter when the card's part ended (for the "fields shown" timing)
    confirmed: ConfirmedCard | None = None  # any card but the My Number card: what the clerk confirmed


@dataclass(frozen=True)
class _Read:
    reading: CardReading
    source: MemberSource
    card_done: float


class CardReadController(QObject):
    state_changed = Signal(str)  # a ReaderState value, or "reading"
    card_inserted = Signal()  # the reader went from no card to a card (placing the card starts a read)
    read_done = Signal(object)  # CardRead
    read_failed = Signal(object)  # CardError
    pin_dialog_shown = Signal(object)  # PinPadDialog | MatchBDialog
    number_dialog_shown = Signal(object)  # CardNumberDialog
    confirm_dialog_shown = Signal(object)  # CardConfirmDialog
    _pin_requested = Signal(object)
    _number_requested = Signal(object)
    _reader_state = Signal(str)

    def __init__(self, reader: CardReaderPort, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.reader = reader
        self._window = window
        self.busy = False
        self._abandoned = False  # the read running was cancelled with its reception: it reports nothing
        self.state = ReaderState.NO_READER.value
        self.active_dialog: PinPadDialog | MatchBDialog | None = None
        self.card_dialog: CardNumberDialog | CardConfirmDialog | None = None
        self._prompt: BlockingPinPrompt | None = None
        self._number_prompt: BlockingNumberPrompt | None = None
        self._pin_requested.connect(self._show_pin_dialog)
        self._number_requested.connect(self._show_number_dialog)
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
        self._abandoned = False
        self.state_changed.emit(READING)
        prompt = BlockingPinPrompt(self._pin_requested.emit, timeout=PIN_TIMEOUT_SECONDS)
        self._prompt = prompt
        number_prompt = BlockingNumberPrompt(self._number_requested.emit, timeout=PIN_TIMEOUT_SECONDS)
        self._number_prompt = number_prompt
        source = MemberSource.MATCH_B if kind is KeyKind.MATCH_B else MemberSource.CARD
        reader = self.reader

        def work() -> _Read:
            reading = read_counter_card(reader, prompt, number_prompt, kind)
            return _Read(reading, source, time.perf_counter())

        run_in_background(work, self._succeeded, self._failed)
        return True

    def cancel(self) -> None:
        """The reception ends: close an open PIN pad or card dialog (the read then ends as cancelled; nothing
        is sent or added), and a read still running reports nothing when it ends. A slow card's read ended in
        the next resident's reception and added its holder to the next household. The controller stays busy
        until the worker is done with the reader."""
        self._abandoned = self.busy
        for dialog in (self.active_dialog, self.card_dialog):
            if dialog is not None:
                dialog.reject()

    @Slot(object)
    def _show_pin_dialog(self, request: PinRequest) -> None:
        prompt = self._prompt
        dialog = pin_dialog_for(request, self._window)
        self.active_dialog = dialog

        def finished(result: int) -> None:
            self.active_dialog = None
            answer = dialog.answer() if result == QDialog.DialogCode.Accepted else None
            if prompt is None:
                return
            if answer is None:
                prompt.cancel()
            else:
                prompt.answer(answer.secret, confirmed_last_try=answer.confirmed_last_try)

        open_dialog(dialog, finished)  # the counter's shortcuts work again as soon as it closes
        self.pin_dialog_shown.emit(dialog)

    @Slot(object)
    def _show_number_dialog(self, problem: str | None) -> None:
        prompt = self._number_prompt
        dialog = CardNumberDialog(problem, self._window)
        self.card_dialog = dialog

        def finished(result: int) -> None:
            self.card_dialog = None
            if prompt is not None:
                prompt.answer(dialog.number() if result == QDialog.DialogCode.Accepted else None)

        open_dialog(dialog, finished)
        self.number_dialog_shown.emit(dialog)

    def _done(self) -> None:
        self.busy = False
        self._prompt = None
        self._number_prompt = None
        self.state_changed.emit(self.state)

    def _succeeded(self, read: _Read) -> None:
        if self._abandoned:
            self._done()
            return
        reading = read.reading
        if reading.kind is CardKind.MYNUMBER or not needs_confirmation(reading):
            confirmed = without_confirmation(reading)
            self._done()
            self.read_done.emit(self._card_read(confirmed, read.source, read.card_done))
            return
        dialog = CardConfirmDialog(reading, self._window)
        self.card_dialog = dialog

        def finished(result: int) -> None:
            self.card_dialog = None
            confirmed = dialog.result_card() if result == QDialog.DialogCode.Accepted else None
            abandoned = self._abandoned
            self._done()
            if abandoned:
                return
            if confirmed is None:
                self.read_failed.emit(CancelledError("確認を取り消しました。メンバーは追加していません。"
                                                     "もう一度読み取るには「カードを読む」を押してください"))
            else:
                self.read_done.emit(self._card_read(confirmed, read.source, time.perf_counter()))

        open_dialog(dialog, finished)
        self.confirm_dialog_shown.emit(dialog)

    @staticmethod
    def _card_read(confirmed: ConfirmedCard, source: MemberSource, card_done: float) -> CardRead:
        info = BasicInfo(confirmed.name, confirmed.address, confirmed.birth_date, confirmed.sex)
        is_mynumber = confirmed.reading.kind is CardKind.MYNUMBER
        return CardRead(info, source, card_done, None if is_mynumber else confirmed)

    def _failed(self, error: BaseException) -> None:
        abandoned = self._abandoned
        self._done()
        if abandoned and not isinstance(error, UnexpectedError):
            return  # cancelled with its reception (a bug still says its incident number)
        if isinstance(error, CardError):
            self.read_failed.emit(error)
        elif isinstance(error, UnexpectedError):  # a bug, recorded by ui.background: its incident number
            self.read_failed.emit(CardError(str(error)))
        else:
            self.read_failed.emit(CardError(f"カードの読み取りで予期しない問題が起きました（{type(error).__name__}）"))
