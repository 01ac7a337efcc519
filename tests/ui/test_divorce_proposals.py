"""A 協議離婚 where the father keeps the children, at the counter: the 離婚届's 離婚の種別 and 夫が親権を行う子 are
proposed from the interview's answers (divorce_by_court, custodial_parent) and F6 confirms them with the
rest, a choice as a text (kakanai.forms.inputs._proposal)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, reception_from_dict
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, answer_all_directly, wait_step
from tests.unit.forms.conftest import household


def test_the_divorce_kind_and_the_fathers_children_are_confirmed_with_f6(qtbot: QtBot, window: MainWindow) -> None:
    s = window.session
    s.resume(reception_from_dict(household("divorce_father_keeps")), "earlier")
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)
    answer_all_directly(window)
    s.go(Step.INPUTS)
    wait_step(qtbot, window, Step.INPUTS)
    page = window.inputs_page
    assert page.proposals[("divorce_kind", None)] == "協議離婚"
    assert page.proposals[("children_father", None)] == "鈴木　蓮、鈴木　葵"
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: s.form_inputs.get("divorce_kind") == "協議離婚", timeout=WAIT_MS)
    assert s.form_inputs.get("children_father") == "鈴木　蓮、鈴木　葵"
