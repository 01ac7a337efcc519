"""Household members of a reception as the counter builds them: where each came from, fresh ids, and
turning a card's basic 4 information or a pre-entry into model Persons."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from kakanai.model import Household, Person, Reception, Sex
from kakanai.model.agelaw import age_in_completed_years
from kakanai.model.characters import INPUT_PREFIX
from kakanai.model.input_values import InputValueError, check_input_value
from kakanai.model.kana import kana_problem
from kakanai.model.kana import normalize_kana as normalized_kana
from kakanai.model.reception import ReceptionError
from kakanai.model.reception_edit import with_form_input, with_person
from kakanai.model.reception_schema import check_text as check_characters

# A member read from the card evidently holds one: the interview need not ask (life-events.md section 2).
CARD_HOLDER_FACT = "has_mynumber_card"
MAX_NAME = 100
MAX_TEXT = 200
T = TypeVar("T", Person, Household)


class MemberSource(StrEnum):
    CARD = "card"  # 券面事項入力補助用暗証番号 (4 digits)
    MATCH_B = "match_b"  # 照合番号B (birth date, expiry year, security code)
    QR = "qr"  # the resident's pre-entry code
    TYPED = "typed"  # typed by the clerk (a newborn, a member without a card)
    CONTINUED = "continued"  # from an earlier reception (its guidance sheet's QR, 北見)

    @property
    def label(self) -> str:
        return {"card": "カード", "match_b": "カード（照合番号B）", "qr": "事前入力QR", "typed": "手入力",
                "continued": "前の受付"}[self.value]


@dataclass(frozen=True)
class Member:
    person: Person
    source: MemberSource

    @property
    def id(self) -> str:
        return self.person.id

    def age_on(self, day: date) -> int:
        return age_in_completed_years(self.person.birth_date, day)


class WorkflowError(ValueError):
    """Something the clerk asked for that cannot be done; `message` is Japanese and names the field."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def check_name(name: str, what: str = "氏名") -> str:
    if not name.strip():
        raise WorkflowError(f"{what}を入力してください", "name")
    try:
        return check_text(name, what, MAX_NAME)
    except WorkflowError as exc:
        raise WorkflowError(exc.message, "name") from None


def check_text(value: str, what: str, limit: int = MAX_TEXT) -> str:
    """Text the clerk typed or pasted, held to what a reception from outside may carry: no control
    character, no invisible format control (a bidi override turns 「山田」 round on screen), no 外字 in the
    private use area, nothing broken (kakanai.model.reception_schema.check_text: one rule)."""
    text = value.strip()
    if len(text) > limit:
        raise WorkflowError(f"{what}は{limit}文字までです", what)
    if any(ord(ch) < 0x20 for ch in text):
        raise WorkflowError(f"{what}に制御文字が含まれています", what)
    try:
        check_characters(text, what)
    except ReceptionError as exc:
        raise WorkflowError(f"{what}: {exc.message}", what) from None
    return text


def check_input(kind: str, value: str, key: str) -> str:
    """A form input as typed, checked as text and by the kind its form declares (a phone number must fit
    the numbering plan: kakanai.model.input_values)."""
    try:
        return check_input_value(kind, check_text(value, key))
    except InputValueError as exc:
        raise WorkflowError(str(exc), key) from None


def person_key(name: str, birth_date: date) -> tuple[str, date]:
    """Who a member is, for telling the same person entered twice: the name with its spaces aside (「山田 太郎」
    typed, 「山田　太郎」 read) and the birth date (twins have names of their own)."""
    return "".join(name.split()), birth_date


def already_in(people: Iterable[Person], name: str, birth_date: date) -> bool:
    """A member who is this person: the same card read twice, or the same person typed twice."""
    key = person_key(name, birth_date)
    return any(person_key(p.name, p.birth_date) == key for p in people)


def normalize_kana(text: str) -> str:
    """フリガナ as forms print it: katakana, full width (an IME often leaves hiragana or half-width); the
    same normalization as a reception read from JSON or a pre-entry QR (kakanai.model.kana)."""
    return normalized_kana(text.strip())


def check_kana(value: str) -> str:
    """A typed フリガナ checked as text, then normalized; a 濁点 that joins no kana is refused, never dropped."""
    text = normalize_kana(check_text(value, "フリガナ", MAX_NAME))
    problem = kana_problem(text)
    if problem is not None:
        raise WorkflowError(problem, "name_kana")
    return text


def person_from_basic_info(member_id: str, name: str, address: str, birth_date: date, sex: Sex) -> Person:
    """The card's 基本4情報 as a Person; holding the card is itself a known fact."""
    return Person(id=member_id, name=name, birth_date=birth_date, sex=sex, address=address,
                  facts={CARD_HOLDER_FACT: True})


def typed_person(member_id: str, *, name: str, birth_date: date, sex: Sex, name_kana: str = "",
                 address: str = "", today: date | None = None) -> Person:
    if today is not None and birth_date > today:
        raise WorkflowError("生年月日が今日より後です", "birth_date")
    return Person(id=member_id, name=check_name(name), birth_date=birth_date, sex=sex,
                  name_kana=check_kana(name_kana), address=check_text(address, "住所"))


EDITABLE_FIELDS = frozenset({"name", "name_kana", "birth_date", "sex", "address"})
PERSON_TEXT_FIELDS = frozenset({"name", "name_kana", "address"})
HOUSEHOLD_TEXT_FIELDS = frozenset({"address", "previous_address"})


def corrected_person(old: Person, fields: Mapping[str, Any], today: date) -> Person:
    """A member with name, フリガナ, birth date, sex or address corrected, checked like a typed one."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise WorkflowError(f"変更できない項目です（{sorted(unknown)[0]}）")
    checked = typed_person(old.id, name=fields.get("name", old.name), birth_date=fields.get("birth_date", old.birth_date),
                           sex=fields.get("sex", old.sex), name_kana=fields.get("name_kana", old.name_kana),
                           address=fields.get("address", old.address), today=today)
    return replace(old, name=checked.name, name_kana=checked.name_kana, birth_date=checked.birth_date,
                   sex=checked.sex, address=checked.address)


def replaced_text(target: T, allowed: frozenset[str], field: str, original: str, replacement: str) -> T:
    """`original` replaced by `replacement` in one text field (a character the forms' font lacks)."""
    if field not in allowed:
        raise WorkflowError(f"置き換えできない項目です（{field}）")
    current: str = getattr(target, field)
    if original not in current:
        raise WorkflowError(f"「{original}」は{field}にありません")
    changes: dict[str, Any] = {field: current.replace(original, replacement)}
    return replace(target, **changes)


def with_character_replaced(reception: Reception, person: str | None, field: str, original: str,
                            replacement: str) -> Reception:
    """A character the forms' font lacks replaced by the clerk with a standard form (髙→高) in a text field
    of the person (or household, person None), or in a form input when `field` is "input.<key>" (本籍…)."""
    if field.startswith(INPUT_PREFIX):
        key = field.removeprefix(INPUT_PREFIX)
        current = (reception.form_inputs if person is None else reception.member(person).form_inputs).get(key, "")
        if original not in current:
            raise WorkflowError(f"「{original}」は{key}にありません")
        return with_form_input(reception, key, check_text(current.replace(original, replacement), key), person)
    if person is None:
        household = replaced_text(reception.household, HOUSEHOLD_TEXT_FIELDS, field, original, replacement)
        return replace(reception, household=household)
    return with_person(reception, person, lambda p: replaced_text(p, PERSON_TEXT_FIELDS, field, original, replacement))
