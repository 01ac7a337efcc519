"""Step 3: the interview. Only the plan's open questions, per person with name and age, keyboard first:
number keys answer (on a checklist they tick, 0 = none applies), ↑↓ move between questions, ←→ between
answers, Enter answers the highlighted one (a checklist: confirms the ticks). Every answer re-plans at
once; the live list on the right shows what the plan has become; the last answer shows the plan."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.interview import Ask, interview_asks, reasked
from kakanai.app.ports import FactDef
from kakanai.model import FactValue
from kakanai.ui.pages.host import Host
from kakanai.ui.pages.question_card import QuestionCard, who_label
from kakanai.ui.theme import use_name_font
from kakanai.ui.widgets import button, title, wrap_rows

# A checklist with the household's and members' questions (each item names its person).
EVERYONE_OF_HOUSEHOLD = "世帯と皆さんについて"
ONE_OF = "いずれか1人"  # the heading of a choice among members (所得の高い方: one of the two parents)


class InterviewPage(QWidget):
    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self.cards: list[QuestionCard] = []
        self.split: frozenset[str] = frozenset()  # facts the clerk answers person by person (app.interview)
        self.current = 0
        self.last_answer_seconds: float | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        self.heading = title("聞き取り")
        layout.addWidget(self.heading)
        # Who the event is about, said before any question (issue 17): 「亡くなった方: 渡邊 髙雄 様」.
        self.subject_line = QLabel("")
        self.subject_line.setObjectName("interview_subject")
        self.subject_line.setProperty("role", "notice")
        use_name_font(self.subject_line)
        layout.addWidget(self.subject_line)
        hint = QLabel("数字キーで回答、↑↓で質問を移動（日付の欄でも）、Enterで選択中の回答。「当てはまるもの」は数字キーで選んで"
                      "Enter（0 はどれも当てはまらない）。日付は R8.4.1・令和8年4月1日 でも入力できます。回答すると右の手続がすぐ"
                      "変わり、最後の回答で手続の一覧へ進みます。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        body = QHBoxLayout()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        # Cards wrap their text and answers to the width: the interview never scrolls sideways.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.inner = QWidget()
        self.cards_box = QVBoxLayout(self.inner)
        self.cards_box.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setWidget(self.inner)
        body.addWidget(self.scroll_area, 3)
        side = QVBoxLayout()
        self.plan_label = QLabel("")
        self.plan_label.setObjectName("interview_plan_count")
        self.plan_label.setProperty("role", "title")
        side.addWidget(self.plan_label)
        self.plan_list = QListWidget()
        self.plan_list.setObjectName("interview_plan")
        self.plan_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side.addWidget(self.plan_list, 2)
        side.addWidget(QLabel("回答済み（選んでEnterで聞き直し）"))
        self.answered = QListWidget()
        self.answered.setObjectName("interview_answered")
        self.answered.itemActivated.connect(self._reask)
        for listing in (self.plan_list, self.answered):
            wrap_rows(listing)  # long titles and prompts wrap: nothing here scrolls sideways (issue 17, problem 3)
        side.addWidget(self.answered, 1)
        body.addLayout(side, 2)
        layout.addLayout(body, 1)
        row = QHBoxLayout()
        row.addWidget(button("← 戻る", "interview_back", self._back))
        row.addStretch(1)
        self.next_button = button("手続の一覧へ（Enter）→", "interview_next", self.host.next_step, role="primary")
        row.addWidget(self.next_button)
        layout.addLayout(row)

    def _back(self) -> None:
        self.host.session.back()

    # -- showing ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Keep the cards of questions still open, add the new ones, drop the answered ones: answering
        must feel instant (a full rebuild of every card costs tens of milliseconds)."""
        s = self.host.session
        summary = s.subject_summary()
        self.subject_line.setText(summary or "")
        self.subject_line.setVisible(summary is not None)
        if s.value is None:
            self.split = frozenset()  # a new reception: every shared question is asked once again
        keep = self.cards[self.current].ask.key if 0 <= self.current < len(self.cards) else None
        existing = {_key(c.ask): c for c in self.cards}
        cards: list[QuestionCard] = []
        on = s.event_date
        names = {m.id: m.person.name for m in s.members}
        asks = interview_asks(s.questions, names, self.host.services.book.facts, self.split)
        for i, ask in enumerate(asks, start=1):
            if ask.shared:
                who = f"{ask.together}（{'、'.join(names[p] for p in ask.people)}）"
            elif ask.one_of:
                who = f"{ONE_OF}（{'、'.join(names[p] for p in ask.people)}）"
            elif ask.question.person is None:
                who = EVERYONE_OF_HOUSEHOLD if any(q.person for q in ask.items) else who_label(None, None)
            else:
                m = s.member(ask.question.person)
                who = who_label(m.person.name, m.age_on(on) if on else None)
            card = existing.pop(_key(ask), None)
            if card is None:
                card = QuestionCard(ask, who, self._answer, i, default_date=on, on_move=self.move_question,
                                    on_split=self._split)
            else:
                card.set_heading(i, who)
            cards.append(card)
        for gone in existing.values():
            self.cards_box.removeWidget(gone)
            gone.hide()  # not setParent(None): a widget made top-level would take the window's activation
            gone.deleteLater()
        for i, card in enumerate(cards):
            if self.cards_box.indexOf(card) != i:
                self.cards_box.removeWidget(card)
                self.cards_box.insertWidget(i, card)
        self.cards = cards
        self._fit_cards()
        keys = [c.ask.key for c in self.cards]
        self.current = keys.index(keep) if keep in keys else 0
        self._show_current()
        left = len(self.cards)
        self.heading.setText(f"聞き取り（残り{left}問）" if left else "聞き取りは終わりました。Enterで手続の一覧へ")
        self._show_plan()
        self._show_answered()

    def _fit_cards(self) -> None:
        """The cards' height follows their width (answers wrap): size the inner widget for the viewport's
        width at once, so a new set of cards is never drawn squeezed into the viewport's height first."""
        width = self.scroll_area.viewport().width()
        for card in self.cards:
            card.ensurePolished()  # the style sheet's fonts (a title's size) before measuring the text
        self.cards_box.activate()
        height = self.scroll_area.viewport().height()
        needed = self.cards_box.heightForWidth(width)
        if needed > height and not self.scroll_area.verticalScrollBar().isVisible():
            # The vertical scroll bar about to appear takes its width from the cards.
            width -= self.scroll_area.verticalScrollBar().sizeHint().width()
            needed = self.cards_box.heightForWidth(width)
        self.inner.resize(width, max(height, needed))

    def _show_plan(self) -> None:
        s = self.host.session
        self.plan_list.clear()
        plan = s.plan
        if plan is None:
            self.plan_label.setText(s.plan_error or "")
            return
        names = {m.id: m.person.name for m in s.members}
        self.plan_label.setText(f"手続 {len(plan.procedures)}件")
        for p in plan.procedures:
            who = f"［{names.get(p.person, '')}］" if p.person else ""
            self.plan_list.addItem(QListWidgetItem(f"{p.title}{who}"))

    def _show_answered(self) -> None:
        s = self.host.session
        facts = self.host.services.book.facts
        self.answered.clear()
        rows: list[tuple[str, str | None, FactValue]] = [(f, None, v) for f, v in s.household.facts.items()]
        for m in s.members:
            rows += [(f, m.id, v) for f, v in m.person.facts.items()]
        for fact, person, value in rows:
            definition = facts.get(fact)
            if definition is None:
                continue
            name = s.member(person).person.name if person else ""
            prompt = definition.prompt.replace("{name}", name)
            item = QListWidgetItem(f"{prompt} → {_label(definition, value)}")
            item.setData(Qt.ItemDataRole.UserRole, (fact, person))
            self.answered.addItem(item)

    def _show_current(self) -> None:
        for i, card in enumerate(self.cards):
            card.set_current(i == self.current)
        if self.cards:
            self.scroll_area.ensureWidgetVisible(self.cards[self.current])

    def _reveal(self, option: QWidget) -> None:
        """A checklist taller than the screen (nine items at text scale 1.4): the item just ticked or
        highlighted is scrolled into view, so the keyboard reaches what the eye can read."""
        self.scroll_area.ensureWidgetVisible(option, 0, option.height())

    def activate(self) -> None:
        self.setFocus()

    # -- answering -------------------------------------------------------------------------------------
    def _answer(self, ask: Ask, value: FactValue) -> None:
        started = time.perf_counter()
        self.host.session.answer_many(ask.answers(value))
        self.last_answer_seconds = time.perf_counter() - started
        if not self.cards:
            # The last answer: the plan shows at once (no Enter that adds nothing, issue 17); the answers
            # stay editable (← 戻る on the plan, then 「回答済み」).
            self.host.next_step()
        elif self.cards[self.current].editor is None:
            self.setFocus()

    def _split(self, fact: str) -> None:
        """An exception to 「全員 同じ」: that question is asked person by person."""
        self.split = self.split | {fact}
        self.refresh()

    def move_question(self, step: int) -> None:
        """↑↓: the previous or next question (also from a date being typed)."""
        if self.cards:
            self.current = (self.current + step) % len(self.cards)
            self._show_current()
            if self.cards[self.current].editor is None:
                self.setFocus()

    def _reask(self, item: QListWidgetItem) -> None:
        fact, person = item.data(Qt.ItemDataRole.UserRole)
        s = self.host.session
        definition = self.host.services.book.facts[fact]
        s.answer_many(reasked(definition, person, {m.id: m.person.facts for m in s.members}))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        card = self.cards[self.current] if self.cards else None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if card is None:
                self.host.next_step()
            else:
                card.enter()
        elif text.isascii() and text.isdigit() and card is not None:
            card.number(int(text))
            if card.ask.checklist and 1 <= int(text) <= len(card.options) and card in self.cards:
                self._reveal(card.options[int(text) - 1])
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move_question(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Left) and card is not None:
            card.move_highlight(1 if key == Qt.Key.Key_Right else -1)
            if card.options:
                self._reveal(card.options[card.highlight])
        else:
            super().keyPressEvent(event)


def _key(ask: Ask) -> tuple[object, ...]:
    q = ask.question
    return (q.fact, q.person, q.prompt, q.values, ask.people, ask.lead)


def _label(definition: FactDef, value: FactValue) -> str:
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, tuple):
        return "、".join(definition.label_of(v) for v in value) or "なし"
    return definition.label_of(value) if isinstance(value, str) else str(value)
