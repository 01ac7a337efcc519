"""Issue 17, "Less typing" on the members step: the 世帯主 is chosen with one key, the other members' 続柄
are proposed (marked 「提案」, not a value yet) and one Enter confirms them all; after the last member the
focus is on the next choice by itself (the deceased, then the 続柄), never a default subject."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pages.members_page import PROPOSAL_NOTE, UNCHOSEN
from tests.ui.conftest import WAIT_MS, enter_pin, lift_card, phone_pad, place_card, wait_step


def box(window: MainWindow, member_id: str) -> QComboBox:
    found = window.members_page.findChild(QComboBox, f"relationship_{member_id}")
    assert found is not None
    return found


def _family(window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    s = window.session
    s.add_member_typed(name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE)
    s.add_member_typed(name="山田　花子", birth_date=date(1987, 11, 3), sex=Sex.FEMALE)
    s.add_member_typed(name="山田　𠮷子", birth_date=date(2018, 9, 20), sex=Sex.FEMALE)
    s.add_member_typed(name="佐藤　一郎", birth_date=date(1960, 1, 1), sex=Sex.MALE)  # another family name


def relationships(window: MainWindow) -> list[object]:
    return [m.person.facts.get("relationship") for m in window.session.members]


def test_the_head_then_one_enter_confirms_every_proposal(qtbot: QtBot, window: MainWindow) -> None:
    _family(window)
    page = window.members_page
    assert page.focus_relationship()
    assert [box(window, p).itemText(0) for p in ("p2", "p3", "p4")] == [UNCHOSEN] * 3  # no 世帯主: no proposal
    qtbot.keyClicks(box(window, "p1"), "1")  # 世帯主: one key, chosen explicitly
    assert QApplication.focusWidget() is box(window, "p2")
    # Proposals are shown in the place of 「選んでください」, in the 住民票's words, and are not values yet.
    assert [box(window, p).itemText(0) for p in ("p2", "p3", "p4")] == [
        "提案 妻（Enter で確定）", "提案 子（Enter で確定）", UNCHOSEN]
    assert [box(window, p).currentIndex() for p in ("p2", "p3", "p4")] == [0, 0, 0]
    assert relationships(window) == ["head", None, None, None]
    assert page.card_message.text() == PROPOSAL_NOTE
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)  # going on is still held: nothing was confirmed
    assert window.session.step is Step.MEMBERS

    box(window, "p2").setFocus()
    qtbot.keyClick(box(window, "p2"), Qt.Key.Key_Return)  # one Enter: every proposal
    assert relationships(window) == ["head", "spouse", "child", None]
    assert [box(window, p).currentText() for p in ("p2", "p3")] == ["2 配偶者", "3 子"]
    # The member without a proposal must be chosen: the clerk is put on it.
    assert QApplication.focusWidget() is box(window, "p4")
    assert box(window, "p4").itemText(0) == UNCHOSEN
    qtbot.keyClick(box(window, "p4"), Qt.Key.Key_Return)  # no proposal left: Enter chooses nothing
    assert relationships(window) == ["head", "spouse", "child", None]
    qtbot.keyClicks(box(window, "p4"), "5")
    assert relationships(window) == ["head", "spouse", "child", "other"]
    assert QApplication.focusWidget() is page.identity


def test_a_number_key_overrides_one_proposal(qtbot: QtBot, window: MainWindow) -> None:
    _family(window)
    assert window.members_page.focus_relationship()
    qtbot.keyClicks(box(window, "p1"), "1")
    qtbot.keyClicks(box(window, "p2"), "5")  # not his wife: その他; the focus goes on to p3's proposal
    assert QApplication.focusWidget() is box(window, "p3")
    assert box(window, "p2").itemText(0) == UNCHOSEN
    qtbot.keyClick(box(window, "p3"), Qt.Key.Key_Return)
    assert relationships(window) == ["head", "other", "child", None]


def test_after_the_last_card_the_deceased_choice_has_the_focus(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_5)  # おくやみ
    wait_step(qtbot, window, Step.MEMBERS)
    window.session.add_member_typed(name="渡邊　髙雄", birth_date=date(1938, 3, 3), sex=Sex.MALE)
    place_card(window, "渡邊ハツ")
    enter_pin(qtbot, window, "2580")
    qtbot.waitUntil(lambda: len(window.session.members) == 2, timeout=WAIT_MS)
    phone_pad(qtbot, window)
    lift_card(window)
    first = window.members_page.findChild(QPushButton, "subject_p1")
    assert first is not None
    qtbot.waitUntil(first.hasFocus, timeout=WAIT_MS)  # no click needed, and still nobody chosen
    assert window.session.subject is None and not first.isChecked()
    box(window, "p1").setFocus()
    qtbot.keyClicks(box(window, "p1"), "1")  # the 世帯主 chosen before the deceased: the deceased is asked first
    assert window.members_page.card_message.text() == "亡くなった方を選んでください（上のボタン、または数字キーで選びます）"
    assert QApplication.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_1)
    assert window.session.subject == ("p1",)
    assert window.members_page.card_message.text() == PROPOSAL_NOTE
    qtbot.waitUntil(box(window, "p2").hasFocus, timeout=WAIT_MS)  # then the 続柄 still open
    qtbot.keyClick(box(window, "p2"), Qt.Key.Key_Return)  # his widow: 妻 proposed, one Enter
    assert relationships(window) == ["head", "spouse"]
