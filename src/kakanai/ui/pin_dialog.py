"""The PIN pad the resident uses (DESIGN.md "Never harm the resident's card").

Before every attempt it shows the tries left, as the card reported them. With 0 tries left it refuses to
send. With 1 try left, 送信 asks a second, explicit confirmation before anything reaches the card. The
digits are never logged and leave the dialog only as the PinAnswer handed to the card session.
The 照合番号B variant builds the 14 digits from the birth date, the expiry year and the security code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.ports import KeyKind, PinAnswer, PinRequest, match_b_secret


def keypad(prefix: str, press: Callable[[str], None], backspace: Callable[[], None],
           clear: Callable[[], None]) -> QGridLayout:
    """The resident's pad (the PIN, the phone number): large keys that never take the focus, so the digits
    typed on a ten-key pad go to the dialog too. Object names `<prefix>_digit_<n>`, `_backspace`, `_clear`."""
    grid = QGridLayout()
    for i, label in enumerate(("1", "2", "3", "4", "5", "6", "7", "8", "9", "訂正", "0", "全消去")):
        key = QPushButton(label)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setProperty("role", "big")
        if label.isdigit():
            key.setObjectName(f"{prefix}_digit_{label}")
            key.clicked.connect(lambda _=False, d=label: press(d))
        elif label == "訂正":
            key.setObjectName(f"{prefix}_backspace")
            key.clicked.connect(backspace)
        else:
            key.setObjectName(f"{prefix}_clear")
            key.clicked.connect(clear)
        grid.addWidget(key, i // 3, i % 3)
    return grid


class DigitPad(QDialog):
    """A dialog of the resident's digits, from the on-screen keys or a ten-key pad: Backspace takes one back,
    Enter is `enter`. Marked so the action counter leaves the digits out of the clerk's action count."""

    counts_actions = False
    max_digits = 0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = ""

    def press(self, digit: str) -> None:
        if len(self._digits) < self.max_digits:
            self._digits += digit
        self.changed()

    def backspace(self) -> None:
        self._digits = self._digits[:-1]
        self.changed()

    def clear_digits(self) -> None:
        self._digits = ""
        self.changed()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text and text.isascii() and text.isdigit():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
        else:
            super().keyPressEvent(event)  # Esc: the dialog's reject

    def changed(self) -> None:
        raise NotImplementedError

    def enter(self) -> None:
        raise NotImplementedError


