"""Typing a member without a card (a newborn, the deceased, a resident who forgot the card).
Name and フリガナ take Japanese IME input; フリガナ asks the IME for katakana.

Less typing (issue 17): once the name is entered, its likely reading is proposed in the フリガナ field
(selected, so typing replaces it) with the other candidates listed under it; ↑↓ in the field pick another,
Enter confirms. Enter moves name -> フリガナ, then accepts, first stopping at whatever is still missing; a birth date
typed in full goes on to what is missing by itself.
性別 has no default: the clerk chooses (1 男, 2 女, 3 その他 on the keyboard), because a default is a
silent wrong answer for every other resident. 性別 is the last field, so its number key also accepts the
dialog (or stops at what is still missing), like Enter would.
"""

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
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.readings import propose_kana
from kakanai.model import Sex
from kakanai.model.members import normalize_kana
from kakanai.model.typed_date import DateInputError, date_typed_in_full, format_both, parse_typed_date

SEX_CHOICES = ((Sex.MALE, "男", Qt.Key.Key_1), (Sex.FEMALE, "女", Qt.Key.Key_2),
               (Sex.NOT_APPLICABLE, "その他", Qt.Key.Key_3))
SEX_HINT = "1 男・2 女・3 その他"
KANA_HINT = "読みの候補です。Enter で確定、↑↓ で他の読み"
# Wide enough for the longest way a clerk types a date (「令和10年12月31日」) with room to spare: the
# field once shrank to two characters next to the 和暦 shown beside it (issue 17, item 7).
BIRTH_FIELD_CHARS = "令和10年12月31日XX"


class MemberDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, default_birth: date | None = None,
                 newborn: bool = False, title: str = "手入力で世帯員を追加") -> None:
        """`newborn`: `default_birth` is the birth's date proposed for the child (a birth reception); the
        dialog says so beside the date while it is unchanged, so a parent typed here is not added as born
        that day because the clerk did not look at the date."""
        super().__init__(parent)
        self._newborn_date = default_birth if newborn else None
        self.setWindowTitle(title)
        self.setObjectName("member_dialog")
        self._candidates: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("member_name")
        self.name.setPlaceholderText("例: 山田　花子（氏と名の間は全角スペース）")
        self.name.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.name.editingFinished.connect(self._propose_kana)
        self.kana = QLineEdit()
        self.kana.setObjectName("member_kana")
        self.kana.setPlaceholderText("例: ヤマダ　ハナコ")
        self.kana.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.kana.editingFinished.connect(lambda: self.kana.setText(normalize_kana(self.kana.text())))
        self.kana.textChanged.connect(self._mark_candidate)
        self.kana_hint = QLabel("")
        self.kana_hint.setObjectName("member_kana_hint")
        self.kana_candidates = QListWidget()
        self.kana_candidates.setObjectName("member_kana_candidates")
        # Reached with ↑↓ from the フリガナ field (and the mouse): Tab keeps going name -> フリガナ -> 生年月日.
        self.kana_candidates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.kana_candidates.currentTextChanged.connect(self._candidate_chosen)
        self.kana_candidates.hide()
        kana_box = QVBoxLayout()
        kana_box.addWidget(self.kana)
        kana_box.addWidget(self.kana_hint)
        kana_box.addWidget(self.kana_candidates)
        self.birth = QLineEdit()
        self.birth.setObjectName("member_birth")
        self.birth.setPlaceholderText("例: 20230110、R5.1.10")
        self.birth.setMinimumWidth(self.birth.fontMetrics().horizontalAdvance(BIRTH_FIELD_CHARS))
        if default_birth is not None:
            self.birth.setText(default_birth.isoformat())
        self.birth_wareki = QLabel("")
        self.birth_wareki.setObjectName("member_birth_shown")
        self.birth.textChanged.connect(self._show_wareki)
        self.birth.textEdited.connect(self._birth_typed)
        self._show_wareki()
        sex_row = QHBoxLayout()
        self.sex_group = QButtonGroup(self)
        self.sex_buttons: dict[Sex, QRadioButton] = {}
        for sex, label, _key in SEX_CHOICES:
            radio = QRadioButton(label)
            radio.setObjectName(f"member_sex_{sex.value}")
            self.sex_group.addButton(radio)
            self.sex_buttons[sex] = radio
            sex_row.addWidget(radio)
        sex_hint = QLabel(f"（{SEX_HINT}）")
        sex_hint.setProperty("role", "hint")
        sex_row.addWidget(sex_hint)
        sex_row.addStretch(1)
        birth_row = QHBoxLayout()
        birth_row.addWidget(self.birth)
        birth_row.addWidget(self.birth_wareki, 1)
        form.addRow("氏名", self.name)
        form.addRow("フリガナ", kana_box)
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
        if not kana:
            self._propose_kana()  # a card member read without フリガナ: propose it straight away

    def lock_card_fields(self) -> None:
        """A member read from a card or a QR: the 基本4情報 are as printed on the card; only フリガナ."""
        self.name.setReadOnly(True)
        self.birth.setReadOnly(True)
        for radio in self.sex_buttons.values():
            radio.setEnabled(False)
        self.kana.setFocus()

    @property
    def kana_proposals(self) -> tuple[str, ...]:
        return self._candidates

    def chosen_sex(self) -> Sex | None:
        return next((s for s, b in self.sex_buttons.items() if b.isChecked()), None)

    def _propose_kana(self) -> None:
        """Propose the reading unless the clerk has typed a フリガナ of their own (it is never replaced)."""
        current = self.kana.text().strip()
        if current and current not in self._candidates:
            return
        self._candidates = propose_kana(self.name.text())
        self.kana_candidates.blockSignals(True)
        self.kana_candidates.clear()
        self.kana_candidates.addItems(list(self._candidates))
        self.kana_candidates.blockSignals(False)
        several = len(self._candidates) > 1
        self.kana_candidates.setVisible(several)
        if several:
            rows = self.kana_candidates.sizeHintForRow(0) * len(self._candidates)
            self.kana_candidates.setFixedHeight(rows + 2 * self.kana_candidates.frameWidth())
        self.kana.setText(self._candidates[0] if self._candidates else "")
        self._mark_candidate(self.kana.text())  # also when the text is unchanged (no textChanged)
        self.kana.selectAll()  # typing (an IME commit) replaces the proposal

    def _mark_candidate(self, text: str) -> None:
        row = self._candidates.index(text) if text in self._candidates else -1
        self.kana_hint.setText(KANA_HINT if row >= 0 else "")  # the clerk's own フリガナ is no proposal
        self.kana_candidates.blockSignals(True)
        self.kana_candidates.setCurrentRow(row)
        self.kana_candidates.blockSignals(False)

    def _candidate_chosen(self, text: str) -> None:
        if text:
            self.kana.setText(text)

    def _step_candidate(self, step: int) -> None:
        if not self._candidates:
            return
        text = self.kana.text()
        row = self._candidates.index(text) if text in self._candidates else -step
        self.kana.setText(self._candidates[(row + step) % len(self._candidates)])
        self.kana.selectAll()

    def _show_wareki(self) -> None:
        try:
            day = parse_typed_date(self.birth.text())
        except (DateInputError, ValueError):
            self.birth_wareki.setText("")
            return
        note = "\n＝出生日（生まれた子の場合。ほかの方は書き換えてください）" if day == self._newborn_date else ""
        self.birth_wareki.setText(format_both(day) + note)

    def _birth_typed(self, text: str) -> None:
        """A date typed in full (20230110, R050110, 令和5年1月10日) goes on by itself to what is still
        missing, as Enter would (issue 17); one that cannot be says why at once."""
        if self.birth.cursorPosition() != len(text) or not date_typed_in_full(text):
            return
        try:
            parse_typed_date(text)
        except DateInputError as exc:
            self.error.setText(f"生年月日: {exc}")
            return
        self.error.setText("")
        if self.chosen_sex() is None:
            self.sex_buttons[Sex.MALE].setFocus()
        else:
            self.ok.setFocus()

    def values(self) -> tuple[str, str, date, Sex]:
        sex = self.chosen_sex()
        if sex is None:
            raise ValueError("性別が選ばれていません")  # _accept refuses first: never reached by the clerk
        return self.name.text().strip(), normalize_kana(self.kana.text()), parse_typed_date(self.birth.text()), sex

    def _accept(self) -> None:
        if self.result() == QDialog.DialogCode.Accepted:
            return  # already accepted (a key after the 性別 key): the member is added once
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
        if self.chosen_sex() is None:
            self.error.setText(f"性別を選んでください（{SEX_HINT}）")
            self.sex_buttons[Sex.MALE].setFocus()
            return
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        focus = self.focusWidget()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if focus is self.name and self.name.text().strip():
                self.kana.setFocus()  # show the proposal before anything is accepted
                self.kana.selectAll()
                return
            self._accept()
            return
        if focus is self.kana and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._step_candidate(1 if key == Qt.Key.Key_Down else -1)
            return
        if focus in self.sex_buttons.values():
            chosen = next((sex for sex, _label, k in SEX_CHOICES if k == key), None)
            if chosen is not None and self.sex_buttons[chosen].isEnabled():
                self.sex_buttons[chosen].setChecked(True)
                self.sex_buttons[chosen].setFocus()
                # 性別 is the last field: its key is the clerk's last word, so it accepts the dialog when the
                # rest is valid (issue 17: no extra Enter), else stops at what is missing, as Enter does.
                self._accept()
                return
        super().keyPressEvent(event)
