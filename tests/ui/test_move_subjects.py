"""Who moves, at the counter (a defect hunt: a 転出 of a husband alone listed his wife as moving): a move is
everyone's, every button pressed, until the clerk leaves out who stays with that member's number key. The
rules then see who stays and the 住民異動届 counts only the movers."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kakanai.forms.bindings import MunicipalityInfo
from kakanai.forms.library import form_library
from kakanai.forms.render import render_plan_forms
from kakanai.model import LifeEvent
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import TODAY, typed_couple


def test_a_husband_moving_out_alone(qtbot: QtBot, window: MainWindow) -> None:
    typed_couple(window, LifeEvent.MOVING_OUT)
    s = window.session
    choice = window.members_page.subject
    assert choice.isVisibleTo(window) and [b.isChecked() for b in choice.buttons] == [True, True]
    assert choice.summary.text() == "転出する方: 全員" and not choice.summary.isVisibleTo(window) and s.subject is None
    choice.buttons[0].setFocus()
    qtbot.keyClicks(choice.buttons[0], "2")  # the wife stays
    assert s.subject == ("p1",) and [b.isChecked() for b in choice.buttons] == [True, False]
    assert choice.summary.text() == "転出する方: 山田 太郎 さん"
    assert s.plan is not None
    move = next(d for d in render_plan_forms(form_library(), s.reception(), s.plan,
                                             MunicipalityInfo("見本市", "見本市長"), TODAY)
                if d.form == "resident_move_notice")
    # He is the 世帯主 of his new household (he moves); his wife stays.
    assert [(sheet["member_count"], sheet["new_head"]) for sheet in move.sheets] == [("1", "山田\u3000太郎")]
    qtbot.keyClicks(choice.buttons[0], "2")  # back: everyone again
    assert s.subject is None and choice.summary.text() == "転出する方: 全員"
