"""Who the law makes the claimant (請求者・届出義務者) of a procedure: `claimant: {rule, basis}` in the
procedure file (docs/rules-format.md). The rule engine's `claimant:` conditions, `{claimant}` and the
17条 public-servant test look at this person, not at whoever stands at the counter.

- `applicant`: the 届出人 at the counter (kakanai.model.choose_applicant); the default.
- `head`: the 世帯主 among the living (国民健康保険法9条: the head notifies for the household;
  58条 and the 条例: 出産育児一時金 and 葬祭費 paid to the head of a 国保 household).
- `parent`: the father or mother of the children (児童手当法4条1項1号, 児童扶養手当法4条1項): the
  living head and spouse; the grown-up children of the head when every minor is a grandchild
  (relationship `other`); when two parents live with the children the
  one with the higher income (児童手当法4条3項, person fact `main_earner`), asked when not known.
  No parent in the household: the head, who cares for the children (児童手当法4条1項4号).
- `funeral_host`: the person who held the funeral (喪主, 国民健康保険法58条1項 葬祭を行う者; person
  fact `funeral_host`), asked of the living adults; nobody of them: someone outside the household.

When the facts do not decide, the claimant is one of several candidates: a `claimant:` condition that
holds for all of them (or for none) is decided anyway; otherwise it is unknown and asks the deciding
fact, as any other unknown fact of the three-valued logic (conditions.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kakanai.model import FactValue, LifeEvent, Person, Reception
from kakanai.model.agelaw import age_on

ADULT_AGE = 18  # 民法4条
CLAIMANT_RULES = ("applicant", "head", "parent", "funeral_host")
# (fact id, member id): the same shape as conditions.MissingFact (not imported: conditions imports us).
_Missing = tuple[str, str | None]


@dataclass(frozen=True)
class ClaimantRule:
    rule: str  # one of CLAIMANT_RULES
    basis: str  # the article


APPLICANT_RULE = ClaimantRule("applicant", "")


@dataclass(frozen=True)
class Claimant:
    """The claimant if the facts decide; else the candidates and the facts whose answers decide."""

    person: Person | None
    candidates: tuple[Person, ...] = ()
    missing: tuple[_Missing, ...] = ()
    outside: bool = False  # the law's claimant is not a member listed (e.g. a 喪主 from elsewhere)

    @property
    def decided(self) -> bool:
        return not self.candidates


def _living(reception: Reception) -> list[Person]:
    dead = set(reception.subject or ()) if reception.event is LifeEvent.DEATH else set()
    return [m for m in reception.members if m.id not in dead]


def _adult(m: Person, reception: Reception) -> bool:
    return age_on(m.birth_date, reception.event_date) >= ADULT_AGE


def _one_of(candidates: list[Person], fact: str, facts: Mapping[str, Mapping[str, FactValue]]) -> Claimant | None:
    """The candidate the bool `fact` names: the one answered true, or the last one left when the others
    are answered false; None when nobody can be."""
    chosen = [m for m in candidates if facts[m.id].get(fact) is True]
    if chosen:
        return Claimant(chosen[0])
    open_ = [m for m in candidates if facts[m.id].get(fact) is None]
    if not open_:
        return None
    if len(open_) == 1 and len(candidates) > 1:
        return Claimant(open_[0])
    return Claimant(None, tuple(open_), tuple((fact, m.id) for m in open_))


def resolve_claimant(rule: ClaimantRule, reception: Reception, facts: Mapping[str, Mapping[str, FactValue]],
                     applicant: Person | None) -> Claimant:
    """The claimant of a procedure under `rule`; `applicant` is the default claimant (the 届出人)."""
    if rule.rule == "applicant":
        return Claimant(applicant)
    living = _living(reception)
    relation = {m.id: facts[m.id].get("relationship") for m in reception.members}
    if rule.rule == "head":
        head = next((m for m in living if relation[m.id] == "head"), None)
        return Claimant(head or applicant)
    if rule.rule == "funeral_host":
        adults = [m for m in living if _adult(m, reception)]
        found = _one_of(adults, "funeral_host", facts) if adults else None
        return found or Claimant(None, outside=True)
    # parent
    minors = [m for m in living if relation[m.id] in ("child", "other") and not _adult(m, reception)]
    grown = [m for m in living if relation[m.id] == "child" and _adult(m, reception)]
    if minors and grown and all(relation[m.id] == "other" for m in minors):
        parents = grown  # the minors are grandchildren: their parents are the head's grown-up children
    else:
        parents = [m for m in living if relation[m.id] in ("head", "spouse")]
    if len(parents) == 1:
        return Claimant(parents[0])
    if not parents:
        head = next((m for m in living if relation[m.id] == "head"), None)
        return Claimant(head or applicant)
    return _one_of(parents, "main_earner", facts) or Claimant(parents[0])
