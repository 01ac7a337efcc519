"""Rough edges a clerk met (issue 17 problem 9): the focus at start, the printer in the settings, no
internal id or English word on screen."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from kakanai.app.settings import CounterSettings
from kakanai.app.workflow import Step
from kakanai.ui.main_window import MainWindow
from kakanai.ui.municipality_dialog import edit_municipality
from kakanai.ui.municipality_tabs import ParamsTab
from kakanai.ui.pages.event_page import EVENT_ORDER
from kakanai.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import WAIT_MS, one_typed_resident_answered

ENGLISH_OR_ID = re.compile(r"\b(?:true|false|None|[a-z]+_[a-z_]+)\b")


def test_the_first_life_event_has_the_focus_at_start(qtbot: QtBot, window: MainWindow) -> None:
    first = window.event_page.buttons[EVENT_ORDER[0]]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=WAIT_MS)


def test_the_settings_show_the_printer_the_counter_prints_on(qtbot: QtBot, window: MainWindow) -> None:
    dialog = SettingsDialog(replace(CounterSettings(), printer=""), [], ["PDF", "Other"], window)
    qtbot.addWidget(dialog)
    in_use = window.preview_page.printer.currentText()
    assert in_use == "PDF" and dialog.printer.currentText() == in_use
    assert dialog.settings().printer == "PDF"


def test_a_removed_procedure_is_named_by_its_title(qtbot: QtBot, window: MainWindow) -> None:
    one_typed_resident_answered(window)
    window.session.go(Step.PLAN)
    window.session.remove_procedure("resident_move_notice", None, "住民の方が後日あらためて手続する")
    text = window.plan_page.removed.text()
    assert text == "外した手続: 住民異動届（世帯）: 住民の方が後日あらためて手続する"
    assert ENGLISH_OR_ID.search(window.plan_page.heading.text() + text) is None


def test_no_parameter_label_shows_true_or_an_id(qtbot: QtBot, window: MainWindow) -> None:
    window.open_settings()
    settings = window.settings_dialog
    assert isinstance(settings, SettingsDialog)
    editor = edit_municipality(window, settings)
    assert editor is not None
    tab = editor.findChild(ParamsTab)
    assert tab is not None
    table = tab.findChild(QTableWidget, "muni_params")
    assert table is not None and table.rowCount() >= 5
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]  # type: ignore[union-attr]
    assert [label for label in labels if ENGLISH_OR_ID.search(label)] == []
    assert "死亡届の受理で世帯主を自動的に変更する（「はい」なら世帯主変更届は案内のみ）" in labels
    editor.reject()
