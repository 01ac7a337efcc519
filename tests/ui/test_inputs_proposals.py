"""Issue 17, "Less typing" on the inputs step: フリガナ and 筆頭者 are proposed, marked as proposals and
never printed unless the clerk confirms them (Enter in the field, or F6 for all); Ctrl+Enter from a field
keeps the text typed there (nothing lost) but does not confirm a proposal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pages.inputs_page import PROPOSAL_STYLE
from tests.ui.conftest import WAIT_MS, answer_all_directly, type_japanese, wait_step


def _at_inputs(qtbot: QtBot, window: MainWindow) -> None:
    """山田 太郎 (世帯主) and 𠮷子 (子), typed without フリガナ, every question answered, on the inputs step."""
    window.event_page.choose(LifeEvent.MOVING_IN)
    s = window.session
    s.add_member_typed(name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE)
    s.add_member_typed(name="山田　𠮷子", birth_date=date(2018, 9, 20), sex=Sex.FEMALE)
    s.set_relationship("p1", "head")
    s.set_relationship("p2", "child")
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)
    answer_all_directly(window)
    s.go(Step.INPUTS)
    wait_step(qtbot, window, Step.INPUTS)
    phone = window.inputs_page.editors[("phone", None)]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is phone, timeout=WAIT_MS)  # the page's first empty field


def editor(window: MainWindow, key: str, person: str | None = None) -> QLineEdit:
    found = window.inputs_page.editors[(key, person)]
    assert isinstance(found, QLineEdit)
    return found


def kana_proposals(window: MainWindow) -> dict[tuple[str, str | None], str]:
    """The フリガナ among the proposals (the children's 保護者, 父, is proposed too: tests of its own)."""
    return {k: v for k, v in window.inputs_page.proposals.items() if k[0] == "name_kana"}


def kana(window: MainWindow) -> list[str]:
    return [m.person.name_kana for m in window.session.members]


def test_kana_proposals_are_shown_not_stored_and_f6_confirms_them_all(qtbot: QtBot, window: MainWindow) -> None:
    _at_inputs(qtbot, window)
    page = window.inputs_page
    assert kana_proposals(window) == {("name_kana", "p1"): "ヤマダ　タロウ", ("name_kana", "p2"): "ヤマダ　ヨシコ"}
    first, second = editor(window, "name_kana", "p1"), editor(window, "name_kana", "p2")
    assert (first.text(), second.text()) == ("ヤマダ　タロウ", "ヤマダ　ヨシコ")
    assert first.styleSheet() == second.styleSheet() == PROPOSAL_STYLE
    assert kana(window) == ["", ""]  # shown only: not a value of the reception
    assert page.proposal_label.text() == ("提案（確認して F6 ですべて確定、各欄の Enter でその欄だけ確定）: "
                                          "児童との続柄（申請者から見て）: 父、"
                                          "フリガナ（山田　太郎）: ヤマダ　タロウ、フリガナ（山田　𠮷子）: ヤマダ　ヨシコ")
    assert page.proposal_row.isVisible()
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_F6)
    assert kana(window) == ["ヤマダ　タロウ", "ヤマダ　ヨシコ"]
    assert window.session.form_input("guardian_relationship", None) == "父"
    assert page.proposals == {} and not page.proposal_row.isVisible() and first.styleSheet() == ""


