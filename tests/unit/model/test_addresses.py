"""Which household address a form's box means, per event, from what the clerk typed and what the cards show
(kakanai.model.addresses); and what the counter asks when neither gives it."""

from __future__ import annotations

from datetime import date

import pytest

from kakanai.model import Household, LifeEvent, Person, Reception, Sex
from kakanai.model.addresses import AddressRole, AddressValue, household_address, to_ask

CARD = "三重県志摩市阿児町鵜方３０９８番地２２"  # what the cards show: registered before this visit
TYPED = "大阪府大阪市北区梅田３丁目１番３号"  # what the clerk typed as household.address
R = AddressRole


def reception(event: LifeEvent, *, card: bool = True, address: str = "", previous: str = "") -> Reception:
    widow = Person(id="p2", name="渡邊　ハツ", birth_date=date(1942, 1, 1), sex=Sex.FEMALE,
                   address=CARD if card else "", facts={"relationship": "spouse"})
    head = Person(id="p1", name="渡邊　髙雄", birth_date=date(1938, 3, 3), sex=Sex.MALE,
                  facts={"relationship": "head"})  # typed: no card address
    return Reception(event=event, event_date=date(2026, 4, 1), members=(head, widow),
                     household=Household(address=address, previous_address=previous))


ROLES = (R.HERE, R.AFTER, R.MOVING_TO, R.BEFORE, R.CAME_FROM)


@pytest.mark.parametrize(("event", "expected"), [
    # 住所 (here), 新しい住所, 転出先, 前の住所, 従前の住所（転入・転居のとき）
    (LifeEvent.MOVING_IN, (TYPED, TYPED, "", CARD, CARD)),
    (LifeEvent.MOVING_WITHIN, (TYPED, TYPED, "", CARD, CARD)),
    (LifeEvent.MOVING_OUT, (CARD, TYPED, TYPED, CARD, "")),  # 住所 is the one being left
])
def test_a_move_at_the_counter(event: LifeEvent, expected: tuple[str, ...]) -> None:
    r = reception(event, address=TYPED)
    assert tuple(household_address(r, role) for role in ROLES) == expected


def test_a_death_prints_the_address_the_household_lives_at_from_the_widows_card() -> None:
    # The deceased was typed (no card); the widow's card shows where they live: 亡くなったときの住所.
    r = reception(LifeEvent.DEATH)
    assert [household_address(r, role) for role in ROLES] == [CARD, CARD, "", "", ""]
    assert [to_ask(r, role) for role in ROLES] == [None] * 5  # nothing to ask: the card gives it


def test_what_the_clerk_typed_wins_over_the_card() -> None:
    assert household_address(reception(LifeEvent.DEATH, address=TYPED), R.HERE) == TYPED
    assert household_address(reception(LifeEvent.MOVING_OUT, address=TYPED, previous="志摩市"), R.HERE) == "志摩市"


def test_the_counter_asks_the_new_address_and_the_moving_out_address_always() -> None:
    assert to_ask(reception(LifeEvent.MOVING_IN), R.AFTER) is AddressValue.ADDRESS
    assert to_ask(reception(LifeEvent.MOVING_IN), R.HERE) is AddressValue.ADDRESS
    assert to_ask(reception(LifeEvent.MOVING_IN), R.BEFORE) is None  # the card shows it
    assert to_ask(reception(LifeEvent.MOVING_OUT), R.MOVING_TO) is AddressValue.ADDRESS
    assert to_ask(reception(LifeEvent.MOVING_OUT), R.HERE) is None


def test_without_a_card_the_address_before_or_lived_at_is_asked() -> None:
    assert to_ask(reception(LifeEvent.MOVING_IN, card=False), R.BEFORE) is AddressValue.PREVIOUS
    assert to_ask(reception(LifeEvent.MOVING_IN, card=False), R.CAME_FROM) is AddressValue.PREVIOUS
    assert to_ask(reception(LifeEvent.MOVING_OUT, card=False), R.HERE) is AddressValue.PREVIOUS
    assert to_ask(reception(LifeEvent.MOVING_OUT, card=False), R.CAME_FROM) is None  # no such box at a 転出
    assert to_ask(reception(LifeEvent.DEATH, card=False), R.HERE) is AddressValue.ADDRESS
    assert to_ask(reception(LifeEvent.DEATH, card=False), R.BEFORE) is None
    typed = reception(LifeEvent.DEATH, card=False, address=TYPED)
    assert household_address(typed, R.HERE) == TYPED and to_ask(typed, R.HERE) is AddressValue.ADDRESS  # stays asked