class PinPadDialog(DigitPad):
    def __init__(self, request: PinRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.max_digits = request.kind.digits
        self._answer: PinAnswer | None = None
        self.setWindowTitle("暗証番号の入力")
        self.setObjectName("pin_dialog")
        layout = QVBoxLayout(self)
        title = QLabel(f"{request.kind.label}を入力してください")
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.tries_label = QLabel(self._tries_text())
        self.tries_label.setObjectName("pin_tries")
        self.tries_label.setProperty("role", "tries-warning" if request.tries_left <= 1 else "tries")
        self.tries_label.setWordWrap(True)
        layout.addWidget(self.tries_label)
        self.display = QLineEdit()
        self.display.setObjectName("pin_display")
        self.display.setEchoMode(QLineEdit.EchoMode.Password)
        self.display.setReadOnly(True)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.display)
        layout.addLayout(keypad("pin", self.press, self.backspace, self.clear_digits))
        self.confirm_panel = self._confirm_panel()
        layout.addWidget(self.confirm_panel)
        self.confirm_panel.hide()
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton("取消（Esc）")
        self.cancel_button.setObjectName("pin_cancel")
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter and the digits go to the pad
        self.cancel_button.clicked.connect(self.reject)
        self.send_button = QPushButton("送信（Enter）")
        self.send_button.setObjectName("pin_send")
        self.send_button.setProperty("role", "primary")
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.send_button.clicked.connect(self.send)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        self._update()

    def _tries_text(self) -> str:
        tries = self.request.tries_left
        if tries <= 0:
            return "このカードの暗証番号はロックされています。送信できません（照合番号Bで読み取れます）。"
        if tries == 1:
            return "残り1回です。間違えるとロックされます。"
        return f"残り{tries}回"

    def _confirm_panel(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        warning = QLabel("本当に送信しますか？ 間違っているとカードがロックされ、"
                         "住民の方が窓口で再設定するまで使えなくなります。")
        warning.setWordWrap(True)
        warning.setProperty("role", "warning")
        box.addWidget(warning)
        row = QHBoxLayout()
        back = QPushButton("やめて確認し直す")
        back.setObjectName("pin_confirm_back")
        back.clicked.connect(self._unconfirm)
        self.confirm_button = QPushButton("確認しました。送信する（残り1回）")
        self.confirm_button.setObjectName("pin_confirm_last_try")
        self.confirm_button.clicked.connect(self.send_confirmed)
        row.addWidget(back)
        row.addWidget(self.confirm_button)
        box.addLayout(row)
        return panel

    # -- input -------------------------------------------------------------------------------------
    def changed(self) -> None:
        self._unconfirm()

    def enter(self) -> None:
        if self.confirm_panel.isVisible():
            self.send_confirmed()
        else:
            self.send()

    def _update(self) -> None:
        self.display.setText("●" * len(self._digits))
        ready = len(self._digits) == self.request.kind.digits and self.request.tries_left > 0
        self.send_button.setEnabled(ready)

    def _unconfirm(self) -> None:
        self.confirm_panel.hide()
        self._update()

    def send(self) -> None:
        if not self.send_button.isEnabled():
            return
        if self.request.tries_left == 1:
            # The second, explicit confirmation (DESIGN.md): nothing is sent until it is given.
            self.confirm_panel.show()
            self.confirm_button.setFocus()
            return
        self._answer = PinAnswer(self._digits, confirmed_last_try=False)
        self.accept()

    def send_confirmed(self) -> None:
        if self.request.tries_left != 1 or len(self._digits) != self.request.kind.digits:
            return
        self._answer = PinAnswer(self._digits, confirmed_last_try=True)
        self.accept()

    def answer(self) -> PinAnswer | None:
        return self._answer

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self._answer = None
        self._digits = ""
        super().done(result)


class MatchBDialog(QDialog):
    """照合番号B: 生年月日（和暦YYMMDD）+ 有効期限の年（西暦）+ セキュリティコード（4桁）."""

    counts_actions = False

    def __init__(self, request: PinRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self._answer: PinAnswer | None = None
        self.setWindowTitle("照合番号Bで読み取る")
        self.setObjectName("match_b_dialog")
        layout = QVBoxLayout(self)
        note = QLabel(f"カードの券面を見て入力してください。残り{request.tries_left}回")
        note.setProperty("role", "warning" if request.tries_left <= 1 else "notice")
        note.setObjectName("pin_tries")
        layout.addWidget(note)
        form = QFormLayout()
        self.birth = QDateEdit()
        self.birth.setObjectName("match_b_birth")
        self.birth.setDisplayFormat("yyyy-MM-dd")
        self.birth.setDate(QDate(1980, 1, 1))
        self.expiry = QLineEdit()
        self.expiry.setObjectName("match_b_expiry")
        self.expiry.setInputMask("9999")
        self.code = QLineEdit()
        self.code.setObjectName("match_b_code")
        self.code.setInputMask("9999")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("生年月日", self.birth)
        form.addRow("有効期限の年（西暦）", self.expiry)
        form.addRow("セキュリティコード（4桁）", self.code)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setProperty("role", "warning")
        layout.addWidget(self.error)
        self.confirm = QLabel("残り1回です。もう一度「送信」を押すと送信します。")
        self.confirm.setProperty("role", "warning")
        self.confirm.hide()
        layout.addWidget(self.confirm)
        row = QHBoxLayout()
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        self.send_button = QPushButton("送信")
        self.send_button.setObjectName("match_b_send")
        self.send_button.clicked.connect(self.send)
        self.send_button.setEnabled(request.tries_left > 0)
        row.addWidget(cancel)
        row.addWidget(self.send_button)
        layout.addLayout(row)

    def set_values(self, birth: date, expiry_year: int, security_code: str) -> None:
        self.birth.setDate(QDate(birth.year, birth.month, birth.day))
        self.expiry.setText(str(expiry_year))
        self.code.setText(security_code)

    def send(self) -> None:
        expiry, code = self.expiry.text().strip(), self.code.text().strip()
        if len(expiry) != 4 or len(code) != 4:
            self.error.setText("有効期限の年（4桁）とセキュリティコード（4桁）を入力してください")
            return
        qd = self.birth.date()
        try:
            secret = match_b_secret(date(qd.year(), qd.month(), qd.day()), int(expiry), code)
        except ValueError as exc:
            self.error.setText(f"生年月日を確認してください（{exc}）")
            return
        if self.request.tries_left == 1 and not self.confirm.isVisible():
            self.confirm.show()
            return
        self._answer = PinAnswer(secret, confirmed_last_try=self.request.tries_left == 1)
        self.accept()

    def answer(self) -> PinAnswer | None:
        return self._answer


def pin_dialog_for(request: PinRequest, parent: QWidget | None) -> PinPadDialog | MatchBDialog:
    return MatchBDialog(request, parent) if request.kind is KeyKind.MATCH_B else PinPadDialog(request, parent)
