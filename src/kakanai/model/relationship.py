"""続柄 wording: one place for how a member's relationship to the 世帯主 is written.

The `relationship` fact (facts.yaml: head, spouse, child, parent, other) says who a member is to the 世帯主;
the word depends on the member's sex. The 住民票 writes a child as 「子」 (住民基本台帳事務処理要領 第2-1-(2)-ア:
the 続柄 of a child of the 世帯主 is 「子」 regardless of birth order since 1995); the 戸籍 and the 届書 that
follow it write the birth order among the children of the same sex (長男, 次男, 長女 …)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from kakanai.model.reception import FactValue, Person

Relation = Callable[[Person], FactValue | None]
_ORDINALS = ("長", "次", "三", "四", "五", "六", "七", "八", "九", "十")


def _fact(person: Person) -> FactValue | None:
    return person.facts.get("relationship")


def relationship_word(person: Person, members: Sequence[Person], relation: Relation = _fact, *,
                      birth_order: bool = False) -> str:
    """世帯主, 夫/妻, 父/母, 子 (or 長男, 次女 … with `birth_order`), その他; "" when the relationship is not known."""
    rel = relation(person)
    sex = person.sex.value
    if rel == "head":
        return "世帯主"
    if rel == "spouse":
        return {"male": "夫", "female": "妻"}.get(sex, "配偶者")
    if rel == "parent":
        return {"male": "父", "female": "母"}.get(sex, "親")
    if rel == "other":
        return "その他"
    if rel != "child":
        return ""
    if not birth_order or sex not in ("male", "female"):
        return "子"
    same = sorted((m for m in members if relation(m) == "child" and m.sex is person.sex),
                  key=lambda m: (m.birth_date, m.id))
    index = next(i for i, m in enumerate(same) if m.id == person.id)
    prefix = _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}"
    return prefix + ("男" if sex == "male" else "女")


def relationship_words(members: Sequence[Person], relation: Relation = _fact, *,
                       birth_order: bool = False) -> Mapping[str, str]:
    """member id -> 続柄 word, for every member whose relationship is known."""
    out: dict[str, str] = {}
    for m in members:
        word = relationship_word(m, members, relation, birth_order=birth_order)
        if word:
            out[m.id] = word
    return out
