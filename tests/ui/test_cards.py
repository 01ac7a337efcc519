"""Reading members from the simulated card: the PIN pad, a wrong PIN then the right one, the last try,
a locked card and 照合番号B, a card pulled out mid-read. The UI thread never blocks on the card."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.card.simulator import Faults
from kakanai.model import LifeEvent
from kakanai.model.members import MemberSource
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pin_dialog import MatchBDialog, PinPadDialog
from tests.ui.conftest import WAIT_MS, click, enter_pin, lift_card, pin_dialog, place_card, wait_read_done


def start(window: MainWindow, event: LifeEvent = LifeEvent.MOVING_IN) -> None:
    window.event_page.choose(event)
    assert window.session.step is Step.MEMBERS


def test_placing_a_card_reads_it_after_the_pin(qtbot: QtBot, window: MainWindow) -> None:
    start(window)
    assert window.reader_status.state == "ready"
    place_card(window, "山田太郎")
    dialog = enter_pin(qtbot, window, "1234")
    assert "残り3回" in dialog.tries_label.text()
    qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=WAIT_MS)
    member = window.session.members[0]
    assert member.person.name == "山田　太郎" and member.source is MemberSource.CARD
    assert window.members_page.table.item(0, 0).text() == "山田　太郎"
    assert "読み取りました" in window.members_page.card_message.text()
    assert window.reader_status.state == "card_present"
    lift_card(window)
    qtbot.waitUntil(lambda: window.reader_status.state == "ready", timeout=WAIT_MS)


def test_wrong_pin_then_the_right_one(qtbot: QtBot, window: MainWindow) -> None:
    start(window)
    place_card(window, "山田花子")
    enter_pin(qtbot, window, "0000")
    wait_read_done(qtbot, window)
    assert window.session.members == ()
    text = window.members_page.card_message.text()
    assert "暗証番号が違います。残り2回です。" in text and "自動では再試行しません" in text
    # Never retried automatically: the clerk asks again; the pad shows the tries left before sending.
    assert window.card.active_dialog is None
    click(qtbot, window.members_page.read_button)
    dialog = enter_pin(qtbot, window, "5678")
    assert "残り2回" in dialog.tries_label.text()
    qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=WAIT_MS)


def test_the_last_try_needs_an_explicit_confirmation(qtbot: QtBot, window: MainWindow) -> None:
    start(window)
    place_card(window, "齋藤和子")
    dialog = pin_dialog(qtbot, window)
    assert isinstance(dialog, PinPadDialog)
    assert "残り1回です。間違えるとロックされます。" in dialog.tries_label.text()
    qtbot.keyClicks(dialog, "1357")
    click(qtbot, dialog.send_button)
    assert dialog.isVisible() and dialog.confirm_panel.isVisible()  # nothing sent yet
    assert window.services.simulator is not None and window.services.simulator.card is not None
    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=WAIT_MS)


def test_cancelling_the_pin_sends_nothing(qtbot: QtBot, window: MainWindow) -> None:
    start(window)
    place_card(window, "山田太郎")
    dialog = pin_dialog(qtbot, window)
    click(qtbot, dialog.findChild(type(dialog.send_button), "pin_cancel"))
    wait_read_done(qtbot, window)
    assert "取り消されました" in window.members_page.card_message.text()
    assert window.session.members == ()


def test_a_locked_card_is_refused_then_read_with_match_b(qtbot: QtBot, window: MainWindow) -> None:
    start(window)
    place_card(window, "鈴木一郎")
    wait_read_done(qtbot, window)
    assert window.card.active_dialog is None  # no PIN pad for a locked card
    assert "ロックされています" in window.members_page.card_message.text()
    click(qtbot, window.members_page.match_b_button)
    dialog = pin_dialog(qtbot, window)
    assert isinstance(dialog, MatchBDialog)
    from datetime import date

    dialog.set_values(date(1970, 1, 1), 2031, "1234")
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=WAIT_MS)
    assert window.session.members[0].source is MemberSource.MATCH_B


def test_a_card_pulled_out_mid_read_leaves_no_half_filled_person(qtbot: QtBot, window: MainWindow) -> None:
    start(window)
    assert window.services.demo is not None
    slow = replace(window.services.demo.card("山田太郎").profile, faults=Faults(delay_ms=150))
    place_card(window, slow)
    enter_pin(qtbot, window, "1234")
    qtbot.waitUntil(lambda: window.reader_status.state == "reading", timeout=WAIT_MS)
    lift_card(window)
    wait_read_done(qtbot, window)
    assert window.session.members == ()
    assert "読み取り中にカードが外されました" in window.members_page.card_message.text()
    assert window.members_page.table.rowCount() == 0


def test_the_window_stays_responsive_during_a_slow_read(qtbot: QtBot, window: MainWindow) -> None:
    start(window)
    assert window.services.demo is not None
    slow = replace(window.services.demo.card("山田太郎").profile, faults=Faults(delay_ms=100))
    place_card(window, slow)
    enter_pin(qtbot, window, "1234")
    ticks: list[int] = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=WAIT_MS)
    timer.stop()
    assert len(ticks) >= 5  # the event loop kept running while the card answered


def test_a_typed_member_is_corrected_and_a_card_member_only_gets_kana(qtbot: QtBot, window: MainWindow) -> None:
    from datetime import date

    from kakanai.model import Sex
    from tests.ui.conftest import type_japanese

    start(window)
    window.session.add_member_typed(name="山田　高志", birth_date=date(2023, 1, 11), sex=Sex.MALE)
    page = window.members_page
    page.edit_row(0)
    qtbot.waitUntil(lambda: page.member_dialog is not None, timeout=WAIT_MS)
    dialog = page.member_dialog
    assert dialog is not None
    dialog.name.clear()
    type_japanese(qtbot, dialog.name, "山田　髙志")
    dialog.birth.setText("R5.1.10")
    click(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: page.member_dialog is None, timeout=WAIT_MS)
    person = window.session.members[0].person
    assert person.name == "山田　髙志" and person.birth_date == date(2023, 1, 10)
    place_card(window, "山田太郎")
    enter_pin(qtbot, window, "1234")
    qtbot.waitUntil(lambda: len(window.session.members) == 2, timeout=WAIT_MS)
    page.edit_row(1)
    qtbot.waitUntil(lambda: page.member_dialog is not None, timeout=WAIT_MS)
    dialog = page.member_dialog
    assert dialog is not None and dialog.name.isReadOnly()
    type_japanese(qtbot, dialog.kana, "やまだ　たろう")
    click(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: page.member_dialog is None, timeout=WAIT_MS)
    assert window.session.members[1].person.name_kana == "ヤマダ　タロウ"
    assert window.session.members[1].person.name == "山田　太郎"
