"""A lone resident's death at the counter: nobody of the household can file, so the 届出人 comes from outside
it (戸籍法87条). The inputs step asks their name, フリガナ (proposed from the name once it is in), address and
生年月日,
and the printed sheets carry them in the 届出人's boxes (kakanai.forms.counter_boxes.OUTSIDE_FILER)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import OUTSIDE_APPLICANT, IdentityDocument, LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pages.inputs_page import PROPOSAL_STYLE
from tests.ui.conftest import WAIT_MS, answer_all_directly, type_japanese, wait_step


def test_the_filer_from_outside_is_asked_and_printed(qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.DEATH)
    s = window.session
    deceased = s.add_member_typed(name="田中　一郎", birth_date=date(1940, 2, 3), sex=Sex.MALE, name_kana="タナカ　イチロウ")
    s.set_subject([deceased.id])
    s.set_relationship(deceased.id, "head")
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)
    s.answer("owns_real_estate", None, True)  # the 固定資産 相続人代表者 sheet prints the フリガナ too
    s.answer("wants_certificates", None, True)  # the 除票's request prints the 生年月日 too
    answer_all_directly(window)
    s.go(Step.INPUTS)
    wait_step(qtbot, window, Step.INPUTS)
    page = window.inputs_page
    phone = page.editors[("phone", None)]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is phone, timeout=WAIT_MS)  # the page's first empty field
    name, kana, address = (page.editors[(key, None)] for key in ("filer_name", "filer_kana", "filer_address"))
    assert all(isinstance(e, QLineEdit) for e in (name, kana, address))
    assert isinstance(kana, QLineEdit) and kana.text() == ""  # nothing to read yet
    name.setFocus()
    type_japanese(qtbot, name, "田中　誠")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is kana, timeout=WAIT_MS)
    assert kana.text() == "タナカ　マコト" and kana.styleSheet() == PROPOSAL_STYLE
    qtbot.keyClick(kana, Qt.Key.Key_Return)  # confirmed
    address.setFocus()
    type_japanese(qtbot, address, "東京都清瀬市元町１丁目２番３号")
    qtbot.keyClick(address, Qt.Key.Key_Return)
    # 窓口に来た方の生年月日 (the 除票's request, the 固定資産 sheet): the next field, typed as the clerk types dates.
    birth = page.editors[("filer_birth_date", None)]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is birth, timeout=WAIT_MS)
    qtbot.keyClicks(birth, "S450701")
    qtbot.keyClick(birth, Qt.Key.Key_Return)
    assert {k: s.form_inputs.get(k) for k in ("filer_name", "filer_kana", "filer_address")} == {
        "filer_name": "田中　誠", "filer_kana": "タナカ　マコト", "filer_address": "東京都清瀬市元町１丁目２番３号"}
    assert s.form_inputs.get("filer_birth_date") == "S450701"  # kept as typed; printed 昭和45年7月1日 (typed_day)


def test_a_son_living_elsewhere_is_chosen_as_the_filer_while_the_widow_stays_home(
        qtbot: QtBot, window: MainWindow) -> None:
    """戸籍法87条2項: the widow is a member but did not come; her son files. The 届出人 list ends with
    「世帯外の方」, reached by its number key: the inputs step then asks his name and address, and the forms
    never name the widow as the 届出人."""
    window.event_page.choose(LifeEvent.DEATH)
    s = window.session
    deceased = s.add_member_typed(name="田中　一郎", birth_date=date(1940, 2, 3), sex=Sex.MALE, name_kana="タナカ　イチロウ")
    widow = s.add_member_typed(name="田中　花子", birth_date=date(1942, 5, 5), sex=Sex.FEMALE, name_kana="タナカ　ハナコ")
    s.set_subject([deceased.id])
    s.set_relationship(deceased.id, "head")
    s.set_relationship(widow.id, "spouse")
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)
    box = window.members_page.applicant.box
    assert [box.itemText(i) for i in range(box.count())] == ["1 田中　花子", "2 世帯外の方（別に住む親族・代理人など）"]
    assert box.currentData() == widow.id  # proposed: the one living member
    box.setFocus()
    qtbot.keyClicks(box, "2")
    assert s.value is not None and s.value.applicant == OUTSIDE_APPLICANT
    assert box.currentText() == "2 世帯外の方（別に住む親族・代理人など）"
    answer_all_directly(window)
    s.go(Step.INPUTS)
    wait_step(qtbot, window, Step.INPUTS)
    assert {("filer_name", None), ("filer_address", None)} <= set(window.inputs_page.editors)
    s.set_applicant(widow.id)  # back to the widow: nothing is asked of an outsider any more
    assert not {("filer_name", None), ("filer_address", None)} & set(window.inputs_page.editors)
