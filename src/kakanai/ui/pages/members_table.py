"""The members step's table: one row per member, the 続柄 as a choice in its row. Its name column is as wide
as the longest name but never so wide that the address column is narrower than its title: a longer name (a
foreign resident's, as the 在留カード spells it, up to 40 Latin letters) wraps in a taller row. It squeezed
the address column to 「ǐ（カード・QRの記」 before (a defect hunt of issue 17's counter)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHeaderView, QTableWidget

COLUMNS = ("氏名", "続柄", "生年月日（年齢）", "性別", "住所（カード・QRの記載）", "読み取り")
NAME_COLUMN, RELATIONSHIP_COLUMN, ADDRESS_COLUMN = 0, 1, 4
NAME_MIN_CHARS = 8  # the name column's least width, in full-width characters


class MembersTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self.setObjectName("members_table")
        self.setHorizontalHeaderLabels(COLUMNS)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ADDRESS_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Fixed)  # fit_names
        self.setWordWrap(True)
        # The columns sized to their contents settle after a refresh (a new text scale, a 続柄 choice drawn):
        # the name column follows them, or the address is squeezed again.
        header.sectionResized.connect(
            lambda column, _old, _new: self.fit_names() if column not in (NAME_COLUMN, ADDRESS_COLUMN) else None)
        # Tab walks through the 続柄 choices instead of the table's cells.
        self.setTabKeyNavigation(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)

    def fit_names(self) -> None:
        """The name column for the names shown and the table's width; each row as tall as its wrapped name
        (and its 続柄 choice)."""
        header = self.horizontalHeader()
        header.resizeSections()  # the 続柄 choices' width follows their text (a proposal shown)
        widest = max(self.sizeHintForColumn(NAME_COLUMN), header.sectionSizeHint(NAME_COLUMN))
        others = sum(header.sectionSize(c) for c in range(len(COLUMNS)) if c not in (NAME_COLUMN, ADDRESS_COLUMN))
        room = self.viewport().width() - others - header.sectionSizeHint(ADDRESS_COLUMN)
        least = self.fontMetrics().horizontalAdvance("あ") * NAME_MIN_CHARS
        self.setColumnWidth(NAME_COLUMN, min(widest, max(room, least)))
        self.resizeRowsToContents()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_names()  # the table's width changed (a scroll bar shown, the window resized)
        return super().viewportEvent(event)
