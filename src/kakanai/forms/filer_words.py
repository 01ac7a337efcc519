"""Who the 届出人 is to the person a sheet is about, as the forms' 届出人 boxes tick it (`reception.filer`:
本人・同一世帯員・代理人・その他 …, forms/*.yaml `when:` lists)."""

from __future__ import annotations

from kakanai.model import LifeEvent, Person, Reception
from kakanai.model.applicant import PARENT_FACT, may_be_parent_of


def filer_word(reception: Reception, applicant: Person, concerned: tuple[Person, ...]) -> str:
    """A member 届出人 to `concerned` (the sheet's person, else the event's subjects who stay): 本人, 配偶者,
    父/母 (of a child of the 世帯主 and spouse, or of the 世帯主), 子, else 同一世帯員."""
    if applicant in concerned:
        return "本人"
    me = concerned[0] if concerned else None
    relation = {m.id: m.facts.get("relationship") for m in reception.members}
    a, c = relation.get(applicant.id), relation.get(me.id) if me else None
    parent_word = {"male": "父", "female": "母"}.get(applicant.sex.value, "")
    if {a, c} == {"head", "spouse"}:
        return "配偶者"
    if (a in ("head", "spouse") and c == "child") or (a == "parent" and c == "head"):
        return parent_word or "同一世帯員"
    if (c in ("head", "spouse") and a == "child") or (c == "parent" and a == "head"):
        return "子"
    if c == "other" and me is not None and applicant.facts.get(PARENT_FACT) is True and may_be_parent_of(applicant, me):
        return parent_word or "同一世帯員"  # the parent of a grandchild, who answered so
    return "同一世帯員"


def outside_filer_word(reception: Reception, concerned: tuple[Person, ...]) -> str:
    """A 届出人 from outside the household. For the deceased: 「その他」, a relative filing or asking on their
    own account (戸籍法87条; a 除票 for 相続, 住基法15条の4第3項), never a 代理人: the deceased gives no 委任状.
    For a newborn: unknown (a parent living apart, a 同居者: 戸籍法52条), left to the 届出人's own tick. For
    living members: their 代理人 (住基法12条2項, 施行令; 委任状)."""
    subjects = set(reception.subject or ())
    if concerned and all(p.id in subjects for p in concerned):
        if reception.event is LifeEvent.DEATH:
            return "その他"
        if reception.event is LifeEvent.BIRTH:
            return ""
    return "代理人"
