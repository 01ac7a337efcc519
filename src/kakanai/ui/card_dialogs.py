"""The dialogs of the other cards (issue 18): the 在留カード等番号, and the clerk's confirmation of what a card
read left unconfirmed (OCR of the card-face name beside its image, 外字 bitmaps, the sex a licence does not
hold, a birth date printed only on a 1st-generation card's face). Keyboard first: the first field still to
fill has the focus, Enter confirms once everything is filled, Esc cancels (nothing is added)."""

from __future__ import annotations

import unicodedata
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPixmap
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

from kakanai.app.card_reads import (
    CardReading,
    ConfirmedCard,
    GaijiChoice,
    GaijiGlyph,
    Reason,
    card_number_problem,
    name_with_gaiji,
)
from kakanai.model import Sex
from kakanai.model.characters import split_chars
from kakanai.model.typed_date import DateInputError, parse_typed_date
from kakanai.ui.theme import use_name_font

IMAGE_WIDTH = 560  # the card image as shown (a 1st-generation face is ~1000 px wide)
IMAGE_HEIGHT = 280  # a whole face stays readable and the dialog fits a 1366×768 screen
GLYPH_SCALE = 3  # a 32×32 外字 bitmap shown at 96×96


def _buttons(ok_text: str, ok_name: str, dialog: QDialog) -> tuple[QHBoxLayout, QPushButton]:
    row = QHBoxLayout()
    cancel = QPushButton("取消（Esc）")
    cancel.setObjectName(f"{ok_name}_cancel")
    cancel.clicked.connect(dialog.reject)
    ok = QPushButton(ok_text)
    ok.setObjectName(ok_name)
    ok.setProperty("role", "primary")
    ok.setDefault(True)
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row, ok


