"""The 届出人 at the counter, chosen with the members (issue 17, "who is who, explicitly"): proposed as the
rules decide (the 世帯主), changed with a number key; the forms then name the one who came and signs. The
deceased is never offered; a lone resident's death offers nobody (the 届出人 comes from outside)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from kakanai.forms.bindings import MunicipalityInfo
from kakanai.forms.library import form_library
from kakanai.forms.render import render_plan_forms
from kakanai.model import LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import TODAY, typed_couple


def _choice(window: MainWindow) -> QComboBox:
    box = window.members_page.findChild(QComboBox, "applicant_choice")
    assert box is not None
    return box


def test_the_wife_who_came_alone_is_the_filer_on_the_forms(qtbot: QtBot, window: MainWindow) -> None:
    typed_couple(window, LifeEvent.MOVING_IN)
    s = window.session
    box = _choice(window)
    assert box.isVisibleTo(window) and [box.itemText(i) for i in range(box.count())] == [
        "1 山田　太郎", "2 山田　花子", "3 世帯外の方（別に住む親族・代理人など）"]
    assert box.currentText() == "1 山田　太郎" and s.applicant is None  # the proposal: the 世帯主
    box.setFocus()
    qtbot.keyClicks(box, "2")
    assert s.applicant == "p2"
    assert s.plan is not None
    documents = render_plan_forms(form_library(), s.reception(), s.plan, MunicipalityInfo("見本市", "見本市長"), TODAY)
    move = next(d for d in documents if d.form == "resident_move_notice")
    assert {sheet["applicant_name"] for sheet in move.sheets} == {"山田　花子"}


def test_the_deceased_is_never_offered_and_a_lone_death_offers_nobody(qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.DEATH)
    s = window.session
    deceased = s.add_member_typed(name="渡邊　髙雄", birth_date=date(1938, 3, 3), sex=Sex.MALE)
    s.set_subject([deceased.id])
    box = _choice(window)
    assert not box.isVisibleTo(window)  # nobody of the household can file
    s.add_member_typed(name="渡邊　ハツ", birth_date=date(1941, 5, 5), sex=Sex.FEMALE)
    assert box.isVisibleTo(window) and [box.itemText(i) for i in range(box.count())] == [
        "1 渡邊　ハツ", "2 世帯外の方（別に住む親族・代理人など）"]
    assert box.currentText() == "1 渡邊　ハツ"
