"""How a person is named in a reason: 「長女 花子さん（7歳）」, and the deceased 「世帯主 一郎様（86歳）」 (the
おくやみ wording: the bereaved read it on the guidance sheet).

The relationship word comes from the `relationship` fact and, for children, the birth order among the
household's children of the same sex (長男, 次男, 三男 …); the age shown is the age the law uses on the
event date (年齢計算ニ関スル法律: attained at the end of the day before the birthday), the one the
conditions test: on the day before the 65th birthday a reason says 「浩さん（65歳）が65歳以上で…」, never
「（64歳）が65歳以上で」 (issue 14). A person whose relationship is not known is named without the word."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from kakanai.model import FactValue, LifeEvent, Person, Reception
from kakanai.model.agelaw import age_on
from kakanai.model.i18n.resident import (
    LABEL,
    LABEL_DECEASED,
    LABEL_DECEASED_NO_WORD,
    LABEL_NO_WORD,
    LIST_SEPARATOR,
)
from kakanai.model.relationship import OTHER, relationship_words


def given_name(person: Person) -> str:
    """The part after the family name (the card separates them with U+3000; a Latin name on a 在留カード puts
    the family name first and may have several given names: 「SMITH ANNE MARIE」 → 「ANNE MARIE」); the whole
    name otherwise."""
    name = person.name
    stripped = name.strip()
    for sep in ("\u3000", " "):
        if sep in stripped:
            return stripped.split(sep, 1)[1].strip()
    return name


def _words(members: Sequence[Person], person_facts: Mapping[str, Mapping[str, FactValue]]) -> Mapping[str, str]:
    """The 続柄 words of kakanai.model.relationship with the birth order (長男, 次女 …), read from the
    canonical facts; a member whose relationship is `other` (or unknown) is named without a word."""
    words = relationship_words(members, lambda m: person_facts[m.id].get("relationship"), birth_order=True)
    return {k: w for k, w in words.items() if w != OTHER}


def relationship_word(reception: Reception, person: Person,
                      person_facts: Mapping[str, Mapping[str, FactValue]]) -> str:
    return _words(reception.members, person_facts).get(person.id, "")


def person_label(reception: Reception, person: Person, person_facts: Mapping[str, Mapping[str, FactValue]]) -> str:
    day = reception.event_date
    word = relationship_word(reception, person, person_facts)
    return _label(word, given_name(person), age_on(person.birth_date, day), _deceased(reception, person))


def _deceased(reception: Reception, person: Person) -> bool:
    return reception.event is LifeEvent.DEATH and reception.subject is not None and person.id in reception.subject


def _label(word: str, name: str, age: int, deceased: bool = False) -> str:
    """The one wording of a person in a reason (model/i18n/resident.py reads it back with the same templates)."""
    with_word, without = (LABEL_DECEASED, LABEL_DECEASED_NO_WORD) if deceased else (LABEL, LABEL_NO_WORD)
    return with_word.format(word=word, name=name, age=age) if word else without.format(name=name, age=age)


def join_labels(labels: Sequence[str]) -> str:
    return LIST_SEPARATOR.join(labels)


def member_labels(reception: Reception, person_facts: Mapping[str, Mapping[str, FactValue]],
                  on: date | None = None) -> dict[str, str]:
    """person_label for every member at once (the words are worked out once for the household: this runs on
    every plan). `on`: the date the plan judged on (a claim judged on the visit date shows the ages of that
    date); the event date by default."""
    day = on or reception.event_date
    words = _words(reception.members, person_facts)
    out: dict[str, str] = {}
    for m in reception.members:
        word = words.get(m.id, "")
        out[m.id] = _label(word, given_name(m), age_on(m.birth_date, day), _deceased(reception, m))
    return out
