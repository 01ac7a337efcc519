"""続柄 at the members step (issue 15): every member, whatever the path (card, typed, QR), gets a
relationship to the 世帯主 chosen with the keyboard, and the 世帯主 is chosen explicitly; the 住民異動届
then prints it instead of an empty column."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, start_with_card

LABELS = ["（選んでください）", "1 世帯主（本人）", "2 配偶者", "3 子", "4 父母", "5 その他"]


def box(window: MainWindow, member_id: str) -> QComboBox:
    found = window.members_page.findChild(QComboBox, f"relationship_{member_id}")
    assert found is not None
    return found


def test_the_head_and_every_relationship_chosen_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    start_with_card(qtbot, window)  # 転入, 山田 太郎
    window.session.add_member_typed(name="山田　陽", birth_date=date(2020, 5, 1), sex=Sex.MALE)
    first = box(window, "p1")
    assert [first.itemText(i) for i in range(first.count())] == LABELS
    assert first.currentIndex() == 0 and window.members_page.table.horizontalHeaderItem(1).text() == "続柄"

    # Enter asks for the 世帯主 first, and the clerk is put on the first member's choice.
    qtbot.keyClick(window.members_page.next_button, Qt.Key.Key_Return)
    assert window.session.step is Step.MEMBERS
    assert window.window_message.text() == "世帯主を選んでください（続柄の欄で「世帯主（本人）」を選びます）"
    assert window.members_page.focus_relationship()
    qtbot.waitUntil(first.hasFocus, timeout=WAIT_MS)

    qtbot.keyClick(first, Qt.Key.Key_Down)  # 世帯主（本人）
    assert window.session.member("p1").person.facts["relationship"] == "head"
    assert first.hasFocus()  # kept across the refresh: the clerk goes on with Tab
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    second = box(window, "p2")
    qtbot.waitUntil(second.hasFocus, timeout=WAIT_MS)
    for _ in range(3):
        qtbot.keyClick(second, Qt.Key.Key_Down)  # 子
    assert second.currentText() == "3 子"
    assert [m.person.facts["relationship"] for m in window.session.members] == ["head", "child"]
    assert window.session.blocker(Step.INTERVIEW) is None
    qtbot.keyClick(window.members_page.next_button, Qt.Key.Key_Return)
    assert window.session.step in (Step.INTERVIEW, Step.PLAN)
    assert ("relationship", "p1") not in {(q.fact, q.person) for q in window.session.questions}


def test_two_heads_are_said_not_silently_changed(qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    window.session.add_member_typed(name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE)
    window.session.add_member_typed(name="山田　花子", birth_date=date(1987, 11, 3), sex=Sex.FEMALE)
    first, second = box(window, "p1"), box(window, "p2")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    second.setFocus()
    qtbot.keyClick(second, Qt.Key.Key_Down)  # passing 世帯主 on the way down
    assert first.currentText() == second.currentText() == "1 世帯主（本人）"
    assert window.members_page.card_message.text() == "世帯主は1人だけ選んでください（山田　太郎、山田　花子）"
    qtbot.keyClick(second, Qt.Key.Key_Down)
    window.session.set_identity(IdentityDocument.DRIVERS_LICENSE)
    assert second.currentText() == "2 配偶者" and window.session.blocker(Step.INTERVIEW) is None
    assert QApplication.focusWidget() is second


def test_a_number_key_chooses_and_goes_on(qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    window.session.add_member_typed(name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE)
    window.session.add_member_typed(name="山田　花子", birth_date=date(1987, 11, 3), sex=Sex.FEMALE)
    assert window.members_page.focus_relationship()
    qtbot.keyClicks(box(window, "p1"), "1")
    assert QApplication.focusWidget() is box(window, "p2")
    qtbot.keyClicks(box(window, "p2"), "2")
    # Typed members: 本人確認 is asked next, with the same number keys (2 運転免許証), then 「次へ」.
    identity = window.members_page.identity
    assert QApplication.focusWidget() is identity
    assert [identity.itemText(i) for i in range(identity.count())] == [
        "（選んでください）", "1 マイナンバーカード", "2 運転免許証", "3 パスポート", "4 在留カード・特別永住者証明書", "5 その他"]
    assert window.session.blocker(Step.INTERVIEW) == "本人確認書類を選んでください（来庁者の欄の「本人確認」）"
    qtbot.keyClicks(identity, "2")
    assert window.session.log.identity is IdentityDocument.DRIVERS_LICENSE
    assert QApplication.focusWidget() is window.members_page.next_button
    assert [m.person.facts["relationship"] for m in window.session.members] == ["head", "spouse"]
