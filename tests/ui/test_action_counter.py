"""The window's count of clerk actions (kakanai.ui.actions, issue 17): a shortcut key (F4, F6, Ctrl+Enter,
Ctrl+P) is one key like any other, a chord with Ctrl is one key, not two, and a click is one click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, wait_step


def test_shortcut_keys_and_chords_count_once_each(qtbot: QtBot, window: MainWindow) -> None:
    counter = window.actions_counter
    counter.reset()
    qtbot.keyClick(window, Qt.Key.Key_1)  # 転入: a plain key
    wait_step(qtbot, window, Step.MEMBERS)
    assert counter.summary() == {"clicks": 0, "keys": 1, "ime_commits": 0, "ime_chars": 0, "total": 1}
    qtbot.keyClick(window, Qt.Key.Key_F4)  # a shortcut: the typed-member dialog
    qtbot.waitUntil(lambda: window.members_page.member_dialog is not None, timeout=WAIT_MS)
    assert counter.keys == 2
    dialog = window.members_page.member_dialog
    assert dialog is not None
    dialog.reject()
    qtbot.waitUntil(lambda: window.members_page.member_dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter: one key
    assert counter.keys == 3
    qtbot.mouseClick(window.members_page.remove_button, Qt.MouseButton.LeftButton)  # nobody selected: no change
    assert (counter.clicks, counter.total) == (1, 4)
