"""IPAmj明朝 registered with Qt at start-up: residents' names (𠮷野, 髙) show in it on the screen, as the
forms print them, and not through whatever fallback font happens to have the character."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QRawFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from kakanai.ui.theme import NAME_FONT_FAMILY, name_font, register_fonts
from tests.ui.conftest import HEAD, WAIT_MS, choose_relationships

YOSHINO = "𠮷野　髙志"


def shows_in_mj(font: QFont, text: str) -> bool:
    """The font Qt actually resolves to is IPAmj明朝, and it has every character of `text`."""
    raw = QRawFont.fromFont(font)
    return QFontInfo(font).family() == NAME_FONT_FAMILY and all(
        raw.supportsCharacter(ord(c)) for c in text if not c.isspace())


def test_ipamj_mincho_is_registered(qapp: object) -> None:
    assert register_fonts() == NAME_FONT_FAMILY
    assert NAME_FONT_FAMILY in QFontDatabase.families()
    assert shows_in_mj(name_font(), YOSHINO)


def test_names_show_in_ipamj_mincho(qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    window.session.add_member_typed(name=YOSHINO, birth_date=date(1950, 2, 3), sex=Sex.MALE, name_kana="ヨシノ　タカシ")
    table = window.members_page.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT_MS)
    cell = table.item(0, 0)
    assert cell is not None and cell.text() == YOSHINO
    assert shows_in_mj(cell.font(), YOSHINO)
    assert QFontInfo(table.item(0, 2).font()).family() != NAME_FONT_FAMILY  # the rest: the UI font
    # ...which falls back to IPAmj明朝 (not to any system font) for a character it lacks.
    app_font = QApplication.font()
    assert app_font.families()[:1] == ["IPAexGothic"] and NAME_FONT_FAMILY in app_font.families()
    choose_relationships(qtbot, window, HEAD)
    window.session.set_identity(IdentityDocument.PASSPORT)  # typed: 本人確認 is asked
    window.next_step()
    assert window.session.step is Step.INTERVIEW and window.session.questions
    page = window.interview_page
    head = page.cards[page.current].findChild(type(page.plan_label), "question_who")
    assert head is not None and head.text().endswith(("歳）", "世帯について"))
    label = next(c.findChild(type(page.plan_label), "question_who") for c in page.cards
                 if "𠮷野" in c.findChild(type(page.plan_label), "question_who").text())
    assert shows_in_mj(label.font(), YOSHINO)
