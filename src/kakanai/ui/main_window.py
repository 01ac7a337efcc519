"""The counter's one window: the step bar, the always-visible reader status, one page per step, and the
keyboard shortcuts. It shows the ReceptionSession and drives it; it holds no reception data itself."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.ports import RecordContext, RecordError, WedgeBuffer
from kakanai.app.scans import ScanKind, ScanRouter
from kakanai.app.services import CounterServices
from kakanai.app.settings import CounterSettings
from kakanai.app.workflow import Closing, ReceptionSession, Step
from kakanai.model import FinishedReception
from kakanai.model.members import WorkflowError
from kakanai.ui import window_display
from kakanai.ui.actions import ActionCounter
from kakanai.ui.background import run_in_background
from kakanai.ui.card_controller import CardReadController
from kakanai.ui.demo_tray import DemoTray
from kakanai.ui.pages.event_page import EventPage
from kakanai.ui.pages.host import Page
from kakanai.ui.pages.inputs_page import InputsPage
from kakanai.ui.pages.interview_page import InterviewPage
from kakanai.ui.pages.members_page import MembersPage
from kakanai.ui.pages.plan_page import PlanPage
from kakanai.ui.pages.preview_page import PreviewPage
from kakanai.ui.printing import available_printers, default_printer
from kakanai.ui.qr_dialog import event_seconds
from kakanai.ui.reception_guard import IdleBanner, confirm_finish
from kakanai.ui.records_actions import RecordsActions
from kakanai.ui.records_bar import RecordsBar
from kakanai.ui.resident_screen import CONFIRM_KEY, ResidentScreens
from kakanai.ui.widgets import ReaderStatus, StepBar, button, message, set_role

log = logging.getLogger(__name__)
IDLE_CHECK_MS = 1000
WARM_UP_DELAY_MS = 300  # after the window is painted: start-up is not slowed by the forms
CLOSE_WAIT_MS = 30_000  # the longest a closing window waits for a record in flight (a slow network)
DEFAULT_SIZE = QSize(1280, 860)


class MainWindow(QMainWindow):
    forms_warmed = Signal()

    def __init__(self, services: CounterServices, *, save: bool = True, warm_up: bool = True) -> None:
        super().__init__()
        self.services = services
        self.saves_settings = save
        self.session: ReceptionSession = services.new_session()
        self.setWindowTitle("書かない窓口 kakanai" + ("（デモ・研修モード）" if services.demo_mode else ""))
        self.setObjectName("main_window")
        self.card = CardReadController(services.reader, self)
        self.actions_counter = ActionCounter(self.session.touch)
        self._shown_step = Step.EVENT
        self._wedge = WedgeBuffer()
        self._scans = ScanRouter(validate=services.validate)
        self._last_key = 0.0
        self.demo_tray: DemoTray | None = None  # demo and training mode (kakanai.ui.main)
        self.settings_dialog: QDialog | None = None
        central = QWidget()
        outer = QVBoxLayout(central)
        self.step_bar = StepBar()
        outer.addWidget(self.step_bar)
        header = QHBoxLayout()
        self.reader_status = ReaderStatus()
        header.addWidget(self.reader_status, 1)
        header.addWidget(button("文字－", "font_smaller", lambda: self.scale_font(-1)))
        header.addWidget(button("文字＋", "font_larger", lambda: self.scale_font(1)))
        header.addWidget(button("設定", "open_settings", self.open_settings))
        header.addWidget(button("統計", "open_stats", self.open_stats))
        header.addWidget(button("新しい受付（Ctrl+N）", "new_reception", self.new_reception))
        outer.addLayout(header)
        self.records_actions = RecordsActions(self)
        self.records_bar = RecordsBar(services, self.require_sign_in, self.sign_out)
        outer.addWidget(self.records_bar)
        self.idle_banner = IdleBanner(lambda: self.session.touch())
        outer.addWidget(self.idle_banner)
        self.confirm_dialog: QDialog | None = None
        self._refusal: tuple[Step, str] | None = None  # the step refused and why, while it is on screen
        self.closing = False
        self.last_reception_id: str | None = None  # the demo tray "scans" its guidance sheet
        self.stack = QStackedWidget()
        self.event_page = EventPage(self)
        self.members_page = MembersPage(self)
        self.interview_page = InterviewPage(self)
        self.plan_page = PlanPage(self)
        self.inputs_page = InputsPage(self)
        self.preview_page = PreviewPage(self, available_printers(), default_printer())
        # Each step's page, as the Page protocol the window drives (refresh, activate); also a QWidget.
        self.page_of: dict[Step, Page] = {
            Step.EVENT: self.event_page, Step.MEMBERS: self.members_page, Step.INTERVIEW: self.interview_page,
            Step.PLAN: self.plan_page, Step.INPUTS: self.inputs_page, Step.PREVIEW: self.preview_page}
        self.pages: dict[Step, QWidget] = {
            Step.EVENT: self.event_page, Step.MEMBERS: self.members_page, Step.INTERVIEW: self.interview_page,
            Step.PLAN: self.plan_page, Step.INPUTS: self.inputs_page, Step.PREVIEW: self.preview_page}
        for page in self.pages.values():
            self.stack.addWidget(page)
        outer.addWidget(self.stack, 1)
        self.window_message = message("window_message", "notice")
        outer.addWidget(self.window_message)
        self.setCentralWidget(central)
        self.card.state_changed.connect(lambda state: self.reader_status.show_state(state, services.reader.name))
        self.reader_status.show_state(self.card.state, services.reader.name)
        self.session.add_listener(self._session_changed)
        self.resident_screens = ResidentScreens(services, self.session)  # issue 19: the second monitor
        self._shortcuts()
        self._idle = QTimer(self)
        self._idle.setInterval(IDLE_CHECK_MS)
        self._idle.timeout.connect(self.check_idle)
        self._idle.start()
        QApplication.instance().installEventFilter(self.actions_counter)  # type: ignore[union-attr]
        for warning in services.warnings:
            self.notify(warning, warning=True)
        self._session_changed()
        # The first step's own control has the focus (the first life event), not 「文字－」 (Enter on it
        # would shrink the text): once the window is shown.
        QTimer.singleShot(0, self.page_of[self.session.step].activate)
        self.screen_size: QSize | None = None  # the screen the window must fit (kakanai.ui.main)
        self.resize(DEFAULT_SIZE)
        self.forms_ready = False
        if warm_up:
            QTimer.singleShot(WARM_UP_DELAY_MS, self._warm_up_forms)
        else:
            self.forms_ready = True  # loaded by the first preview instead
        if services.needs_sign_in:
            QTimer.singleShot(0, self.require_sign_in)

    def fit_into(self, screen: QSize) -> None:
        window_display.fit_into(self, screen)

    def _warm_up_forms(self) -> None:
        """The forms' fonts and definitions, loaded on a worker once the window is up, so that the first
        preview does not wait for them (kakanai.app.forms_adapter.FormsRenderer.warm_up)."""
        warm_up = getattr(self.services.renderer, "warm_up", None)
        if not callable(warm_up):
            self._forms_warmed()
            return

        def failed(exc: BaseException) -> None:
            log.warning("forms warm-up failed: %s", exc)
            self._forms_warmed()

        run_in_background(warm_up, lambda _none: self._forms_warmed(), failed)

    def _forms_warmed(self) -> None:
        if not shiboken6.isValid(self):
            return  # the window was closed and deleted while the fonts loaded
        self.forms_ready = True
        self.forms_warmed.emit()

    def _shortcuts(self) -> None:
        bindings = (
            ("F2", lambda: self._on(Step.MEMBERS, self.members_page.read_card)),
            ("F3", lambda: self._on(Step.MEMBERS, self.members_page.read_qr)),
            ("F4", lambda: self._on(Step.MEMBERS, self.members_page.add_typed)),
            ("Ctrl+P", lambda: self._on(Step.PREVIEW, self.preview_page.print_all)),
            ("Ctrl+Return", self.next_step), ("Ctrl+Enter", self.next_step),
            ("Ctrl+Backspace", self._back), ("Ctrl+N", self.new_reception),
            (CONFIRM_KEY, lambda: self.notify(self.resident_screens.confirm_by_clerk())),
            (QKeySequence.StandardKey.ZoomIn, lambda: self.scale_font(1)), ("Ctrl+=", lambda: self.scale_font(1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.scale_font(-1)),
        )
        for key, slot in bindings:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)

    def _on(self, step: Step, action: object) -> None:
        if self.session.step is step:
            action()  # type: ignore[operator]

    # -- the session -----------------------------------------------------------------------------------
    def _session_changed(self) -> None:
        s = self.session
        # Skipped exactly when ← 戻る passes it over (issue 17: the bar and the button agree).
        skipped = frozenset({Step.INTERVIEW}) if s.step > Step.INTERVIEW and s.interview_passed_over else frozenset()
        self.step_bar.show_step(s.step, skipped)
        page = self.pages[s.step]
        moved = s.step is not self._shown_step or self.stack.currentWidget() is not page
        self._shown_step = s.step
        self._clear_solved_refusal(moved)
        if moved:
            self.stack.setCurrentWidget(page)
        if s.event is None and not s.members:
            # Cleared (finished, idle, new reception): no page may keep showing personal data.
            for other in self.page_of.values():
                other.refresh()
        else:
            self.page_of[s.step].refresh()
        if moved:
            # After the event loop has shown the page's new widgets (a hidden widget cannot take focus).
            QTimer.singleShot(0, self.page_of[s.step].activate)

    def go(self, step: Step) -> None:
        try:
            self.session.go(step)
        except WorkflowError as exc:
            self._refused(step, exc)

    def next_step(self) -> None:
        if self.session.step is Step.INPUTS and not self.inputs_page.may_leave():
            return  # text the forms would not print stays on screen, with what is wrong with it
        try:
            self.session.next()
        except WorkflowError as exc:
            self._refused(Step[exc.field.upper()], exc)  # ReceptionSession.go names the step it refused

    def _refused(self, step: Step, exc: WorkflowError) -> None:
        self.notify(exc.message, warning=True)
        self._refusal = (step, exc.message)

    def _clear_solved_refusal(self, moved: bool) -> None:
        """Why the clerk could not go on is said until it is solved or the clerk has gone on: it stayed at the
        bottom of the window through every later step, naming a 続柄 chosen long before."""
        if self._refusal is not None and (moved or self.session.blocker(self._refusal[0]) != self._refusal[1]):
            if self.window_message.text() == self._refusal[1]:
                self.notify("")
            self._refusal = None

    def _back(self) -> None:
        if self.session.step is not Step.EVENT:
            self.session.back()

    def may_print(self) -> bool:
        """Printing waits for the resident's confirmation while the resident screen is on (issue 19)."""
        blocker = self.resident_screens.print_blocker()
        if blocker is not None:
            self.notify(blocker, warning=True, code="not_confirmed")
        return blocker is None

    def notify(self, text: str, *, warning: bool = False, code: str = "warning") -> None:
        self.window_message.setText(text)
        set_role(self.window_message, "warning" if warning else "notice")
        if warning and self.session.has_personal_data:
            self.session.note_error(code, text)  # the record keeps what the clerk was told

    def new_reception(self) -> None:
        """Finish (「受付を終了して次の方へ」, 「新しい受付」, Ctrl+N); asked first when nothing was printed."""
        if self.session.needs_confirmation:
            if self.confirm_dialog is None or not self.confirm_dialog.isVisible():
                self.confirm_dialog = confirm_finish(self, self.finish_reception)
            return
        self.finish_reception()

    def finish_reception(self) -> None:
        """Record what happened, clear every personal field, start again at the event choice."""
        self.confirm_dialog = None
        self.card.cancel()
        s = self.session
        closing = s.closing(needs_sign_in=self.services.needs_sign_in)
        if closing is Closing.SIGN_IN:
            # Nothing is lost: the reception stays on screen until someone signs in and finishes it.
            self.notify("受付を記録するには職員のサインインが必要です。サインインしてから「新しい受付」を押してください",
                        warning=True, code="not_signed_in")
            self.require_sign_in()
            return
        if closing is Closing.RECORD:
            finished = s.finish()
            self.last_reception_id = finished.id
            context = RecordContext(self.services.settings.counter_name, s.office, self.services.demo_mode)
            self.notify("受付を記録しています…")
            run_in_background(lambda: self.services.record(finished, context), self._recorded,
                              lambda error: self._record_failed(error, finished))
        else:
            s.clear()
            # Nothing of the previous resident stays on screen (issue 17, problem 8).
            self.notify("手続の判定前の受付のため、記録せずに終了しました。次の方をどうぞ"
                        if closing is Closing.DISCARD else "")
        self._reset_pages()
        self.actions_counter.reset()

    def _recorded(self, text: str) -> None:
        if shiboken6.isValid(self) and not self.closing:
            self.notify(text)
            self.records_bar.refresh()

    def _record_failed(self, error: BaseException, finished: FinishedReception) -> None:
        if shiboken6.isValid(self) and not self.closing:
            text = str(error) if isinstance(error, RecordError) else f"受付を記録できません（{error}）"
            # Back on screen to print and record again, unless the clerk has begun the next household.
            self.session.restore(finished)
            self.notify(text, warning=True, code="record_failed")
            self.records_bar.refresh()

    # -- staff and continuation (kakanai.ui.records_actions) --------------------------------------------
    def require_sign_in(self) -> None:
        self.records_actions.require_sign_in()

    def sign_out(self) -> None:
        self.records_actions.sign_out()

    def continue_reception(self, reception_id: str) -> None:
        self.records_actions.continue_reception(reception_id)

    @property
    def sign_in_dialog(self) -> QDialog | None:
        return self.records_actions.dialog

    def _reset_pages(self) -> None:
        self._close_reception_dialogs()
        self.preview_page.clear()
        self.inputs_page.reset()
        self._scans.reset()
        self._wedge.clear()

    def _close_reception_dialogs(self) -> None:
        """A dialog open on the reception just cleared closes with it (a member being typed, a QR, a reason
        to remove a procedure, a question before finishing or reprinting): the idle clear left them open with
        the previous resident's name, and what was confirmed there later went to a reception that was gone."""
        for dialog in (self.members_page.member_dialog, self.members_page.phone_dialog, self.members_page.qr_dialog,
                       self.members_page.remove_dialog, self.plan_page.dialog, self.preview_page.confirm, self.confirm_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    def check_idle(self) -> None:
        if self.card.busy:
            self.session.touch()
            return
        if self.session.check_idle():
            self._reset_pages()
            self.notify("一定時間操作がなかったため、受付の内容を消去しました")
        self.idle_banner.show_left(self.session.idle_warning(), dialog_open=QApplication.activeModalWidget() is not None)

    # -- keyboard: event numbers and scans from a keyboard-wedge QR scanner ----------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = "\r"
        now = event_seconds(event)
        burst = bool(self._wedge.pending) and now - self._last_key <= self._wedge.settings.max_gap
        self._last_key = now
        if (text.isascii() and text.isdigit() and not burst and self.session.step is Step.EVENT
                and self.event_page.choose_number(int(text))):
            return
        typing = isinstance(QApplication.focusWidget(), QLineEdit)
        if (text == "\r" and not burst and not typing and self.session.step is Step.MEMBERS
                and self.members_page.next_button.isEnabled()):
            self.members_page.go_on()  # with the 続柄 proposals that complete the household
            return
        if text and self.session.step in (Step.EVENT, Step.MEMBERS):
            for scan in self._wedge.feed(text, now):
                self.handle_scan(scan)
            return
        super().keyPressEvent(event)

    def handle_scan(self, text: str) -> None:
        """One QR code's text from the scanner (or the demo tray): a resident's pre-entry code, or the
        reception id on a guidance sheet printed at another counter."""
        scan = self._scans.route(text)
        if scan.kind is ScanKind.CONTINUE and scan.reception_id is not None:
            self.continue_reception(scan.reception_id)
        elif scan.kind is ScanKind.PREENTRY and scan.reception is not None:
            self.members_page.take_preentry(scan.reception)
            self.notify(scan.message)
        else:
            self.notify(scan.message, warning=scan.kind is ScanKind.ERROR, code="qr_error")

    # -- display and settings (kakanai.ui.window_display) -----------------------------------------------
    def scale_font(self, step: int) -> None:
        self.update_settings(self.services.settings.scaled(step))

    def update_settings(self, settings: CounterSettings) -> None:
        window_display.update_settings(self, settings)

    def open_settings(self) -> None:
        window_display.open_settings(self)

    def open_stats(self) -> None:
        window_display.open_stats(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.card.cancel()
        self.session.clear()
        self.resident_screens.close()
        self._idle.stop()
        self.records_bar.stop()
        self.closing = True
        # A reception being recorded on a worker must reach the spool before the store closes: the
        # counter is shut down right after the last resident, and that record must not be lost.
        QThreadPool.globalInstance().waitForDone(CLOSE_WAIT_MS)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.actions_counter)
        self.services.close()
        super().closeEvent(event)
