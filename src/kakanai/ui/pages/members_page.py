"""Step 2: who. Members come from a card (PIN or 照合番号B), the resident's QR, or typing. Placing a card
starts the read by itself; the reader status stays visible in the window's header."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.card_reads import add_card_member
from kakanai.app.ports import CardError, ErrorCode, KeyKind, ReaderState
from kakanai.app.steps import Step
from kakanai.model import IdentityDocument, LifeEvent, Reception
from kakanai.model.input_values import PHONE_KIND
from kakanai.model.members import MemberSource, WorkflowError
from kakanai.model.reception_edit import RELATIONSHIP_FACT, relationship_problem
from kakanai.model.typed_date import DateInputError, parse_typed_date
from kakanai.model.wareki import format_wareki
from kakanai.ui.card_controller import CardRead
from kakanai.ui.flow_layout import FlowLayout
from kakanai.ui.member_dialog import MemberDialog
from kakanai.ui.pages.applicant_choice import ApplicantChoice
from kakanai.ui.pages.host import Host
from kakanai.ui.pages.members_table import ADDRESS_COLUMN, RELATIONSHIP_COLUMN, MembersTable
from kakanai.ui.pages.relationship_choices import UNCHOSEN, RelationshipChoices, number_key
from kakanai.ui.pages.subject_choice import SubjectChoice
from kakanai.ui.phone_pad import PhonePadDialog
from kakanai.ui.qr_dialog import QrDialog
from kakanai.ui.reception_guard import confirm_remove
from kakanai.ui.theme import name_font
from kakanai.ui.widgets import DateField, button, message, open_dialog, set_role, title

PROPOSAL_NOTE = "続柄の「提案」でよければ Enter ですべて確定します（違う人は数字キーで選びます）"


class MembersPage(QWidget):
    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self.last_fields_shown_seconds: float | None = None
        self.qr_dialog: QrDialog | None = None
        self.member_dialog: MemberDialog | None = None
        self.phone_dialog: PhonePadDialog | None = None  # the resident's phone number, after the first PIN read
        self._card_waiting = False  # a card placed while the phone pad was open: read once it closes
        self.remove_dialog: QMessageBox | None = None  # 「…さんを来庁者から削除します」 while it is open
        self._problem_shown: str | None = None
        layout = QVBoxLayout(self)
        self.heading = title("")
        layout.addWidget(self.heading)
        date_row = QHBoxLayout()
        self.date_label = QLabel("異動日（事由発生日）")
        self.event_date = DateField("event_date")
        self.event_date.editingFinished.connect(self._date_changed)
        self.event_date_wareki = QLabel("")
        date_row.addWidget(self.date_label)
        date_row.addWidget(self.event_date)
        date_row.addWidget(self.event_date_wareki)
        date_row.addStretch(1)
        # 本人確認 (issue 17): which document was shown; a card read sets it by itself.
        self.identity_label = QLabel("本人確認")
        date_row.addWidget(self.identity_label)
        self.identity = QComboBox()
        self.identity.setObjectName("identity_document")
        self.identity.addItem(UNCHOSEN, None)
        for number, document in enumerate(IdentityDocument, start=1):
            self.identity.addItem(f"{number} {document.label}", document.value)
        self.identity.installEventFilter(self)
        self.identity.currentIndexChanged.connect(self._identity_chosen)
        date_row.addWidget(self.identity)
        layout.addLayout(date_row)
        self.subject = SubjectChoice(lambda: self.host.session, self.focus_next_choice)
        layout.addWidget(self.subject)
        self.table = MembersTable()
        self.table.cellDoubleClicked.connect(lambda row, _col: self.edit_row(row))
        self.relationships = RelationshipChoices(host, self.table, self._say, self.focus_next_choice)
        layout.addWidget(self.table, 1)
        self.applicant = ApplicantChoice(lambda: self.host.session)
        layout.addWidget(self.applicant)
        self.card_message = message("card_message", "notice")
        layout.addWidget(self.card_message)
        row = QHBoxLayout()
        actions = FlowLayout()  # wraps at a large text scale instead of widening the window (issue 17)
        self.read_button = button("カードを読む（F2）", "card_read", self.read_card, role="primary")
        self.match_b_button = button("照合番号Bで読む", "card_read_match_b", lambda: self.read_card(KeyKind.MATCH_B))
        self.qr_button = button("QRを読む（F3）", "qr_read", self.read_qr)
        self.typed_button = button("手入力で追加（F4）", "member_add_typed", self.add_typed)
        self.remove_button = button("選んだ人を削除", "member_remove", self.remove_selected)
        for b in (self.read_button, self.match_b_button, self.qr_button, self.typed_button, self.remove_button):
            actions.addWidget(b)
        row.addLayout(actions, 1)
        self.next_button = button("次へ（Enter）→", "members_next", self.go_on, role="primary")
        row.addWidget(self.next_button)
        layout.addLayout(row)
        host.card.read_done.connect(self._card_read)
        host.card.read_failed.connect(self._card_failed)
        host.card.card_inserted.connect(self._card_inserted)

    # -- showing ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.host.session
        event = s.event
        self.heading.setText(f"来庁者 ─ {event.label}" if event else "来庁者")
        if s.event_date is not None:
            if not (self.event_date.hasFocus() and self.event_date.isModified()):
                # Only a date being typed is left alone: the page, shown, gives this field the focus first
                # (a pre-entry QR's date was left out of it).
                self.event_date.setText(s.event_date.isoformat())
            self.event_date_wareki.setText(format_wareki(s.event_date))
        dated = event is not LifeEvent.CERTIFICATES
        for w in (self.date_label, self.event_date, self.event_date_wareki):
            w.setVisible(dated)
        self.subject.refresh()
        self.applicant.refresh()
        identity = s.log.identity
        self.identity.blockSignals(True)
        self.identity.setCurrentIndex(self.identity.findData(identity.value) if identity is not None else 0)
        self.identity.blockSignals(False)
        self.identity_label.setVisible(bool(s.members))
        self.identity.setVisible(bool(s.members))
        if not s.members and s.event is None:
            self.card_message.setText("")  # cleared: nothing of the previous resident stays (issue 17)
        self.table.setRowCount(len(s.members))
        on = s.event_date or date.today()
        people = [m.person for m in s.members]
        self.relationships.propose(people, on)
        names = name_font(self.table.font())  # names and addresses as registered (𠮷, 髙): IPAmj明朝
        for row, m in enumerate(s.members):
            p = m.person
            cells = (p.name, "", f"{format_wareki(p.birth_date)}（{m.age_on(on)}歳）", p.sex.label, p.address,
                     m.source.label)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m.id)
                if col in (0, ADDRESS_COLUMN):
                    item.setFont(names)
                self.table.setItem(row, col, item)
            self.relationships.show(row, m.id, p.facts.get(RELATIONSHIP_FACT), self.relationships.proposal_text(p))
        self.table.fit_names()
        self._tab_order()
        problem = s.blocker(Step.INTERVIEW) if s.members else None
        if problem and self.proposals and problem == relationship_problem(people):
            problem = PROPOSAL_NOTE  # what is left is 続柄: say how the proposals are confirmed
        # Enabled once someone is in: what is still to choose (the deceased, a 続柄) is said when the clerk
        # goes on (Enter), not hidden behind a greyed button.
        self.next_button.setEnabled(bool(s.members))
        if problem:
            self.card_message.setText(problem)
            set_role(self.card_message, "warning")
        elif self.card_message.text() == self._problem_shown:
            self.card_message.setText("")  # solved: a stale warning would mislead the clerk
        self._problem_shown = problem

    def _tab_order(self) -> None:
        """Tab goes down the page: the subject's buttons, then each 続柄 in member order. Qt's order is the
        order widgets were made: the subject's buttons, remade for a new member, came between two 続柄."""
        boxes = (self.table.cellWidget(row, RELATIONSHIP_COLUMN) for row in range(self.table.rowCount()))
        chain = [*self.subject.buttons, *(b for b in boxes if isinstance(b, QComboBox))]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def focus_next_choice(self) -> None:
        """Where the clerk goes on: the subject still to choose, then a 続柄, then 本人確認, then 「次へ」."""
        s = self.host.session
        if s.subject_required and not s.subject and self.subject.focus_first():
            return
        if not self.focus_relationship():
            if s.log.identity is None and s.members:
                self.identity.setFocus()
            else:
                self.next_button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A number key on 本人確認 picks that document and goes on, as on a 続柄 (relationship_choices)."""
        if watched is self.identity and number_key(self.identity, event):
            self.focus_next_choice()
            return True
        return super().eventFilter(watched, event)

    @property
    def proposals(self) -> dict[str, str]:
        """The 続柄 proposed and not yet confirmed, by member id (relationship_choices)."""
        return self.relationships.proposals

    def go_on(self) -> None:
        """「次へ」 (Enter, on the button or the page): pending 続柄 proposals are confirmed first, as one Enter in
        the list does (issue 17), when every member then has a 続柄; else the warning says why and the focus
        goes to what is missing."""
        proposed = [replace(m.person, facts={**m.person.facts, RELATIONSHIP_FACT: self.proposals[m.id]})
                    if m.id in self.proposals else m.person for m in self.host.session.members]
        if self.proposals and relationship_problem(proposed) is None and not self.relationships.set_proposed():
            return
        self.host.next_step()
        if self.host.session.step is Step.MEMBERS:
            self.focus_next_choice()  # refused: the clerk's next key answers what is missing, not 「次へ」 again

    def _identity_chosen(self) -> None:
        value = self.identity.currentData()
        self.host.session.set_identity(IdentityDocument(value) if value is not None else None)

    def focus_relationship(self) -> bool:
        return self.relationships.focus_first_open()

    def activate(self) -> None:
        if self.host.session.members:
            self.focus_next_choice()
        else:
            self.read_button.setFocus()
        if self.host.card.state == ReaderState.CARD_PRESENT.value and not self.host.session.members:
            self.read_card()

    def _date_changed(self) -> None:
        s = self.host.session
        try:
            day = parse_typed_date(self.event_date.text(), this_year=s.visit_date.year)
            if day != s.event_date:
                s.set_event_date(day)
        except (DateInputError, WorkflowError) as exc:
            self._say(f"異動日: {exc}", "warning")
            return
        self.event_date.setText(day.isoformat())

    def _say(self, text: str, role: str = "notice") -> None:
        self.card_message.setText(text)
        set_role(self.card_message, role)

    # -- the card --------------------------------------------------------------------------------------
    def read_card(self, kind: KeyKind = KeyKind.PIN) -> None:
        if not self.host.card.start(kind):
            self._say("読み取り中です。しばらくお待ちください")
            return
        self._say("カードを読み取っています。暗証番号の入力画面が出たら、住民の方に入力していただいてください")

    def _card_inserted(self) -> None:
        if self.phone_dialog is not None:
            self._card_waiting = True  # the resident is typing the phone number: the next read waits for it
        elif self.isVisible() and not self.host.card.busy:
            self.read_card()  # placing the card is the action: no extra click

    def _card_read(self, read: CardRead) -> None:
        try:
            session = self.host.session
            member = (add_card_member(session, read.confirmed) if read.confirmed is not None
                      else session.add_member_from_card(read.info, read.source))
        except WorkflowError as exc:
            self._say(exc.message, "warning")
            return
        self.repaint()
        self.last_fields_shown_seconds = time.perf_counter() - read.card_done
        self._say(f"{member.person.name}さんを読み取りました。カードを外して、次の方のカードを置いてください")
        self.focus_next_choice()
        if read.confirmed is None and read.source is MemberSource.CARD:
            self._ask_phone()

    def _ask_phone(self) -> None:
        """At the reception's first PIN read, while the resident still has the pad, the phone number the
        forms print (kakanai.ui.phone_pad): only when a form planned so far prints one and none is in yet."""
        s = self.host.session
        if sum(m.source is MemberSource.CARD for m in s.members) != 1:
            return
        phone = self.host.services.phone_input(s)
        if phone is None:
            return
        dialog = PhonePadDialog(self)
        self.phone_dialog = dialog

        def done(result: int) -> None:
            self.phone_dialog = None
            number = dialog.number()
            if result == PhonePadDialog.DialogCode.Accepted and number and self.host.session.members:
                self.host.session.set_form_input(phone, number, kind=PHONE_KIND)
                self._say(f"電話番号（{number}）を入力していただきました。カードを外して、次の方のカードを置いてください")
            if self._card_waiting:
                self._card_waiting = False
                if self.host.card.state == ReaderState.CARD_PRESENT.value:
                    self.read_card()
                    return
            self.focus_next_choice()

        open_dialog(dialog, done)

    def _card_failed(self, error: CardError) -> None:
        text = error.message
        if error.code is ErrorCode.PIN_LOCKED:
            self.match_b_button.setFocus()
        elif error.code is ErrorCode.WRONG_PIN:
            text += " もう一度読み取るには「カードを読む」を押してください（自動では再試行しません）。"
            self.read_button.setFocus()
        self._say(text, "notice" if error.code is ErrorCode.CANCELLED else "warning")

    # -- QR and typing ---------------------------------------------------------------------------------
    def read_qr(self) -> None:
        dialog = QrDialog(self.host.services.validate, self, camera_index=self.host.services.settings.camera_index)
        self.qr_dialog = dialog
        open_dialog(dialog, lambda result: self._scanned(dialog) if result else self._preentry(None))

    def _scanned(self, dialog: QrDialog) -> None:
        if dialog.continue_id is not None:
            self.qr_dialog = None
            self.host.continue_reception(dialog.continue_id)
        else:
            self._preentry(dialog.reception)

    def take_preentry(self, reception: Reception) -> None:
        self._preentry(reception)

    def _preentry(self, reception: Reception | None) -> None:
        self.qr_dialog = None
        if reception is None:
            return
        try:
            added = self.host.session.add_members_from_preentry(reception)
        except WorkflowError as exc:
            self._say(exc.message, "warning")
            return
        self._say(f"事前入力から{len(added)}人を追加しました。内容を住民の方と確認してください")

    def add_typed(self) -> None:
        s = self.host.session
        birth = s.event is LifeEvent.BIRTH
        dialog = MemberDialog(self, default_birth=s.event_date if birth else None, newborn=birth)
        self.member_dialog = dialog

        def done(result: int) -> None:
            self.member_dialog = None
            if result != MemberDialog.DialogCode.Accepted:
                return
            name, kana, born, sex = dialog.values()
            try:
                member = s.add_member_typed(name=name, birth_date=born, sex=sex, name_kana=kana)
            except WorkflowError as exc:
                self._say(exc.message, "warning")
                return
            self._say(f"{member.person.name}さんを追加しました")
            self.focus_next_choice()

        open_dialog(dialog, done)

    def edit_row(self, row: int) -> None:
        """Correct a member (a typing mistake, フリガナ): the card's own fields stay as read."""
        item = self.table.item(row, 0)
        if item is None:
            return
        member = self.host.session.member(item.data(Qt.ItemDataRole.UserRole))
        dialog = MemberDialog(self, default_birth=member.person.birth_date, title="世帯員の訂正")
        dialog.fill(member.person.name, member.person.name_kana, member.person.sex)
        if member.source is not MemberSource.TYPED:
            dialog.lock_card_fields()
        self.member_dialog = dialog

        def done(result: int) -> None:
            self.member_dialog = None
            if result != MemberDialog.DialogCode.Accepted:
                return
            name, kana, born, sex = dialog.values()
            try:
                self.host.session.update_member(member.id, name=name, name_kana=kana, birth_date=born, sex=sex)
            except WorkflowError as exc:
                self._say(exc.message, "warning")

        open_dialog(dialog, done)

    def remove_selected(self) -> None:
        """The members selected, once the clerk has confirmed their names (reception_guard.confirm_remove)."""
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        items = [self.table.item(r, 0) for r in rows]
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in items if item is not None]
        if not ids:
            self._say("削除する人を一覧で選んでください", "warning")
            return
        names = [self.host.session.member(member_id).person.name for member_id in ids]

        def remove() -> None:
            for member_id in ids:
                self.host.session.remove_member(member_id)
            self._say(f"{'、'.join(names)}さんを削除しました")
            self.focus_next_choice()  # not 「選んだ人を削除」 again: Enter would ask about the next row

        self.remove_dialog = confirm_remove(self, names, remove)
        self.remove_dialog.finished.connect(lambda _r: setattr(self, "remove_dialog", None))
