"""住所地特例 at the counter: an 88-year-old moving from Tokyo into a 特別養護老人ホーム here is asked whether the
move is an admission and to which facility, with answers too long for a button standing whole, one per line; answering it by its
number key plans the 住所地特例 guidance instead of this city's 後期高齢者医療 and 介護保険 enrolments
(高確法55条, 介護保険法13条)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, wait_step


def test_the_admission_is_asked_whole_and_keeps_the_former_insurers(qtbot: QtBot, window: MainWindow) -> None:
    window.fit_into(QSize(1366, 768))
    window.event_page.choose(LifeEvent.MOVING_IN)
    s = window.session
    s.set_event_date(date(2026, 4, 3))
    s.add_member_typed(name="松本　トメ", birth_date=date(1938, 2, 11), sex=Sex.FEMALE, name_kana="マツモト　トメ")
    s.set_relationship("p1", "head")
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)
    s.answer_many([("from_abroad", None, False), ("from_same_prefecture", None, False),
                   ("planned_moveout_date", None, date(2026, 4, 1)), ("has_dog", None, False),
                   ("has_moped", None, False), ("wants_seal_registration", None, False),
                   ("wants_certificates", None, False), ("health_insurance", "p1", "late_elderly"),
                   ("ltc_certified", "p1", True), ("nationality", "p1", "japanese"),
                   ("has_mynumber_card", "p1", False), ("receives_public_pension", "p1", True),
                   ("disability_handbook", "p1", ())])
    s.next()
    wait_step(qtbot, window, Step.INTERVIEW)
    assert [(q.fact, q.person) for q in s.questions] == [("facility_admission", None)]
    page = window.interview_page
    qtbot.keyClicks(page, "1")  # はい: an admission (on the household's yes/no card)
    qtbot.waitUntil(lambda: [q.fact for q in s.questions] == ["facility_kind"], timeout=WAIT_MS)
    card = page.cards[page.current]
    long_answer = card.findChild(QLabel, "item_care_home")
    assert long_answer is not None and long_answer.wordWrap()
    assert long_answer.text().startswith("老人ホーム・介護保険施設（特別養護老人ホーム")
    button = card.findChild(QPushButton, "answer_care_home")
    assert button is not None and button.text() == "▶ 1"  # its number only, the first answer selected
    qtbot.waitUntil(lambda: long_answer.isVisible(), timeout=WAIT_MS)
    # Whole on the card: its right edge inside the card, never cut or scrolled sideways.
    right = long_answer.mapTo(card, long_answer.rect().topRight()).x()
    assert right <= card.width()
    qtbot.keyClicks(page, "1")
    wait_step(qtbot, window, Step.PLAN)
    planned = [p.id for p in s.plan.procedures] if s.plan is not None else []
    assert "insurance_address_exception" in planned
    assert "late_elderly_enroll" not in planned and "ltc_enroll" not in planned
    qtbot.keyClick(window.plan_page, Qt.Key.Key_Escape)  # nothing else: the reception stays as it is
