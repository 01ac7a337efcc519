"""A printed set is not printed twice by accident, a single document can be printed again, and each
document is marked as it reaches the printer (issue 17 problem 9)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pages.preview_page import BLANKS_NOTE, PRINTED_MARK, row_text
from tests.ui.conftest import click, one_typed_resident_answered

PRINT_MS = 30000


def _button(box: QMessageBox, text: str) -> QPushButton:
    found = next(b for b in box.buttons() if b.text() == text)
    assert isinstance(found, QPushButton)
    return found


def test_a_reprint_is_asked_and_one_document_can_be_printed_again(qtbot: QtBot, window: MainWindow) -> None:
    one_typed_resident_answered(window)
    page = window.preview_page
    with qtbot.waitSignal(page.rendered, timeout=PRINT_MS):
        window.session.go(Step.PREVIEW)
    titles = [d.title for d in page.documents]
    assert len(titles) >= 2 and not page.printed_rows
    with qtbot.waitSignal(page.printed, timeout=PRINT_MS):
        click(qtbot, page.print_button)
    assert page.printed_rows == set(range(len(titles)))
    assert [page.list.item(i).text() for i in range(page.list.count())] == [row_text(d, printed=True) for d in page.documents]
    assert all(page.list.item(i).text().startswith(PRINTED_MARK + t) for i, t in enumerate(titles))
    notes = len(window.session.log.printed)
    assert notes == len(titles)

    # すべて印刷 again: a question, and 「やめる」 (the default) prints nothing.
    click(qtbot, page.print_button)
    box = page.confirm
    assert box is not None and box.defaultButton() is _button(box, "やめる")
    assert "すでに" in box.text() and not page.printing
    click(qtbot, _button(box, "やめる"))
    qtbot.waitUntil(lambda: page.confirm is None)
    assert not page.printing and len(window.session.log.printed) == notes

    # One document alone, chosen in the list.
    page.list.setCurrentRow(1)
    with qtbot.waitSignal(page.printed, timeout=PRINT_MS) as printed:
        click(qtbot, page.print_one_button)
    assert printed.args[0].printed == (titles[1],)
    assert [n.form_id for n in window.session.log.printed[notes:]] == [page.documents[1].key]

    # The whole set again, confirmed.
    click(qtbot, page.print_button)
    box = page.confirm
    assert box is not None
    with qtbot.waitSignal(page.printed, timeout=PRINT_MS):
        click(qtbot, _button(box, "もう一度すべて印刷"))
    assert len(window.session.log.printed) == 2 * notes + 1


def test_enter_on_a_document_of_the_list_prints_that_one(qtbot: QtBot, window: MainWindow) -> None:
    """After すべて印刷 the clerk chose a spoiled document in the list with ↓ and pressed Enter: nothing
    happened (the list had no action), and the mouse was needed for 「選んだ書類だけ印刷」."""
    one_typed_resident_answered(window)
    page = window.preview_page
    with qtbot.waitSignal(page.rendered, timeout=PRINT_MS):
        window.session.go(Step.PREVIEW)
    with qtbot.waitSignal(page.printed, timeout=PRINT_MS):
        click(qtbot, page.print_button)
    page.list.setFocus()
    page.list.setCurrentRow(0)
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.printed, timeout=PRINT_MS) as blocker:
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert blocker.args[0].printed == (page.documents[1].title,)
    assert page.print_one_button.text() == "選んだ書類だけ印刷（一覧で Enter）"


def test_the_boxes_left_for_the_resident_are_named_before_printing(qtbot: QtBot, window: MainWindow) -> None:
    """A box nobody filled prints empty for the resident's pen (「わかるものだけ入力してください」): the preview
    says which documents have such boxes and names them, so the clerk fills them in or shows the resident
    where to write. Before, only `kakanai render` listed them; the counter printed them unsaid."""
    one_typed_resident_answered(window)
    page = window.preview_page
    with qtbot.waitSignal(page.rendered, timeout=PRINT_MS):
        window.session.go(Step.PREVIEW)  # the inputs step skipped: the phone was never asked
    notice = next(d for d in page.documents if d.key == "resident_move_notice")
    assert "電話番号" in notice.blanks
    row = page.documents.index(notice)
    assert page.list.item(row).text() == f"住民異動届　［空欄 {len(notice.blanks)}］"
    with_blanks = sum(1 for d in page.documents if d.blanks)
    assert f"{with_blanks}件の書類に空欄のまま印刷する欄があります（一覧の［空欄］）" in page.status.text()
    page.list.setCurrentRow(row)
    assert page.blank_note.isVisible() and page.blank_note.text() == BLANKS_NOTE + "、".join(notice.blanks)
    guidance = len(page.documents) - 1
    assert not page.documents[guidance].blanks
    page.list.setCurrentRow(guidance)
    assert not page.blank_note.isVisible() and page.list.item(guidance).text() == "窓口案内シート"

    window.session.go(Step.INPUTS)  # the clerk goes back and asks the phone number
    window.inputs_page.fill("phone", "0111234567")
    with qtbot.waitSignal(page.rendered, timeout=PRINT_MS):
        window.session.go(Step.PREVIEW)
    notice = next(d for d in page.documents if d.key == "resident_move_notice")
    assert "電話番号" not in notice.blanks
