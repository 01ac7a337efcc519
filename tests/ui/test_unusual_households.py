"""The counter with unusual households (a defect hunt): twins at a birth, a clerk choosing the 続柄 of a
household whose 世帯主 is not the first member, a resident with a 40-character Latin name, a plan whose
deadlines run long, and dialogs left open when the idle clear comes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QHeaderView, QListWidget, QStyle
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from kakanai.ui.member_dialog import MemberDialog
from kakanai.ui.pages.members_table import ADDRESS_COLUMN, COLUMNS
from kakanai.ui.pages.plan_page import COLUMNS as PLAN_COLUMNS
from kakanai.ui.theme import ITEM_PADDING
from tests.ui.conftest import WAIT_MS, answer_all_directly, start_with_card, type_japanese


def relationship_box(window: MainWindow, member_id: str) -> QComboBox:
    found = window.members_page.findChild(QComboBox, f"relationship_{member_id}")
    assert found is not None
    return found


def whole_rows(listing: QListWidget) -> list[str]:
    """The texts a list shows whole: each row at least as tall as its text wrapped in the row's text room
    (the row as far as the list shows it, less the theme's padding and the style's text margins)."""
    metrics = listing.fontMetrics()
    margin = listing.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, listing) + 1
    cut = []
    for i in range(listing.count()):
        item = listing.item(i)
        rect = listing.visualItemRect(item).intersected(listing.viewport().rect().adjusted(0, -1 << 20, 0, 1 << 20))
        room = rect.adjusted(0, 0, -2 * (ITEM_PADDING + margin), 0)
        if rect.height() < metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, item.text()).height():
            cut.append(item.text())
    return cut


def member_dialog_after_a_card(qtbot: QtBot, window: MainWindow) -> MemberDialog:
    """転入 with 山田 太郎's card read, then the typed-member dialog open (F4's)."""
    start_with_card(qtbot, window)
    window.members_page.add_typed()
    dialog = window.members_page.member_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    return dialog


def test_twins_are_both_the_births_subjects(window: MainWindow) -> None:
    """Twins: each newborn has its own 出生届 (戸籍法49条), so each typed newborn is a subject; the second
    one was left out of the plan (no 出生届, no 国保, no 医療費助成 for her) unless the clerk noticed."""
    s = window.session
    window.event_page.choose(LifeEvent.BIRTH)
    s.add_member_typed(name="佐藤　美咲", birth_date=date(1993, 8, 8), sex=Sex.FEMALE)
    s.add_member_typed(name="佐藤　陽", birth_date=date(2026, 4, 8), sex=Sex.MALE)
    s.add_member_typed(name="佐藤　葵", birth_date=date(2026, 4, 8), sex=Sex.FEMALE)
    assert s.subject == ("p2", "p3")
    assert window.members_page.subject.summary.text() == s.subject_summary()
    s.set_relationship("p1", "head")
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)
    answer_all_directly(window)
    assert s.plan is not None
    assert sorted(p.person for p in s.plan.procedures if p.id == "birth_registration") == ["p2", "p3"]


def test_a_later_newborn_typed_is_not_a_subject_beside_an_older_one(window: MainWindow) -> None:
    """Only a newborn of the same birth joins the subject: a sibling born a week earlier is no twin."""
    s = window.session
    window.event_page.choose(LifeEvent.BIRTH)
    s.add_member_typed(name="佐藤　陽", birth_date=date(2026, 4, 8), sex=Sex.MALE)
    s.add_member_typed(name="佐藤　葵", birth_date=date(2026, 4, 1), sex=Sex.FEMALE)
    assert s.subject == ("p1",)


def test_a_number_key_on_the_first_relationship_goes_on_when_it_is_not_the_head(
        qtbot: QtBot, window: MainWindow) -> None:
    """The 世帯主 is the second member (a daughter living elsewhere read her card first): choosing 子 for the
    first with its number key must move the clerk on, as any other choice does. The focus stayed on the
    first box, and the next key (1 世帯主 for the mother) overwrote the daughter's 続柄 instead."""
    s = window.session
    window.event_page.choose(LifeEvent.MOVING_WITHIN)
    s.add_member_typed(name="山田　花子", birth_date=date(1960, 2, 2), sex=Sex.FEMALE)
    s.add_member_typed(name="山田　梅", birth_date=date(1926, 3, 3), sex=Sex.FEMALE)
    assert window.members_page.focus_relationship()
    first = relationship_box(window, "p1")
    qtbot.waitUntil(first.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(first, "3")  # 子
    assert QApplication.focusWidget() is relationship_box(window, "p2")
    qtbot.keyClicks(relationship_box(window, "p2"), "1")  # 世帯主（本人）
    assert [m.person.facts.get("relationship") for m in s.members] == ["child", "head"]


@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_a_forty_character_latin_name_leaves_every_column_readable(qtbot: QtBot, window: MainWindow,
                                                                   scale: float) -> None:
    """A foreign resident's name as the 在留カード spells it (40 characters) in a household of 8: the name
    wraps in its column; it squeezed the address column until its header read 「ǐ（カード・QRの記」."""
    name = "WOLFESCHLEGELSTEINHAUSEN BERGERDORFF JON"
    assert len(name) == 40
    window.fit_into(QSize(1366, 768))  # the smallest counter screen (the demo tray floats at 1.4)
    window.update_settings(replace(window.services.settings, font_scale=scale))
    window.event_page.choose(LifeEvent.MOVING_IN)
    window.session.add_member_typed(name=name, birth_date=date(2004, 8, 15), sex=Sex.MALE)
    for number in range(7):  # a household of 8: the table's scroll bar appears, and the table narrows
        window.session.add_member_typed(name=f"山田　{'一二三四五六七'[number]}郎", birth_date=date(2010, 1, 1 + number),
                                        sex=Sex.MALE)
    table = window.members_page.table
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    title_width = metrics.horizontalAdvance(COLUMNS[ADDRESS_COLUMN])
    qtbot.waitUntil(lambda: header.sectionSize(ADDRESS_COLUMN) >= title_width, timeout=WAIT_MS)  # once laid out
    assert header.sectionResizeMode(ADDRESS_COLUMN) is QHeaderView.ResizeMode.Stretch
    assert sum(header.sectionSize(c) for c in range(len(COLUMNS))) <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    # The whole name is shown: wrapped over two lines in a row tall enough for them.
    rect = table.visualRect(table.model().index(0, 0))
    needed = table.fontMetrics().boundingRect(rect.adjusted(0, 0, -2 * ITEM_PADDING, 0),
                                              Qt.TextFlag.TextWordWrap, name).height()
    assert rect.height() >= needed > table.fontMetrics().height()


def test_every_deadline_line_fits_its_column(window: MainWindow) -> None:
    """The plan's deadlines were wrapped wider than their column: Qt broke them again (「14」「日」「以内）」
    one under the other) and cut the third line with 「…」 (国民健康保険 記載事項変更, a death)."""
    s = window.session
    window.event_page.choose(LifeEvent.DEATH)
    s.add_member_typed(name="山田　花子", birth_date=date(1960, 2, 2), sex=Sex.FEMALE)
    s.add_member_typed(name="山田　梅", birth_date=date(1926, 3, 3), sex=Sex.FEMALE)
    s.set_subject(["p2"])
    s.set_relationship("p1", "child")
    s.set_relationship("p2", "head")
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)
    answer_all_directly(window)
    s.go(Step.PLAN)
    tree = window.plan_page.tree
    column = PLAN_COLUMNS.index("期限")
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    room = tree.columnWidth(column) - 2 * ITEM_PADDING - 2 * margin
    lines = [line for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())
             for line in tree.topLevelItem(i).child(j).text(column).split("\n")]
    assert "（変更があった日の翌日から14日以内）" in "".join(lines)
    assert [line for line in lines if tree.fontMetrics().horizontalAdvance(line) > room] == []


