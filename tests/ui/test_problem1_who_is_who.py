"""Issue 17, problem 1: the wrong person marked as deceased. Nobody is the subject by default: reading the
widow's card first (the demo's own order) must not make her the deceased. The choice is a large button per
member, reached with Tab and chosen with its number key, and a summary line says who it is before the
interview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import LifeEvent
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pages.subject_choice import SUBJECT_BUTTON_HEIGHT
from tests.ui.conftest import (
    HEAD,
    SPOUSE,
    WAIT_MS,
    choose_relationships,
    enter_pin,
    lift_card,
    phone_pad,
    place_card,
    wait_step,
)


def subject_button(window: MainWindow, member_id: str) -> QPushButton:
    found = window.members_page.findChild(QPushButton, f"subject_{member_id}")
    assert found is not None
    return found


def test_problem1_reading_the_widows_card_first_does_not_make_her_the_deceased(
        qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_5)  # おくやみ
    wait_step(qtbot, window, Step.MEMBERS)
    assert window.session.event is LifeEvent.DEATH
    place_card(window, "渡邊ハツ")  # the widow's card first, as the demo tray orders it
    enter_pin(qtbot, window, "2580")
    qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=WAIT_MS)
    phone_pad(qtbot, window, "0111234567")  # the widow's number, typed by her before the deceased is chosen
    assert window.session.form_inputs["phone"] == "0111234567"
    lift_card(window)
    assert window.session.subject is None
    demo = window.services.demo
    assert demo is not None
    window.demo_tray.add_typed(next(t for t in demo.typed if "亡くなった方" in t.label))  # type: ignore[union-attr]
    assert [m.person.name for m in window.session.members] == ["渡邊　ハツ", "渡邊　髙雄"]
    assert window.session.subject is None and window.session.plan is None
    page = window.members_page
    assert page.subject.summary.text() == "亡くなった方: まだ選んでいません"
    widow, deceased = subject_button(window, "p1"), subject_button(window, "p2")
    assert (widow.text(), deceased.text()) == ("1  渡邊　ハツ", "2  渡邊　髙雄")
    assert not widow.isChecked() and not deceased.isChecked()
    assert deceased.height() >= SUBJECT_BUTTON_HEIGHT
    assert deceased.focusPolicy() & Qt.FocusPolicy.TabFocus

    # Going on is held until the deceased is chosen, and the clerk is put on the choice.
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert window.session.step is Step.MEMBERS
    assert window.window_message.text() == "亡くなった方を選んでください（上のボタン、または数字キーで選びます）"
    page.focus_next_choice()
    qtbot.waitUntil(widow.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(widow, Qt.Key.Key_Tab)  # Tab reaches the next member's button
    qtbot.waitUntil(deceased.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(deceased, Qt.Key.Key_2)  # the number key chooses 渡邊 髙雄
    assert window.session.subject == ("p2",)
    assert deceased.isChecked() and not widow.isChecked()
    assert page.subject.summary.text() == "亡くなった方: 渡邊 髙雄 様"
    # The next choice is the 世帯主: the focus moved on to the first 続柄 still open.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.findChild(QComboBox, "relationship_p1"), timeout=WAIT_MS)
    choose_relationships(qtbot, window, SPOUSE, HEAD)
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    wait_step(qtbot, window, Step.INTERVIEW)
    assert window.interview_page.subject_line.text() == "亡くなった方: 渡邊 髙雄 様"
    assert window.interview_page.subject_line.isVisible()
    plan = window.session.plan
    assert plan is not None
    death = next(p for p in plan.procedures if p.id == "death_registration")
    assert "髙雄" in death.reason and "ハツ" not in death.reason


def test_problem1_a_subject_is_chosen_again_with_the_same_key(qtbot: QtBot, window: MainWindow) -> None:
    s = window.session
    s.choose_event(LifeEvent.DEATH)
    demo = window.services.demo
    assert demo is not None
    window.demo_tray.add_typed(next(t for t in demo.typed if "亡くなった方" in t.label))  # type: ignore[union-attr]
    button = subject_button(window, "p1")
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_1)
    assert s.subject == ("p1",)
    qtbot.keyClick(button, Qt.Key.Key_1)  # the same key again: not the deceased after all
    assert s.subject is None and window.members_page.subject.summary.text() == "亡くなった方: まだ選んでいません"
