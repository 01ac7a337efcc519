"""The counter for the other events (a second defect hunt of issue 17's counter, driven as a clerk would at
1366×768, 1920×1080 and text scale 1.4): 婚姻 with a foreign spouse typed in Latin letters, 離婚 with
children, 世帯分離, 転出 abroad, 転居, 証明書."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
)
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pages.inputs_page import ABROAD_HINT
from kakanai.ui.postal_input import PLACEHOLDER as POSTAL_HINT
from kakanai.ui.widgets import DIALOG_FRAME
from tests.ui.conftest import WAIT_MS, answer_all_directly, pin_dialog, place_card, start_with_card, wait_step

SPOUSE_KEY = "2"  # 2 配偶者 (the order of `relationship` in resources/rules/facts.yaml)


def marriage_with_foreign_spouse(qtbot: QtBot, window: MainWindow) -> None:
    """婚姻: 山田 太郎 by his card (世帯主), his wife typed in Latin letters, her 続柄 not chosen yet."""
    start_with_card(qtbot, window, event_key=Qt.Key.Key_6)  # 6 婚姻
    window.session.add_member_typed(name="SMITH ANNE MARIE", birth_date=date(1995, 3, 15), sex=Sex.FEMALE,
                                    name_kana="スミス　アン　マリー")
    window.session.set_relationship("p1", "head")


def test_enter_refused_at_the_members_step_puts_the_clerk_where_it_is_missing(qtbot: QtBot,
                                                                              window: MainWindow) -> None:
    """Enter on 「次へ」 before a 続柄 is chosen: the choice still open has the focus, so the clerk's next key
    answers it. The focus stayed on 「次へ」, where every further Enter repeated the same warning."""
    marriage_with_foreign_spouse(qtbot, window)
    page = window.members_page
    page.next_button.setFocus()
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert window.session.step is Step.MEMBERS
    spouse = page.findChild(QComboBox, "relationship_p2")
    assert spouse is not None and spouse.hasFocus()
    qtbot.keyClicks(spouse, SPOUSE_KEY)
    assert window.session.member("p2").person.facts["relationship"] == "spouse"
    assert page.next_button.hasFocus()  # the card read is the 本人確認: nothing else is open


def test_a_warning_for_going_on_goes_once_the_clerk_has_gone_on(qtbot: QtBot, window: MainWindow) -> None:
    """婚姻 with a foreign spouse typed in Latin letters: Enter before her 続柄 is chosen says so; once it is
    chosen and the clerk goes on, the warning is gone. It stayed at the bottom of the window through the
    interview, the plan, the inputs and the preview, naming a problem long solved."""
    marriage_with_foreign_spouse(qtbot, window)
    page = window.members_page
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert window.session.step is Step.MEMBERS
    assert window.window_message.text() == "SMITH ANNE MARIEさんの続柄を選んでください"
    spouse = page.findChild(QComboBox, "relationship_p2")
    assert spouse is not None
    qtbot.keyClicks(spouse, SPOUSE_KEY)
    assert window.window_message.text() == ""  # solved: the members page says nothing more either
    assert page.card_message.text() == ""
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    wait_step(qtbot, window, Step.INTERVIEW)
    assert window.window_message.text() == ""


def shown_room(box: QComboBox) -> int:
    """The width of the text area of a choice, as the style draws it."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    return box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                      QStyle.SubControl.SC_ComboBoxEditField, box).width()


@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_a_proposed_relationship_is_shown_whole(qtbot: QtBot, window: MainWindow, scale: float) -> None:
    """離婚 with children at 1366×768: 花子 is the 世帯主, and 太郎 and the children are proposed. The choices
    were as wide as 「（選んでください）」, so the proposal read 「提案 夫（Enter で確」, cut in the middle."""
    window.fit_into(QSize(1366, 768))
    window.update_settings(replace(window.services.settings, font_scale=scale))
    window.event_page.choose(LifeEvent.DIVORCE)
    s = window.session
    s.add_member_typed(name="山田　花子", birth_date=date(1987, 11, 3), sex=Sex.FEMALE)
    s.add_member_typed(name="山田　𠮷子", birth_date=date(2018, 9, 20), sex=Sex.FEMALE)
    s.add_member_typed(name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE)
    s.set_relationship("p1", "head")
    boxes = [window.members_page.findChild(QComboBox, f"relationship_p{n}") for n in (2, 3)]
    assert [b.itemText(0) for b in boxes if b is not None] == ["提案 子（Enter で確定）", "提案 夫（Enter で確定）"]
    qtbot.wait(50)  # laid out
    for b in boxes:
        assert b is not None and shown_room(b) >= b.fontMetrics().horizontalAdvance(b.currentText())


def test_the_settings_fit_a_1366_by_768_screen_at_text_scale_1_4(qtbot: QtBot, window: MainWindow) -> None:
    """The settings at text scale 1.4 were 765 px tall: on a 1366×768 screen, under the title bar, 「保存」 lay
    below the screen's edge. They scroll inside a dialog that fits the screen; at 1.0 nothing scrolls."""
    window.fit_into(QSize(1366, 768))
    window.update_settings(replace(window.services.settings, font_scale=1.4))
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.height() <= 768 - DIALOG_FRAME
    save = dialog.findChild(QPushButton, "settings_save")
    assert save is not None and dialog.rect().contains(save.geometry())
    dialog.reject()
    window.update_settings(replace(window.services.settings, font_scale=1.0))
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    area = dialog.findChild(QScrollArea)
    assert area is not None and area.verticalScrollBar().maximum() == 0  # nothing to scroll
    dialog.reject()


