"""The phone number, typed by the resident on the pad they used for the PIN (issue 17, "the phone number once
per reception").

Right after the first card read with a PIN, while the resident still has the pad, the counter asks for the
number the forms print as 連絡先 (only when a form of the plan so far prints one, and only when the
reception has none yet). The resident types it themselves: the number is not said aloud at a busy counter,
and the clerk does not key in digits dictated to them (a digit dropped while dictating is what
kakanai.model.input_values catches). The pad is the resident's, like the PIN pad: its keys are not the
clerk's actions (kakanai.ui.actions). スキップ (Esc) leaves the phone to the inputs step, where the clerk can
type it, or a number from abroad (+ and the country code), which this pad has no key for.

The number is checked as the inputs step checks it (a domestic number by the numbering plan's length) and
stored as typed, digits only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kakanai.model.input_values import InputValueError, check_phone, expected_digits, phone_complete
from kakanai.ui.pin_dialog import DigitPad, keypad

MAX_DIGITS = 11  # the longest domestic number (070/080/090, 0800…: 電気通信番号計画)


class PhonePadDialog(DigitPad):
    max_digits = MAX_DIGITS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._number: str | None = None
        self.setWindowTitle("連絡先の電話番号")
        self.setObjectName("phone_pad")
        layout = QVBoxLayout(self)
        heading = QLabel("続けて、日中に連絡のつく電話番号を入力してください")
        heading.setProperty("role", "title")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        note = QLabel("申請書の連絡先欄に印刷します。市外局番（携帯電話は090など）から入力します。")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.display = QLineEdit()
        self.display.setObjectName("phone_display")
        self.display.setReadOnly(True)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.display.setProperty("role", "pad-display")
        layout.addWidget(self.display)
        self.problem = QLabel("")
        self.problem.setObjectName("phone_problem")
        self.problem.setProperty("role", "warning")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        layout.addLayout(keypad("phone", self.press, self.backspace, self.clear_digits))
        buttons = QHBoxLayout()
        skip = QPushButton("スキップ（Esc）")
        skip.setObjectName("phone_skip")
        skip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter and the digits go to the pad
        skip.clicked.connect(self.reject)
        self.done_button = QPushButton("決定（Enter）")
        self.done_button.setObjectName("phone_done")
        self.done_button.setProperty("role", "primary")
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.clicked.connect(self.send)
        buttons.addWidget(skip)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        self._update()

    # -- input -------------------------------------------------------------------------------------
    def changed(self) -> None:
        self._update()

    def enter(self) -> None:
        self.send()

    def _update(self) -> None:
        digits = self._digits
        shown = f"{digits}（{len(digits)}桁／{expected_digits(digits)}桁）" if digits.startswith("0") else digits
        self.display.setText(shown)
        self.problem.setText("")
        self.done_button.setEnabled(phone_complete(digits))

    def send(self) -> None:
        """Enter: the number when it is a whole domestic number; else what is wrong, and the pad stays."""
        try:
            number = check_phone(self._digits)
        except InputValueError as exc:
            self.problem.setText(str(exc))
            return
        if not number:
            self.problem.setText("番号を入力してください（入力しないときは「スキップ」）")
            return
        self._number = number
        self.accept()

    def number(self) -> str | None:
        """The number entered; None when skipped."""
        return self._number
