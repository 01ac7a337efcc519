"""The tabs of the municipality parameters editor (kakanai.ui.municipality_dialog): each shows part of
the file and applies what the administrator changed to the editor (kakanai.rules.municipality_edit) as
operations, which refuse a wrong value with a Japanese message before anything is saved."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.ports import MunicipalityEditor, ParamKind, ParamRow
from kakanai.ui.widgets import button

DATE_FORMAT = "yyyy-MM-dd"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    return "" if value is None else str(value)


def checkable_item(text: str, key: str, checked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, key)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def row_with(widget: QListWidget, key: str) -> int:
    """The row of the item whose data is the key (a procedure or office id)."""
    for i in range(widget.count()):
        if widget.item(i).data(Qt.ItemDataRole.UserRole) == key:
            return i
    raise KeyError(key)


def _date_edit(name: str, day: date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


class IdentityTab(QWidget):
    def __init__(self, editor: MunicipalityEditor) -> None:
        super().__init__()
        ident = editor.identity()
        form = QFormLayout(self)
        self.name = QLineEdit(ident.name)
        self.name.setObjectName("muni_name")
        self.prefecture = QLineEdit(ident.prefecture)
        self.prefecture.setObjectName("muni_prefecture")
        self.mayor = QLineEdit(ident.mayor_title)
        self.mayor.setObjectName("muni_mayor_title")
        form.addRow("市町村名", self.name)
        form.addRow("都道府県", self.prefecture)
        form.addRow("首長（申請書のあて名）", self.mayor)

    def apply(self, editor: MunicipalityEditor) -> None:
        editor.set_identity(self.name.text(), self.prefecture.text(), self.mayor.text())


class DepartmentsTab(QWidget):
    COLUMNS = ("キー", "名前", "窓口", "場所")

    def __init__(self, editor: MunicipalityEditor) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        note = QLabel("キーは規則ファイルが使う名前のため変更できません。名前・窓口・場所は案内シートに印刷されます")
        note.setWordWrap(True)
        layout.addWidget(note)
        rows = editor.departments()
        self.table = QTableWidget(len(rows), len(self.COLUMNS))
        self.table.setObjectName("muni_departments")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.verticalHeader().setVisible(False)
        for r, row in enumerate(rows):
            key = QTableWidgetItem(row.key)
            key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, 0, key)
            for c, text in enumerate((row.name, row.counter, row.place), start=1):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)

    def row_of(self, key: str) -> int:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.text() == key:
                return r
        raise KeyError(key)

    def apply(self, editor: MunicipalityEditor) -> None:
        for r in range(self.table.rowCount()):
            texts = [(self.table.item(r, c) or QTableWidgetItem()).text() for c in range(len(self.COLUMNS))]
            editor.set_department(texts[0], texts[1], texts[2], texts[3])


class ParamsTab(QWidget):
    COLUMNS = ("パラメータ", "現在の値", "新しい値", "施行日")

    def __init__(self, editor: MunicipalityEditor, today: date) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        note = QLabel("新しい値は施行日から適用されます（それより前の値は残ります）。値を変えなければ書き込みません")
        note.setWordWrap(True)
        layout.addWidget(note)
        rows = editor.params(today)
        self.table = QTableWidget(len(rows), len(self.COLUMNS))
        self.table.setObjectName("muni_params")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.editors: dict[str, tuple[ParamRow, QWidget, QDateEdit]] = {}
        for r, row in enumerate(rows):
            label = QTableWidgetItem(row.description or row.name)
            label.setToolTip("\n".join(x for x in (row.name, row.legal_basis) if x))
            self.table.setItem(r, 0, label)
            current = QTableWidgetItem(_shown(row.current))
            current.setToolTip("\n".join(f"{day:%Y-%m-%d} から {_shown(v)}" for day, v in row.values))
            self.table.setItem(r, 1, current)
            value = self._value_editor(row)
            self.table.setCellWidget(r, 2, value)
            since = _date_edit(f"muni_param_from_{row.name}", today)
            since.setEnabled(row.kind is not None)
            self.table.setCellWidget(r, 3, since)
            self.editors[row.name] = (row, value, since)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()  # the spin boxes and date fields need their full height
        layout.addWidget(self.table)

    @staticmethod
    def _value_editor(row: ParamRow) -> QWidget:
        name = f"muni_param_value_{row.name}"
        widget: QWidget
        if row.kind is ParamKind.INT:
            spin = QSpinBox()
            spin.setRange(row.lo, row.hi)  # the schema's range: nothing else can be typed
            spin.setValue(int(row.current or 0))
            widget = spin
        elif row.kind is ParamKind.BOOL:
            check = QCheckBox("はい")
            check.setChecked(bool(row.current))
            widget = check
        else:
            edit = QLineEdit(_shown(row.current))
            # A list or a number with a fraction: the file is edited directly (not this screen).
            edit.setEnabled(row.kind is ParamKind.TEXT)
            widget = edit
        widget.setObjectName(name)
        return widget

    @staticmethod
    def value_of(widget: QWidget) -> Any:
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def apply(self, editor: MunicipalityEditor) -> None:
        for name, (row, widget, since) in self.editors.items():
            value = self.value_of(widget)
            # Compared with what was shown, not with the value on the chosen day: an untouched row is
            # never written, whatever its 施行日 field says.
            if row.kind is None or value == row.current:
                continue
            editor.set_param(name, value, _date(since.date()))


class ProceduresTab(QWidget):
    def __init__(self, editor: MunicipalityEditor, today: date) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        note = QLabel("チェックを外した手続は、この市町村では判定・案内しません")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.list = QListWidget()
        self.list.setObjectName("muni_procedures")
        for proc in editor.procedures(today):
            self.list.addItem(checkable_item(f"{proc.title}（{proc.id}）", proc.id, proc.enabled))
        layout.addWidget(self.list)

    def item_for(self, procedure_id: str) -> QListWidgetItem:
        return self.list.item(row_with(self.list, procedure_id))

    def apply(self, editor: MunicipalityEditor) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            editor.set_procedure_enabled(str(item.data(Qt.ItemDataRole.UserRole)),
                                         item.checkState() == Qt.CheckState.Checked)


class HolidaysTab(QWidget):
    def __init__(self, editor: MunicipalityEditor, today: date) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        note = QLabel("土日・祝日・年末年始（12/29〜1/3）のほかに、市町村の条例で定める休日です。期限の計算に使います")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.list = QListWidget()
        self.list.setObjectName("muni_holidays")
        for day in editor.local_holidays():
            self._add_item(day)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.day = _date_edit("muni_holiday_date", today)
        row.addWidget(self.day)
        row.addWidget(button("追加", "muni_holiday_add", self.add))
        row.addWidget(button("選んだ日を削除", "muni_holiday_remove", self.remove))
        row.addStretch(1)
        layout.addLayout(row)

    def _add_item(self, day: date) -> None:
        item = QListWidgetItem(day.isoformat())
        item.setData(Qt.ItemDataRole.UserRole, day.isoformat())
        self.list.addItem(item)

    def days(self) -> list[date]:
        return sorted(date.fromisoformat(str(self.list.item(i).data(Qt.ItemDataRole.UserRole)))
                      for i in range(self.list.count()))

    def add(self) -> None:
        day = _date(self.day.date())
        if day not in self.days():
            self._add_item(day)
            self.list.sortItems()

    def remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def apply(self, editor: MunicipalityEditor) -> None:
        wanted = set(self.days())
        for day in editor.local_holidays():
            if day not in wanted:
                editor.remove_local_holiday(day)
        for day in sorted(wanted):
            editor.add_local_holiday(day)
