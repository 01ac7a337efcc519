"""Typing a member without a card (a newborn, the deceased, a resident who forgot the card).
Name and フリガナ take Japanese IME input; フリガナ asks the IME for katakana."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.members import normalize_kana
from kakanai.model import Sex
from kakanai.model.typed_date import DateInputError, parse_typed_date
from kakanai.model.wareki import format_wareki


class MemberDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, default_birth: date | None = None,
                 title: str = "手入力で世帯員を追加") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("member_dialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("member_name")
        self.name.setPlaceholderText("例: 山田　花子（氏と名の間は全角スペース）")
        self.name.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.kana = QLineEdit()
        self.kana.setObjectName("member_kana")
        self.kana.setPlaceholderText("例: ヤマダ　ハナコ")
        self.kana.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.kana.editingFinished.connect(lambda: self.kana.setText(normalize_kana(self.kana.text())))
        self.birth = QLineEdit()
        self.birth.setObjectName("member_birth")
        self.birth.setPlaceholderText("例: 20230110、R5.1.10、令和5年1月10日")
        if default_birth is not None:
            self.birth.setText(default_birth.isoformat())
        self.birth_wareki = QLabel("")
        self.birth_wareki.setObjectName("member_birth_shown")
        self.birth.textChanged.connect(self._show_wareki)
        self._show_wareki()
        sex_row = QHBoxLayout()
        self.sex_group = QButtonGroup(self)
        self.sex_buttons: dict[Sex, QRadioButton] = {}
        for sex, label in ((Sex.MALE, "男"), (Sex.FEMALE, "女"), (Sex.NOT_APPLICABLE, "その他")):
            radio = QRadioButton(label)
            radio.setObjectName(f"member_sex_{sex.value}")
            self.sex_group.addButton(radio)
            self.sex_buttons[sex] = radio
            sex_row.addWidget(radio)
        self.sex_buttons[Sex.MALE].setChecked(True)
        birth_row = QHBoxLayout()
        birth_row.addWidget(self.birth)
        birth_row.addWidget(self.birth_wareki)
        form.addRow("氏名", self.name)
        form.addRow("フリガナ", self.kana)
        form.addRow("生年月日", birth_row)
        form.addRow("性別", sex_row)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("member_error")
        self.error.setProperty("role", "warning")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        self.ok = QPushButton("追加（Enter）")
        self.ok.setObjectName("member_ok")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self._accept)
        row.addWidget(cancel)
        row.addWidget(self.ok)
        layout.addLayout(row)
        self.name.setFocus()

    def fill(self, name: str, kana: str, sex: Sex) -> None:
        self.name.setText(name)
        self.kana.setText(kana)
        self.sex_buttons[sex].setChecked(True)
        self.ok.setText("訂正（Enter）")

    def lock_card_fields(self) -> None:
        """A member read from a card or a QR: the 基本4情報 are as printed on the card; only フリガナ."""
        self.name.setReadOnly(True)
        self.birth.setReadOnly(True)
        for radio in self.sex_buttons.values():
            radio.setEnabled(False)
        self.kana.setFocus()

    def _show_wareki(self) -> None:
        try:
            day = parse_typed_date(self.birth.text())
            self.birth_wareki.setText(f"{format_wareki(day)}（{day.isoformat()}）")
        except (DateInputError, ValueError):
            self.birth_wareki.setText("")

    def values(self) -> tuple[str, str, date, Sex]:
        sex = next(s for s, b in self.sex_buttons.items() if b.isChecked())
        return self.name.text().strip(), normalize_kana(self.kana.text()), parse_typed_date(self.birth.text()), sex

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText("氏名を入力してください")
            self.name.setFocus()
            return
        try:
            parse_typed_date(self.birth.text())
        except DateInputError as exc:
            self.error.setText(f"生年月日: {exc}")
            self.birth.setFocus()
            return
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._accept()
            return
        super().keyPressEvent(event)
