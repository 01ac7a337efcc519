"""The 「本庁・支所」 tab of the municipality parameters editor: the administrator ticks what a branch office
accepts, renames, adds and removes a branch office; the save writes a file the rule book loads, the audit
trail names the change, and a refused value shows its Japanese message and writes nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton, QStackedWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kakanai.paths import default_municipality_file
from kakanai.rules import RuleBook, load_rulebook
from kakanai.rules.municipality import load_municipality
from kakanai.rules.municipality_edit import AUDIT_ACTION, MunicipalityEditor
from kakanai.store.counter_recorder import SignedIn, StoreRecorder
from kakanai.store.schema import audit_events
from kakanai.ui.main_window import MainWindow
from kakanai.ui.municipality_dialog import MunicipalityDialog
from kakanai.ui.municipality_offices_tab import ASK_ID, ASK_NAME, OfficesTab
from kakanai.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import TODAY, WAIT_MS, click

ADMIN = SignedIn("admin", "管理　花子", "administrator", "管理者")
Notes = list[tuple[str, dict[str, Any]]]


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "municipality.yaml"
    shutil.copyfile(default_municipality_file(), target)
    return target


def _dialog(qtbot: QtBot, editor: MunicipalityEditor) -> MunicipalityDialog:
    dialog = MunicipalityDialog(editor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def notes() -> Notes:
    return []


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path, book: RuleBook, notes: Notes) -> Iterator[MunicipalityDialog]:
    """The real dialog on a real editor of a temporary copy of the default file (audit entries kept)."""
    target = _copy(tmp_path)
    editor = MunicipalityEditor(target, book, target=target, new_file=False, staff="admin",
                                note=lambda action, detail: notes.append((action, detail)), today=lambda: TODAY)
    d = _dialog(qtbot, editor)
    yield d
    d.close()


def _save(qtbot: QtBot, dialog: MunicipalityDialog) -> None:
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: "保存しました" in dialog.message.text(), timeout=WAIT_MS)


def _tab(dialog: MunicipalityDialog) -> OfficesTab:
    tab = dialog.findChild(OfficesTab)
    assert isinstance(tab, OfficesTab) and tab is dialog.offices
    return tab


def test_ticking_a_procedure_for_the_east_branch_is_saved_and_audited(
        qtbot: QtBot, window: MainWindow, counter_db: StoreRecorder, tmp_path: Path) -> None:
    counter_db.signed_in = ADMIN
    target = _copy(tmp_path)
    editor = MunicipalityEditor(target, window.services.book, target=target, new_file=False, staff="admin",
                                note=counter_db.note_admin_change, today=lambda: TODAY)
    dialog = _dialog(qtbot, editor)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "基本", "担当課・窓口", "パラメータ", "手続の利用", "本庁・支所", "市の休日"]
    dialog.tabs.setCurrentWidget(dialog.offices)
    tab = _tab(dialog)
    offices = dialog.findChild(QListWidget, "muni_offices")
    assert offices is not None
    assert [offices.item(i).text() for i in range(offices.count())] == ["本庁（本庁）", "東支所（支所）"]
    tab.select("branch_east")
    accepts = dialog.findChild(QListWidget, "muni_office_accepts")
    assert accepts is not None and accepts.isVisible()
    # Every procedure of the rule book, in its order, with its id; the accepted ones ticked.
    assert accepts.count() == len(editor.procedure_choices())
    assert accepts.item(0).text() == "住民異動届（resident_move_notice）"
    assert accepts.item(0).checkState() == Qt.CheckState.Checked
    claim = tab.accept_item("child_allowance_claim")
    assert claim.checkState() == Qt.CheckState.Unchecked
    claim.setCheckState(Qt.CheckState.Checked)
    _save(qtbot, dialog)

    east = load_municipality(target).offices["branch_east"]
    assert east.accepts is not None and "child_allowance_claim" in east.accepts
    assert east.accepts == frozenset(editor.office("branch_east").accepts)
    assert len(east.accepts) == 18 and target.with_name("municipality.yaml.bak").is_file()
    store = counter_db.store.store
    with store.engine.connect() as conn:
        rows = conn.execute(select(audit_events).where(audit_events.c.action == AUDIT_ACTION)).all()
    assert [(r.staff, r.detail["changed"]) for r in rows] == [("admin", ["offices.branch_east.accepts"])]
    dialog.close()


def test_the_main_office_accepts_everything_and_cannot_be_removed(dialog: MunicipalityDialog) -> None:
    tab = _tab(dialog)
    dialog.tabs.setCurrentWidget(tab)
    tab.select("main")
    pages = dialog.findChild(QStackedWidget, "muni_office_pages")
    note = dialog.findChild(QLabel, "muni_office_main_note")
    remove = dialog.findChild(QPushButton, "muni_office_remove")
    assert pages is not None and note is not None and remove is not None
    assert pages.currentWidget() is note and note.text() == "本庁ではすべての手続を受け付けます"
    assert not remove.isEnabled()
    tab.select("branch_east")
    assert pages.currentWidget() is not note and remove.isEnabled()


def test_select_all_and_clear_all(qtbot: QtBot, dialog: MunicipalityDialog, notes: Notes) -> None:
    tab = _tab(dialog)
    dialog.tabs.setCurrentWidget(tab)
    tab.select("branch_east")
    click(qtbot, dialog.findChild(QPushButton, "muni_office_accepts_all"))
    assert len(tab.working["branch_east"].accepts) == len(tab.choices)
    click(qtbot, dialog.findChild(QPushButton, "muni_office_accepts_none"))
    assert tab.working["branch_east"].accepts == ()
    assert all(tab.accepts.item(i).checkState() == Qt.CheckState.Unchecked for i in range(tab.accepts.count()))
    _save(qtbot, dialog)
    assert load_municipality(dialog.editor.target).offices["branch_east"].accepts == frozenset()
    assert notes == [(AUDIT_ACTION, {"file": "municipality.yaml", "sha256": notes[0][1]["sha256"],
                                     "changed": ["offices.branch_east.accepts"]})]


def test_a_branch_office_added_renamed_and_another_removed(qtbot: QtBot, dialog: MunicipalityDialog,
                                                          notes: Notes) -> None:
    tab = _tab(dialog)
    dialog.tabs.setCurrentWidget(tab)
    answers = iter(["West", "西支所", "branch_west", "西支所"])
    asked: list[str] = []

    def ask(title: str, label: str) -> str | None:
        assert title == "支所を追加"
        asked.append(label)
        return next(answers)

    tab.ask_text = ask
    click(qtbot, dialog.findChild(QPushButton, "muni_office_add"))
    assert asked == [ASK_ID, ASK_NAME]
    assert "支所のID「West」は使えません" in tab.message.text() and "branch_west" not in tab.working
    click(qtbot, dialog.findChild(QPushButton, "muni_office_add"))
    assert tab.current_id() == "branch_west" and tab.list.currentItem().text() == "西支所（支所）"
    tab.accept_item("certificate_request").setCheckState(Qt.CheckState.Checked)
    name = dialog.findChild(QLineEdit, "muni_office_name")
    assert name is not None and name.text() == "西支所"
    name.setText("西部支所")  # Japanese text: set, not typed key by key
    assert tab.list.currentItem().text() == "西部支所（支所）"

    questions: list[str] = []

    def confirm(title: str, question: str) -> bool:
        assert title == "支所を削除"
        questions.append(question)
        return len(questions) > 1  # declined the first time, confirmed the second

    tab.confirm = confirm
    tab.select("branch_east")
    click(qtbot, tab.remove_button)
    assert "東支所（branch_east）を削除しますか" in questions[0] and "branch_east" in tab.working  # declined
    click(qtbot, tab.remove_button)
    assert "branch_east" not in tab.working and tab.list.count() == 2
    _save(qtbot, dialog)

    m = load_municipality(dialog.editor.target)
    assert list(m.offices) == ["main", "branch_west"]
    assert m.offices["branch_west"].name == "西部支所"
    assert m.offices["branch_west"].accepts == frozenset({"certificate_request"})
    assert notes[0][1]["changed"] == ["offices.branch_east.removed", "offices.branch_west.added"]


def test_a_refused_name_shows_the_message_and_writes_nothing(qtbot: QtBot, dialog: MunicipalityDialog,
                                                            notes: Notes) -> None:
    before = dialog.editor.target.read_bytes()
    tab = _tab(dialog)
    tab.select("branch_east")
    tab.accept_item("child_allowance_claim").setCheckState(Qt.CheckState.Checked)
    tab.name.setText(" ")
    tab.select("main")
    click(qtbot, dialog.save_button)
    assert "庁舎 branch_east: 名前を入力してください" in dialog.message.text()
    assert tab.current_id() == "branch_east"  # the refused office in view
    assert dialog.saved is None and notes == [] and dialog.editor.target.read_bytes() == before
    tab.name.setText("東部支所")
    _save(qtbot, dialog)
    east = load_municipality(dialog.editor.target).offices["branch_east"]
    assert east.name == "東部支所" and "child_allowance_claim" in (east.accepts or ())


def test_the_office_this_counter_uses_cannot_be_removed(qtbot: QtBot, window: MainWindow,
                                                        counter_db: StoreRecorder) -> None:
    """Opened from the settings of a counter at 東支所: removing it is refused before any question."""
    counter_db.signed_in = ADMIN
    window.update_settings(replace(window.services.settings, office="branch_east"))
    window.open_settings()
    settings = window.settings_dialog
    assert isinstance(settings, SettingsDialog)
    click(qtbot, settings.edit_municipality)
    dialog = settings.municipality_dialog
    assert isinstance(dialog, MunicipalityDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    tab = _tab(dialog)
    dialog.tabs.setCurrentWidget(tab)
    asked: list[str] = []
    tab.confirm = lambda title, question: asked.append(question) is None
    tab.select("branch_east")
    click(qtbot, tab.remove_button)
    assert "東支所はこの窓口端末の設定（庁舎）で使われているため削除できません" in tab.message.text()
    assert asked == [] and "branch_east" in tab.working and tab.list.count() == 2
    dialog.close()
    settings.reject()
