"""Whom the event is about (the deceased, the newborn), chosen explicitly (issue 17, problem 1): one large
button per member, reached with Tab, chosen with Space or its number key; nobody is chosen by default; a
summary line says it before the interview (「亡くなった方: 渡邊 髙雄 様」, ReceptionSession.subject_summary).
A move (転入・転居・転出・世帯変更) is everyone's, every button pressed, until the clerk leaves out who
stays (model.reception_edit.EVERYONE_BY_DEFAULT)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kakanai.app.workflow import ReceptionSession
from kakanai.model.reception_edit import EVERYONE_BY_DEFAULT, chosen_subjects, toggled_subjects
from kakanai.ui.flow_layout import FlowLayout
from kakanai.ui.theme import use_name_font
from kakanai.ui.widgets import button

SUBJECT_BUTTON_HEIGHT = 48  # a large target (issue 17: the old 13-px checkbox was missed and never tabbed to)


class SubjectChoice(QWidget):
    def __init__(self, session: Callable[[], ReceptionSession], chosen: Callable[[], None]) -> None:
        super().__init__()
        self._session = session
        self._chosen = chosen  # after a number key: the page moves the focus on
        self.buttons: list[QPushButton] = []
        self._members: tuple[tuple[str, str], ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.row = FlowLayout()
        self.title = QLabel("")
        self.title.setObjectName("subject_title")
        self.row.addWidget(self.title)
        layout.addLayout(self.row)
        self.summary = QLabel("")
        self.summary.setObjectName("subject_summary")
        self.summary.setProperty("role", "title")
        use_name_font(self.summary)
        layout.addWidget(self.summary)

    def refresh(self) -> None:
        """The buttons, rebuilt only when the members change (a choice keeps the clerk's focus)."""
        s = self._session()
        role = s.subject_role
        members = tuple((m.id, m.person.name) for m in s.members) if role is not None else ()
        if members != self._members:
            for old in self.buttons:
                self.row.removeWidget(old)
                old.hide()
                old.setObjectName("")  # until deleted it is still a child: findChild must not find it
                old.deleteLater()
            self.buttons = []
            for number, (member_id, name) in enumerate(members, start=1):
                b = button(f"{number}  {name}", f"subject_{member_id}", partial(self.toggle, member_id))
                b.setCheckable(True)
                b.setMinimumHeight(SUBJECT_BUTTON_HEIGHT)
                use_name_font(b)
                b.installEventFilter(self)
                self.row.addWidget(b)
                # Shown now, not at the layout's next pass: the page puts the focus on it straight away
                # (issue 17: after the last card the clerk is on the choice without a click), and a
                # hidden widget cannot take the focus.
                b.setVisible(True)
                self.buttons.append(b)
            self._members = members
        chosen = set(chosen_subjects(s.value)) if s.value is not None else set()
        for (member_id, _name), b in zip(members, self.buttons, strict=True):
            b.blockSignals(True)
            b.setChecked(member_id in chosen)
            b.blockSignals(False)
        # A move: every button pressed, and the clerk takes out who stays; the pressed buttons say it, and
        # the summary line is left to the interview (the table keeps its height at a large text scale).
        move = s.event in EVERYONE_BY_DEFAULT
        self.title.setText(f"{role}（{'外す・戻すは数字キー' if move else '数字キーで選択'}）:" if role else "")
        self.summary.setText((s.subject_summary() or "") if members else "")
        self.summary.setVisible(not move)
        self.setVisible(bool(members))

    def toggle(self, member_id: str) -> None:
        s = self._session()
        if s.value is not None:
            s.set_subject(toggled_subjects(s.value, member_id))

    def focus_first(self) -> bool:
        if not self.buttons:
            return False
        self.buttons[0].setFocus()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A number key on any subject button toggles that member, like an interview answer."""
        if (watched in self.buttons and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.text().isdigit() and event.text().isascii()
                and 1 <= int(event.text()) <= len(self.buttons)):
            self.toggle(self._members[int(event.text()) - 1][0])
            self._chosen()
            return True
        return super().eventFilter(watched, event)