def test_the_idle_clear_closes_a_member_dialog_left_open(qtbot: QtBot, window: MainWindow) -> None:
    """A clerk called away while typing a member: the idle clear emptied the reception but left the dialog
    open with the resident's name in it (nothing of the previous resident may stay on screen)."""
    dialog = member_dialog_after_a_card(qtbot, window)
    page = window.members_page
    type_japanese(qtbot, dialog.name, "山田　次郎")
    window.session.idle_seconds = 1.0
    qtbot.waitUntil(lambda: window.session.step is Step.EVENT, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert page.member_dialog is None and window.session.members == ()


def test_the_idle_clear_closes_the_plans_reason_dialog(qtbot: QtBot, window: MainWindow) -> None:
    from tests.ui.conftest import one_typed_resident_answered

    one_typed_resident_answered(window)
    window.session.go(Step.PLAN)
    plan = window.plan_page
    assert plan.select(window.session.plan.procedures[0].id, window.session.plan.procedures[0].person)  # type: ignore[union-attr]
    plan.remove_selected()
    dialog = plan.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    window.session.idle_seconds = 1.0
    qtbot.waitUntil(lambda: window.session.step is Step.EVENT, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert plan.dialog is None


def test_removing_a_member_names_them_and_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    """The first row is selected without the clerk choosing it: 「選んだ人を削除」 removed the 世帯主 (with his
    answers and inputs) at once. Now it names whom it removes and asks; the default keeps them."""
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from kakanai.ui.reception_guard import remove_text

    start_with_card(qtbot, window)  # 山田 太郎
    window.session.add_member_typed(name="山田　次郎", birth_date=date(2010, 5, 5), sex=Sex.MALE)
    page = window.members_page
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)  # nothing chosen by the clerk
    box = page.remove_dialog
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    assert box.text() == remove_text(["山田　太郎"]) == (
        "山田　太郎さんを来庁者から削除します。読み取った内容・聞き取りの回答・記入事項も消えます。\n削除しますか？")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the safe answer
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT_MS)
    assert [m.person.name for m in window.session.members] == ["山田　太郎", "山田　次郎"]
    assert page.remove_dialog is None

    page.table.selectRow(1)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    box = page.remove_dialog
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    yes = box.findChild(QPushButton, "confirm_remove_yes")
    assert yes is not None and yes.text() == "削除する"
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=WAIT_MS)
    assert [m.person.name for m in window.session.members] == ["山田　太郎"]
    assert page.card_message.text() == "山田　次郎さんを削除しました"
    # The clerk goes on where the household is still open (his 続柄), not on 「選んだ人を削除」 again.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is relationship_box(window, "p1"), timeout=WAIT_MS)


