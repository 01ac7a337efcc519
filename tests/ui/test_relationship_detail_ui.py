"""A grandson in his grandfather's household (続柄 `other`): the inputs step asks his 続柄 in words, under
his name, and the typed 「孫」 is what his sheets print (kakanai.forms.counter_boxes.RELATION_DETAIL)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import answer_all_directly, type_japanese, wait_step


def test_the_grandsons_relationship_is_asked_in_words_and_kept(qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    s = window.session
    head = s.add_member_typed(name="高橋　茂", birth_date=date(1958, 4, 4), sex=Sex.MALE, name_kana="タカハシ　シゲル")
    mother = s.add_member_typed(name="高橋　美咲", birth_date=date(1995, 8, 8), sex=Sex.FEMALE,
                                name_kana="タカハシ　ミサキ")
    grandson = s.add_member_typed(name="高橋　湊", birth_date=date(2021, 3, 3), sex=Sex.MALE, name_kana="タカハシ　ミナト")
    for member, relation in ((head, "head"), (mother, "child"), (grandson, "other")):
        s.set_relationship(member.id, relation)
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)
    answer_all_directly(window)
    s.go(Step.INPUTS)
    wait_step(qtbot, window, Step.INPUTS)
    editors = window.inputs_page.editors
    assert ("relationship_detail", grandson.id) in editors
    assert ("relationship_detail", mother.id) not in editors and ("relationship_detail", head.id) not in editors
    box = editors[("relationship_detail", grandson.id)]
    assert isinstance(box, QLineEdit)
    type_japanese(qtbot, box, "孫")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    member = next(m for m in s.members if m.id == grandson.id)
    assert member.person.form_inputs.get("relationship_detail") == "孫"
