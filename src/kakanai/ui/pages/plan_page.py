"""Step 4: the plan, grouped by department, each procedure with its reason, deadline and mode. The clerk
may remove one or add one from the catalog, with a reason that is recorded."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kakanai.model import Mode, PlannedProcedure
from kakanai.model.kinsoku import wrap
from kakanai.model.members import WorkflowError
from kakanai.model.wareki import format_wareki
from kakanai.ui.pages.host import Host
from kakanai.ui.pages.plan_dialogs import REMOVE_REASONS, AddProcedureDialog, ReasonDialog
from kakanai.ui.theme import ITEM_PADDING
from kakanai.ui.widgets import button, message, open_dialog, title

COLUMNS = ("手続と理由", "対象の方", "区分", "期限")
KEY = Qt.ItemDataRole.UserRole
TITLE = Qt.ItemDataRole.UserRole + 1
SIDE_COLUMNS = {1: 7, 2: 8, 3: 16}  # widths in full-width characters; the first column takes the rest
# The deadline's own line length, in columns (a full-width character is 2): its column less two characters
# for the row's padding and the digits (proportional, often wider than half a character). Any longer and
# Qt broke the lines again (「14」「日」「以内）」 one under the other) and cut the third with 「…」.
DUE_COLUMNS = (SIDE_COLUMNS[3] - 2) * 2


def mode_text(p: PlannedProcedure) -> str:
    """Most procedures are handled here: only the exceptions say how (ご案内, 提出済みの確認)."""
    mode = "" if p.mode is Mode.HERE else p.mode.label
    return "\n".join(filter(None, (mode, "窓口で追加" if p.added_by_clerk else "")))


def due_text(p: PlannedProcedure) -> str:
    return f"{format_wareki(p.deadline)}まで\n（{p.deadline_note}）" if p.deadline else p.deadline_note


def procedure_label(p: PlannedProcedure, per_line: int) -> QLabel:
    """The title in bold, then the whole reason (never cut), broken by the Japanese line rules."""
    reason = wrap(f"理由: {p.reason}", per_line * 2, indent="　")
    label = QLabel(f"<b>{html.escape(p.title)}</b><div style=\"white-space:pre\">{html.escape(reason)}</div>")
    label.setObjectName("plan_procedure")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks select the row
    return label


class PlanPage(QWidget):
    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self.dialog: ReasonDialog | None = None
        self._wrapped_at = 0
        layout = QVBoxLayout(self)
        self.heading = title("手続の一覧")
        layout.addWidget(self.heading)
        self.open_questions = message("plan_open_questions")
        layout.addWidget(self.open_questions)
        self.tree = QTreeWidget()
        self.tree.setObjectName("plan_tree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)
        self.removed = QLabel("")
        self.removed.setObjectName("plan_removed")
        self.removed.setWordWrap(True)
        layout.addWidget(self.removed)
        self.status = message("plan_message")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(button("← 戻る", "plan_back", self._back))
        row.addWidget(button("選んだ手続を外す（Delete）", "plan_remove", self.remove_selected))
        row.addWidget(button("手続を追加（Insert）", "plan_add", self.add))
        self.undo_button = button("外した手続を戻す", "plan_undo", self.undo_last)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        self.next_button = button("記入事項へ（Enter）→", "plan_next", self.host.next_step, role="primary")
        row.addWidget(self.next_button)
        layout.addLayout(row)

    def _back(self) -> None:
        self.host.session.back()

    def refresh(self) -> None:
        s = self.host.session
        self.tree.clear()
        plan = s.plan
        if plan is None:
            self.heading.setText("手続の一覧")
            return
        names = {m.id: m.person.name for m in s.members}
        em = max(self.tree.fontMetrics().horizontalAdvance("あ"), 8)
        for column, chars in SIDE_COLUMNS.items():
            self.tree.setColumnWidth(column, em * chars)
        side = sum(em * chars for chars in SIDE_COLUMNS.values())
        per_line = max(16, (self.tree.viewport().width() - side) // em - 3)
        self._wrapped_at = self.tree.viewport().width()
        self.heading.setText(f"手続の一覧 ─ {plan.event.label}（{format_wareki(plan.event_date)}）{len(plan.procedures)}件")
        groups: dict[str, QTreeWidgetItem] = {}
        for p in plan.procedures:
            group = groups.get(p.department_name)
            if group is None:
                group = QTreeWidgetItem([f"■ {p.department_name}（{p.counter}）"])
                group.setFirstColumnSpanned(True)
                self.tree.addTopLevelItem(group)
                groups[p.department_name] = group
            item = QTreeWidgetItem(["", names.get(p.person or "", "世帯"), mode_text(p),
                                    wrap(due_text(p), DUE_COLUMNS)])
            item.setData(0, KEY, (p.id, p.person))
            item.setData(0, TITLE, p.title)
            group.addChild(item)
            label = procedure_label(p, per_line)
            # The row as tall as the whole reason, with the row's own padding (the theme's) around it.
            item.setSizeHint(0, label.sizeHint() + QSize(0, 2 * ITEM_PADDING))
            self.tree.setItemWidget(item, 0, label)
        self.tree.expandAll()
        if plan.questions:
            self.open_questions.setText(f"まだ聞き取りの回答がない質問が{len(plan.questions)}件あります。"
                                        "回答がないと判定できない手続は一覧に入っていません。")
        else:
            self.open_questions.setText("")
        titles = {entry.id: entry.title for entry in self.host.services.catalog(plan.event_date)}
        removed = [f"{titles.get(r.procedure, r.procedure)}（{names.get(r.person or '', '世帯')}）: {r.reason}"
                   for r in plan.removed]
        self.removed.setText("外した手続: " + "／".join(removed) if removed else "")
        self.undo_button.setEnabled(bool(s.overrides))

    def activate(self) -> None:
        self.next_button.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.host.session.plan is not None and self.tree.viewport().width() != self._wrapped_at:
            self.refresh()  # the reasons are wrapped to the column's width

    def selected(self) -> tuple[str, str | None] | None:
        item = self.tree.currentItem()
        data = item.data(0, KEY) if item is not None else None
        return (data[0], data[1]) if data else None

    def select(self, procedure: str, person: str | None) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount() if group is not None else 0):
                child = group.child(j) if group is not None else None
                if child is not None and tuple(child.data(0, KEY)) == (procedure, person):
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.status.setText("外す手続を一覧から選んでください")
            return
        procedure, person = chosen
        item = self.tree.currentItem()
        name = str(item.data(0, TITLE)) if item is not None else procedure
        dialog = ReasonDialog(f"「{name}」を外す理由を選ぶか入力してください", REMOVE_REASONS, self)
        self.dialog = dialog

        def done(result: int) -> None:
            self.dialog = None
            if result == ReasonDialog.DialogCode.Accepted:
                self._apply(lambda: self.host.session.remove_procedure(procedure, person, dialog.text()))

        open_dialog(dialog, done)

    def add(self) -> None:
        s = self.host.session
        if s.event_date is None:
            return
        members = [(m.id, m.person.name) for m in s.members]
        dialog = AddProcedureDialog(self.host.services.catalog(s.event_date), members, self)
        self.dialog = dialog

        def done(result: int) -> None:
            self.dialog = None
            if result == ReasonDialog.DialogCode.Accepted:
                procedure, person = dialog.choice()
                self._apply(lambda: self.host.session.add_procedure(procedure, person, dialog.text()))

        open_dialog(dialog, done)

    def undo_last(self) -> None:
        s = self.host.session
        if s.overrides:
            last = s.overrides[-1]
            s.undo_override(last.procedure, last.person)

    def _apply(self, change: Callable[[], None]) -> None:
        try:
            change()
        except WorkflowError as exc:
            self.status.setText(exc.message)
        else:
            self.status.setText("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.remove_selected()
        elif event.key() == Qt.Key.Key_Insert:
            self.add()
        else:
            super().keyPressEvent(event)
