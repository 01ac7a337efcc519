"""The household's addresses a form prints, from the reception's two address values and the cards.

A reception holds `household.address` (where the household lives after the event: the new address of a
転入・転居, the 転出先 of a 転出) and `household.previous_address` (where it lived before a move). At the
counter most of what the forms need comes from the cards instead: a card shows the address registered
before this visit (住所変更 is done at this counter, 住基法施行令 and the card's 追記欄), so a card read for a
転入・転居・転出 is the address before the move, and for any other event (a death, a birth) the address
the household lives at. A form asks one of these roles:

- `here`: the household's address in this municipality, the 「住所」 of a 届 — after a 転入・転居 the new
  one; for a 転出 the one being left (the 転出先 has its own box); otherwise the one lived at.
- `after`: the 住民異動届's 「新しい住所」 — the new address, or the 転出先 (住基法24条: the 転出届 names
  it); for a 世帯変更 the address does not change.
- `moving_to`: the 転出先 (転出 only).
- `before`: the 住民異動届's 「前の住所」 — the address before any move.
- `came_from`: 「従前の住所（転入・転居のとき）」 — the address before a 転入・転居 only.

What the clerk types wins over what a card shows. When neither gives an address a form prints, the counter
asks it (`to_ask`), so no 住所 box is left for the resident's pen.
"""

from __future__ import annotations

from enum import StrEnum

from kakanai.model.ids import LifeEvent
from kakanai.model.reception import Reception

MOVES_HERE = (LifeEvent.MOVING_IN, LifeEvent.MOVING_WITHIN)
MOVES = (*MOVES_HERE, LifeEvent.MOVING_OUT)


class AddressRole(StrEnum):
    HERE = "address"  # binding household.address
    AFTER = "new_address"
    MOVING_TO = "moving_to"
    BEFORE = "previous_address"
    CAME_FROM = "came_from"


class AddressValue(StrEnum):
    """Which of the reception's values the clerk fills for a role (kakanai.forms.inputs asks it)."""

    ADDRESS = "address"  # household.address
    PREVIOUS = "previous_address"  # household.previous_address


def card_address(reception: Reception) -> str:
    """The address the members' cards show: the 世帯主's first, else the first member's that has one."""
    heads = [m for m in reception.members if m.facts.get("relationship") == "head"]
    return next((m.address for m in (*heads, *reception.members) if m.address), "")


def household_address(reception: Reception, role: AddressRole) -> str:
    event, household = reception.event, reception.household
    before = household.previous_address or (card_address(reception) if event in MOVES else "")
    lived_at = household.address or card_address(reception)
    if role is AddressRole.HERE:
        return household.address if event in MOVES_HERE else before if event is LifeEvent.MOVING_OUT else lived_at
    if role is AddressRole.AFTER:
        return household.address if event in MOVES else lived_at
    if role is AddressRole.MOVING_TO:
        return household.address if event is LifeEvent.MOVING_OUT else ""
    if role is AddressRole.BEFORE:
        return before
    return before if event in MOVES_HERE else ""


def to_ask(reception: Reception, role: AddressRole) -> AddressValue | None:
    """The value the clerk is asked for where a form prints `role`, or None when nothing is asked: the new
    address and the 転出先 always (no card knows them); the address before a move, or the one lived at,
    only when no card shows it (every member typed)."""
    event = reception.event
    if role in (AddressRole.HERE, AddressRole.AFTER) and event in MOVES_HERE:
        return AddressValue.ADDRESS
    if role in (AddressRole.AFTER, AddressRole.MOVING_TO) and event is LifeEvent.MOVING_OUT:
        return AddressValue.ADDRESS
    if card_address(reception):
        return None
    if event in MOVES:  # the address before the move (at a 転出: the one left, which is the 住所 here)
        came_from = role is AddressRole.CAME_FROM and event in MOVES_HERE
        return AddressValue.PREVIOUS if role in (AddressRole.BEFORE, AddressRole.HERE) or came_from else None
    return AddressValue.ADDRESS if role in (AddressRole.HERE, AddressRole.AFTER) else None
