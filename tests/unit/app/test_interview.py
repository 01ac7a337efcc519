"""Issue 17, problem 3 without Qt: the interview as a presentation of the plan's questions. 健康保険 first
(its answer decides which others are asked), then the household's and each person's yes/no questions on one
checklist, shared answers once as 「全員 同じ」 (written to each person), each person's other questions, then the sensitive ones together and gently led in; a couple is not asked ひとり親; 公務員 waits
until the main earner (the claimant of 児童手当) is known."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from kakanai.app.interview import (
    CHECKLIST,
    CHECKLIST_PROMPT,
    SENSITIVE_LEAD,
    Ask,
    interview_asks,
)
from kakanai.app.workflow import ReceptionSession
from kakanai.model import LifeEvent, Question, Sex
from kakanai.rules import RuleBook
from kakanai.rules.facts import FactDef
from tests.unit.app.test_workflow import HANAKO, YOSHIKO, family, session


def names(s: ReceptionSession) -> dict[str, str]:
    return {m.id: m.person.name for m in s.members}


def asks_of(s: ReceptionSession, book: RuleBook, split: frozenset[str] = frozenset()) -> tuple[Ask, ...]:
    return interview_asks(s.questions, names(s), book.facts, split)


def shown(asks: tuple[Ask, ...]) -> list[tuple[str, str | None, tuple[str, ...], tuple[tuple[str, str | None], ...]]]:
    return [(a.question.fact, a.question.person, a.people, tuple((q.fact, q.person) for q in a.items)) for a in asks]


def test_problem3_a_four_person_move_in_is_asked_in_6_cards_not_21(book: RuleBook) -> None:
    s = family(book)
    assert len(s.questions) == 21
    asks = asks_of(s, book)
    household = (("has_dog", None), ("has_moped", None), ("from_abroad", None), ("wants_seal_registration", None),
                 ("wants_certificates", None))
    personal = (("ltc_certified", "p1"), ("pregnant", "p2"), ("has_mynumber_card", "p4"))
    assert shown(asks) == [
        ("health_insurance", None, ("p1", "p2", "p3", "p4"), ()),
        (CHECKLIST, None, (), household + personal),  # the household's yes/no questions, then each person's
        ("uses_signing_certificate", None, ("p1", "p2", "p3"), ()),
        ("school", "p3", ("p3",), ()), ("school", "p4", ("p4",), ()),
        ("disability_handbook", None, ("p1", "p2", "p3", "p4"), ()),
    ]
    assert asks[0].question.prompt == "全員の健康保険は？" and asks[0].shared
    checklist = asks[1].question
    assert checklist.kind == CHECKLIST and checklist.prompt == CHECKLIST_PROMPT
    assert checklist.values == (*(f for f, _ in household), "ltc_certified.p1", "pregnant.p2", "has_mynumber_card.p4")
    assert checklist.value_labels == ("犬を飼っていますか？", "原動機付自転車（原付・125cc以下のバイク）をお持ちですか？",
                                      "国外からの転入ですか？", "印鑑登録を希望されますか？", "住民票の写しなどの証明書も必要ですか？",
                                      "山田　太郎さんは要介護・要支援の認定を受けていますか？", "山田　花子さんは妊娠中ですか？",
                                      "山田　髙志さんはマイナンバーカードをお持ちですか？")
    assert asks[-1].sensitive and asks[-1].lead == SENSITIVE_LEAD
    assert asks[-1].question.prompt == "全員がお持ちの障害者手帳は？（なければ「なし」）"
    assert "single_parent" not in {q.fact for q in s.questions}  # a couple: the rules do not ask it


def test_problem3_a_checklist_records_each_item_as_its_own_fact(book: RuleBook) -> None:
    s = family(book)
    checklist = next(a for a in asks_of(s, book) if a.checklist)
    assert checklist.answers(()) == (("has_dog", None, False), ("has_moped", None, False),
                                     ("from_abroad", None, False), ("wants_seal_registration", None, False),
                                     ("wants_certificates", None, False), ("ltc_certified", "p1", False),
                                     ("pregnant", "p2", False), ("has_mynumber_card", "p4", False))
    ticked = checklist.answers(("has_dog", "wants_seal_registration", "has_mynumber_card.p4"))
    assert [(fact, person) for fact, person, value in ticked if value] == [
        ("has_dog", None), ("wants_seal_registration", None), ("has_mynumber_card", "p4")]
    # The rules see exactly what one-by-one answers give them: the same facts, the same plan.
    s.answer_many(ticked)
    one_by_one = family(book)
    for fact, person, value in ticked:
        one_by_one.answer(fact, person, value)
    assert s.household.facts == one_by_one.household.facts == {
        "has_dog": True, "has_moped": False, "from_abroad": False, "wants_seal_registration": True,
        "wants_certificates": False}
    assert s.plan == one_by_one.plan


def test_problem3_a_checklist_holds_nine_items_the_number_keys_reach(book: RuleBook) -> None:
    household = [f for f in book.facts.values() if f.scope.value == "household" and f.kind.value == "bool"
                 and f.group.value == "plain" and not f.ask_first][:11]
    assert len(household) == 11
    questions = [Question(f.id, None, f.prompt, f.values, f.value_labels, "bool", ("x",)) for f in household]
    asks = interview_asks(questions, {}, book.facts)
    assert [len(a.items) for a in asks] == [9, 2]
    assert [q.fact for a in asks for q in a.items] == [f.id for f in household]
    lone = interview_asks(questions[:1], {}, book.facts)
    assert shown(lone) == [(household[0].id, None, (), ())]  # one yes/no question stays a はい/いいえ card


def test_problem3_sensitive_yes_no_questions_share_their_own_gentle_checklist(book: RuleBook) -> None:
    # 受給中 waits for ひとり親 in the shipped catalog (below); without that wait the two share a card.
    facts = {**book.facts, "receives_child_support_allowance": replace(
        book.facts["receives_child_support_allowance"], ask_after=())}
    asks = interview_asks(bool_questions(facts, "wants_certificates", "single_parent", "has_dog",
                                         "receives_child_support_allowance"), {}, facts)
    assert shown(asks) == [(CHECKLIST, None, (), (("wants_certificates", None), ("has_dog", None))),
                           (CHECKLIST, None, (), (("single_parent", None), ("receives_child_support_allowance", None)))]
    assert [a.sensitive for a in asks] == [False, True] and asks[1].lead == SENSITIVE_LEAD
    assert asks[1].question.value_labels == (
        "差し支えなければ教えてください。お子さんを、おひとりで育てていらっしゃいますか（ひとり親の世帯）？",
        "現在、児童扶養手当を受給していますか？")


def test_児童扶養手当_受給中_waits_for_ひとり親_whose_no_makes_it_moot(book: RuleBook) -> None:
    # Receiving it implies a single-parent household (児童扶養手当法4条2項・3条3項): ひとり親 alone first.
    facts = book.facts
    asks = interview_asks(bool_questions(facts, "wants_certificates", "single_parent", "has_dog",
                                         "receives_child_support_allowance"), {}, facts)
    assert shown(asks) == [(CHECKLIST, None, (), (("wants_certificates", None), ("has_dog", None))),
                           ("single_parent", None, (), ())]
    assert asks[1].sensitive and asks[1].lead == SENSITIVE_LEAD
    assert asks[1].question.prompt == (
        "差し支えなければ教えてください。お子さんを、おひとりで育てていらっしゃいますか（ひとり親の世帯）？")


def test_the_moveout_date_waits_for_from_abroad_whose_yes_makes_it_moot(book: RuleBook) -> None:
    # From abroad there is no 転出証明書 and so no 転出予定日 (the 児童手当 window runs from the move-in).
    facts = book.facts
    date_q = Question("planned_moveout_date", None, facts["planned_moveout_date"].prompt, (), (), "date", ("x",))
    asks = interview_asks([date_q, *bool_questions(facts, "from_abroad")], {}, facts)
    assert shown(asks) == [("from_abroad", None, (), ())]
    assert shown(interview_asks([date_q], {}, facts)) == [("planned_moveout_date", None, (), ())]


def bool_questions(facts: Mapping[str, FactDef], *ids: str) -> list[Question]:
    return [Question(f, None, facts[f].prompt, facts[f].values, facts[f].value_labels, "bool", ("x",)) for f in ids]


def test_problem3_public_servant_waits_for_the_main_earner(book: RuleBook) -> None:
    s = family(book)
    s.answer("from_abroad", None, False)  # opens 児童手当: who claims it, and is that one a public servant
    assert {("public_servant", "p1"), ("public_servant", "p2"), ("main_earner", "p1")} <= {
        (q.fact, q.person) for q in s.questions}
    asks = asks_of(s, book)
    assert "public_servant" not in {q.fact for a in asks for q in (*a.items, a.question)}
    # Exactly one parent is the higher earner (児童手当法4条3項): one choice between the two, never a
    # checklist where "both" or "neither" could be ticked.
    checklist = next(a for a in asks if a.checklist)
    assert "main_earner" not in {q.fact for q in checklist.items}
    earner = next(a for a in asks if a.question.fact == "main_earner")
    assert earner.one_of and not earner.shared and earner.people == ("p1", "p2")
    assert earner.question.kind == "choice" and earner.question.values == ("p1", "p2")
    assert earner.question.value_labels == ("山田　太郎", "山田　花子")
    assert earner.question.prompt == "児童の父母のうち、所得の高い方（生計を主に維持している方）はどなたですか？"
    assert earner.answers("p2") == (("main_earner", "p1", False), ("main_earner", "p2", True))
    s.answer_many(earner.answers("p2"))  # the spouse earns more: she claims (児童手当法4条3項)
    asks = asks_of(s, book)
    assert [(q.fact, q.person) for q in s.questions if q.fact == "public_servant"] == [("public_servant", "p2")]
    # Her 公務員 question comes with the checklist, after 健康保険 (the lone deciding question first).
    assert shown(asks)[:2] == [("health_insurance", None, ("p1", "p2", "p3", "p4"), ()),
                               (CHECKLIST, None, (), (("has_dog", None), ("has_moped", None),
                                                      ("wants_seal_registration", None), ("wants_certificates", None),
                                                      ("ltc_certified", "p1"), ("public_servant", "p2"),
                                                      ("pregnant", "p2"), ("has_mynumber_card", "p4")))]


def test_problem3_everyone_the_same_is_written_to_each_person_and_an_exception_is_asked_alone(
        book: RuleBook) -> None:
    s = family(book)
    s.answer_all("health_insurance", ("p1", "p2", "p3", "p4"), "employee")
    assert [m.person.facts["health_insurance"] for m in s.members] == ["employee"] * 4
    s.answer("health_insurance", "p1", None)  # re-asked for one person: the exception
    one = [a for a in asks_of(s, book) if a.question.fact == "health_insurance"]
    assert [(a.question.person, a.people, a.question.prompt) for a in one] == [
        ("p1", ("p1",), "山田　太郎さんの健康保険は？")]
    assert one[0].answers("national") == (("health_insurance", "p1", "national"),)
    split = asks_of(family(book), book, frozenset({"health_insurance"}))
    assert [a.people for a in split if a.question.fact == "health_insurance"] == [("p1",), ("p2",), ("p3",), ("p4",)]
    everyone = next(a for a in asks_of(family(book), book) if a.question.fact == "health_insurance")
    assert everyone.answers("employee") == tuple(("health_insurance", p, "employee") for p in ("p1", "p2", "p3", "p4"))


def test_problem3_a_parent_alone_with_a_child_is_asked_ひとり親_last_and_gently(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_from_card(HANAKO)
    s.add_member_from_card(YOSHIKO)
    s.set_relationship("p1", "head")
    s.set_relationship("p2", "child")
    asks = asks_of(s, book)
    delicate = [a for a in asks if a.sensitive]
    assert asks[-len(delicate):] == tuple(delicate)  # together, at the end
    single = next(a for a in delicate if a.question.fact == "single_parent")
    assert single.question.prompt == "差し支えなければ教えてください。お子さんを、おひとりで育てていらっしゃいますか（ひとり親の世帯）？"
    assert delicate[0].lead == SENSITIVE_LEAD and all(a.lead == "" for a in delicate[1:])
    assert not any(a.sensitive for a in asks[: -len(delicate)])


def test_a_grandparent_past_75_is_not_answered_the_familys_health_insurance(book: RuleBook) -> None:
    """Past the 75th birthday the 健康保険 can only be 後期高齢者医療, 生活保護 or 加入なし (高確法50条・51条):
    the rules offer a grandparent only those, so he is asked apart from the family's 「全員 同じ」 and never
    answered 国保 with them. On the birthday itself (the boundary day) he may still hold the 国保 of the day
    before, is offered every value and shares the family's question."""
    s = family(book)  # 転入 on 2026-04-09
    grandpa = s.add_member_typed(name="山田　一郎", birth_date=date(1951, 4, 8), sex=Sex.MALE)  # 75th birthday: 04-08
    s.set_relationship(grandpa.id, "parent")
    asks = interview_asks(s.questions, names(s), book.facts)
    insurance = [(a.question.person, a.people, a.question.value_labels) for a in asks
                 if a.question.fact == "health_insurance"]
    everything = ("国民健康保険", "被用者保険（勤務先・扶養）", "後期高齢者医療", "生活保護", "加入なし")
    assert insurance == [(None, ("p1", "p2", "p3", "p4"), everything),
                         (grandpa.id, (grandpa.id,), ("後期高齢者医療", "生活保護", "加入なし"))]
    assert [a.question.prompt for a in asks if a.question.fact == "health_insurance"] == [
        "この4人の健康保険は？", "山田　一郎さんの健康保険は？"]
    grandma = s.add_member_typed(name="山田　トメ", birth_date=date(1950, 5, 5), sex=Sex.FEMALE)
    s.set_relationship(grandma.id, "parent")
    asks = interview_asks(s.questions, names(s), book.facts)
    assert [(a.together, a.question.prompt, a.people) for a in asks if a.question.fact == "health_insurance"] == [
        ("同じ答え", "この4人の健康保険は？", ("p1", "p2", "p3", "p4")),
        ("同じ答え", "この2人の健康保険は？", (grandpa.id, grandma.id))]
    s.remove_member(grandma.id)
    s.remove_member(grandpa.id)
    born_on_the_day = s.add_member_typed(name="山田　一郎", birth_date=date(1951, 4, 9), sex=Sex.MALE)
    s.set_relationship(born_on_the_day.id, "parent")
    asks = interview_asks(s.questions, names(s), book.facts)
    insurance = [(a.question.person, a.people, a.question.value_labels) for a in asks
                 if a.question.fact == "health_insurance"]
    assert insurance == [(None, ("p1", "p2", "p3", "p4", born_on_the_day.id), everything)]
    assert next(a for a in asks if a.question.fact == "health_insurance").together == "全員 同じ"


