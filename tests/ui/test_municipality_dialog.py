"""The administrator edits the municipality parameters from the settings (issue 7): only an administrator
may, the save goes to the config folder (the bundled default is never written) and the settings point
there, the audit trail names the administrator, and a wrong edit writes nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kakanai.app.settings import config_dir
from kakanai.paths import default_municipality_file
from kakanai.rules.municipality import load_municipality
from kakanai.rules.municipality_edit import AUDIT_ACTION
from kakanai.store.counter_recorder import SignedIn, StoreRecorder
from kakanai.store.schema import audit_events
from kakanai.ui.main_window import MainWindow
from kakanai.ui.municipality_dialog import MunicipalityDialog
from kakanai.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import WAIT_MS, click

ADMIN = SignedIn("admin", "管理　花子", "administrator", "管理者")
CLERK = SignedIn("tanaka", "田中　一郎", "clerk", "窓口職員")


def _settings(window: MainWindow) -> SettingsDialog:
    window.open_settings()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    return dialog


def _editor(qtbot: QtBot, window: MainWindow) -> tuple[SettingsDialog, MunicipalityDialog]:
    settings = _settings(window)
    assert settings.edit_municipality.isEnabled()
    click(qtbot, settings.edit_municipality)
    editor = settings.municipality_dialog
    assert isinstance(editor, MunicipalityDialog)
    qtbot.waitUntil(editor.isVisible, timeout=WAIT_MS)
    return settings, editor


def test_only_an_administrator_opens_the_editor(window: MainWindow, counter_db: StoreRecorder) -> None:
    counter_db.signed_in = CLERK
    dialog = _settings(window)
    assert dialog.edit_municipality.text() == "市町村パラメータを編集…"
    assert not dialog.edit_municipality.isEnabled()
    dialog.reject()
    counter_db.signed_in = ADMIN
    dialog = _settings(window)
    assert dialog.edit_municipality.isEnabled()
    dialog.reject()


def test_the_administrator_changes_a_counter_and_a_parameter(qtbot: QtBot, window: MainWindow,
                                                            counter_db: StoreRecorder) -> None:
    counter_db.signed_in = ADMIN
    default_before = default_municipality_file().read_bytes()
    settings, editor = _editor(qtbot, window)
    assert [editor.tabs.tabText(i) for i in range(editor.tabs.count())] == [
        "基本", "担当課・窓口", "パラメータ", "手続の利用", "本庁・支所", "市の休日"]
    row = editor.departments.row_of("citizen")
    item = editor.departments.table.item(row, 2)
    assert item is not None and item.text() == "1番窓口"
    item.setText("2番窓口")
    spin = editor.findChild(QSpinBox, "muni_param_value_retention_days")
    since = editor.findChild(QDateEdit, "muni_param_from_retention_days")
    assert spin is not None and since is not None and spin.value() == 30
    assert since.date() == QDate(2026, 4, 10)  # today by default
    spin.setValue(60)
    since.setDate(QDate(2026, 5, 1))
    large = editor.findChild(QCheckBox, "muni_param_value_large_print_guidance")
    assert large is not None and not large.isChecked()  # untouched: not written
    editor.procedures.item_for("water_service").setCheckState(Qt.CheckState.Unchecked)
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: "再起動" in editor.message.text(), timeout=WAIT_MS)
    assert "保存しました" in editor.message.text() and editor.saved is not None

    path = config_dir() / "municipality.yaml"
    assert editor.saved.path == path and path.is_file()
    assert window.services.settings.municipality_file == str(path)
    assert settings.municipality.text() == str(path)  # saving the settings afterwards keeps it
    assert default_municipality_file().read_bytes() == default_before
    m = load_municipality(path)
    assert m.departments["citizen"].counter == "2番窓口"
    assert m.params["retention_days"].on(date(2026, 4, 30)) == 30
    assert m.params["retention_days"].on(date(2026, 5, 1)) == 60
    assert m.params["large_print_guidance"].changes == ((date(1989, 1, 8), False),)
    assert not m.overrides["water_service"].enabled

    store = counter_db.store.store
    assert store.verify_audit().ok
    with store.engine.connect() as conn:
        rows = conn.execute(select(audit_events).where(audit_events.c.action == AUDIT_ACTION)).all()
    assert [r.staff for r in rows] == ["admin"]
    assert rows[0].detail["changed"] == ["departments.citizen", "params.retention_days@2026-05-01",
                                         "procedures.water_service.enabled"]
    editor.reject()
    settings.accept()
    assert window.services.settings.municipality_file == str(path)


def test_a_wrong_edit_shows_the_error_and_writes_nothing(qtbot: QtBot, window: MainWindow,
                                                        counter_db: StoreRecorder) -> None:
    counter_db.signed_in = ADMIN
    settings, editor = _editor(qtbot, window)
    row = editor.departments.row_of("tax")
    item = editor.departments.table.item(row, 1)
    assert item is not None
    item.setText("")
    click(qtbot, editor.save_button)
    assert "担当課 tax: 名前を入力してください" in editor.message.text()
    assert editor.saved is None and not (config_dir() / "municipality.yaml").exists()
    assert window.services.settings.municipality_file == ""
    click(qtbot, editor.cancel_button)
    assert not editor.isVisible() and not (config_dir() / "municipality.yaml").exists()
    settings.reject()
