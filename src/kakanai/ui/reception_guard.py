"""Nothing of a reception is lost by accident (issue 17, problem 2): finishing or starting anew before
anything was printed asks first, and the idle clear is announced for its last minute with 「延長」.

The decisions are the session's (`ReceptionSession.needs_confirmation`, `idle_warning`); this module only
shows them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QWidget

from kakanai.ui.widgets import button, open_dialog

CONFIRM_TITLE = "受付の終了"
CONFIRM_TEXT = ("まだ何も印刷していません。この受付を終えると、画面の内容（来庁者・聞き取り・記入事項）は消えます。\n"
                "終了して次の方へ進みますか？")
CONFIRM_FINISH = "終了して次の方へ"
CONFIRM_STAY = "受付に戻る"


def confirm_finish(parent: QWidget, on_confirmed: Callable[[], None]) -> QMessageBox:
    """Ask before a reception is dropped; 「受付に戻る」 is the default (Enter, Esc): the safe answer."""
    box = QMessageBox(QMessageBox.Icon.Warning, CONFIRM_TITLE, CONFIRM_TEXT, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setObjectName("confirm_finish")
    finish = box.addButton(CONFIRM_FINISH, QMessageBox.ButtonRole.DestructiveRole)
    finish.setObjectName("confirm_finish_yes")
    stay = box.addButton(CONFIRM_STAY, QMessageBox.ButtonRole.RejectRole)
    stay.setObjectName("confirm_finish_no")
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    open_dialog(box, lambda _result: on_confirmed() if box.clickedButton() is finish else None)
    return box


class IdleBanner(QWidget):
    """「操作がないため、あと 42 秒で受付の内容を消去します」 with 「延長」 (which counts as activity)."""

    def __init__(self, extend: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("idle_banner")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("")
        self.label.setObjectName("idle_message")
        self.label.setProperty("role", "warning")
        row.addWidget(self.label, 1)
        self.extend_button = button("延長", "idle_extend", self._extend, role="primary")
        row.addWidget(self.extend_button)
        self._extend_session = extend
        self.hide()

    def show_left(self, seconds: int | None) -> None:
        if seconds is None:
            self.hide()
            return
        self.label.setText(f"操作がないため、あと {seconds} 秒で受付の内容を消去します。続けるときは「延長」を押してください")
        self.show()

    def _extend(self) -> None:
        self._extend_session()
        self.hide()
