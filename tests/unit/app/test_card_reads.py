"""The other cards at the counter without Qt (issue 18): the card number checked as typed, the read through
the one slot (a wrong number asks again and costs nothing), the member the clerk confirmed, with its
nationality fact and the log entries; the demo's sample cards of each kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kakanai.app.card_reads import (
    ConfirmedCard,
    GaijiChoice,
    add_card_member,
    card_number_problem,
    name_with_gaiji,
    needs_confirmation,
    read_counter_card,
    without_confirmation,
)
from kakanai.app.demo import load_demo
from kakanai.app.workflow import ReceptionSession
from kakanai.card import CancelledError, StaticPin
from kakanai.card.polling import SimulatedCardReader
from kakanai.card.reading import CardKind, CardReading, Reason, Unconfirmed
from kakanai.model import LifeEvent, Sex
from kakanai.model.members import WorkflowError
from kakanai.model.reception_log import AuditKind, IdentityDocument
from kakanai.rules import RuleBook
from tests.unit.app.conftest import TODAY, FakeClock

LETTERS_HINT = "（英字2・数字8・英字2の12文字、例 AB12345678CD）"


@pytest.mark.parametrize(("typed", "problem"), [
    ("", "あと12文字です（英字2・数字8・英字2の12文字）"),
    ("ab1234", "あと6文字です（英字2・数字8・英字2の12文字）"),
    ("1", "1文字目「1」: ここは英字です" + LETTERS_HINT),
    ("ABC", "3文字目「C」: ここは数字です" + LETTERS_HINT),
    ("AB12345678C1", "12文字目「1」: ここは英字です" + LETTERS_HINT),
    ("AB１2345678CD", "3文字目「１」: ここは数字です" + LETTERS_HINT),  # a full-width digit from the IME
    ("AB12345678CDE", "12文字より長くなっています（13文字）"),
    ("ab12345678cd", None),
    (" AB12345678CD ", None),
])
def test_card_number_checked_as_typed(typed: str, problem: str | None) -> None:
    assert card_number_problem(typed) == problem


def test_a_wrong_number_asks_again_then_the_card_is_read() -> None:
    reader = SimulatedCardReader()
    reader.insert(load_demo(today=TODAY).card("NGUYEN").profile)
    asked: list[str | None] = []
    answers = iter(["AB12345678CE", "AB12345678CD"])

    def ask(problem: str | None) -> str | None:
        asked.append(problem)
        return next(answers)

    reading = read_counter_card(reader, StaticPin("0000"), ask)
    assert asked == [None, "在留カード等番号がこのカードのものと一致しません。券面右上の12桁を確認して、"
                           "もう一度入力してください。（回数の制限はありません）"]
    assert (reading.kind, reading.name, reading.birth_date, reading.sex, reading.nationality) == (
        CardKind.RESIDENCE_CARD, "NGUYEN VAN AN", date(2004, 8, 15), Sex.MALE, "VNM")
    assert reading.unconfirmed == (Unconfirmed("name", Reason.OCR),) and needs_confirmation(reading)


def test_cancelling_the_number_cancels_the_read() -> None:
    reader = SimulatedCardReader()
    reader.insert(load_demo(today=TODAY).card("KIM").profile)
    with pytest.raises(CancelledError):
        read_counter_card(reader, StaticPin("0000"), lambda problem: None)


def test_a_mynumber_card_reads_as_before_and_needs_no_confirmation() -> None:
    reader = SimulatedCardReader()
    reader.insert(load_demo(today=TODAY).card("山田太郎").profile)
    reading = read_counter_card(reader, StaticPin("1234"), lambda problem: pytest.fail("no number asked"))
    assert (reading.kind, reading.name, reading.sex) == (CardKind.MYNUMBER, "山田　太郎", Sex.MALE)
    assert not needs_confirmation(reading)
    assert without_confirmation(reading).name == "山田　太郎"


def test_gaiji_positions_are_filled_from_the_clerks_choice() -> None:
    choices = (GaijiChoice(0, 1, "𠮷"), GaijiChoice(3, 2, "髙"))
    assert name_with_gaiji("〓田　〓志", choices) == "𠮷田　髙志"
    with pytest.raises(WorkflowError, match="外字の位置が氏名と合いません"):
        name_with_gaiji("〓田", (GaijiChoice(5, 1, "𠮷"),))


def session(book: RuleBook) -> ReceptionSession:
    s = ReceptionSession(book.plan, today=lambda: TODAY, clock=FakeClock())
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    return s


KIM = CardReading(CardKind.SPECIAL_PERMANENT_RESIDENT, "KIM Y0UNG HEE", "三重県志摩市大王町波切２１１", None, None,
                  unconfirmed=(Unconfirmed("name", Reason.OCR),))


def test_a_confirmed_foreign_resident_is_added_with_nationality_and_the_log(book: RuleBook) -> None:
    s = session(book)
    member = add_card_member(s, ConfirmedCard(KIM, "KIM YOUNG HEE", date(1952, 3, 21), Sex.FEMALE))
    person = member.person
    assert (person.name, person.address, person.birth_date, person.sex) == (
        "KIM YOUNG HEE", "三重県志摩市大王町波切２１１", date(1952, 3, 21), Sex.FEMALE)
    assert person.facts["nationality"] == "foreign"
    assert s.household.previous_address == "三重県志摩市大王町波切２１１"
    # The rules know it: nationality is no longer asked of this member.
    assert ("nationality", member.id) not in {(q.fact, q.person) for q in s.questions}
    entries = [(e.kind, e.person, e.detail) for e in s.audit if e.person == member.id]
    assert entries[-2:] == [
        (AuditKind.IDENTITY_DOCUMENT, "p1", "特別永住者証明書"),
        (AuditKind.CLERK_CONFIRMED, "p1", "特別永住者証明書: 職員が確認 氏名（券面画像の文字認識「KIM Y0UNG HEE」→"
                                          "「KIM YOUNG HEE」）・性別（女、カードに記載なし）・生年月日（1952-03-21、券面画像から）"),
    ]


@pytest.mark.parametrize(("kind", "identity"), [
    (CardKind.SPECIAL_PERMANENT_RESIDENT, IdentityDocument.RESIDENCE_CARD),
    (CardKind.RESIDENCE_CARD, IdentityDocument.RESIDENCE_CARD),
    (CardKind.DRIVING_LICENCE, IdentityDocument.DRIVERS_LICENSE),
])
def test_the_card_read_is_the_receptions_identity_document(book: RuleBook, kind: CardKind,
                                                            identity: IdentityDocument) -> None:
    # 本人確認 (issue 17) is the card actually read: a licence is not a My Number card.
    s = session(book)
    reading = replace(KIM, kind=kind)
    add_card_member(s, ConfirmedCard(reading, "KIM YOUNG HEE", date(1952, 3, 21), Sex.FEMALE))
    assert s.log.identity is identity


def test_the_same_card_twice_adds_nothing_and_logs_nothing(book: RuleBook) -> None:
    s = session(book)
    confirmed = ConfirmedCard(KIM, "KIM YOUNG HEE", date(1952, 3, 21), Sex.FEMALE)
    add_card_member(s, confirmed)
    before = s.audit
    with pytest.raises(WorkflowError, match="すでに追加されています"):
        add_card_member(s, confirmed)
    assert len(s.members) == 1 and s.audit == before


def test_demo_has_a_sample_of_each_card_kind() -> None:
    demo = load_demo(today=TODAY)
    hints = {c.profile.name: c.pin_hint for c in demo.cards}
    assert hints["𠮷田　髙志"] == "暗証番号1 4321"
    assert hints["NGUYEN VAN AN"] == "番号 AB12345678CD"
    assert hints["KIM YOUNG HEE"] == "番号 SP98765432XY"
    assert hints["山田　太郎"] == "暗証番号 1234"
    assert hints["鈴木　一郎"] == "ロック中"
