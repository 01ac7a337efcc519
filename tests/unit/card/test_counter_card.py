"""The other cards at the counter, the card layer's side (issue 18): the card number checked as typed, the
read through the one slot (a wrong number asks again and costs nothing), what the clerk must confirm."""

from __future__ import annotations

from datetime import date

import pytest

from kakanai.app.demo import load_demo
from kakanai.card import CancelledError, StaticPin
from kakanai.card.card_number import card_number_problem, read_counter_card
from kakanai.card.confirmation import (
    GaijiChoice,
    identity_document,
    name_with_gaiji,
    needs_confirmation,
    without_confirmation,
)
from kakanai.card.polling import SimulatedCardReader
from kakanai.card.reading import CardKind, Reason, Unconfirmed
from kakanai.model import Sex
from kakanai.model.members import WorkflowError
from kakanai.model.reception_log import IdentityDocument
from tests.unit.app.conftest import TODAY

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


@pytest.mark.parametrize(("kind", "identity"), [
    (CardKind.MYNUMBER, IdentityDocument.MYNUMBER_CARD),
    (CardKind.DRIVING_LICENCE, IdentityDocument.DRIVERS_LICENSE),
    (CardKind.RESIDENCE_CARD, IdentityDocument.RESIDENCE_CARD),
    (CardKind.SPECIAL_PERMANENT_RESIDENT, IdentityDocument.RESIDENCE_CARD),
])
def test_each_card_kind_names_its_identity_document(kind: CardKind, identity: IdentityDocument) -> None:
    assert identity_document(kind) is identity