def test_the_floating_demo_tray_leaves_the_keyboard_with_the_counter(qtbot: QtBot, window: MainWindow) -> None:
    """With large text on 1366×768 the demo tray floats beside the window (at 1.4 before the big buttons were
    capped). Floating took the activation, and so did every tray button: after 「事前入力QR」 the clerk's number
    keys and Enter went to the tray, not to the 本人確認 choice that had the counter's focus."""
    window.fit_into(QSize(1366, 768))
    window.update_settings(replace(window.services.settings, font_scale=1.8))
    tray = window.demo_tray
    assert tray is not None and tray.isFloating()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    tray.activateWindow()  # the clerk clicks into the tray (a button press activates its window)
    qtbot.waitUntil(tray.isActiveWindow, timeout=WAIT_MS)
    qr = tray.findChild(QPushButton, "demo_qr_0")
    assert qr is not None
    qr.click()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    assert len(window.session.members) == 4
    qtbot.waitUntil(window.members_page.identity.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(QApplication.focusWidget(), "2")  # 2 運転免許証
    assert window.session.log.identity is IdentityDocument.DRIVERS_LICENSE


def test_a_pre_entry_shows_its_event_date_in_the_date_field(qtbot: QtBot, window: MainWindow) -> None:
    """A pre-entry QR scanned at the first step: the members page opened with the 異動日 field empty (its
    和暦 beside it said 令和8年4月3日). Shown, the page gave the field the focus before filling it, and a
    field with the focus was left as it was, as if the clerk were typing in it."""
    demo = window.services.demo
    assert demo is not None
    for text in demo.preentries[0].texts:  # 𠮷田さん一家の事前入力（転入）, event date 2026-04-03
        window.handle_scan(text)
    wait_step(qtbot, window, Step.MEMBERS)
    page = window.members_page
    assert (page.event_date.text(), page.event_date_wareki.text()) == ("2026-04-03", "令和8年4月3日")
    # A date being typed is still the clerk's: a refresh meanwhile does not overwrite it.
    page.event_date.setFocus()
    page.event_date.selectAll()
    qtbot.keyClicks(page.event_date, "4/2")
    window.session.set_identity(IdentityDocument.DRIVERS_LICENSE)  # a change that refreshes the page
    assert page.event_date.text() == "4/2"


def test_the_qr_and_pin_dialogs_fit_a_1366_by_768_screen_at_text_scale_1_4(qtbot: QtBot, window: MainWindow) -> None:
    """At text scale 1.4 the QR dialog's first line did not wrap: the dialog was 1396 px wide, past a 1366 px
    screen's edge; the PIN pad's four rows of 112-px keys made it 734 px tall, its 「送信」 under the screen's
    bottom once the title bar is above it."""
    window.fit_into(QSize(1366, 768))
    window.update_settings(replace(window.services.settings, font_scale=1.4))
    window.event_page.choose(LifeEvent.BIRTH)
    page = window.members_page
    page.read_qr()
    qr = page.qr_dialog
    assert qr is not None
    qtbot.waitUntil(qr.isVisible, timeout=WAIT_MS)
    assert qr.width() <= 1366
    qr.reject()
    place_card(window, "佐藤美咲")
    pad = pin_dialog(qtbot, window)
    qtbot.waitUntil(pad.isVisible, timeout=WAIT_MS)
    assert pad.height() <= 768 - DIALOG_FRAME
    pad.reject()


@pytest.mark.parametrize("abroad", [False, True])
def test_the_moving_out_address_field_says_what_to_type(qtbot: QtBot, window: MainWindow, abroad: bool) -> None:
    """転出 at text scale 1.4 on 1366×768: the 転出先 field's hint was cut (「…住所を直接入力しても…」), and a 国外
    転出 was told to type a 郵便番号 for the country the resident moves to."""
    window.fit_into(QSize(1366, 768))
    window.update_settings(replace(window.services.settings, font_scale=1.4))
    s = window.session
    s.choose_event(LifeEvent.MOVING_OUT, date(2026, 4, 20))
    s.add_member_typed(name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE)
    s.set_relationship("p1", "head")
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)
    s.answer("to_abroad", None, abroad)
    answer_all_directly(window)
    s.go(Step.PLAN)
    s.go(Step.INPUTS)
    page = window.inputs_page
    field = page.editors[("address", None)]
    assert isinstance(field, QLineEdit)
    qtbot.waitUntil(field.isVisible, timeout=WAIT_MS)
    assert field.placeholderText() == (ABROAD_HINT if abroad else POSTAL_HINT)
    assert (page.postal is None) is abroad  # no 郵便番号 look-up for a foreign address
    assert field.fontMetrics().horizontalAdvance(field.placeholderText()) < field.width()


def test_the_floating_demo_tray_shows_its_buttons_whole(qtbot: QtBot, window: MainWindow) -> None:
    """Floating at a large text scale, the tray kept its docked 300-px limit: its buttons (「NGUYEN VAN AN / 在留
    カード 第2世代・留学生」) were wider than its 264-px view, which scrolled sideways."""
    window.fit_into(QSize(1366, 768))
    window.update_settings(replace(window.services.settings, font_scale=1.8))
    tray = window.demo_tray
    assert tray is not None and tray.isFloating()
    area = tray.findChild(QScrollArea)
    assert area is not None
    qtbot.waitUntil(area.isVisible, timeout=WAIT_MS)
    assert area.horizontalScrollBar().maximum() == 0
