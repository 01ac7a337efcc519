"""One open question of the interview: who it is about (name and age), the prompt, and its answers as
numbered buttons (keys 1-9; 0 = なし for a multiple choice)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from kakanai.model import FactValue, Question
from kakanai.ui.theme import repolish, use_name_font

Answer = Callable[[Question, FactValue], None]


class QuestionCard(QFrame):
    def __init__(self, question: Question, who: str, on_answer: Answer, index: int) -> None:
        super().__init__()
        self.question = question
        self._on_answer = on_answer
        self.highlight = 0
        self.setObjectName(f"question_{question.fact}_{question.person or 'household'}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.head = QLabel(f"{index}. {who}")
        self.head.setObjectName("question_who")
        use_name_font(self.head)  # the name as registered (𠮷, 髙): IPAmj明朝
        self.head.setProperty("role", "notice")
        layout.addWidget(self.head)
        prompt = QLabel(question.prompt)
        prompt.setWordWrap(True)
        prompt.setProperty("role", "title")
        layout.addWidget(prompt)
        row = QHBoxLayout()
        self.options: list[QPushButton] = []
        self.editor: QSpinBox | QDateEdit | None = None
        kind = question.kind
        if kind in ("bool", "choice", "multi"):
            for i, label in enumerate(question.value_labels):
                b = QPushButton(f"{i + 1}  {label}")
                b.setObjectName(f"answer_{question.values[i]}")
                b.setCheckable(kind == "multi")
                b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page takes the keys (numbers, arrows, Enter)
                b.clicked.connect(lambda _=False, n=i: self.pick(n))
                self.options.append(b)
                row.addWidget(b)
            if kind == "multi":
                none = QPushButton("0  なし")
                none.setObjectName("answer_none")
                none.clicked.connect(lambda _=False: self.submit_multi(none_chosen=True))
                done = QPushButton("確定（Enter）")
                done.setObjectName("answer_confirm")
                done.clicked.connect(lambda _=False: self.submit_multi())
                row.addWidget(none)
                row.addWidget(done)
        elif kind == "int":
            spin = QSpinBox()
            spin.setObjectName("answer_int")
            spin.setRange(0, 100000)
            spin.setValue(3000 if "weight" in question.fact else 0)
            self.editor = spin
            row.addWidget(spin)
        else:
            edit = QDateEdit()
            edit.setObjectName("answer_date")
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.setDate(QDate.currentDate())
            self.editor = edit
            row.addWidget(edit)
        if self.editor is not None:
            ok = QPushButton("確定（Enter）")
            ok.setObjectName("answer_confirm")
            ok.clicked.connect(lambda _=False: self.submit_editor())
            row.addWidget(ok)
        row.addStretch(1)
        layout.addLayout(row)
        self._current: bool | None = None
        self.set_current(False)

    def set_heading(self, index: int, who: str) -> None:
        text = f"{index}. {who}"
        if self.head.text() != text:
            self.head.setText(text)

    def set_current(self, current: bool, *, force: bool = False) -> None:
        if current == self._current and not force:
            return
        self._current = current
        self.setProperty("current", current)
        colour = "#0b5394" if current else "transparent"
        self.setStyleSheet(f"QFrame#{self.objectName()} {{ border: 3px solid {colour}; border-radius: 6px; }}")
        for i, b in enumerate(self.options):
            b.setProperty("highlight", current and i == self.highlight)
            b.setText(("▶ " if current and i == self.highlight else "") + b.text().removeprefix("▶ "))
            repolish(b)
        if current and self.editor is not None:
            self.editor.setFocus()

    def move_highlight(self, step: int) -> None:
        if self.options:
            self.highlight = (self.highlight + step) % len(self.options)
            self.set_current(True, force=True)

    def pick(self, n: int) -> None:
        """Answer with option n (bool/choice), or toggle it (multi)."""
        q = self.question
        if not 0 <= n < len(q.values):
            return
        if q.kind == "multi":
            return  # a checkable button toggles itself; the answer is sent with 確定
        value: FactValue = (q.values[n] == "true") if q.kind == "bool" else q.values[n]
        self._on_answer(q, value)

    def submit_multi(self, *, none_chosen: bool = False) -> None:
        chosen = () if none_chosen else tuple(v for v, b in zip(self.question.values, self.options, strict=True)
                                              if b.isChecked())
        self._on_answer(self.question, chosen)

    def submit_editor(self) -> None:
        if isinstance(self.editor, QSpinBox):
            self._on_answer(self.question, self.editor.value())
        elif isinstance(self.editor, QDateEdit):
            qd = self.editor.date()
            self._on_answer(self.question, date(qd.year(), qd.month(), qd.day()))

    def enter(self) -> None:
        kind = self.question.kind
        if kind == "multi":
            self.submit_multi()
        elif self.editor is not None:
            self.submit_editor()
        else:
            self.pick(self.highlight)

    def number(self, n: int) -> None:
        if self.question.kind == "multi":
            if n == 0:
                self.submit_multi(none_chosen=True)
            elif 1 <= n <= len(self.options):
                self.options[n - 1].toggle()
        elif 1 <= n <= len(self.options):
            self.pick(n - 1)


def who_label(name: str | None, age: int | None) -> str:
    if name is None:
        return "世帯について"
    return f"{name}さん（{age}歳）"

