"""Issue 17, problems 3 and 4 through the real window: the interview fits 1366×768 at text scale 1.4 (the
answers wrap, nothing scrolls sideways), a shared question is answered once for everyone, and a date
starts at the 異動日, takes 和暦 (R8.4.1) and shows both calendars; ↓ moves on without touching it. The
household's yes/no questions are one checklist (0 = none applies, ticks record exactly those facts true, the
plan of one-by-one answers), and the plan shows right after the last answer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pages.question_card import QuestionCard
from kakanai.ui.theme import apply_theme
from tests.ui.conftest import WAIT_MS, type_japanese, wait_step

FAMILY = (("山田　太郎", date(1985, 6, 15), Sex.MALE, "head"), ("山田　花子", date(1987, 11, 3), Sex.FEMALE, "spouse"),
          ("山田　𠮷子", date(2018, 9, 20), Sex.FEMALE, "child"), ("山田　髙志", date(2023, 1, 10), Sex.MALE, "child"))
EVENT_DAY = date(2026, 4, 9)


@pytest.fixture
def large_text(window: MainWindow) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.update_settings(replace(window.services.settings, font_scale=1.4))
    window.resize(1366, 768)
    yield window
    apply_theme(app, 1.0, False)


def start_interview(qtbot: QtBot, window: MainWindow, household: tuple[tuple[str, date, Sex, str], ...] = FAMILY) -> None:
    s = window.session
    s.choose_event(LifeEvent.MOVING_IN, EVENT_DAY)
    for name, born, sex, relationship in household:
        member = s.add_member_typed(name=name, birth_date=born, sex=sex)
        s.set_relationship(member.id, relationship)
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)  # typed members: 本人確認 is asked
    s.next()
    wait_step(qtbot, window, Step.INTERVIEW)


def card(window: MainWindow, fact: str) -> QuestionCard:
    return next(c for c in window.interview_page.cards if c.question.fact == fact)


def test_problem3_the_interview_fits_1366x768_at_text_scale_1_4(qtbot: QtBot, large_text: MainWindow) -> None:
    window = large_text
    start_interview(qtbot, window)
    page = window.interview_page
    qtbot.waitUntil(lambda: page.scroll_area.viewport().width() > 0, timeout=WAIT_MS)
    QApplication.processEvents()
    # The steps this change owns never ask for more than the screen (the window's header is sized elsewhere).
    assert page.minimumSizeHint().width() <= 1366 and window.members_page.minimumSizeHint().width() <= 1366
    assert page.scroll_area.horizontalScrollBar().maximum() == 0
    viewport = page.scroll_area.viewport().width()
    assert page.inner.width() <= viewport
    for c in page.cards:
        for b in c.findChildren(QPushButton):
            right = b.mapTo(page.inner, QPoint(b.width(), 0)).x()
            assert right <= viewport, (c.objectName(), b.text(), right, viewport)
    insurance = card(window, "health_insurance")
    five = insurance.findChild(QPushButton, "answer_none")
    assert five is not None and five.text().endswith("5  加入なし")
    assert five.width() >= five.sizeHint().width()  # 「加入なし」 whole, not cut


def test_problem3_a_shared_answer_is_given_once_for_everyone(qtbot: QtBot, window: MainWindow) -> None:
    start_interview(qtbot, window)
    page = window.interview_page
    insurance = card(window, "health_insurance")
    assert insurance.objectName() == "question_health_insurance_all"
    assert insurance.head.text().endswith("全員 同じ（山田　太郎、山田　花子、山田　𠮷子、山田　髙志）")
    page.current = page.cards.index(insurance)
    qtbot.keyClick(page, Qt.Key.Key_2)  # 被用者保険 for everyone
    assert [m.person.facts["health_insurance"] for m in window.session.members] == ["employee"] * 4
    assert "health_insurance" not in {c.question.fact for c in page.cards}
    # 「人ごとに答える」: the exception, when one person differs.
    card(window, "disability_handbook").findChild(QPushButton, "answer_each").click()
    each = [c.objectName() for c in page.cards if c.question.fact == "disability_handbook"]
    assert each == [f"question_disability_handbook_p{n}" for n in range(1, 5)]
    assert not any(c.question.fact == "single_parent" for c in page.cards)  # a couple: never asked


def test_the_higher_earner_is_one_choice_between_the_parents_never_both_or_neither(
        qtbot: QtBot, window: MainWindow) -> None:
    """児童手当法4条3項: exactly one parent claims, the higher earner. A checklist let the clerk answer 0
    (neither parent) in one key, which silently made the 世帯主 the claimant."""
    start_interview(qtbot, window)
    page = window.interview_page
    window.session.answer("from_abroad", None, False)  # opens 児童手当: who claims it
    earner = card(window, "main_earner")
    assert earner.objectName() == "question_main_earner_household"
    assert earner.head.text().endswith("いずれか1人（山田　太郎、山田　花子）")
    assert [b.text() for b in earner.findChildren(QPushButton) if b.objectName().startswith("answer_")] == [
        "1  山田　太郎", "2  山田　花子"]
    assert not earner.findChildren(QPushButton, "answer_each") and not earner.findChildren(QPushButton, "answer_none")
    page.current = page.cards.index(earner)
    qtbot.keyClick(page, Qt.Key.Key_0)  # no "neither": nothing is recorded
    assert "main_earner" not in window.session.members[0].person.facts
    qtbot.keyClick(page, Qt.Key.Key_2)
    assert [m.person.facts.get("main_earner") for m in window.session.members[:2]] == [False, True]
    # Only the claimant's employer pays (児童手当法17条): her 公務員 question, never his.
    assert [(q.fact, q.person) for q in window.session.questions if q.fact == "public_servant"] == [
        ("public_servant", "p2")]
    # 回答済み → Enter on his answer: the choice between both comes back, never his はい/いいえ alone.
    item = next(page.answered.item(i) for i in range(page.answered.count())
                if page.answered.item(i).data(Qt.ItemDataRole.UserRole) == ("main_earner", "p1"))
    page.answered.itemActivated.emit(item)
    assert [m.person.facts.get("main_earner") for m in window.session.members[:2]] == [None, None]
    assert card(window, "main_earner").ask.one_of


def test_problem3_a_grandparent_past_75_is_offered_only_what_the_law_leaves(qtbot: QtBot, window: MainWindow) -> None:
    """高確法50条・51条: past the 75th birthday the 健康保険 is 後期高齢者医療, 生活保護 or 加入なし. The
    grandfather's card offers only those, numbered 1-3, and the family's 「全員 同じ」 leaves him out."""
    start_interview(qtbot, window, (*FAMILY, ("山田　一郎", date(1950, 1, 2), Sex.MALE, "parent")))
    s = window.session
    page = window.interview_page
    family, his = [c for c in page.cards if c.question.fact == "health_insurance"]
    # Not 「全員」: the heading counts and names those it is for.
    assert family.head.text().endswith("同じ答え（山田　太郎、山田　花子、山田　𠮷子、山田　髙志）")
    assert family.question.prompt == "この4人の健康保険は？"
    assert his.objectName() == "question_health_insurance_p5"
    assert [b.text() for b in his.findChildren(QPushButton) if b.objectName().startswith("answer_")] == [
        "1  後期高齢者医療", "2  生活保護", "3  加入なし"]
    page.current = page.cards.index(his)
    qtbot.keyClick(page, Qt.Key.Key_1)
    assert s.member("p5").person.facts["health_insurance"] == "late_elderly"


def test_problem4_a_date_starts_at_the_event_date_takes_wareki_and_down_moves_on(
        qtbot: QtBot, window: MainWindow) -> None:
    start_interview(qtbot, window)
    s = window.session
    for _ in range(60):  # everything but the date, through the session
        open_ = [q for q in s.questions if q.kind != "date"]
        if not open_:
            break
        q = open_[0]
        s.answer(q.fact, q.person, {"bool": q.fact == "main_earner", "multi": ()}.get(q.kind, q.values[0]))
    page = window.interview_page
    moveout = card(window, "planned_moveout_date")
    editor = moveout.editor
    shown = moveout.findChild(QLabel, "answer_date_shown")
    assert editor is not None and shown is not None
    assert editor.text() == "2026-04-09" and shown.text() == "2026-04-09（令和8年4月9日）"
    editor.selectAll()
    type_japanese(qtbot, editor, "R8.4.1")
    assert shown.text() == "2026-04-01（令和8年4月1日）"
    type_japanese(qtbot, editor, "")
    editor.setText("令和8年4月3日")
    assert shown.text() == "2026-04-03（令和8年4月3日）"
    before = page.current
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # the interview's key: the next question, the date untouched
    assert editor.text() == "令和8年4月3日" and (page.current != before or len(page.cards) == 1)
    page.current = page.cards.index(moveout)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "planned_moveout_date" in s.household.facts, timeout=WAIT_MS)
    assert s.household.facts["planned_moveout_date"] == date(2026, 4, 3)


HOUSEHOLD_ITEMS = ["has_dog", "has_moped", "from_abroad", "wants_seal_registration", "wants_certificates"]
PERSONAL_ITEMS = [("has_mynumber_card", "p1"), ("ltc_certified", "p1"), ("has_mynumber_card", "p2"), ("pregnant", "p2")]


def household_checklist(qtbot: QtBot, window: MainWindow) -> QuestionCard:
    start_interview(qtbot, window)
    page = window.interview_page
    checklist = card(window, "checklist")
    assert checklist.objectName() == "question_checklist_household"
    # The household's yes/no questions, then each person's on the same card (their prompts name them), up
    # to the nine the number keys reach: 𠮷子's and 髙志's マイナンバーカード come on the next card.
    assert [(q.fact, q.person) for q in checklist.ask.items] == [*((f, None) for f in HOUSEHOLD_ITEMS), *PERSONAL_ITEMS]
    page.current = page.cards.index(checklist)
    return checklist


def test_problem3_a_checklist_shows_each_item_and_0_answers_all_of_them_no(
        qtbot: QtBot, large_text: MainWindow) -> None:
    window = large_text
    checklist = household_checklist(qtbot, window)
    values = [*HOUSEHOLD_ITEMS, *(f"{fact}.{person}" for fact, person in PERSONAL_ITEMS)]
    labels = [checklist.findChild(QLabel, f"item_{value}") for value in values]
    assert [label.text() for label in labels if label is not None] == [
        "犬を飼っていますか？", "原動機付自転車（原付・125cc以下のバイク）をお持ちですか？", "国外からの転入ですか？",
        "印鑑登録を希望されますか？", "住民票の写しなどの証明書も必要ですか？",
        "山田　太郎さんはマイナンバーカードをお持ちですか？", "山田　太郎さんは要介護・要支援の認定を受けていますか？",
        "山田　花子さんはマイナンバーカードをお持ちですか？", "山田　花子さんは妊娠中ですか？"]
    who = checklist.findChild(QLabel, "question_who")
    assert who is not None and who.text().endswith("世帯と皆さんについて")
    none = checklist.findChild(QPushButton, "answer_none")
    assert none is not None and none.text() == "0  どれも当てはまらない"
    qtbot.keyClick(window.interview_page, Qt.Key.Key_0)  # one key for the nine of them
    s = window.session
    assert s.household.facts == dict.fromkeys(HOUSEHOLD_ITEMS, False)
    assert [s.member(p).person.facts.get(f) for f, p in PERSONAL_ITEMS] == [False] * 4
    answered = {(q.fact, q.person) for q in checklist.ask.items}
    assert not answered & {(q.fact, q.person) for c in window.interview_page.cards for q in (*c.ask.items, c.question)}


def test_problem3_ticking_two_items_records_exactly_those_two_and_the_plan_of_one_by_one(
        qtbot: QtBot, window: MainWindow) -> None:
    checklist = household_checklist(qtbot, window)
    page = window.interview_page
    qtbot.keyClick(page, Qt.Key.Key_1)  # 犬
    qtbot.keyClick(page, Qt.Key.Key_4)  # 印鑑登録
    qtbot.keyClick(page, Qt.Key.Key_1)  # 犬 again: untick
    qtbot.keyClick(page, Qt.Key.Key_1)  # and tick
    assert [b.isChecked() for b in checklist.options] == [True, False, False, True, False, False, False, False, False]
    ticked = [label.text() for label in checklist.findChildren(QLabel) if label.text().startswith("✓ はい: ")]
    assert ticked == ["✓ はい: 犬を飼っていますか？", "✓ はい: 印鑑登録を希望されますか？"]
    assert window.session.household.facts == {}  # nothing is recorded before Enter
    qtbot.keyClick(page, Qt.Key.Key_Return)
    s = window.session
    assert s.household.facts == {"has_dog": True, "has_moped": False, "from_abroad": False,
                                 "wants_seal_registration": True, "wants_certificates": False}
    plan, questions = s.plan, s.questions
    # The same answers one by one: the same facts, the same plan and the same questions after.
    for fact in HOUSEHOLD_ITEMS:
        s.answer(fact, None, None)
    assert s.household.facts == {}
    for fact in HOUSEHOLD_ITEMS:
        s.answer(fact, None, fact in ("has_dog", "wants_seal_registration"))
    assert s.plan == plan and s.questions == questions


def test_problem3_the_plan_shows_after_the_last_answer_and_the_answers_stay_editable(
        qtbot: QtBot, window: MainWindow) -> None:
    start_interview(qtbot, window)
    s = window.session
    page = window.interview_page
    while any(q.kind != "date" for q in s.questions):  # all but the date, through the session
        q = next(q for q in s.questions if q.kind != "date")
        s.answer(q.fact, q.person, {"bool": q.fact == "main_earner", "multi": ()}.get(q.kind, q.values[0]))
    assert [c.question.fact for c in page.cards] == ["planned_moveout_date"]
    page.current = 0
    qtbot.keyClick(page, Qt.Key.Key_Return)  # the last answer (the date proposed): no second Enter
    wait_step(qtbot, window, Step.PLAN)
    assert s.questions == () and s.plan is not None and s.plan.complete
    s.back()  # 「← 戻る」: the answers are there to change (選んでEnterで聞き直し)
    wait_step(qtbot, window, Step.INTERVIEW)
    assert page.answered.count() > 0 and page.heading.text() == "聞き取りは終わりました。Enterで手続の一覧へ"


def test_problem3_a_checklist_taller_than_the_screen_follows_the_keyboard(
        qtbot: QtBot, large_text: MainWindow) -> None:
    """Nine items at text scale 1.4 on 1366×768 do not fit: the item ticked (or highlighted with →) is
    scrolled into view."""
    window = large_text
    household_checklist(qtbot, window)
    page = window.interview_page
    page.current = 0
    qtbot.keyClick(page, Qt.Key.Key_2)  # 健康保険: the checklist is the current card, shown from its top
    checklist = card(window, "checklist")
    assert page.cards[page.current] is checklist
    qtbot.waitUntil(checklist.isVisible, timeout=WAIT_MS)
    last = checklist.options[8]
    viewport = page.scroll_area.viewport()

    def seen(widget: QWidget) -> bool:
        top = widget.mapTo(viewport, widget.rect().topLeft()).y()
        return top >= 0 and top + widget.height() <= viewport.height()

    QApplication.processEvents()
    assert not seen(last)  # the card is taller than the screen
    qtbot.keyClick(page, Qt.Key.Key_9)
    assert last.isChecked() and seen(last)
    qtbot.keyClick(page, Qt.Key.Key_1)
    assert seen(checklist.options[0])
    for _ in range(8):
        qtbot.keyClick(page, Qt.Key.Key_Right)
        assert seen(checklist.options[checklist.highlight])
