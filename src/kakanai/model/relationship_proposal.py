"""続柄 proposed from what is already known (issue 17, "Who is who"): once the clerk has chosen the 世帯主,
each other member's relationship to them is proposed from the card's or the typed 基本4情報 alone (family
name, birth dates, sex). A proposal is never an answer: the members step shows it marked 「提案」 and only
the clerk's Enter (or their own choice) makes it the member's `relationship` fact.

The rule is deliberately narrow, so that a wrong proposal is rare and no proposal is the fallback:
- a different family name (compared in the standard forms of 異体字: 渡邊 = 渡辺) proposes nothing;
- a generation apart (the elder had completed GENERATION_YEARS on the younger's birth date, but not
  TWO_GENERATIONS_YEARS): 子 when the member is the younger, 父母 when the elder;
- two generations apart or more: nothing (a 孫 or a 祖父母 is as likely as a late child, and a wrong 子
  confirmed with one Enter would print on the 住民異動届);
- two adults of the other sex both a generation younger, near each other's age: nothing for either (one
  may be the other's spouse, the head's 子の妻/子の夫 in a three-generation household, and the cards cannot
  tell which of them is the head's child);
- else an adult (民法4条: 18) of the other sex, with an adult 世帯主: 配偶者 (the 住民票 writes 妻/夫) —
  an adult brother or sister of the other sex looks the same to the cards and is proposed 配偶者 too: the
  proposal is marked and the clerk changes it with one key;
- else nothing (a same-sex adult, a minor near the head's age).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kakanai.model.agelaw import age_in_completed_years, age_on
from kakanai.model.characters import split_chars, standard_form
from kakanai.model.ids import Sex
from kakanai.model.reception import Person
from kakanai.model.reception_edit import HEAD, RELATIONSHIP_FACT

GENERATION_YEARS = 15  # issue 17: a parent and child are at least this far apart; a couple nearer
TWO_GENERATIONS_YEARS = 45  # from here a grandparent and grandchild are as likely: no proposal
ADULT_AGE = 18  # 民法4条 (since 2022-04-01)
# Values of the `relationship` fact (resources/rules/facts.yaml).
SPOUSE, CHILD, PARENT = "spouse", "child", "parent"
_COUPLE = frozenset({Sex.MALE, Sex.FEMALE})


def family_name(name: str) -> str | None:
    """The family name in its standard form (氏 before the space, as cards and typed names write it);
    None when the name has no space to tell it by."""
    parts = name.split()
    if len(parts) < 2:
        return None
    return "".join(standard_form(c) or c for c in split_chars(parts[0]))


def propose_relationship(member: Person, head: Person, on: date) -> str | None:
    """The `relationship` proposed for `member` towards the 世帯主 `head` on `on`, or None."""
    if member.id == head.id:
        return None
    surname = family_name(member.name)
    if surname is None or surname != family_name(head.name):
        return None
    elder, younger = sorted((member, head), key=lambda p: p.birth_date)
    gap = age_in_completed_years(elder.birth_date, younger.birth_date)
    if gap >= TWO_GENERATIONS_YEARS:
        return None
    if gap >= GENERATION_YEARS:
        return CHILD if younger is member else PARENT
    if ({member.sex, head.sex} == _COUPLE and age_on(member.birth_date, on) >= ADULT_AGE
            and age_on(head.birth_date, on) >= ADULT_AGE):
        return SPOUSE
    return None


def relationship_proposals(people: Sequence[Person], on: date) -> dict[str, str]:
    """member id -> proposed `relationship`, for the members whose 続柄 is still open, once exactly one
    世帯主 is chosen (before that, or with two, there is nothing to propose from)."""
    heads = [p for p in people if p.facts.get(RELATIONSHIP_FACT) == HEAD]
    if len(heads) != 1:
        return {}
    out: dict[str, str] = {}
    for p in people:
        if p.facts.get(RELATIONSHIP_FACT) is None:
            proposal = propose_relationship(p, heads[0], on)
            if proposal is not None:
                out[p.id] = proposal
    children = [p for p in people if out.get(p.id) == CHILD and age_on(p.birth_date, on) >= ADULT_AGE]
    for a in children:
        if any(_couple(a, b, on) for b in children):
            del out[a.id]
    return out


def _couple(a: Person, b: Person, on: date) -> bool:
    """Two adults (checked by the caller) who may be a couple: the other sex, less than a generation apart."""
    elder, younger = sorted((a, b), key=lambda p: p.birth_date)
    return {a.sex, b.sex} == _COUPLE and age_in_completed_years(elder.birth_date, younger.birth_date) < GENERATION_YEARS