class CardNumberDialog(QDialog):
    """The 12 characters printed on a 在留カード / 特別永住者証明書, checked as they are typed; nothing
    reaches the card before they are well-formed, and a number the card refuses costs nothing."""

    def __init__(self, problem: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("在留カード等番号の入力")
        self.setObjectName("card_number_dialog")
        layout = QVBoxLayout(self)
        title = QLabel("在留カード・特別永住者証明書です")
        title.setProperty("role", "title")
        layout.addWidget(title)
        hint = QLabel("カード表面の右上にある番号（英字2・数字8・英字2の12文字）を入力してください。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.refused = QLabel(problem or "")
        self.refused.setObjectName("card_number_refused")
        self.refused.setProperty("role", "warning")
        self.refused.setWordWrap(True)
        self.refused.setVisible(bool(problem))
        layout.addWidget(self.refused)
        self.edit = QLineEdit()
        self.edit.setObjectName("card_number_edit")
        self.edit.setMaxLength(12)
        self.edit.setPlaceholderText("AB12345678CD")
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferLatin | Qt.InputMethodHint.ImhUppercaseOnly)
        self.edit.textEdited.connect(self._edited)
        layout.addWidget(self.edit)
        self.problem = QLabel()
        self.problem.setObjectName("card_number_problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        row, self.ok_button = _buttons("読み取る（Enter）", "card_number_ok", self)
        self.ok_button.clicked.connect(self.accept)
        layout.addLayout(row)
        self.setMinimumWidth(460)
        self._edited(self.edit.text())
        self.edit.setFocus()  # keyboard first: the clerk types at once

    def _edited(self, text: str) -> None:
        upper = unicodedata.normalize("NFKC", text).upper()  # the IME's full-width ＡＢ１２ become AB12
        if upper != text:
            at = self.edit.cursorPosition()
            self.edit.setText(upper)
            self.edit.setCursorPosition(at)
        problem = card_number_problem(upper)
        self.problem.setText(problem or "入力できました。Enterで読み取ります")
        self.problem.setProperty("role", "warning" if problem and upper else "notice")
        self.problem.style().polish(self.problem)
        self.ok_button.setEnabled(problem is None)

    def accept(self) -> None:
        if card_number_problem(self.edit.text()) is None:
            super().accept()

    def number(self) -> str:
        return self.edit.text().strip().upper()


def glyph_pixmap(glyph: GaijiGlyph) -> QPixmap:
    """The card's 外字 bitmap (rows of 0/1) as black on white, enlarged without smoothing."""
    size = max(len(glyph.rows), 1)
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    for y, row in enumerate(glyph.rows):
        for x, bit in enumerate(row[:size]):
            if bit == "1":
                image.setPixelColor(x, y, QColor("black"))
    return QPixmap.fromImage(image.scaled(size * GLYPH_SCALE, size * GLYPH_SCALE))


def _wrapping(text: str) -> QLabel:
    """A label that wraps to the dialog's width: a long instruction ran off its right edge at text scale 1.4
    (「画像と見比べて、違…」), the width being the card image's."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class CardConfirmDialog(QDialog):
    """What the clerk confirms before a member read from a 運転免許証 / 在留カード / 特別永住者証明書 is added."""

    def __init__(self, reading: CardReading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setWindowTitle(f"{reading.kind.label}の読み取り結果の確認")
        self.setObjectName("card_confirm_dialog")
        layout = QVBoxLayout(self)
        title = QLabel(f"{reading.kind.label}: 確認してから追加します")
        title.setProperty("role", "title")
        layout.addWidget(title)
        for note in reading.notes:
            label = QLabel(note)
            label.setWordWrap(True)
            label.setProperty("role", "notice")
            layout.addWidget(label)
        reasons = {u.reason for u in reading.unconfirmed}
        self.image = self._card_image()
        if self.image is not None:
            layout.addWidget(self.image)
        form = QFormLayout()
        # Labels above their fields: the long Japanese labels would otherwise squeeze the fields.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.name_edit = QLineEdit(reading.name or "")
        self.name_edit.setObjectName("card_confirm_name")
        use_name_font(self.name_edit)  # as the forms print it (𠮷, 髙): IPAmj明朝
        self.name_edit.textChanged.connect(self._update)
        name_label = ("氏名（上の画像の文字認識の結果です。画像と見比べて、違えば直してください）"
                      if Reason.OCR in reasons else "氏名")
        form.addRow(_wrapping(name_label), self.name_edit)
        self.gaiji_edits: list[tuple[GaijiGlyph, QLineEdit]] = []
        if reading.gaiji:
            self.name_edit.setReadOnly(True)  # the 〓 are filled from the choices below, never guessed
            form.addRow(_wrapping("カードの外字（〓の字）: 字形を見て、同じ文字を入力してください"))
            for glyph in reading.gaiji:
                form.addRow(self._gaiji_row(glyph))
        self.sex_group: QButtonGroup | None = None
        if reading.sex is None:
            form.addRow(_wrapping("性別（カードに記載がありません。ご本人に確認）"), self._sex_row())
        self.birth_edit: QLineEdit | None = None
        self.birth_hint = QLabel()
        if reading.birth_date is None:
            self.birth_edit = QLineEdit()
            self.birth_edit.setObjectName("card_confirm_birth")
            self.birth_edit.setPlaceholderText("券面の生年月日（例 1952-03-21、S27.3.21）")
            self.birth_edit.textChanged.connect(self._update)
            form.addRow(_wrapping("生年月日（券面の画像を見て入力）"), self.birth_edit)
            form.addRow("", self.birth_hint)
        layout.addLayout(form)
        self.missing = QLabel()
        self.missing.setObjectName("card_confirm_missing")
        self.missing.setWordWrap(True)
        layout.addWidget(self.missing)
        row, self.ok_button = _buttons("確認して追加（Enter）", "card_confirm_ok", self)
        self.ok_button.clicked.connect(self.accept)
        layout.addLayout(row)
        self.setMinimumWidth(IMAGE_WIDTH + 40)
        self._update()
        self.first_empty().setFocus()

    def _card_image(self) -> QLabel | None:
        image = next((i for i in self.reading.images if i.role in ("face", "name")), None)
        if image is None:
            return None
        pixmap = QPixmap()
        if not pixmap.loadFromData(image.data):
            label = QLabel("券面の画像を表示できません。カードの券面を直接見て確認してください")
            label.setProperty("role", "warning")
            return label
        label = QLabel()
        label.setObjectName("card_confirm_image")
        label.setPixmap(pixmap.scaled(min(IMAGE_WIDTH, pixmap.width()), IMAGE_HEIGHT,
                                      Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        label.setStyleSheet("border: 1px solid #888; background: white;")
        label.setToolTip("カードに記録された券面の画像")
        return label

    def _gaiji_row(self, glyph: GaijiGlyph) -> QWidget:
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        picture = QLabel()
        picture.setObjectName(f"gaiji_bitmap_{glyph.index}")
        if glyph.rows:
            picture.setPixmap(glyph_pixmap(glyph))
        else:
            picture.setText("（欠字: 字形なし。ご本人に確認）")
        box.addWidget(picture)
        edit = QLineEdit()
        edit.setObjectName(f"gaiji_char_{glyph.index}")
        use_name_font(edit)
        edit.setMaximumWidth(90)
        edit.setPlaceholderText("文字")
        edit.textChanged.connect(self._update)
        edit.textChanged.connect(lambda text: self._next_after(text))
        box.addWidget(QLabel(f"{glyph.index + 1}文字目 →"))
        box.addWidget(edit)
        box.addStretch(1)
        self.gaiji_edits.append((glyph, edit))
        return row

    def _next_after(self, text: str) -> None:
        """One character per 外字: once the IME commits it, the next field still to fill takes the keys."""
        if len(list(split_chars(text.strip()))) == 1:
            self.first_empty().setFocus()

    def _sex_row(self) -> QWidget:
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        self.sex_group = QButtonGroup(self)
        for i, sex in enumerate((Sex.MALE, Sex.FEMALE), 1):
            radio = QRadioButton(f"{i} {sex.label}")
            radio.setObjectName(f"card_confirm_sex_{sex.value}")
            self.sex_group.addButton(radio, i)
            box.addWidget(radio)
        self.sex_group.idToggled.connect(lambda _id, _on: self._update())
        box.addStretch(1)
        return row

    # -- values ----------------------------------------------------------------------------------------
    def gaiji_choices(self) -> tuple[GaijiChoice, ...] | None:
        chosen: list[GaijiChoice] = []
        for glyph, edit in self.gaiji_edits:
            chars = list(split_chars(edit.text().strip()))
            if len(chars) != 1 or chars[0] == "〓":
                return None
            chosen.append(GaijiChoice(glyph.index, glyph.number, chars[0]))
        return tuple(chosen)

    def sex(self) -> Sex | None:
        if self.reading.sex is not None:
            return self.reading.sex
        checked = self.sex_group.checkedId() if self.sex_group is not None else -1
        return {1: Sex.MALE, 2: Sex.FEMALE}.get(checked)

    def birth_date(self) -> date | str | None:
        if self.reading.birth_date is not None or self.birth_edit is None:
            return self.reading.birth_date
        try:
            return parse_typed_date(self.birth_edit.text())
        except DateInputError as exc:
            return str(exc)

    def result_card(self) -> ConfirmedCard | None:
        choices = self.gaiji_choices()
        sex = self.sex()
        born = self.birth_date()
        name = self.name_edit.text().strip()
        if choices is None or sex is None or not isinstance(born, date) or not name or "〓" in name:
            return None
        return ConfirmedCard(self.reading, name, born, sex, choices)

    def _update(self) -> None:
        choices = self.gaiji_choices()
        if self.gaiji_edits and self.reading.name:
            self.name_edit.blockSignals(True)
            partial = tuple(GaijiChoice(g.index, g.number, e.text().strip()[:2] or "〓")
                            for g, e in self.gaiji_edits)
            self.name_edit.setText(name_with_gaiji(self.reading.name, choices or partial))
            self.name_edit.blockSignals(False)
        missing: list[str] = []
        if choices is None:
            missing.append("外字の文字")
        if not self.name_edit.text().strip():
            missing.append("氏名")
        if self.sex() is None:
            missing.append("性別")
        born = self.birth_date()
        if isinstance(born, str) or born is None:
            missing.append("生年月日")
            if self.birth_edit is not None and self.birth_edit.text():
                self.birth_hint.setText(str(born))
        else:
            self.birth_hint.setText(born.isoformat())
        self.missing.setText(f"まだ: {'・'.join(missing)}" if missing else "すべて確認できました。Enterで追加します")
        self.missing.setProperty("role", "warning" if missing else "notice")
        self.missing.style().polish(self.missing)
        self.ok_button.setEnabled(not missing)

    def first_empty(self) -> QWidget:
        for _, edit in self.gaiji_edits:
            if not edit.text().strip():
                return edit
        if self.sex() is None and self.sex_group is not None:
            return self.sex_group.buttons()[0]
        if self.birth_edit is not None and not self.birth_edit.text():
            return self.birth_edit
        return self.name_edit if not self.name_edit.isReadOnly() else self.ok_button

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focus = self.focusWidget()
        if self.sex_group is not None and event.text() in ("1", "2") and not isinstance(focus, QLineEdit):
            button = self.sex_group.button(int(event.text()))
            button.setChecked(True)
            self.first_empty().setFocus()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self.result_card() is not None:
            super().accept()