def test_enter_confirms_one_and_an_unconfirmed_proposal_does_not_print(qtbot: QtBot, window: MainWindow) -> None:
    _at_inputs(qtbot, window)
    first = editor(window, "name_kana", "p1")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert kana(window) == ["ヤマダ　タロウ", ""]
    assert kana_proposals(window) == {("name_kana", "p2"): "ヤマダ　ヨシコ"}
    second = editor(window, "name_kana", "p2")
    second.setFocus()
    qtbot.keyClick(second, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # moved past: not confirmed
    wait_step(qtbot, window, Step.PREVIEW)
    assert kana(window) == ["ヤマダ　タロウ", ""]


def test_a_changed_or_emptied_proposal_is_the_clerks_own(qtbot: QtBot, window: MainWindow) -> None:
    _at_inputs(qtbot, window)
    first, second = editor(window, "name_kana", "p1"), editor(window, "name_kana", "p2")
    first.setFocus()
    first.selectAll()
    type_japanese(qtbot, first, "ヤマダ　タロ")
    assert first.styleSheet() == ""  # the clerk's text no longer reads as a proposal
    qtbot.keyClick(first, Qt.Key.Key_Return)
    second.setFocus()
    second.clear()
    qtbot.keyClick(second, Qt.Key.Key_Return)  # emptied: declined, not proposed again
    assert kana(window) == ["ヤマダ　タロ", ""]
    assert kana_proposals(window) == {} and second.text() == ""


def test_hittousha_is_proposed_once_honseki_is_entered(qtbot: QtBot, window: MainWindow) -> None:
    _at_inputs(qtbot, window)
    honseki, hittousha = editor(window, "honseki"), editor(window, "hittousha")
    assert hittousha.text() == "" and ("hittousha", None) not in window.inputs_page.proposals
    honseki.setFocus()
    type_japanese(qtbot, honseki, "東京都清瀬市元町１丁目２番")
    qtbot.keyClick(honseki, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is hittousha and hittousha.text() == "山田　太郎" and hittousha.selectedText() == "山田　太郎"
    assert hittousha.styleSheet() == PROPOSAL_STYLE and window.session.form_input("hittousha", None) == ""
    qtbot.keyClick(hittousha, Qt.Key.Key_Return)
    assert window.session.form_input("hittousha", None) == "山田　太郎"


def test_f6_on_a_proposal_goes_on_to_the_next_field(qtbot: QtBot, window: MainWindow) -> None:
    _at_inputs(qtbot, window)
    honseki = editor(window, "honseki")
    honseki.setFocus()
    type_japanese(qtbot, honseki, "東京都清瀬市元町１丁目２番")
    qtbot.keyClick(honseki, Qt.Key.Key_Return)
    hittousha = editor(window, "hittousha")
    assert QApplication.focusWidget() is hittousha
    qtbot.keyClick(hittousha, Qt.Key.Key_F6)  # the 筆頭者 and both フリガナ
    assert window.session.form_input("hittousha", None) == "山田　太郎"
    assert kana(window) == ["ヤマダ　タロウ", "ヤマダ　ヨシコ"]
    keys = list(window.inputs_page.editors)
    after = window.inputs_page.editors[keys[keys.index(("hittousha", None)) + 1]]
    assert QApplication.focusWidget() is after  # the field after the 筆頭者


def test_ctrl_enter_keeps_the_text_typed_without_enter(qtbot: QtBot, window: MainWindow) -> None:
    _at_inputs(qtbot, window)
    phone = editor(window, "phone")
    phone.setFocus()
    qtbot.keyClicks(phone, "+82-10-1234-5678")  # from abroad: no fixed length, so the clerk stays on it
    assert phone.hasFocus() and window.session.form_inputs.get("phone") is None
    qtbot.keyClick(phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_step(qtbot, window, Step.PREVIEW)
    assert window.session.form_inputs["phone"] == "+82-10-1234-5678"


def test_a_proposal_typed_again_by_the_clerk_is_theirs_and_prints(qtbot: QtBot, window: MainWindow) -> None:
    """The clerk types the フリガナ themselves and it reads the same as the proposal: typed, so it is the
    clerk's value, kept when they leave the field with Tab (it was printed blank before)."""
    _at_inputs(qtbot, window)
    first = editor(window, "name_kana", "p1")
    first.setFocus()
    first.selectAll()
    qtbot.keyClick(first, Qt.Key.Key_Delete)
    type_japanese(qtbot, first, "ヤマダ　タロウ")
    assert first.text() == "ヤマダ　タロウ" and first.styleSheet() == ""
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert kana(window) == ["ヤマダ　タロウ", ""]
    assert window.inputs_page.typed == set()


def test_a_phone_number_in_full_goes_on_by_itself(qtbot: QtBot, window: MainWindow) -> None:
    _at_inputs(qtbot, window)
    phone = editor(window, "phone")
    qtbot.keyClicks(phone, "090-1234-567")
    assert phone.hasFocus()  # a 090 number has 11 digits
    qtbot.keyClicks(phone, "8")
    assert not phone.hasFocus() and QApplication.focusWidget() is editor(window, "address")
    assert window.session.form_inputs["phone"] == "090-1234-5678"


def test_a_wrong_phone_number_is_named_and_keeps_the_clerk_on_it(qtbot: QtBot, window: MainWindow) -> None:
    """A digit dropped while the resident dictates: refused with why, and the reception does not go on to
    print an empty box instead of what was typed."""
    _at_inputs(qtbot, window)
    phone = editor(window, "phone")
    qtbot.keyClicks(phone, "090-1234-567")
    qtbot.keyClick(phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.step is Step.INPUTS
    assert window.inputs_page.status.text() == "電話番号: 桁数が合いません（090で始まる番号は11桁、入力は10桁）"
    assert phone.hasFocus() and phone.text() == "090-1234-567" and "phone" not in window.session.form_inputs
    window.inputs_page.next_button.click()  # the button too
    assert window.session.step is Step.INPUTS and phone.hasFocus()
    phone.end(False)
    qtbot.keyClicks(phone, "8")  # mended: on by itself, and on to the preview
    assert window.inputs_page.status.text() == ""
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_step(qtbot, window, Step.PREVIEW)
    assert window.session.form_inputs["phone"] == "090-1234-5678"


def test_a_wrong_phone_number_from_a_pre_entry_is_checked_as_if_typed(qtbot: QtBot, window: MainWindow) -> None:
    _at_inputs(qtbot, window)
    editor(window, "address").setFocus()
    window.session.value = replace(window.session.value, form_inputs={"phone": "090-1234"})  # as a QR brings it
    window.inputs_page.refresh()
    phone = editor(window, "phone")
    assert phone.text() == "090-1234"
    qtbot.keyClick(phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.step is Step.INPUTS and phone.hasFocus()
    assert window.inputs_page.status.text() == "電話番号: 桁数が合いません（090で始まる番号は11桁、入力は7桁）"
