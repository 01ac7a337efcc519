"""Who the law makes the claimant (請求者・届出義務者) of a procedure: `claimant: {rule, basis}` in the
procedure file (docs/rules-format.md). The rule engine's `claimant:` conditions, `{claimant}` and the
17条 public-servant test look at this person, not at whoever stands at the counter.

- `applicant`: the 届出人 at the counter (kakanai.model.choose_applicant); the default.
- `head`: the 世帯主 among the living (国民健康保険法9条: the head notifies for the household;
  58条 and the 条例: 出産育児一時金 and 葬祭費 paid to the head of a 国保 household).
- `parent`: the father or mother of the children (児童手当法4条1項1号, 児童扶養手当法4条1項): the
  living head and spouse; when the children are not the head's (relationship `other`: a grandchild), the
  one(s) of the generation between answered `child_parent` (asked: an uncle is the head's 子 too); when
  two parents are still listed at their divorce, the one who keeps the children (`custodial_parent`); when
  two parents live with the children the
  one with the higher income (児童手当法4条3項, person fact `main_earner`), asked when not known.
  No parent in the household: the head, who cares for the children (児童手当法4条1項4号).
- `guardian`: the 保護者 of a child's school, vaccination or medical-subsidy sheet (学校教育法16条, 予防接種法2条7項:
  親権を行う者): found as `parent`, but of two parents the 届出人 if one of them, else the first (the higher
  income is not asked: it is the 児童手当's question).
- `recipient`: the living 児童手当 recipient (`child_allowance_recipient`), who notifies its end himself
  (児童手当法26条); at his death, or nobody answered, the 届出人 (not asked for this). Of two recipients
  (each of a marrying couple had children), the one whose 氏 changes (`surname_changes`).
- `support_recipient`: the 児童扶養手当 recipient (`child_support_allowance_recipient`), who files its 資格喪失届
  (児童扶養手当法施行規則) and the ひとり親医療's: one of the adults the event is about (a marrying couple, those
  who move out), the only one without asking, else asked until one is; at the recipient's death the 届出人.
- `funeral_host`: the person who held the funeral (喪主, 国民健康保険法58条1項 葬祭を行う者; person
  fact `funeral_host`), asked of the living adults; nobody of them: someone outside the household.

When the facts do not decide, the claimant is one of several candidates: a `claimant:` condition that
holds for all of them (or for none) is decided anyway; otherwise it is unknown and asks the deciding
fact, as any other unknown fact of the three-valued logic (logic.py). The rules themselves live in
kakanai.model.applicant (claimant_by_law), so that the forms can print the same person."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kakanai.model import FactValue, Person, Reception
from kakanai.model.applicant import CLAIMANT_RULES, Claimant, claimant_by_law

__all__ = ["APPLICANT_RULE", "CLAIMANT_RULES", "Claimant", "ClaimantRule", "resolve_claimant"]


@dataclass(frozen=True)
class ClaimantRule:
    rule: str  # one of CLAIMANT_RULES
    basis: str  # the article


APPLICANT_RULE = ClaimantRule("applicant", "")


def resolve_claimant(rule: ClaimantRule, reception: Reception, facts: Mapping[str, Mapping[str, FactValue]],
                     applicant: Person | None) -> Claimant:
    """The claimant of a procedure under `rule` (kakanai.model.applicant.claimant_by_law on the canonical
    facts of the plan); `applicant` is the default claimant (the 届出人)."""
    return claimant_by_law(rule.rule, reception, lambda m, fact: facts[m.id].get(fact), applicant)
