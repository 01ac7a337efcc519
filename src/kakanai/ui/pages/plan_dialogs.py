"""The clerk's changes to a plan: removing a procedure or adding one from the catalog, always with a
reason (recorded with the reception)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.services import CatalogEntry

REMOVE_REASONS = (
    "住民の方が後日あらためて手続する",
    "すでに他の窓口で手続済み",
    "対象外であることを確認した",
    "住民の方が希望しない",
)
ADD_REASONS = ("住民の方が希望した", "聞き取りで必要と判断した", "他課から依頼があった")


class ReasonDialog(QDialog):
    def __init__(self, heading: str, reasons: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reason_dialog")
        self.setWindowTitle("理由（記録に残ります）")
        layout = QVBoxLayout(self)
        label = QLabel(heading)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.setEditable(True)
        self.reason.addItems(list(reasons))
        layout.addWidget(self.reason)
        self.extra = QFormLayout()
        layout.addLayout(self.extra)
        self.error = QLabel("")
        self.error.setProperty("role", "warning")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        self.ok = QPushButton("決定（Enter）")
        self.ok.setObjectName("reason_ok")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self._accept)
        row.addWidget(cancel)
        row.addWidget(self.ok)
        layout.addLayout(row)

    def text(self) -> str:
        return self.reason.currentText().strip()

    def _accept(self) -> None:
        if not self.text():
            self.error.setText("理由を入力してください")
            return
        self.accept()


class AddProcedureDialog(ReasonDialog):
    def __init__(self, catalog: list[CatalogEntry], members: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__("追加する手続と、その理由を選んでください", ADD_REASONS, parent)
        self.setObjectName("add_procedure_dialog")
        self.catalog = catalog
        self.procedures = QListWidget()
        self.procedures.setObjectName("add_procedure_list")
        for entry in catalog:
            item = QListWidgetItem(f"{entry.title}（{entry.department}）")
            item.setData(256, entry.id)
            self.procedures.addItem(item)
        self.procedures.setCurrentRow(0)
        self.person = QComboBox()
        self.person.setObjectName("add_procedure_person")
        for member_id, name in members:
            self.person.addItem(name, member_id)
        self.procedures.currentRowChanged.connect(self._per_person)
        self.extra.addRow("手続", self.procedures)
        self.extra.addRow("対象の方", self.person)
        self._per_person(0)

    def _per_person(self, row: int) -> None:
        entry = self.catalog[row] if 0 <= row < len(self.catalog) else None
        self.person.setEnabled(entry is not None and entry.per_person)

    def choice(self) -> tuple[str, str | None]:
        entry = self.catalog[self.procedures.currentRow()]
        return entry.id, (self.person.currentData() if entry.per_person else None)
