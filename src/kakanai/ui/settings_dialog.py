"""Settings of this counter PC: municipality parameters file, office (本庁/支所), counter name, printer,
database, card reader, camera, display (text size, high contrast) and the idle time. Stored per machine
(kakanai.app.settings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.settings import MAX_FONT_SCALE, MIN_FONT_SCALE, CounterSettings
from kakanai.ui.printing import default_printer, printer_in_use
from kakanai.ui.resident_screen import screen_choices
from kakanai.ui.widgets import ScrollingForm


class SettingsDialog(QDialog):
    def __init__(self, settings: CounterSettings, offices: list[tuple[str, str]], printers: list[str],
                 parent: QWidget | None = None, *, administrator: bool = True,
                 edit_municipality: Callable[[], QDialog | None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle("この窓口の設定")
        self._base = settings
        layout = QVBoxLayout(self)
        fields = QWidget()
        form = QFormLayout(fields)
        form.setContentsMargins(0, 0, 0, 0)
        self.municipality = QLineEdit(settings.municipality_file)
        self.municipality.setObjectName("settings_municipality")
        self.municipality.setPlaceholderText("空欄: 既定（resources/municipality/default.yaml）")
        browse = QPushButton("選ぶ…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.municipality, 1)
        row.addWidget(browse)
        form.addRow("市町村パラメータ", row)
        self._edit_municipality = edit_municipality
        self.municipality_dialog: QDialog | None = None
        self.edit_municipality = QPushButton("市町村パラメータを編集…")
        self.edit_municipality.setObjectName("settings_edit_municipality")
        self.edit_municipality.clicked.connect(self._open_municipality_editor)
        # Only the administrator changes the municipality's parameters (issue 7: roles).
        self.edit_municipality.setEnabled(administrator and edit_municipality is not None)
        form.addRow("", self.edit_municipality)
        self.office = QComboBox()
        self.office.setObjectName("settings_office")
        for office_id, name in offices:
            self.office.addItem(name, office_id)
        index = self.office.findData(settings.office)
        self.office.setCurrentIndex(max(index, 0))
        form.addRow("庁舎（本庁・支所）", self.office)
        self.counter = QLineEdit(settings.counter_name)
        self.counter.setObjectName("settings_counter")
        form.addRow("窓口の名前", self.counter)
        self.printer = QComboBox()
        self.printer.setObjectName("settings_printer")
        self.printer.setEditable(True)
        self.printer.addItems(printers)
        # Not set: the counter prints on the system's default printer, so that is what is shown (never blank).
        self.printer.setCurrentText(printer_in_use(settings.printer, default_printer(), printers))
        form.addRow("プリンター", self.printer)
        self.database = QLineEdit(settings.database)
        self.database.setObjectName("settings_database")
        self.database.setPlaceholderText("空欄: この端末のファイル（SQLite）。例: postgresql+psycopg://…")
        form.addRow("データベース", self.database)
        self.reader = QLineEdit(settings.reader)
        self.reader.setPlaceholderText("空欄: 最初のカードリーダー")
        form.addRow("カードリーダー", self.reader)
        self.camera = QSpinBox()
        self.camera.setRange(0, 9)
        self.camera.setValue(settings.camera_index)
        form.addRow("カメラ番号", self.camera)
        self.scale = QDoubleSpinBox()
        self.scale.setObjectName("settings_font_scale")
        self.scale.setRange(MIN_FONT_SCALE, MAX_FONT_SCALE)
        self.scale.setSingleStep(0.1)
        self.scale.setValue(settings.font_scale)
        form.addRow("文字の大きさ（倍）", self.scale)
        self.contrast = QCheckBox("高コントラスト（黒地に黄・白の文字）")
        self.contrast.setObjectName("settings_high_contrast")
        self.contrast.setChecked(settings.high_contrast)
        form.addRow("表示", self.contrast)
        self.idle = QDoubleSpinBox()
        self.idle.setObjectName("settings_idle")
        self.idle.setRange(0, 120)
        self.idle.setValue(settings.idle_minutes)
        self.idle.setSuffix(" 分（0: 消去しない）")
        form.addRow("操作がないとき受付を消去", self.idle)
        self.resident_screen = QComboBox()  # issue 19: the resident screen (kakanai.ui.resident_screen)
        self.resident_screen.setObjectName("settings_resident_screen")
        for value, label in screen_choices():
            self.resident_screen.addItem(label, value)
        self.resident_screen.setCurrentIndex(max(self.resident_screen.findData(settings.resident_screen), 0))
        form.addRow("住民画面", self.resident_screen)
        layout.addWidget(ScrollingForm(fields), 1)  # scrolls when cut to a small screen (fit_to_screen)
        if not administrator:
            # The municipality's parameters, the office and the shared database are the administrator's
            # (issue 7: roles); a clerk still sets the printer, the reader and the display.
            for widget in (self.municipality, browse, self.office, self.database):
                widget.setEnabled(False)
            note = QLabel("市町村パラメータ・庁舎・データベースは管理者がサインインしたときに変更できます")
            note.setObjectName("settings_admin_note")
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QHBoxLayout()
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        ok = QPushButton("保存")
        ok.setObjectName("settings_save")
        ok.setDefault(True)
        ok.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout.addLayout(buttons)

    def _open_municipality_editor(self) -> None:
        if self._edit_municipality is not None:
            self.municipality_dialog = self._edit_municipality()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "市町村パラメータのファイル", "", "YAML (*.yaml *.yml)")
        if path:
            self.municipality.setText(path)

    def settings(self) -> CounterSettings:
        office = self.office.currentData()
        return replace(
            self._base,
            municipality_file=self.municipality.text().strip(),
            office=str(office or ""),
            counter_name=self.counter.text().strip() or self._base.counter_name,
            printer=self.printer.currentText().strip(),
            database=self.database.text().strip(),
            reader=self.reader.text().strip(),
            camera_index=self.camera.value(),
            font_scale=round(self.scale.value(), 2),
            high_contrast=self.contrast.isChecked(),
            idle_minutes=self.idle.value(),
            resident_screen=str(self.resident_screen.currentData()),
        )
