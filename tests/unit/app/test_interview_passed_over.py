"""← 戻る and the step bar agree on the interview (issue 17): it is passed over exactly when there is nothing
to ask and nothing answered (ReceptionSession.interview_passed_over)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kakanai.app.card_reads import FOREIGN, NATIONALITY_FACT
from kakanai.app.workflow import ReceptionSession, Step
from kakanai.card import BasicInfo
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.rules import RuleBook


def test_with_nothing_to_ask_the_interview_is_passed_over_until_something_is_answered(book: RuleBook) -> None:
    session = ReceptionSession(lambda r: replace(book.plan(r), questions=()), today=lambda: date(2026, 4, 10))
    session.choose_event(LifeEvent.CERTIFICATES)
    session.add_member_typed(name="見本　花子", birth_date=date(1990, 1, 1), sex=Sex.FEMALE)
    session.set_relationship("p1", "head")  # the 続柄 chosen with the members is not an interview answer
    session.set_identity(IdentityDocument.DRIVERS_LICENSE)
    assert session.next() is Step.PLAN and session.interview_passed_over
    assert session.back() is Step.MEMBERS
    session.answer("has_dog", None, True)  # an answer given (a resident's pre-entry, say) can be changed there
    session.go(Step.PLAN)
    assert not session.interview_passed_over and session.back() is Step.INTERVIEW


def test_with_questions_open_the_interview_is_never_passed_over(book: RuleBook) -> None:
    session = ReceptionSession(book.plan, today=lambda: date(2026, 4, 10))
    session.choose_event(LifeEvent.CERTIFICATES)
    session.add_member_typed(name="見本　花子", birth_date=date(1990, 1, 1), sex=Sex.FEMALE)
    assert session.questions and not session.interview_passed_over


def test_what_a_card_proves_is_no_interview_answer(book: RuleBook) -> None:
    # A card read sets facts the card itself proves (it is held; a 在留カード's holder is a foreign national):
    # the clerk answered nothing, so ← 戻る from the plan goes back to the members, as with a typed member.
    session = ReceptionSession(lambda r: replace(book.plan(r), questions=()), today=lambda: date(2026, 4, 10))
    session.choose_event(LifeEvent.CERTIFICATES)
    session.add_member_from_card(BasicInfo("見本　花子", "北見市", date(1990, 1, 1), Sex.FEMALE))
    session.add_member_from_card(BasicInfo("SMITH JOHN", "北見市", date(1988, 5, 5), Sex.MALE),
                                 facts={NATIONALITY_FACT: FOREIGN})
    session.set_relationship("p1", "head")
    session.set_relationship("p2", "spouse")
    assert session.next() is Step.PLAN and session.interview_passed_over
    assert session.back() is Step.MEMBERS
    session.answer(NATIONALITY_FACT, "p1", FOREIGN)  # an answer about a member: the interview is where it changes
    session.go(Step.PLAN)
    assert not session.interview_passed_over and session.back() is Step.INTERVIEW
