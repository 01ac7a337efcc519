"""The 「本庁・支所」 tab of the municipality parameters editor: the offices, their names and what each
branch office (支所) accepts at its own counter (受付範囲); everything else is guidance to the main
office. Like the other tabs (kakanai.ui.municipality_tabs) it edits a working copy and applies it to the
editor as operations when the dialog saves, so a refused value writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.ports import (
    MAIN_ACCEPTS_ALL,
    MunicipalityEditError,
    MunicipalityEditor,
    OfficeKind,
    OfficeRow,
    check_new_office,
    check_removable,
)
from kakanai.ui.municipality_tabs import checkable_item, row_with
from kakanai.ui.widgets import button, message, set_role

ADD_TITLE = "支所を追加"
ASK_ID = "支所のID（半角の英小文字・数字・_。規則と窓口の設定が使います。例: branch_west）"
ASK_NAME = "支所の名前（案内シートに印刷されます。例: 西支所）"
MAIN_PAGE, BRANCH_PAGE = 0, 1

# (title, label) -> the text typed, None when cancelled; (title, question) -> True to go ahead.
AskText = Callable[[str, str], str | None]
Confirm = Callable[[str, str], bool]


def _item_text(row: OfficeRow) -> str:
    return f"{row.name}（{row.kind.label}）"


class OfficesTab(QWidget):
    def __init__(self, editor: MunicipalityEditor, today: date) -> None:
        super().__init__()
        # Replaceable (tests, another front end): the modal questions of 追加 and 削除.
        self.ask_text: AskText = self._ask_text
        self.confirm: Confirm = self._confirm
        self.counter_office = editor.counter_office
        self.choices = editor.procedure_choices(today)
        self._choice_ids = frozenset(c.id for c in self.choices)
        self.working: dict[str, OfficeRow] = {row.id: row for row in editor.offices()}
        self._loading = False
        layout = QVBoxLayout(self)
        note = QLabel("支所では、チェックした手続だけを受け付けます。ほかの手続は本庁の窓口へ案内します")
        note.setWordWrap(True)
        layout.addWidget(note)
        body = QHBoxLayout()
        layout.addLayout(body, 1)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("muni_offices")
        for row in self.working.values():
            self._add_item(row)
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(button("支所を追加…", "muni_office_add", self.add_office))
        self.remove_button = button("支所を削除", "muni_office_remove", self.remove_office)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        body.addLayout(left, 1)
        body.addLayout(self._details(), 2)
        self.message = message("muni_offices_message")
        layout.addWidget(self.message)
        self.list.currentRowChanged.connect(lambda _row: self._show_selected())
        self.list.setCurrentRow(0)

    def _details(self) -> QVBoxLayout:
        right = QVBoxLayout()
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("muni_office_name")
        self.name.textChanged.connect(self._name_changed)
        form.addRow("名前", self.name)
        self.kind = QLabel()
        self.kind.setObjectName("muni_office_kind")
        form.addRow("種別", self.kind)
        right.addLayout(form)
        self.pages = QStackedWidget()
        self.pages.setObjectName("muni_office_pages")
        main_note = QLabel(MAIN_ACCEPTS_ALL)
        main_note.setObjectName("muni_office_main_note")
        main_note.setWordWrap(True)
        main_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(main_note)
        branch = QWidget()
        column = QVBoxLayout(branch)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("この支所で受け付ける手続（受付範囲）"))
        self.accepts = QListWidget()
        self.accepts.setObjectName("muni_office_accepts")
        for choice in self.choices:
            self.accepts.addItem(checkable_item(f"{choice.title}（{choice.id}）", choice.id, False))
        self.accepts.itemChanged.connect(lambda _item: self._accepts_changed())
        column.addWidget(self.accepts, 1)
        row = QHBoxLayout()
        row.addWidget(button("すべて選択", "muni_office_accepts_all", lambda: self._check_all(True)))
        row.addWidget(button("すべて解除", "muni_office_accepts_none", lambda: self._check_all(False)))
        row.addStretch(1)
        column.addLayout(row)
        self.pages.addWidget(branch)
        right.addWidget(self.pages, 1)
        return right

    # -- the working copy ------------------------------------------------------------------------------
    def _add_item(self, row: OfficeRow) -> QListWidgetItem:
        item = QListWidgetItem(_item_text(row))
        item.setData(Qt.ItemDataRole.UserRole, row.id)
        self.list.addItem(item)
        return item

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, office_id: str) -> None:
        self.list.setCurrentRow(row_with(self.list, office_id))

    def accept_item(self, procedure_id: str) -> QListWidgetItem:
        return self.accepts.item(row_with(self.accepts, procedure_id))

    def _show_selected(self) -> None:
        office_id = self.current_id()
        row = self.working.get(office_id or "")
        self._loading = True
        try:
            self.name.setEnabled(row is not None)
            self.name.setText(row.name if row else "")
            self.kind.setText(row.kind.label if row else "")
            branch = row is not None and row.kind is OfficeKind.BRANCH
            self.pages.setCurrentIndex(BRANCH_PAGE if branch else MAIN_PAGE)
            self.remove_button.setEnabled(branch)
            accepted = set(row.accepts) if row else set()
            for i in range(self.accepts.count()):
                item = self.accepts.item(i)
                checked = item.data(Qt.ItemDataRole.UserRole) in accepted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self._loading = False

    def _name_changed(self, text: str) -> None:
        office_id = self.current_id()
        if self._loading or office_id is None:
            return
        row = self.working[office_id] = replace(self.working[office_id], name=text)
        item = self.list.currentItem()
        if item is not None:
            item.setText(_item_text(row))

    def _accepts_changed(self) -> None:
        office_id = self.current_id()
        if self._loading or office_id is None:
            return
        row = self.working[office_id]
        checked = tuple(str(self.accepts.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.accepts.count())
                        if self.accepts.item(i).checkState() == Qt.CheckState.Checked)
        # An id of the file the rule book no longer knows has no box: kept as it was, never silently lost.
        kept = tuple(p for p in row.accepts if p not in self._choice_ids)
        self.working[office_id] = replace(row, accepts=checked + kept)

    def _check_all(self, checked: bool) -> None:
        self._loading = True
        try:
            for i in range(self.accepts.count()):
                self.accepts.item(i).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self._loading = False
        self._accepts_changed()

    def _show(self, text: str, role: str = "warning") -> None:
        self.message.setText(text)
        set_role(self.message, role)

    # -- adding and removing ---------------------------------------------------------------------------
    def add_office(self) -> None:
        office_id = self.ask_text(ADD_TITLE, ASK_ID)
        if office_id is None:
            return
        name = self.ask_text(ADD_TITLE, ASK_NAME)
        if name is None:
            return
        try:
            check_new_office(self.working.values(), office_id.strip(), name)
        except MunicipalityEditError as exc:
            self._show(str(exc))
            return
        row = OfficeRow(office_id.strip(), name.strip(), OfficeKind.BRANCH, ())
        self.working[row.id] = row
        self._add_item(row)
        self.select(row.id)
        self._show(f"{row.name}を追加しました。受け付ける手続にチェックを付けて保存してください", "notice")

    def remove_office(self) -> None:
        office_id = self.current_id()
        row = self.working.get(office_id or "")
        if row is None:
            return
        try:
            check_removable(row, self.counter_office)
        except MunicipalityEditError as exc:
            self._show(str(exc))
            return
        question = (f"{row.name}（{row.id}）を削除しますか？\n"
                    "この支所を設定している窓口端末は、保存して再起動したあと、設定の庁舎を選び直してください")
        if not self.confirm("支所を削除", question):
            return
        del self.working[row.id]
        self.list.takeItem(self.list.currentRow())
        self._show_selected()
        self._show(f"{row.name}を削除しました（保存すると反映されます）", "notice")

    def _ask_text(self, title: str, label: str) -> str | None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setOkButtonText("次へ")
        dialog.setCancelButtonText("取消")
        return dialog.textValue() if dialog.exec() == QInputDialog.DialogCode.Accepted else None

    def _confirm(self, title: str, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        yes = box.addButton("削除する", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton("取消", QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is yes

    # -- saving ----------------------------------------------------------------------------------------
    def apply(self, editor: MunicipalityEditor) -> None:
        """The working copy as operations, compared with the editor's current offices: applying twice (a
        save refused by another tab, then retried) does the same."""
        current = {row.id: row for row in editor.offices()}
        for office_id in current:
            if office_id not in self.working:
                editor.remove_branch_office(office_id)
        for row in self.working.values():
            old = current.get(row.id)
            if old is None:
                editor.add_branch_office(row.id, row.name, row.accepts)
                continue
            try:
                if row.name.strip() != old.name:
                    editor.rename_office(row.id, row.name)
                if row.kind is OfficeKind.BRANCH and set(row.accepts) != set(old.accepts):
                    editor.set_office_accepts(row.id, row.accepts)
            except MunicipalityEditError:
                self.select(row.id)  # the refused office in view, to be corrected
                raise
