"""A name that changes at a marriage or a divorce, as the change forms print it (氏名（変更後）, 変更前の氏名).

The card read at the counter shows the name before the change, so it is the 変更前の氏名 (never asked again).
The name after: at a marriage the surname of the other spouse with one's own given name (民法750条: the couple
takes the surname of one of them, the one whose surname does not change); at a divorce the surname one goes
back to (民法767条1項: 婚姻前の氏), which no card shows, so it is asked (NEW_NAME, and NEW_KANA its フリガナ),
as it is at a marriage the names do not decide (a foreign spouse, whose 氏 a 戸籍 writes in katakana,
戸籍法107条2項; a name not written as surname and given name; a spouse not listed)."""

from __future__ import annotations

from kakanai.forms.counter_boxes import NEW_KANA, NEW_NAME
from kakanai.forms.household_members import event_couple
from kakanai.model import LifeEvent, Person, Reception

SEPARATORS = ("\u3000", " ")  # between surname and given name, as the card and the clerk write them
# The bindings' person fields → Person field: name_after is the name from now on (the current one when it
# does not change: a 受給者's name box), changed_name only a name that changes (a 変更後の氏名 box).
AFTER = {"name_after": "name", "name_kana_after": "name_kana", "changed_name": "name"}


def name_changes(reception: Reception, person: Person) -> bool:
    """The person's surname changes by this reception's marriage or divorce (answered `surname_changes`)."""
    return reception.event in (LifeEvent.MARRIAGE, LifeEvent.DIVORCE) and person.facts.get("surname_changes") is True


def name_before(reception: Reception, person: Person) -> str | None:
    """変更前の氏名: the name on the card when it changes now; None (nothing to write) otherwise."""
    return person.name if name_changes(reception, person) else None


def _split(name: str) -> tuple[str, str] | None:
    for separator in SEPARATORS:
        surname, found, given = name.strip().partition(separator)
        if found and surname and given.strip():
            return surname, given.strip()
    return None


def _married(reception: Reception, person: Person, field: str) -> str | None:
    """At a marriage, the other spouse's surname with the person's given name (`field`: name or name_kana);
    None when the names do not decide it (no other spouse listed, a foreign spouse, no separator)."""
    if reception.event is not LifeEvent.MARRIAGE:
        return None
    partners = [m for m in event_couple(reception) if m.id != person.id]
    if len(partners) != 1 or partners[0].facts.get("nationality") == "foreign":
        return None
    theirs, own = _split(getattr(partners[0], field)), _split(getattr(person, field))
    return f"{theirs[0]}\u3000{own[1]}" if theirs is not None and own is not None else None


def changed_asked(reception: Reception, person: Person, field: str) -> str | None:
    """The counter's input for the person's name (`field`: name, name_kana) after the change where the
    names do not decide it (NEW_NAME, NEW_KANA); None when nothing is asked."""
    if not name_changes(reception, person) or _married(reception, person, "name") is not None:
        return None  # at a marriage the フリガナ follows the names' (each member's KANA, asked as ever)
    return (NEW_NAME if field == "name" else NEW_KANA)[0]


def changed(reception: Reception, person: Person, field: str) -> str | None:
    """氏名（変更後） or its フリガナ (`field`: name, name_kana): the name once the change is made (the current
    one when nothing changes); None until the clerk types it where the names do not decide it."""
    current: str | None = getattr(person, field) or None
    if not name_changes(reception, person):
        return current
    asked = changed_asked(reception, person, field)
    return _married(reception, person, field) if asked is None else person.form_inputs.get(asked) or None