def test_the_card_confirmation_shows_its_whole_instructions_at_text_scale_1_4(
        qtbot: QtBot, window: MainWindow) -> None:
    """The 在留カード's confirmation at text scale 1.4: the name field's label (what to compare with what) ran
    off the dialog's right edge at 「画像と見比べて、違…」."""
    from PySide6.QtWidgets import QLabel

    from kakanai.ui.card_dialogs import CardConfirmDialog, CardNumberDialog
    from tests.ui.conftest import place_card

    window.fit_into(QSize(1366, 768))
    window.update_settings(replace(window.services.settings, font_scale=1.4))
    window.event_page.choose(LifeEvent.MOVING_IN)
    place_card(window, "NGUYEN")
    qtbot.waitUntil(lambda: isinstance(window.card.card_dialog, CardNumberDialog), timeout=20000)
    number = window.card.card_dialog
    assert isinstance(number, CardNumberDialog)
    qtbot.keyClicks(number.edit, "AB12345678CD")
    qtbot.keyClick(number.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.card.card_dialog, CardConfirmDialog), timeout=20000)
    dialog = window.card.card_dialog
    assert isinstance(dialog, CardConfirmDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    labels = [label for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
    assert "氏名（上の画像の文字認識の結果です。画像と見比べて、違えば直してください）" in [lb.text() for lb in labels]
    cut = [lb.text() for lb in labels
           if lb.mapTo(dialog, lb.rect().topLeft()).x() + lb.fontMetrics().horizontalAdvance(
               lb.text().split("\n")[0]) > dialog.width() and not lb.wordWrap()]
    assert cut == []
    dialog.reject()


def test_every_document_title_in_the_preview_list_is_whole(qtbot: QtBot, window: MainWindow) -> None:
    """The documents' list cut its titles in the middle (「マイナン…更届（山田　太郎）」, 「電子証明…請書」): the
    clerk choosing one to reprint could not tell which document a row was. They wrap now."""
    window.fit_into(QSize(1366, 768))
    start_with_card(qtbot, window)  # 転入, 山田 太郎: his マイナンバーカード 継続利用 has the longest title
    window.session.set_relationship("p1", "head")
    answer_all_directly(window)
    page = window.preview_page
    with qtbot.waitSignal(page.rendered, timeout=60000):
        window.session.go(Step.PREVIEW)
    listing = page.list
    qtbot.waitUntil(lambda: listing.count() == len(page.documents) > 0, timeout=WAIT_MS)
    widest = max(listing.fontMetrics().horizontalAdvance(listing.item(i).text()) for i in range(listing.count()))
    assert widest > listing.viewport().width()  # a title longer than the list is wide: the case at stake
    assert whole_rows(listing) == []


def test_an_answer_just_narrower_than_the_list_is_not_cut(qtbot: QtBot, window: MainWindow) -> None:
    """「山田　梅さんの世帯主との続柄は？ → 世帯主（本…」: an answer a few pixels narrower than the answered list
    was given one line by Qt, which leaves out the row's padding, and drawn cut with 「…」 (the very answer
    the clerk selects to ask again). Every wrapping list of the counter keeps its rows whole."""
    window.fit_into(QSize(1366, 768))
    s = window.session
    start_with_card(qtbot, window, who="山田花子", pin="5678", event_key=Qt.Key.Key_5)  # おくやみ: the daughter
    s.add_member_typed(name="山田　梅", birth_date=date(1926, 3, 3), sex=Sex.FEMALE)
    s.set_subject(["p2"])
    s.set_relationship("p1", "child")
    s.set_relationship("p2", "head")
    window.next_step()
    assert s.step is Step.INTERVIEW
    listing = window.interview_page.answered
    qtbot.waitUntil(lambda: listing.count() == 3 and listing.isVisible(), timeout=WAIT_MS)
    text = listing.item(2).text()
    assert text == "山田　梅さんの世帯主との続柄は？ → 世帯主（本人）"
    for slack in range(0, 24, 2):  # the list's width around the answer's own: the case at stake is among them
        listing.setFixedWidth(listing.fontMetrics().horizontalAdvance(text) + listing.frameWidth() * 2 + slack)
        qtbot.waitUntil(lambda: listing.viewport().width() == listing.width() - 2 * listing.frameWidth(),
                        timeout=WAIT_MS)
        qtbot.wait(20)
        assert whole_rows(listing) == [], slack




def test_a_card_still_being_read_when_the_reception_ends_does_not_join_the_next_one(
        qtbot: QtBot, window: MainWindow) -> None:
    """A slow card (髙橋 翔太) still being read when the clerk starts anew (新しい受付: nothing to confirm yet):
    the read finished into the next resident's reception and added 髙橋 翔太 to the next household."""
    from tests.ui.conftest import enter_pin, lift_card, place_card, wait_step

    qtbot.keyClick(window, Qt.Key.Key_1)  # 転入
    wait_step(qtbot, window, Step.MEMBERS)
    place_card(window, "髙橋翔太")  # 250 ms per response: the read takes seconds
    enter_pin(qtbot, window, "4321")
    assert window.card.busy and window.session.members == ()
    window.new_reception()  # nothing read yet: finished at once
    assert window.session.step is Step.EVENT and window.confirm_dialog is None
    qtbot.keyClick(window, Qt.Key.Key_2)  # the next resident: 転居
    wait_step(qtbot, window, Step.MEMBERS)
    qtbot.waitUntil(lambda: not window.card.busy, timeout=30000)  # the slow read ends
    lift_card(window)
    qtbot.wait(100)
    assert window.session.members == ()
    assert "髙橋" not in window.members_page.card_message.text()


def test_a_card_answering_garbage_mid_read_is_said_in_japanese(qtbot: QtBot, window: MainWindow) -> None:
    """A card whose basic-information record comes back damaged mid-read: the clerk was shown the parser's
    English (「基本4情報の形式が正しくありません（length of 93 bytes at byte 12）。」)."""
    from kakanai.card.simulator.profile import Faults
    from tests.ui.conftest import enter_pin, place_card, wait_read_done, wait_step

    qtbot.keyClick(window, Qt.Key.Key_1)  # 転入
    wait_step(qtbot, window, Step.MEMBERS)
    assert window.services.demo is not None
    damaged = replace(window.services.demo.card("山田花子").profile, faults=Faults(corrupt_at=7))
    place_card(window, damaged)  # type: ignore[arg-type]
    enter_pin(qtbot, window, "5678")
    wait_read_done(qtbot, window)
    assert window.session.members == ()
    assert window.members_page.card_message.text() == (
        "基本4情報の形式が正しくありません（12バイト目の長さの欄が93バイトで長すぎます）。")


def test_the_idle_countdown_with_a_dialog_open_says_how_to_go_on(qtbot: QtBot, window: MainWindow) -> None:
    """A dialog open on the reception (a member being typed) blocks the window behind it, 「延長」 included:
    the countdown asked for a button the clerk could not press. It says what works instead (any key in the
    dialog counts as activity), and a key there does extend the reception."""
    from kakanai.app.session_state import IDLE_WARNING_SECONDS
    from kakanai.ui.reception_guard import IDLE_TEXT_DIALOG

    dialog = member_dialog_after_a_card(qtbot, window)
    banner = window.idle_banner
    now = [1000.0]
    window.session._clock = lambda: now[0]  # type: ignore[method-assign]  # the session's clock, stepped by hand
    window.session.touch()
    window.session.idle_seconds = 120.0
    now[0] += 120.0 - IDLE_WARNING_SECONDS  # a minute left
    window.check_idle()
    assert banner.isVisible()
    assert banner.label.text() == IDLE_TEXT_DIALOG.format(seconds=60) == (
        "操作がないため、あと 60 秒で受付の内容を消去します。続けるときは、開いている画面で何かキーを押してください")
    assert not banner.extend_button.isVisible()
    type_japanese(qtbot, dialog.name, "山田　次郎")  # the clerk types on: the whole 2 minutes again
    assert window.session.idle_left() == 120.0
    window.check_idle()
    assert not banner.isVisible()
    assert dialog.isVisible() and len(window.session.members) == 1
    dialog.reject()


def test_a_card_read_while_a_member_is_being_typed_gives_the_dialog_back(qtbot: QtBot, window: MainWindow) -> None:
    """The next resident places her card while the clerk is typing a member: the PIN pad opens over the
    dialog and the card's member is added; then the window behind was activated (blocked by the dialog, the
    keys went nowhere), and the dialog with what was typed in it had to be clicked back."""
    from tests.ui.conftest import enter_pin, lift_card, phone_pad, place_card, wait_step

    qtbot.keyClick(window, Qt.Key.Key_1)  # 転入
    wait_step(qtbot, window, Step.MEMBERS)
    window.members_page.add_typed()
    dialog = window.members_page.member_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    type_japanese(qtbot, dialog.name, "山田　次郎")
    place_card(window, "山田花子")
    enter_pin(qtbot, window, "5678")
    qtbot.waitUntil(lambda: len(window.session.members) == 1 and not window.card.busy, timeout=WAIT_MS)
    phone_pad(qtbot, window, "09087654321")  # over the dialog too: she still has the pad
    assert window.session.form_inputs["phone"] == "09087654321"
    lift_card(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.name.text() == "山田　次郎"
    dialog.reject()
