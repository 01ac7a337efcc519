"""Issue 17, problem 3 without Qt: the interview as a presentation of the plan's questions. Household
questions first, shared answers once as 「全員 同じ」 (written to each person), each person's own, then the
sensitive ones together and gently led in; a couple is not asked ひとり親."""

from __future__ import annotations

from datetime import date

from kakanai.app.interview import SENSITIVE_LEAD, interview_asks
from kakanai.model import LifeEvent
from kakanai.rules import RuleBook
from tests.unit.app.test_workflow import HANAKO, YOSHIKO, family, session


def names(s: object) -> dict[str, str]:
    return {m.id: m.person.name for m in s.members}  # type: ignore[attr-defined]


def test_problem3_a_four_person_move_in_is_asked_in_13_cards_not_21(book: RuleBook) -> None:
    s = family(book)
    assert len(s.questions) == 21
    asks = interview_asks(s.questions, names(s))
    assert [(a.question.fact, a.question.person, a.people) for a in asks] == [
        ("has_dog", None, ()), ("has_moped", None, ()), ("from_abroad", None, ()),
        ("wants_seal_registration", None, ()), ("wants_certificates", None, ()),
        ("health_insurance", None, ("p1", "p2", "p3", "p4")),
        ("uses_signing_certificate", None, ("p1", "p2", "p3")),
        ("ltc_certified", "p1", ("p1",)), ("pregnant", "p2", ("p2",)), ("school", "p3", ("p3",)),
        ("has_mynumber_card", "p4", ("p4",)), ("school", "p4", ("p4",)),
        ("disability_handbook", None, ("p1", "p2", "p3", "p4")),
    ]
    assert asks[5].question.prompt == "全員の健康保険は？" and asks[5].shared
    assert asks[-1].sensitive and asks[-1].lead == SENSITIVE_LEAD
    assert asks[-1].question.prompt == "全員がお持ちの障害者手帳は？（なければ「なし」）"
    assert "single_parent" not in {q.fact for q in s.questions}  # a couple: the rules do not ask it


def test_problem3_everyone_the_same_is_written_to_each_person_and_an_exception_is_asked_alone(
        book: RuleBook) -> None:
    s = family(book)
    s.answer_all("health_insurance", ("p1", "p2", "p3", "p4"), "employee")
    assert [m.person.facts["health_insurance"] for m in s.members] == ["employee"] * 4
    s.answer("health_insurance", "p1", None)  # re-asked for one person: the exception
    one = [a for a in interview_asks(s.questions, names(s)) if a.question.fact == "health_insurance"]
    assert [(a.question.person, a.people, a.question.prompt) for a in one] == [
        ("p1", ("p1",), "山田　太郎さんの健康保険は？")]
    split = interview_asks(family(book).questions, names(s), frozenset({"health_insurance"}))
    assert [a.people for a in split if a.question.fact == "health_insurance"] == [("p1",), ("p2",), ("p3",), ("p4",)]


def test_problem3_a_parent_alone_with_a_child_is_asked_ひとり親_last_and_gently(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_from_card(HANAKO)
    s.add_member_from_card(YOSHIKO)
    s.set_relationship("p1", "head")
    s.set_relationship("p2", "child")
    asks = interview_asks(s.questions, names(s))
    delicate = [a for a in asks if a.sensitive]
    assert asks[-len(delicate):] == tuple(delicate)  # together, at the end
    single = next(a for a in delicate if a.question.fact == "single_parent")
    assert single.question.prompt == "差し支えなければ教えてください。お子さんを、おひとりで育てていらっしゃいますか（ひとり親の世帯）？"
    assert delicate[0].lead == SENSITIVE_LEAD and all(a.lead == "" for a in delicate[1:])
    assert not any(a.sensitive for a in asks[: -len(delicate)])
