"""続柄 wording: one place for how a member's relationship to the 世帯主 is written.

The `relationship` fact (facts.yaml: head, spouse, child, parent, other) says who a member is to the 世帯主;
the word depends on the member's sex. The 住民票 writes a child as 「子」 (住民基本台帳事務処理要領 第2-1-(2)-ア:
the 続柄 of a child of the 世帯主 is 「子」 regardless of birth order since 1995); the 戸籍 and the 届書 that
follow it write the birth order among the children of the same sex (長男, 次男, 長女 …)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from kakanai.model.reception import FactValue, Person

Relation = Callable[[Person], FactValue | None]
OTHER = "その他"  # the word of the `other` relationship (a reason names such a member without a word)
_ORDINALS = ("長", "次", "三", "四", "五", "六", "七", "八", "九", "十")
_SPOUSE = {"male": "夫", "female": "妻"}
_PARENT = {"male": "父", "female": "母"}


def _fact(person: Person) -> FactValue | None:
    return person.facts.get("relationship")


def _word(rel: FactValue | None, sex: str, order: int | None) -> str:
    """The word of one member: `order` is the child's place among the children of the same sex (0 = the
    eldest), None when the birth order is not written."""
    if rel == "head":
        return "世帯主"
    if rel == "spouse":
        return _SPOUSE.get(sex, "配偶者")
    if rel == "parent":
        return _PARENT.get(sex, "親")
    if rel == "other":
        return OTHER
    if rel != "child":
        return ""
    if order is None:
        return "子"
    prefix = _ORDINALS[order] if order < len(_ORDINALS) else f"{order + 1}"
    return prefix + ("男" if sex == "male" else "女")


def _child_order(members: Sequence[Person], relations: Mapping[str, FactValue | None]) -> dict[str, int]:
    """member id -> place among the children of the same sex, by birth date (then id); worked out once for
    the household, since the reasons of every plan name every member."""
    order: dict[str, int] = {}
    for sex in ("male", "female"):
        children = sorted((m for m in members if relations[m.id] == "child" and m.sex.value == sex),
                          key=lambda m: (m.birth_date, m.id))
        order.update((m.id, i) for i, m in enumerate(children))
    return order


def relationship_word(person: Person, members: Sequence[Person], relation: Relation = _fact, *,
                      birth_order: bool = False) -> str:
    """世帯主, 夫/妻, 父/母, 子 (or 長男, 次女 … with `birth_order`), その他; "" when the relationship is not known."""
    return relationship_words(members, relation, birth_order=birth_order).get(person.id, "")


def relationship_words(members: Sequence[Person], relation: Relation = _fact, *,
                       birth_order: bool = False) -> Mapping[str, str]:
    """member id -> 続柄 word, for every member whose relationship is known (each member's relationship is
    read once)."""
    relations = {m.id: relation(m) for m in members}
    order = _child_order(members, relations) if birth_order else {}
    out: dict[str, str] = {}
    for m in members:
        word = _word(relations[m.id], m.sex.value, order.get(m.id) if birth_order else None)
        if word:
            out[m.id] = word
    return out


# Who a member is to another, in the words a 届書's 「届出人と…との関係」 box takes: the 続柄 says it only along
# the 世帯主 (and the couple's children), so other pairs (siblings, in-laws) are "" and typed by the clerk.
_GRANDPARENT = {"male": "祖父", "female": "祖母"}


def relation_to(filer: Person, person: Person, members: Sequence[Person]) -> str:
    """What `filer` is to `person` (本人, 夫/妻, 父/母, 子, 祖父/祖母, 孫), read from both members' 続柄 to
    the 世帯主; "" when the 続柄 do not decide it. The 世帯主's spouse is taken as the parent of the 世帯主's
    children, as the household's forms do (kakanai.forms.bindings.FormContext.parent)."""
    if filer.id == person.id:
        return "本人"
    if not any(m.id == filer.id for m in members) or not any(m.id == person.id for m in members):
        return ""
    a, p, sex = _fact(filer), _fact(person), filer.sex.value
    if p == "head":
        return _word(a, sex, None) if a in ("spouse", "child", "parent") else ""
    pair = {
        ("head", "spouse"): _SPOUSE.get(sex, ""), ("head", "child"): _PARENT.get(sex, ""), ("head", "parent"): "子",
        ("spouse", "child"): _PARENT.get(sex, ""), ("child", "spouse"): "子",
        ("parent", "child"): _GRANDPARENT.get(sex, ""), ("child", "parent"): "孫",
    }
    return pair.get((str(a), str(p)), "")
