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


IDLE_TEXT = "操作がないため、あと {seconds} 秒で受付の内容を消去します。続けるときは「延長」を押してください"
IDLE_TEXT_DIALOG = "操作がないため、あと {seconds} 秒で受付の内容を消去します。続けるときは、開いている画面で何かキーを押してください"
REMOVE_TITLE = "世帯員の削除"
REMOVE_STAY = "削除しない"


def confirm_finish(parent: QWidget, on_confirmed: Callable[[], None]) -> QMessageBox:
    """Ask before a reception is dropped; 「受付に戻る」 is the default (Enter, Esc): the safe answer."""
    return _ask(parent, "confirm_finish", CONFIRM_TITLE, CONFIRM_TEXT, (CONFIRM_FINISH, CONFIRM_STAY), on_confirmed)


def remove_text(names: list[str]) -> str:
    return (f"{'、'.join(f'{name}さん' for name in names)}を来庁者から削除します。"
            "読み取った内容・聞き取りの回答・記入事項も消えます。\n削除しますか？")


def confirm_remove(parent: QWidget, names: list[str], on_confirmed: Callable[[], None]) -> QMessageBox:
    """Ask before members are removed, naming them: the first row is selected without the clerk choosing
    it, and 「選んだ人を削除」 removed the 世帯主 with every answer and input about them, without a word."""
    return _ask(parent, "confirm_remove", REMOVE_TITLE, remove_text(names), ("削除する", REMOVE_STAY), on_confirmed)


def _ask(parent: QWidget, name: str, title: str, text: str, answers: tuple[str, str],
         on_confirmed: Callable[[], None]) -> QMessageBox:
    """A question whose default (Enter, Esc) is the safe answer, the second of `answers`."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    go = box.addButton(answers[0], QMessageBox.ButtonRole.DestructiveRole)
    go.setObjectName(f"{name}_yes")
    stay = box.addButton(answers[1], QMessageBox.ButtonRole.RejectRole)
    stay.setObjectName(f"{name}_no")
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    open_dialog(box, lambda _result: on_confirmed() if box.clickedButton() is go else None)
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

    def show_left(self, seconds: int | None, *, dialog_open: bool = False) -> None:
        """`dialog_open`: a dialog blocks the window, 「延長」 with it; any key in the dialog counts instead."""
        if seconds is None:
            self.hide()
            return
        self.label.setText((IDLE_TEXT_DIALOG if dialog_open else IDLE_TEXT).format(seconds=seconds))
        self.extend_button.setVisible(not dialog_open)
        self.show()

    def _extend(self) -> None:
        self._extend_session()
        self.hide()
