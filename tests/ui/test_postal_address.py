"""The household's new address from a 郵便番号 typed into the address field (issue 17 "Less typing")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, one_typed_resident_answered, type_japanese


def _inputs(window: MainWindow, qtbot: QtBot) -> None:
    """On the inputs step, the phone (the page opens on it) left empty with Enter: on to the address."""
    one_typed_resident_answered(window)
    window.session.go(Step.INPUTS)
    phone = window.inputs_page.editors[("phone", None)]
    qtbot.waitUntil(phone.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(phone, Qt.Key.Key_Return)


def test_one_town_fills_the_address_and_the_clerk_types_the_banchi(qtbot: QtBot, window: MainWindow) -> None:
    _inputs(window, qtbot)
    address = window.inputs_page.editors[("address", None)]
    qtbot.waitUntil(address.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(address, "060-0001")
    qtbot.keyClick(address, Qt.Key.Key_Return)
    assert address.text() == "北海道札幌市中央区北一条西" and address.hasFocus()
    assert address.cursorPosition() == len(address.text())
    assert window.session.household.address == "北海道札幌市中央区北一条西"
    type_japanese(qtbot, address, "１０丁目１番地")
    qtbot.keyClick(address, Qt.Key.Key_Return)
    assert window.session.household.address == "北海道札幌市中央区北一条西１０丁目１番地"
    assert not address.hasFocus()  # Enter moved on to the next input


def test_several_towns_are_offered_and_a_bad_code_is_named(qtbot: QtBot, window: MainWindow) -> None:
    _inputs(window, qtbot)
    page = window.inputs_page
    address = page.editors[("address", None)]
    qtbot.waitUntil(address.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(address, "4520961")
    qtbot.keyClick(address, Qt.Key.Key_Return)
    assert page.postal is not None
    popup = page.postal.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    assert popup.model().rowCount() == 66
    assert page.status.text() == "〒452-0961 には町域が66件あります。該当する町域を選んでください"
    assert window.session.household.address == ""  # the digits are never stored as the address
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert address.text() == "愛知県清須市春日明河原" == window.session.household.address
    assert page.status.text() == ""
    address.clear()
    qtbot.keyClicks(address, "0000000")
    qtbot.keyClick(address, Qt.Key.Key_Return)
    assert page.status.text() == "郵便番号 000-0000 は日本郵便のデータにありません。番号をご確認ください"
    assert address.hasFocus()