def test_an_answer_an_edit_makes_impossible_is_asked_again(book: RuleBook) -> None:
    """The grandfather answered 国保 with the family; his birth date corrected (a typing mistake) puts him
    past 75, where only 後期高齢者医療 / 生活保護 / 加入なし are left: his answer is forgotten and asked
    again with those, the family's stays, and the interview is never stuck on an error. So too when the
    異動日 moves past his 75th birthday."""
    s = family(book)  # 転入 on 2026-04-09
    grandpa = s.add_member_typed(name="山田　一郎", birth_date=date(1951, 4, 10), sex=Sex.MALE)
    s.set_relationship(grandpa.id, "parent")
    everyone = tuple(m.id for m in s.members)
    s.answer_all("health_insurance", everyone, "national")
    s.update_member(grandpa.id, birth_date=date(1941, 4, 10))
    assert (s.plan is not None, s.plan_error) == (True, None)
    assert [s.member(p).person.facts.get("health_insurance") for p in everyone] == ["national"] * 4 + [None]
    assert [(q.person, q.values) for q in s.questions if q.fact == "health_insurance"] == [
        (grandpa.id, ("late_elderly", "welfare", "none"))]
    s.update_member(grandpa.id, birth_date=date(1951, 4, 8))
    s.set_event_date(date(2026, 4, 8))  # on his 75th birthday: every value
    s.answer("health_insurance", grandpa.id, "national")
    s.set_event_date(date(2026, 4, 9))  # the day after it
    assert s.plan_error is None and s.member(grandpa.id).person.facts.get("health_insurance") is None


def test_asking_one_parent_again_brings_back_the_choice_between_both(book: RuleBook) -> None:
    """回答済み → 聞き直し on one parent's 所得の高い方: both are forgotten (児童手当法4条3項: one of them), so the
    card asks the choice again instead of a lone はい/いいえ that could leave neither."""
    from kakanai.app.interview import reasked

    s = family(book)
    s.answer("from_abroad", None, False)
    s.answer_many((("main_earner", "p1", True), ("main_earner", "p2", False)))
    answered = {m.id: m.person.facts for m in s.members}
    assert reasked(book.facts["main_earner"], "p1", answered) == (("main_earner", "p1", None), ("main_earner", "p2", None))
    s.answer_many(reasked(book.facts["main_earner"], "p1", answered))
    assert any(a.one_of for a in asks_of(s, book))
    assert reasked(book.facts["has_dog"], None, answered) == (("has_dog", None, None),)
