"""The members step's 続柄 column: one choice per member in the members table, the proposals that complete
the household (kakanai.model.relationship_proposal) and the keys a clerk uses there: a number key picks that
続柄 and goes on, Enter confirms every proposal shown (issue 17: one key for the whole household)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox

from kakanai.model import Person
from kakanai.model.members import WorkflowError
from kakanai.model.reception_edit import HEAD, RELATIONSHIP_FACT, relationship_problem
from kakanai.model.relationship import relationship_word
from kakanai.model.relationship_proposal import relationship_proposals
from kakanai.ui.pages.host import Host
from kakanai.ui.pages.members_table import RELATIONSHIP_COLUMN, MembersTable
from kakanai.ui.widgets import WholeChoice

UNCHOSEN = "（選んでください）"


def number_key(box: QComboBox, event: QEvent) -> bool:
    """A number key on a choice picks that item (the interview's numbering); True when it did."""
    if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.text().isdigit()
            and event.text().isascii() and 1 <= int(event.text()) < box.count()):
        box.setCurrentIndex(int(event.text()))
        return True
    return False


class RelationshipChoices(QObject):
    def __init__(self, host: Host, table: MembersTable, say: Callable[[str, str], None],
                 focus_next: Callable[[], None]) -> None:
        super().__init__(table)
        self.host = host
        self.table = table
        self._say = say
        self._focus_next = focus_next
        self.proposals: dict[str, str] = {}  # member id -> proposed 続柄, shown until the clerk confirms
        self._people: list[Person] = []

    def propose(self, people: list[Person], on: date) -> None:
        """The 続柄 proposed for the members shown (on the event date: a child's age decides some)."""
        self._people = people
        self.proposals = relationship_proposals(people, on)

    def proposal_text(self, person: Person) -> str | None:
        """「提案 妻（Enter で確定）」: the proposal in the 住民票's word, shown where nothing is chosen yet."""
        proposal = self.proposals.get(person.id)
        if proposal is None:
            return None
        proposed = replace(person, facts={**person.facts, RELATIONSHIP_FACT: proposal})
        word = relationship_word(proposed, [proposed if p.id == person.id else p for p in self._people])
        return f"提案 {word}（Enter で確定）"

    def show(self, row: int, member_id: str, value: object, proposal: str | None) -> None:
        """The member's 続柄 as a choice (keyboard: Tab to it, arrow keys or the first letter). The box is
        kept across refreshes, so choosing one does not move the clerk's focus away. A proposal is shown in
        the place of 「選んでください」 (the unchosen item): it is not a value until the clerk confirms it, and
        the arrow keys still start from the top of the list."""
        box = self.table.cellWidget(row, RELATIONSHIP_COLUMN)
        if not isinstance(box, QComboBox) or box.objectName() != f"relationship_{member_id}":
            box = WholeChoice()  # a proposal shown in it (「提案 夫（Enter で確定）」) is whole too
            box.setObjectName(f"relationship_{member_id}")
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            box.addItem(UNCHOSEN, None)
            for number, (key, label) in enumerate(self.host.services.relationship_choices(), start=1):
                box.addItem(f"{number} {label}", key)
            box.installEventFilter(self)
            box.currentIndexChanged.connect(lambda _i, b=box, mid=member_id: self._chosen(mid, b))
            self.table.setCellWidget(row, RELATIONSHIP_COLUMN, box)
            self.table.setRowHeight(row, max(self.table.rowHeight(row), box.sizeHint().height()))
        box.blockSignals(True)
        box.setItemText(0, proposal or UNCHOSEN)
        box.setCurrentIndex(max(0, box.findData(value)) if value is not None else 0)
        box.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A number key picks that 続柄 and goes on to the next still to choose, or to 「次へ」: one key per
        member, like an interview answer. Enter confirms every proposal shown."""
        if not isinstance(watched, QComboBox):
            return super().eventFilter(watched, event)
        if (self.proposals and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.confirm()
            return True
        if number_key(watched, event):
            self._focus_next()
            return True
        return super().eventFilter(watched, event)

    def confirm(self) -> None:
        """Every proposed 続柄 becomes the member's, then the clerk goes on to what is still open."""
        if self.set_proposed():
            self._focus_next()

    def set_proposed(self) -> bool:
        for member_id, value in dict(self.proposals).items():
            try:
                self.host.session.set_relationship(member_id, value)
            except WorkflowError as exc:
                self._say(exc.message, "warning")
                return False
        return True

    def _chosen(self, member_id: str, box: QComboBox) -> None:
        try:
            self.host.session.set_relationship(member_id, box.currentData())
        except WorkflowError as exc:
            self._say(exc.message, "warning")

    def focus_first_open(self) -> bool:
        """Focus the first 続柄 still to choose, or the first member's when every member has one but nobody
        is the 世帯主; False when all are chosen. A member just chosen is passed over while others are still
        open, 世帯主 or not: the head is often not the first member (a daughter living elsewhere reads her
        card first), and the next number key must not overwrite the choice just made."""
        s = self.host.session
        if relationship_problem(m.person for m in s.members) is None:
            return False
        headless = not any(m.person.facts.get(RELATIONSHIP_FACT) == HEAD for m in s.members)
        todo = next((m for m in s.members if m.person.facts.get(RELATIONSHIP_FACT) is None),
                    s.members[0] if headless and s.members else None)
        box = self.table.findChild(QComboBox, f"relationship_{todo.id}") if todo is not None else None
        if box is None:
            return False
        box.setFocus()
        return True
