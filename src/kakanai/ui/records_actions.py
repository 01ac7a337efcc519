"""Who works at the counter, and continuing a reception from another counter: the window's actions that
talk to the records (kakanai.store.counter_recorder) on a worker, so the window never waits for the database.

Sign-in: at start-up and after sign-out (on a fresh database the same dialog registers the first
administrator). Continuation (北見): the guidance sheet's QR opens the earlier reception from the shared
database; what this counter then does is recorded as a new reception naming the earlier one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QDialog

from kakanai.app.ports import RecordError
from kakanai.model import Reception
from kakanai.model.members import WorkflowError
from kakanai.ui.background import run_in_background
from kakanai.ui.widgets import open_dialog

if TYPE_CHECKING:
    from kakanai.ui.main_window import MainWindow


class RecordsActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: QDialog | None = None  # the sign-in dialog while it is open (one at a time)

    def _alive(self) -> bool:
        return shiboken6.isValid(self.window) and not self.window.closing

    def require_sign_in(self) -> None:
        """Ask who works at this counter (on a fresh database: register the first administrator)."""
        store = self.window.services.store_recorder
        if store is None or store.signed_in is not None or self.dialog is not None:
            return
        self.dialog = QDialog(self.window)  # placeholder: one dialog at a time while the database answers
        run_in_background(store.needs_first_administrator, self._open_sign_in, lambda _exc: self._open_sign_in(False))

    def _open_sign_in(self, first_run: bool) -> None:
        from kakanai.ui.sign_in_dialog import SignInDialog

        store = self.window.services.store_recorder
        if not self._alive() or store is None:
            return
        office = dict(self.window.services.offices()).get(self.window.services.settings.office, "本庁")
        dialog = SignInDialog(store, office, first_run=first_run, parent=self.window)
        self.dialog = dialog
        open_dialog(dialog, lambda _result: self._signed_in(dialog))

    def _signed_in(self, dialog: QDialog) -> None:
        self.dialog = None
        self.window.records_bar.refresh()
        who = self.window.services.signed_in
        if who is not None:
            self.window.notify(f"{who.display_name}さん（{who.role_label}）がサインインしました")

    def sign_out(self) -> None:
        store = self.window.services.store_recorder
        if store is None:
            return
        if self.window.session.has_personal_data:
            self.window.notify("受付中の内容があります。「新しい受付」で記録してからサインアウトしてください",
                               warning=True, code="sign_out_refused")
            return
        store.sign_out()
        self.window.records_bar.refresh()
        self.require_sign_in()

    # -- continuing a reception from another counter (北見: the guidance sheet's QR) --------------------
    def continue_reception(self, reception_id: str) -> None:
        store = self.window.services.store_recorder
        if store is None:
            self.window.notify("この窓口は受付をデータベースに記録していないため、前の受付を開けません",
                               warning=True, code="continue_failed")
            return
        if self.window.session.has_personal_data:
            self.window.notify("受付中の内容があります。「新しい受付」にしてから案内シートのQRコードを読み取ってください",
                               warning=True, code="continue_refused")
            return
        self.window.notify("前の受付を開いています…")
        run_in_background(lambda: store.earlier_reception(reception_id),
                          lambda earlier: self._continue(earlier, reception_id), self._continue_failed)

    def _continue(self, earlier: Reception, reception_id: str) -> None:
        if not self._alive():
            return
        try:
            self.window.session.resume(earlier, reception_id)
        except WorkflowError as exc:
            self.window.notify(exc.message, warning=True, code="continue_refused")
            return
        names = "、".join(m.name for m in earlier.members)
        self.window.notify(f"前の受付（{earlier.event.label}：{names}）の続きです。手続の一覧を確認してください")

    def _continue_failed(self, error: BaseException) -> None:
        if self._alive():
            self.window.notify(str(error) if isinstance(error, RecordError) else f"前の受付を開けません（{error}）",
                               warning=True, code="continue_failed")
