"""The phone number typed by the resident on the pad, right after their PIN (kakanai.ui.phone_pad; issue 17,
"the phone number once per reception"): stored as the reception's phone, checked as the inputs step checks
it, asked once, skipped without loss, never counted as the clerk's actions, gone with its reception."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kakanai.app.session_state import IDLE_WARNING_SECONDS
from kakanai.app.workflow import Step
from kakanai.forms.inputs import declared_inputs
from kakanai.forms.library import form_library
from kakanai.model.input_values import PHONE_KIND
from kakanai.ui.main_window import MainWindow
from kakanai.ui.phone_pad import PhonePadDialog
from tests.ui.conftest import WAIT_MS, enter_pin, lift_card, phone_pad, place_card, wait_step


def first_card(qtbot: QtBot, window: MainWindow, who: str = "山田太郎", pin: str = "1234",
               event_key: Qt.Key = Qt.Key.Key_1) -> PhonePadDialog:
    qtbot.keyClick(window, event_key)
    wait_step(qtbot, window, Step.MEMBERS)
    place_card(window, who)
    enter_pin(qtbot, window, pin)
    page = window.members_page
    qtbot.waitUntil(lambda: page.phone_dialog is not None, timeout=WAIT_MS)
    pad = page.phone_dialog
    assert isinstance(pad, PhonePadDialog) and pad.isVisible()
    assert len(window.session.members) == 1
    return pad


def test_the_resident_types_the_number_and_the_clerk_counts_none_of_it(qtbot: QtBot, window: MainWindow) -> None:
    pad = first_card(qtbot, window)
    before = window.actions_counter.total
    qtbot.keyClicks(pad, "09012345678")
    assert pad.display.text() == "09012345678（11桁／11桁）"
    assert pad.done_button.isEnabled()
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.members_page.phone_dialog is None, timeout=WAIT_MS)
    assert window.actions_counter.total == before  # the resident's keys, as the PIN's
    assert window.session.form_inputs["phone"] == "09012345678"
    assert window.members_page.card_message.text() == (
        "電話番号（09012345678）を入力していただきました。カードを外して、次の方のカードを置いてください")
    # The inputs step shows it, and opens on the first field still empty, not on the phone.
    lift_card(window)
    window.session.set_relationship("p1", "head")
    window.session.go(Step.INPUTS)
    phone = window.inputs_page.editors[("phone", None)]
    assert phone.text() == "09012345678"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=WAIT_MS)
    assert not phone.hasFocus()


def test_a_wrong_number_is_said_and_the_pad_stays_with_what_was_typed(qtbot: QtBot, window: MainWindow) -> None:
    pad = first_card(qtbot, window)
    qtbot.keyClicks(pad, "0901234567")  # one digit dropped
    assert pad.display.text() == "0901234567（10桁／11桁）" and not pad.done_button.isEnabled()
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert pad.isVisible()
    assert pad.problem.text() == "桁数が合いません（090で始まる番号は11桁、入力は10桁）"
    assert "phone" not in window.session.form_inputs
    qtbot.keyClicks(pad, "123")  # no more than the longest number: the 12th digit is refused
    assert pad.display.text().startswith("09012345671（11桁")
    pad.findChild(QPushButton, "phone_backspace").click()  # 訂正
    pad.findChild(QPushButton, "phone_digit_8").click()
    assert pad.display.text() == "09012345678（11桁／11桁）"
    pad.findChild(QPushButton, "phone_clear").click()  # 全消去
    assert pad.display.text() == ""
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert pad.problem.text() == "番号を入力してください（入力しないときは「スキップ」）"
    qtbot.keyClicks(pad, "311234567")  # no 市外局番 0
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert pad.problem.text() == "市外局番の0から入力してください（国外の番号は＋と国番号から）" and pad.isVisible()
    pad.clear_digits()
    qtbot.keyClicks(pad, "0111234567")  # a fixed line: 10 digits
    pad.findChild(QPushButton, "phone_done").click()
    qtbot.waitUntil(lambda: window.members_page.phone_dialog is None, timeout=WAIT_MS)
    assert window.session.form_inputs["phone"] == "0111234567"


def test_skipped_it_is_asked_once_and_the_clerk_types_it_later(qtbot: QtBot, window: MainWindow) -> None:
    first_card(qtbot, window)
    phone_pad(qtbot, window)  # Esc: スキップ
    assert "phone" not in window.session.form_inputs
    lift_card(window)
    qtbot.waitUntil(lambda: window.reader_status.state == "ready", timeout=WAIT_MS)
    place_card(window, "山田花子")
    enter_pin(qtbot, window, "5678")
    qtbot.waitUntil(lambda: len(window.session.members) == 2 and not window.card.busy, timeout=WAIT_MS)
    qtbot.wait(50)
    assert window.members_page.phone_dialog is None  # the second card: not asked again


def test_a_number_already_in_is_not_asked_again(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_1)
    wait_step(qtbot, window, Step.MEMBERS)
    place_card(window, "山田花子")
    enter_pin(qtbot, window, "5678")
    qtbot.waitUntil(lambda: window.members_page.phone_dialog is not None, timeout=WAIT_MS)
    window.members_page.phone_dialog.reject()  # type: ignore[union-attr]
    window.finish_reception()
    # A reception that has its phone already (set before the card, as a resumed reception has it).
    qtbot.keyClick(window, Qt.Key.Key_1)
    wait_step(qtbot, window, Step.MEMBERS)
    window.session.set_form_input("phone", "0111234567", kind=PHONE_KIND)
    place_card(window, "山田太郎")
    enter_pin(qtbot, window, "1234")
    qtbot.waitUntil(lambda: len(window.session.members) == 1 and not window.card.busy, timeout=WAIT_MS)
    qtbot.wait(50)
    assert window.members_page.phone_dialog is None
    assert window.session.form_inputs["phone"] == "0111234567"


def test_asked_before_the_deceased_is_chosen(qtbot: QtBot, window: MainWindow) -> None:
    """おくやみ: the widow's card comes before anyone is the deceased (nothing planned yet); every form's
    申請者 block prints the phone, so it is asked then."""
    assert declared_inputs(form_library(None), PHONE_KIND) == ("phone",)
    pad = first_card(qtbot, window, "渡邊ハツ", "2580", Qt.Key.Key_5)
    assert window.session.subject is None
    qtbot.keyClicks(pad, "0111234567")
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.members_page.phone_dialog is None, timeout=WAIT_MS)
    assert window.session.form_inputs["phone"] == "0111234567"


def test_a_card_placed_while_the_pad_is_open_is_read_once_it_closes(qtbot: QtBot, window: MainWindow) -> None:
    pad = first_card(qtbot, window)
    lift_card(window)
    place_card(window, "山田花子")  # the next card, while 山田 太郎 is still typing
    qtbot.wait(100)
    assert window.card.active_dialog is None and pad.isVisible()  # no PIN pad over the phone pad
    qtbot.keyClicks(pad, "09012345678")
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    enter_pin(qtbot, window, "5678")
    qtbot.waitUntil(lambda: len(window.session.members) == 2, timeout=WAIT_MS)
    assert [m.person.name for m in window.session.members] == ["山田　太郎", "山田　花子"]


def test_the_idle_clear_closes_the_pad_and_keeps_nothing(qtbot: QtBot, window: MainWindow) -> None:
    pad = first_card(qtbot, window)
    qtbot.keyClicks(pad, "09012345678")
    now = [1000.0]
    window.session._clock = lambda: now[0]
    window.session.touch()
    window.session.idle_seconds = IDLE_WARNING_SECONDS + 1.0
    now[0] += IDLE_WARNING_SECONDS + 2.0
    qtbot.waitUntil(lambda: window.session.step is Step.EVENT, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.members_page.phone_dialog is None and not pad.isVisible(), timeout=WAIT_MS)
    assert window.session.form_inputs == {} and window.session.members == ()
