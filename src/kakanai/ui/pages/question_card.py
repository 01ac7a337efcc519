"""One card of the interview: who it is about (name and age, or 「全員 同じ」), the prompt, and its answers
as numbered buttons that wrap (keys 1-9; 0 = なし for a multiple choice). Yes/no questions of one scope
come as a checklist: one wrapping line per question, number keys tick, 0 = 「どれも当てはまらない」. A
date is typed the clerk's way (R8.4.1, 令和8年4月1日, 4/1) and shown in both calendars; it starts at the
event date (異動日)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from kakanai.app.interview import CHECKLIST, NONE_APPLIES, Ask
from kakanai.model import FactValue, Question
from kakanai.model.typed_date import DateInputError, format_both, parse_typed_date
from kakanai.ui.flow_layout import FlowLayout
from kakanai.ui.theme import repolish, use_name_font
from kakanai.ui.widgets import DateField

Answer = Callable[[Ask, FactValue], None]
TICK = "✓ はい: "  # before a ticked checklist item's words
LONG_ANSWER = 24  # characters: a longer answer gets its own wrapping line (a button never wraps its text)
TICKED = frozenset({"multi", CHECKLIST})  # kinds answered by ticking options, then 確定 (or 0 for none)
Move = Callable[[int], None]
Split = Callable[[str], None]


class QuestionCard(QFrame):
    def __init__(self, ask: Ask, who: str, on_answer: Answer, index: int, *, default_date: date | None = None,
                 on_move: Move | None = None, on_split: Split | None = None) -> None:
        super().__init__()
        self.ask = ask
        question: Question = ask.question
        self.question = question
        self._on_answer = on_answer
        self._on_move = on_move
        self._default_date = default_date or date.today()
        self.highlight = 0
        owner = "all" if ask.shared else question.person or "household"
        self.setObjectName(f"question_{question.fact}_{owner}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        if ask.lead:
            lead = QLabel(ask.lead)
            lead.setObjectName("question_lead")
            lead.setWordWrap(True)
            layout.addWidget(lead)
        self.head = QLabel(f"{index}. {who}")
        self.head.setObjectName("question_who")
        use_name_font(self.head)  # the name as registered (𠮷, 髙): IPAmj明朝
        self.head.setProperty("role", "notice")
        self.head.setWordWrap(True)
        layout.addWidget(self.head)
        prompt = QLabel(question.prompt)
        prompt.setWordWrap(True)
        prompt.setProperty("role", "title")
        layout.addWidget(prompt)
        row = FlowLayout()  # answers wrap onto the next line: never a sideways scroll
        self.options: list[QPushButton] = []
        self.editor: QSpinBox | DateField | None = None
        self.date_shown: QLabel | None = None
        kind = question.kind
        if kind == CHECKLIST:
            self._checklist(layout, row)
        elif kind in ("bool", "choice", "multi"):
            # Answers longer than a button can show whole at 1366 px stand one per line, the number on the
            # button and the words wrapped beside it, as on a checklist (a long 施設 answer was cut).
            lines = any(len(label) > LONG_ANSWER for label in question.value_labels)
            for i, label in enumerate(question.value_labels):
                b = QPushButton(f"{i + 1}" if lines else f"{i + 1}  {label}")
                b.setObjectName(f"answer_{question.values[i]}")
                b.setCheckable(kind == "multi")
                b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page takes the keys (numbers, arrows, Enter)
                if ask.one_of:
                    use_name_font(b)  # the choice is among names as registered (𠮷, 髙)
                b.clicked.connect(lambda _=False, n=i: self.pick(n))
                self.options.append(b)
                if lines:
                    line = QHBoxLayout()
                    words = QLabel(label)
                    words.setObjectName(f"item_{question.values[i]}")
                    words.setWordWrap(True)
                    line.addWidget(b)
                    line.addWidget(words, 1)
                    layout.addLayout(line)
                else:
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
            # A line the clerk types in (R8.4.1, 令和8年4月1日, 20260401, 4/1): ↑↓ stay the interview's keys
            # (a date spin box lowered the year silently on ↓, issue 17 problem 4).
            edit = DateField("answer_date")
            edit.setText(self._default_date.isoformat())
            edit.installEventFilter(self)
            edit.textChanged.connect(self._show_date)
            self.editor = edit
            row.addWidget(edit)
            self.date_shown = QLabel("")
            self.date_shown.setObjectName("answer_date_shown")
            row.addWidget(self.date_shown)
        if self.editor is not None:
            ok = QPushButton("確定（Enter）")
            ok.setObjectName("answer_confirm")
            ok.clicked.connect(lambda _=False: self.submit_editor())
            row.addWidget(ok)
        if ask.shared and on_split is not None:
            each = QPushButton("人ごとに答える")
            each.setObjectName("answer_each")
            each.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            each.clicked.connect(lambda _=False: on_split(question.fact))
            row.addWidget(each)
        layout.addLayout(row)
        if self.date_shown is not None:
            self._show_date()
        self._current: bool | None = None
        self.set_current(False)

    def _checklist(self, layout: QVBoxLayout, row: FlowLayout) -> None:
        """One line per yes/no question, its own wording beside its number (wrapping, never cut); number
        keys tick, 0 answers all of them no, Enter confirms what is ticked (app.interview.Ask.answers)."""
        q = self.question
        for i, label in enumerate(q.value_labels):
            line = QHBoxLayout()
            b = QPushButton(f"{i + 1}")
            b.setObjectName(f"answer_{q.values[i]}")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            text = QLabel(label)
            text.setObjectName(f"item_{q.values[i]}")
            text.setWordWrap(True)
            # A tick must be seen on the item itself, not only as a pressed button (where ▶ also is).
            b.toggled.connect(lambda on, t=text, words=label: t.setText(f"{TICK}{words}" if on else words))
            self.options.append(b)
            line.addWidget(b)
            line.addWidget(text, 1)
            layout.addLayout(line)
        none = QPushButton(f"0  {NONE_APPLIES}")
        none.setObjectName("answer_none")
        none.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        none.clicked.connect(lambda _=False: self.submit_multi(none_chosen=True))
        done = QPushButton("確定（Enter）")
        done.setObjectName("answer_confirm")
        done.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        done.clicked.connect(lambda _=False: self.submit_multi())
        row.addWidget(none)
        row.addWidget(done)

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
        if q.kind in TICKED:
            return  # a checkable button toggles itself; the answer is sent with 確定
        value: FactValue = (q.values[n] == "true") if q.kind == "bool" else q.values[n]
        self._on_answer(self.ask, value)

    def submit_multi(self, *, none_chosen: bool = False) -> None:
        chosen = () if none_chosen else tuple(v for v, b in zip(self.question.values, self.options, strict=True)
                                              if b.isChecked())
        self._on_answer(self.ask, chosen)

    def typed_date(self) -> date:
        """The date as typed (DateInputError with a Japanese message when it is not one)."""
        assert isinstance(self.editor, DateField)
        return parse_typed_date(self.editor.text(), this_year=self._default_date.year)

    def _show_date(self) -> None:
        if self.date_shown is None:
            return
        try:
            self.date_shown.setText(format_both(self.typed_date()))
        except DateInputError as exc:
            self.date_shown.setText(str(exc))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.editor and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._on_move is not None):
            self._on_move(1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        return super().eventFilter(watched, event)

    def submit_editor(self) -> None:
        if isinstance(self.editor, QSpinBox):
            self._on_answer(self.ask, self.editor.value())
        elif isinstance(self.editor, DateField):
            try:
                day = self.typed_date()
            except DateInputError:
                return  # the message is already shown beside the field; nothing is answered
            self._on_answer(self.ask, day)

    def enter(self) -> None:
        kind = self.question.kind
        if kind in TICKED:
            self.submit_multi()
        elif self.editor is not None:
            self.submit_editor()
        else:
            self.pick(self.highlight)

    def number(self, n: int) -> None:
        if self.question.kind in TICKED:
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

