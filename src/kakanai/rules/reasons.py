"""How a person is named in a reason: 「長女 花子さん（7歳）」.

The relationship word comes from the `relationship` fact and, for children, the birth order among the
household's children of the same sex (長男, 次男, 三男 …); the age shown is the age the law uses on the
event date (年齢計算ニ関スル法律: attained at the end of the day before the birthday), the one the
conditions test: on the day before the 65th birthday a reason says 「浩さん（65歳）が65歳以上で…」, never
「（64歳）が65歳以上で」 (issue 14). A person whose relationship is not known is named without the word."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from kakanai.model import FactValue, Person, Reception
from kakanai.model.agelaw import age_on

_ORDINALS = ("長", "次", "三", "四", "五", "六", "七", "八", "九", "十")


def given_name(person: Person) -> str:
    """The part after the family name (the card separates them with U+3000); the whole name otherwise."""
    name = person.name
    stripped = name.strip()
    for sep in ("\u3000", " "):
        if sep in stripped:
            return stripped.split(sep)[-1]
    return name


def relationship_word(reception: Reception, person: Person,
                      person_facts: Mapping[str, Mapping[str, FactValue]]) -> str:
    rel = person_facts[person.id].get("relationship")
    if rel == "head":
        return "世帯主"
    if rel == "spouse":
        return {"male": "夫", "female": "妻"}.get(person.sex.value, "配偶者")
    if rel == "parent":
        return {"male": "父", "female": "母"}.get(person.sex.value, "親")
    if rel == "child":
        if person.sex.value not in ("male", "female"):
            return "子"
        same = sorted(
            (m for m in reception.members
             if person_facts[m.id].get("relationship") == "child" and m.sex is person.sex),
            key=lambda m: (m.birth_date, m.id),
        )
        index = next(i for i, m in enumerate(same) if m.id == person.id)
        prefix = _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}"
        return prefix + ("男" if person.sex.value == "male" else "女")
    return ""


def person_label(reception: Reception, person: Person, person_facts: Mapping[str, Mapping[str, FactValue]]) -> str:
    day = reception.event_date
    word = relationship_word(reception, person, person_facts)
    age = age_on(person.birth_date, day)
    name = f"{given_name(person)}さん（{age}歳）"
    return f"{word} {name}" if word else name


def join_labels(labels: Sequence[str]) -> str:
    return "、".join(labels)


def _birth_order(m: Person) -> tuple[date, str]:
    return m.birth_date, m.id


_SPOUSE = {"male": "夫", "female": "妻"}
_PARENT = {"male": "父", "female": "母"}


def member_labels(reception: Reception, person_facts: Mapping[str, Mapping[str, FactValue]],
                  on: date | None = None) -> dict[str, str]:
    """person_label for every member at once (the children's birth order is worked out once, and each
    member's sex and relationship are read once: this runs on every plan). `on`: the date the plan judged
    on (a claim judged on the visit date shows the ages of that date); the event date by default."""
    day = on or reception.event_date
    info: list[tuple[Person, str, FactValue | None]] = []
    boys: list[Person] = []
    girls: list[Person] = []
    for m in reception.members:
        sex, rel = m.sex.value, person_facts[m.id].get("relationship")
        info.append((m, sex, rel))
        if rel == "child" and sex in ("male", "female"):
            (boys if sex == "male" else girls).append(m)
    order: dict[str, int] = {}
    for children in (boys, girls):
        if len(children) > 1:
            children.sort(key=_birth_order)
        for i, m in enumerate(children):
            order[m.id] = i
    out: dict[str, str] = {}
    for m, s, rel in info:
        # The words of relationship_word, with the children's order from above.
        if rel == "child":
            i = order.get(m.id, -1)
            word = "子" if i < 0 else (_ORDINALS[i] if i < len(_ORDINALS) else f"{i + 1}") + (
                "男" if s == "male" else "女")
        elif rel == "head":
            word = "世帯主"
        elif rel == "spouse":
            word = _SPOUSE.get(s, "配偶者")
        elif rel == "parent":
            word = _PARENT.get(s, "親")
        else:
            word = ""
        name = f"{given_name(m)}さん（{age_on(m.birth_date, day)}歳）"
        out[m.id] = f"{word} {name}" if word else name
    return out
