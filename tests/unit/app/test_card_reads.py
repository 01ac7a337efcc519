"""The other cards at the counter without Qt (issue 18): the member the clerk confirmed, with its
nationality fact and the log entries; the demo's sample cards of each kind (the card layer's side:
tests/unit/card/test_counter_card.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kakanai.app.card_reads import ConfirmedCard, add_card_member
from kakanai.app.demo import load_demo
from kakanai.app.workflow import ReceptionSession
from kakanai.card.reading import CardKind, CardReading, Reason, Unconfirmed
from kakanai.model import LifeEvent, Sex
from kakanai.model.addresses import AddressRole, household_address
from kakanai.model.members import WorkflowError
from kakanai.model.reception_log import AuditKind, IdentityDocument
from kakanai.rules import RuleBook
from tests.unit.app.conftest import TODAY, FakeClock


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
    assert household_address(s.reception(), AddressRole.BEFORE) == "三重県志摩市大王町波切２１１"
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
