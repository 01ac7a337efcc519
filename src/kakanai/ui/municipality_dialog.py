"""The administrator's editor of the municipality parameters (issue 7), opened from the settings.

The tabs (kakanai.ui.municipality_tabs) apply their changes to a MunicipalityEditor; 保存 validates
the whole rule book with the new file and writes it on a worker (the window never freezes on a slow
disk or a far database for the audit entry). The rule book is loaded once at start-up, so the new
parameters apply after a restart; the dialog says so. The offices tab is in
kakanai.ui.municipality_offices_tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import yaml
from PySide6.QtWidgets import QDialog, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from kakanai.app.ports import MunicipalityEditError, MunicipalityEditor, SavedParameters
from kakanai.app.settings import config_dir
from kakanai.ui.background import run_in_background
from kakanai.ui.municipality_offices_tab import OfficesTab
from kakanai.ui.municipality_tabs import DepartmentsTab, HolidaysTab, IdentityTab, ParamsTab, ProceduresTab
from kakanai.ui.widgets import button, message, open_dialog, set_role

if TYPE_CHECKING:
    from kakanai.ui.main_window import MainWindow
    from kakanai.ui.settings_dialog import SettingsDialog

RESTART_NOTE = "新しいパラメータは、アプリを再起動すると有効になります"


class MunicipalityDialog(QDialog):
    def __init__(self, editor: MunicipalityEditor, parent: QWidget | None = None, *,
                 on_saved: Callable[[SavedParameters], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("municipality_dialog")
        self.setWindowTitle("市町村パラメータの編集")
        self.editor = editor
        self.on_saved = on_saved
        self.saved: SavedParameters | None = None
        self.saving = False
        today = editor.today()
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("muni_tabs")
        self.identity = IdentityTab(editor)
        self.departments = DepartmentsTab(editor)
        self.params = ParamsTab(editor, today)
        self.procedures = ProceduresTab(editor, today)
        self.offices = OfficesTab(editor, today)
        self.holidays = HolidaysTab(editor, today)
        self.all_tabs: tuple[IdentityTab | DepartmentsTab | ParamsTab | ProceduresTab | OfficesTab | HolidaysTab, ...] = (
            self.identity, self.departments, self.params, self.procedures, self.offices, self.holidays)
        for tab, label in zip(self.all_tabs, ("基本", "担当課・窓口", "パラメータ", "手続の利用", "本庁・支所", "市の休日"),
                              strict=True):
            self.tabs.addTab(tab, label)
        layout.addWidget(self.tabs, 1)
        where = message("muni_target", "notice")
        where.setText(f"保存先: {editor.target}" + ("（新しく作成し、この窓口の設定をこのファイルに切り替えます）"
                                                   if editor.new_file and not editor.target.exists() else ""))
        layout.addWidget(where)
        self.message = message("muni_message")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = button("取消", "muni_cancel", self.reject)
        self.save_button = button("保存", "muni_save", self.save)
        self.save_button.setDefault(True)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.resize(900, 620)

    def _show(self, text: str, role: str = "warning") -> None:
        self.message.setText(text)
        set_role(self.message, role)

    def save(self) -> None:
        if self.saving:
            return
        try:
            for tab in self.all_tabs:
                tab.apply(self.editor)
        except MunicipalityEditError as exc:
            self._show(str(exc))
            return
        if not self.editor.changed:
            self._show("変更はありません", "notice")
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self._show("検証して保存しています…", "notice")
        run_in_background(self.editor.save, on_success=self._saved, on_failure=self._failed)

    def _saved(self, result: SavedParameters) -> None:
        self.saving = False
        self.saved = result
        self.save_button.setEnabled(True)
        self.cancel_button.setText("閉じる")
        text = f"保存しました（{result.path.name}）。{RESTART_NOTE}"
        if result.audit_problem:
            text += f"\n{result.audit_problem}"
        self._show(text, "warning" if result.audit_problem else "notice")
        if self.on_saved is not None:
            self.on_saved(result)

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, MunicipalityEditError):
            self._show(str(error))
        else:  # never a traceback for the administrator; the file was not replaced
            self._show(f"保存できません（{type(error).__name__}: {error}）")


def edit_municipality(window: MainWindow, settings_dialog: SettingsDialog) -> MunicipalityDialog | None:
    """Open the editor over the settings dialog for the file this counter uses. After a save into the
    config folder the counter settings (and the open settings dialog) point to the new file."""
    services = window.services
    recorder = services.store_recorder
    try:
        editor = MunicipalityEditor.for_counter(
            services.book, services.settings.municipality_file, staff=(recorder.staff or "") if recorder else "",
            # Recording to a file (no database): there is no audit trail to write to.
            note=recorder.note_admin_change if recorder is not None else None, today=services.today,
            counter_office=services.settings.office, config_folder=config_dir())
    except (OSError, yaml.YAMLError, MunicipalityEditError) as exc:
        window.notify(f"市町村パラメータを開けません（{exc}）", warning=True)
        return None

    def saved(result: SavedParameters) -> None:
        if result.settings_must_point_here and services.settings.municipality_file != str(result.path):
            window.update_settings(replace(services.settings, municipality_file=str(result.path)))
            settings_dialog.municipality.setText(str(result.path))

    dialog = MunicipalityDialog(editor, settings_dialog, on_saved=saved)
    open_dialog(dialog)
    return dialog
