"""The typed-member dialog of issue 17: フリガナ proposed from the name, 性別 without a default, a 生年月日
field that keeps its width. Japanese text arrives as IME commits (QInputMethodEvent), as at the counter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kakanai.model import Sex
from kakanai.ui.member_dialog import KANA_HINT, MemberDialog
from tests.ui.conftest import type_japanese


def _dialog(qtbot: QtBot) -> MemberDialog:
    dialog = MemberDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # focus-out (editingFinished) happens only in the active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def _named(qtbot: QtBot, name: str) -> MemberDialog:
    """A dialog where the clerk has converted `name` with the IME and pressed Enter."""
    dialog = _dialog(qtbot)
    type_japanese(qtbot, dialog.name, name)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    return dialog


def _retype_name(qtbot: QtBot, dialog: MemberDialog, name: str) -> None:
    """The clerk goes back to the name, converts a new one with the IME and leaves with Tab."""
    dialog.name.setFocus()
    dialog.name.selectAll()
    type_japanese(qtbot, dialog.name, name)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)


def test_the_reading_is_proposed_and_enter_confirms_it(qtbot: QtBot) -> None:
    dialog = _named(qtbot, "渡邊　髙雄")
    assert dialog.kana.text() == "ワタナベ　タカオ"
    assert dialog.focusWidget() is dialog.kana and dialog.kana.selectedText() == "ワタナベ　タカオ"
    assert dialog.kana_hint.text() == KANA_HINT
    assert dialog.kana_candidates.isHidden()  # one reading: no list to choose from
    assert dialog.name.text() == "渡邊　髙雄"  # the 異体字 stay in the name; only the look-up normalises
    qtbot.keyClicks(dialog.birth, "S22.5.3")
    dialog.sex_buttons[Sex.MALE].setChecked(True)
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Return)
    assert dialog.result() == MemberDialog.DialogCode.Accepted
    assert dialog.values() == ("渡邊　髙雄", "ワタナベ　タカオ", date(1947, 5, 3), Sex.MALE)


def test_another_candidate_is_picked_with_the_arrow_keys(qtbot: QtBot) -> None:
    dialog = _named(qtbot, "中田　健")
    assert dialog.kana_proposals == ("ナカタ　ケン", "ナカタ　タケシ", "ナカダ　ケン", "ナカタ　タケル", "ナカダ　タケシ")
    assert dialog.kana_candidates.isVisible() and dialog.kana_candidates.count() == 5
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Down)
    assert dialog.kana.text() == "ナカダ　ケン" and dialog.kana_candidates.currentRow() == 2
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Up)
    assert dialog.kana.text() == "ナカタ　タケシ" and dialog.kana_candidates.currentRow() == 1
    dialog.kana_candidates.setCurrentRow(3)  # the mouse picks from the list
    assert dialog.kana.text() == "ナカタ　タケル"


def test_sex_has_no_default_and_is_chosen_with_a_number_key(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert dialog.chosen_sex() is None
    type_japanese(qtbot, dialog.name, "中田　健")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Return)
    assert dialog.error.text().startswith("生年月日: 日付を入力してください")
    assert dialog.focusWidget() is dialog.birth
    qtbot.keyClicks(dialog.birth, "R5.1.10")
    qtbot.keyClick(dialog.birth, Qt.Key.Key_Return)
    assert dialog.result() != MemberDialog.DialogCode.Accepted
    assert dialog.error.text() == "性別を選んでください（1 男・2 女・3 その他）"
    assert dialog.focusWidget() is dialog.sex_buttons[Sex.MALE] and dialog.chosen_sex() is None
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_2)  # the last field: its key accepts (issue 17)
    assert dialog.chosen_sex() is Sex.FEMALE
    assert dialog.result() == MemberDialog.DialogCode.Accepted
    assert dialog.values() == ("中田　健", "ナカタ　タケシ", date(2023, 1, 10), Sex.FEMALE)
    accepted: list[int] = []
    dialog.accepted.connect(lambda: accepted.append(1))
    qtbot.keyClick(dialog.sex_buttons[Sex.FEMALE], Qt.Key.Key_Return)  # a stray Enter after it: accepted once
    assert accepted == []


def test_the_sex_key_stops_at_what_is_missing(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.birth, "R5.1.10")
    dialog.sex_buttons[Sex.MALE].setFocus()
    qtbot.keyClick(dialog.sex_buttons[Sex.MALE], Qt.Key.Key_1)
    assert dialog.chosen_sex() is Sex.MALE and dialog.result() != MemberDialog.DialogCode.Accepted
    assert dialog.error.text() == "氏名を入力してください" and dialog.focusWidget() is dialog.name
    type_japanese(qtbot, dialog.name, "中田　健")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # to the proposed フリガナ
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Return)  # everything is in: Enter accepts, as before
    assert dialog.result() == MemberDialog.DialogCode.Accepted
    assert dialog.values() == ("中田　健", "ナカタ　ケン", date(2023, 1, 10), Sex.MALE)


def test_the_clerks_own_kana_is_never_replaced(qtbot: QtBot) -> None:
    dialog = _named(qtbot, "中田　健")
    type_japanese(qtbot, dialog.kana, "なかだ　まさる")  # replaces the selected proposal
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Tab)
    assert dialog.kana.text() == "ナカダ　マサル" and dialog.kana_hint.text() == ""
    _retype_name(qtbot, dialog, "中田　勝")
    assert dialog.kana.text() == "ナカダ　マサル"


def test_a_changed_name_renews_an_unconfirmed_proposal(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _retype_name(qtbot, dialog, "山田　太郎")
    assert dialog.kana.text() == "ヤマダ　タロウ"
    _retype_name(qtbot, dialog, "山田　花子")
    assert dialog.kana.text() == "ヤマダ　ハナコ"


def test_a_card_member_gets_the_proposal_at_once(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.fill("山田　太郎", "", Sex.MALE)
    dialog.lock_card_fields()
    assert dialog.kana.text() == "ヤマダ　タロウ" and dialog.focusWidget() is dialog.kana


def test_the_birth_field_keeps_its_width_and_shows_both_calendars(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _named(qtbot, "中田　健")
    type_japanese(qtbot, dialog.birth, "令和8年4月1日")
    assert dialog.birth_wareki.text() == "2026-04-01（令和8年4月1日）"
    needed = dialog.birth.fontMetrics().horizontalAdvance("令和10年12月31日")
    assert dialog.birth.width() > needed
    shot = tmp_path / "member_dialog.png"
    assert dialog.grab().save(str(shot))
    assert shot.stat().st_size > 0


def test_the_birth_date_proposed_for_a_newborn_says_so_until_changed(qtbot: QtBot) -> None:
    """A birth reception proposes the birth's date; beside it the dialog says it is the newborn's, so a
    parent typed here is not added as born that day unseen (the 性別 key accepts the dialog)."""
    dialog = MemberDialog(default_birth=date(2026, 4, 10), newborn=True)
    qtbot.addWidget(dialog)
    assert dialog.birth_wareki.text() == ("2026-04-10（令和8年4月10日）\n"
                                          "＝出生日（生まれた子の場合。ほかの方は書き換えてください）")
    dialog.birth.setText("19900512")
    assert dialog.birth_wareki.text() == "1990-05-12（平成2年5月12日）"
    correction = MemberDialog(default_birth=date(2026, 4, 10), title="世帯員の訂正")  # a member's own date
    qtbot.addWidget(correction)
    assert correction.birth_wareki.text() == "2026-04-10（令和8年4月10日）"


def test_a_birth_date_typed_in_full_goes_on_to_the_missing_sex_by_itself(qtbot: QtBot) -> None:
    dialog = _named(qtbot, "山田　髙志")
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.birth, "2023011")
    assert dialog.focusWidget() is dialog.birth  # not yet in full
    qtbot.keyClicks(dialog.birth, "0")
    assert dialog.focusWidget() is dialog.sex_buttons[Sex.MALE] and dialog.chosen_sex() is None  # no default
    qtbot.keyClicks(dialog.focusWidget(), "1")  # 性別, the last field, accepts
    assert dialog.result() == MemberDialog.DialogCode.Accepted
    assert dialog.values() == ("山田　髙志", "ヤマダ　タカシ", date(2023, 1, 10), Sex.MALE)


def test_a_date_in_full_that_does_not_exist_is_said_at_once_and_the_clerk_stays(qtbot: QtBot) -> None:
    dialog = _named(qtbot, "山田　髙志")
    dialog.birth.setFocus()
    qtbot.keyClicks(dialog.birth, "20231340")
    assert dialog.focusWidget() is dialog.birth
    assert dialog.error.text() == "生年月日: 存在しない日付です（20231340）"


def test_a_date_that_may_go_on_waits_for_enter(qtbot: QtBot) -> None:
    dialog = _named(qtbot, "山田　髙志")
    dialog.sex_buttons[Sex.MALE].setChecked(True)
    dialog.birth.setFocus()
    qtbot.keyClicks(dialog.birth, "R5.1.1")  # may still become R5.1.10
    assert dialog.focusWidget() is dialog.birth and dialog.result() == 0
    qtbot.keyClicks(dialog.birth, "0")
    assert dialog.focusWidget() is dialog.birth
    qtbot.keyClick(dialog.birth, Qt.Key.Key_Return)
    assert dialog.result() == MemberDialog.DialogCode.Accepted and dialog.values()[2] == date(2023, 1, 10)
