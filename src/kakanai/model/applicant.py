"""Who files for the household (届出人・請求者): one rule for the rule engine (the claimant its conditions
test) and for the forms (the applicant printed on them), so a form never names another person than the
plan's reasons do.

`choose_applicant` is the 届出人 at the counter. `claimant_by_law` is the person the law makes the
claimant of a procedure whose rule file says `claimant: {rule: …}` (docs/rules-format.md): the rule
engine tests and names that person and puts it on the planned procedure (`PlannedProcedure.claimant`), and
the forms of that procedure print the same one (`printed_applicant`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kakanai.model.agelaw import age_on, end_of_first_march31_after_attaining
from kakanai.model.ids import LifeEvent, Sex
from kakanai.model.plan import PlannedProcedure
from kakanai.model.reception import OUTSIDE_APPLICANT, FactValue, Person, Reception

ADULT_AGE = 18  # 民法4条


def _raw_relationship(person: Person) -> FactValue | None:
    return person.facts.get("relationship")


def choose_applicant(reception: Reception,
                     relationship: Callable[[Person], FactValue | None] = _raw_relationship) -> Person | None:
    """The named applicant; else the head among the living (not the deceased, not the newborn); else the
    oldest adult among them; else the first of them. None when the 届出人 is someone outside the household
    (OUTSIDE_APPLICANT), and when every member listed is the subject of a death or a birth (nobody who
    could file is at the counter)."""
    if reception.applicant == OUTSIDE_APPLICANT:
        return None  # someone not in the household files (Reception.applicant)
    if reception.applicant:
        return reception.member(reception.applicant)
    living = possible_applicants(reception)
    for m in living:
        if relationship(m) == "head":
            return m
    adults = sorted((m for m in living if age_on(m.birth_date, reception.event_date) >= ADULT_AGE),
                    key=lambda m: m.birth_date)
    if adults:
        return adults[0]
    return living[0] if living else None


def possible_applicants(reception: Reception) -> list[Person]:
    """The members who can be the 届出人: not the deceased, not the newborn."""
    excluded = (set(reception.subject) if reception.subject is not None
                and reception.event in (LifeEvent.DEATH, LifeEvent.BIRTH) else set())
    return [m for m in reception.members if m.id not in excluded]


def choose_claimant(reception: Reception, person_facts: Mapping[str, Mapping[str, FactValue]]) -> Person | None:
    """The 届出人/請求者 the conditions test (kakanai.model.choose_applicant, on the canonical facts); when
    only the deceased or the newborn is listed, the first member, so `is_claimant` stays decidable."""
    chosen = choose_applicant(reception, lambda m: person_facts[m.id].get("relationship"))
    if chosen is None and reception.applicant == OUTSIDE_APPLICANT:
        return None  # someone outside the household files: no member is tested or named as the 届出人
    return chosen if chosen is not None else (reception.members[0] if reception.members else None)


def printed_applicant(reception: Reception, procedure: PlannedProcedure | None) -> Person | None:
    """The 請求者/届出人 a procedure's sheet names: the claimant by law the plan decided for it (None when
    that is someone outside the household, who writes their own name), else the 届出人 at the counter."""
    if procedure is not None and procedure.claimant is not None:
        return reception.member(procedure.claimant) if procedure.claimant else None
    return choose_applicant(reception)


# The rules of `claimant:` (kakanai.rules.claimants names the articles).
CLAIMANT_RULES = ("applicant", "head", "parent", "guardian", "funeral_host", "recipient", "support_recipient")
FactOf = Callable[[Person, str], FactValue | None]  # a person's fact by id (canonical or as given)
# The person fact saying a member is the father or mother of the household's children who are not the
# head's (facts.yaml; asked only where the 続柄 does not decide it).
PARENT_FACT = "child_parent"
# The person fact saying which of two divorcing parents keeps the children (facts.yaml).
CUSTODY_FACT = "custodial_parent"
# The person fact saying a member receives the household's 児童手当 (facts.yaml).
RECIPIENT_FACT = "child_allowance_recipient"
# The person fact saying a member receives the household's 児童扶養手当 (facts.yaml).
SUPPORT_RECIPIENT_FACT = "child_support_allowance_recipient"
SURNAME_FACT = "surname_changes"  # facts.yaml: whose 氏 a marriage or divorce changes
# The youngest member asked whether they are a child's parent: the age from which the rules take a birth
# as possible (the 出産育児一時金 trigger's age: {gte: 12}, 20_insurance.yaml).
PARENT_MIN_AGE = 12


def may_be_parent_of(parent: Person, child: Person) -> bool:
    """Whether a member who answered `child_parent` may be this grandchild's parent: at least PARENT_MIN_AGE
    years older (the same son is not the 父 of his own wife, who is `other` to the 世帯主 too)."""
    return age_on(parent.birth_date, child.birth_date) >= PARENT_MIN_AGE


def allowance_recipient(members: Sequence[Person], fact_of: FactOf) -> Person | None:
    """The 児童手当 recipient among `members` (answered RECIPIENT_FACT); of two (each of a marrying couple had
    children of his own), the one whose 氏 changes, who files the 氏名変更届 (児童手当法26条)."""
    recipients = [m for m in members if fact_of(m, RECIPIENT_FACT) is True]
    renamed = [m for m in recipients if fact_of(m, SURNAME_FACT) is True]
    return next(iter(renamed or recipients), None)


@dataclass(frozen=True)
class Claimant:
    """The claimant if the facts decide; else the candidates and the (fact, member) whose answers decide."""

    person: Person | None
    candidates: tuple[Person, ...] = ()
    missing: tuple[tuple[str, str | None], ...] = ()
    # The law's claimant is not a member listed (e.g. a 喪主 from elsewhere); with candidates: may not be.
    outside: bool = False


def _living(reception: Reception) -> list[Person]:
    dead = set(reception.subject or ()) if reception.event is LifeEvent.DEATH else set()
    return [m for m in reception.members if m.id not in dead]


def _one_of(candidates: list[Person], fact: str, fact_of: FactOf, *, one_of_them: bool) -> Claimant | None:
    """The candidate the bool `fact` names: the one answered true, or (when the law's person must be one
    of them, `one_of_them`) the last one left when the others are answered false; None when nobody can be."""
    chosen = [m for m in candidates if fact_of(m, fact) is True]
    if chosen:
        return Claimant(chosen[0])
    open_ = [m for m in candidates if fact_of(m, fact) is None]
    if not open_:
        return None
    if one_of_them and len(open_) == 1 and len(candidates) > 1:
        return Claimant(open_[0])
    return Claimant(None, tuple(open_), tuple((fact, m.id) for m in open_), outside=not one_of_them)


def _filed_by(person: Person | None) -> Claimant:
    """That member, or (None) someone outside the household."""
    return Claimant(person) if person is not None else Claimant(None, outside=True)


def claimant_by_law(rule: str, reception: Reception, fact_of: FactOf, applicant: Person | None) -> Claimant:
    """The claimant of a procedure under `rule` (one of CLAIMANT_RULES); `applicant` is the 届出人."""
    if rule == "applicant":
        return _filed_by(applicant)
    living = _living(reception)
    if applicant is not None and all(m.id != applicant.id for m in living):
        # The deceased never files (the engine's 届出人 falls back to the only member listed, who may be the
        # deceased of a person living alone): the 届出人 is then someone outside the household.
        applicant = None
    relation = {m.id: fact_of(m, "relationship") for m in reception.members}
    head = next((m for m in living if relation[m.id] == "head"), None)
    if rule == "head":
        filer = head or applicant
        return _filed_by(filer)
    if rule == "recipient":
        # 児童手当法26条: the recipient notifies the end of his 児童手当 himself (the mother who no longer keeps
        # the children after the divorce, not the father at the counter); at his death, the 届出人. Not asked:
        # nobody answered, the 届出人 files as before.
        filer = allowance_recipient(living, fact_of) or applicant
        return _filed_by(filer)

    def adult(m: Person) -> bool:
        return age_on(m.birth_date, reception.event_date) >= ADULT_AGE

    if rule == "funeral_host":
        adults = [m for m in living if adult(m)]
        # The 喪主 may live elsewhere: the others answering "no" does not make the last one the 喪主.
        found = _one_of(adults, "funeral_host", fact_of, one_of_them=False) if adults else None
        return found or Claimant(None, outside=True)
    if rule == "support_recipient":
        # 児童扶養手当法施行規則 (資格喪失届) and the ひとり親医療 ordinance: the recipient files; at a marriage
        # one of the couple, asked until one is (the last left is). At the recipient's death, the 届出人.
        couple = [m for m in living if adult(m) and reception.is_subject(m.id)] or [m for m in living if adult(m)]
        if reception.event is LifeEvent.DEATH or not couple:
            return _filed_by(applicant)
        if len(couple) == 1:  # the household receives it (the trigger's fact): its only adult does
            return Claimant(couple[0])
        # Answered no for each of them: the recipient is nobody listed (never the 届出人 by default).
        return _one_of(couple, SUPPORT_RECIPIENT_FACT, fact_of, one_of_them=True) or Claimant(None, outside=True)

    def jidou(m: Person) -> bool:  # a 児童 of the claims: until the first 31 March after 18 (児童手当法3条1項)
        return reception.event_date <= end_of_first_march31_after_attaining(m.birth_date, 18)

    carer = _carer(head, applicant, adult)
    children = _children(reception, living, relation, adult)
    if children and all(relation[m.id] == "other" for m in children):
        # Not the head's children (a grandchild, 続柄 孫: その他 here): see _parents_of_grandchildren.
        parents, open_ = _parents_of_grandchildren(reception, living, children, relation, fact_of)
        if open_ and (parents or open_ != [carer]):  # only the carer open and no parent: the carer either way
            may_be = [*parents, *open_, *([carer] if not parents and carer is not None and carer not in open_ else [])]
            return Claimant(None, tuple(may_be), tuple((PARENT_FACT, m.id) for m in open_),
                            outside=not parents and carer is None)
    else:
        # The 世帯主 or spouse is a parent of the children listed; with none listed, the 児童 the claim is for is
        # the 世帯主 himself (a 16-year-old living alone to go to school; a 児童 until the first 31 March after
        # 18, 児童手当法3条1項): a child never claims for himself, his father or mother elsewhere does
        # (児童手当法4条1項1号; docs/rules-format.md `claimant:`).
        parents = [m for m in living if relation[m.id] in ("head", "spouse") and (children or not jidou(m))]
    if len(parents) == 1:
        return Claimant(parents[0])
    if not parents:
        # Nobody's parent here: the head cares for the children (児童手当法4条1項4号); with the head gone, the
        # adult 届出人. A child is never the claimant for the children: after a single parent's death the
        # carer is someone outside (児童扶養手当法4条1項3号: 養育者, e.g. a grandparent living elsewhere).
        return Claimant(carer) if carer is not None and (children or not jidou(carer)) else Claimant(None, outside=True)
    if rule == "guardian" and reception.event is not LifeEvent.DIVORCE:
        # The 保護者 of a school, vaccination or medical-subsidy sheet (学校教育法16条, 予防接種法2条7項: 親権を行う
        # 者): either parent will do, the one at the counter first; the higher income is the 児童手当's question.
        return Claimant(applicant if applicant in parents else parents[0])
    if reception.event is LifeEvent.DIVORCE:
        # Both parents still listed at their divorce: the claimant is the one who keeps the children and
        # lives with them (児童手当法4条1項1号: 監護し生計を同じくする父母; 児童扶養手当法4条1項: 監護する母・父),
        # asked; the higher income (4条3項) is for two parents who both keep them. Neither: a carer elsewhere.
        return _one_of(parents, CUSTODY_FACT, fact_of, one_of_them=True) or Claimant(None, outside=True)
    return _one_of(parents, "main_earner", fact_of, one_of_them=True) or Claimant(parents[0])


def _carer(head: Person | None, applicant: Person | None, adult: Callable[[Person], bool]) -> Person | None:
    """Who cares for children with no parent in the household: the head, else the 届出人; an adult only."""
    carer = head or applicant
    return carer if carer is not None and adult(carer) else None


def _children(reception: Reception, living: list[Person], relation: dict[str, FactValue | None],
              adult: Callable[[Person], bool]) -> list[Person]:
    """The children a parent's claim is for: at a birth the newborns (the claim is for them, 児童手当法7条;
    a 17-year-old mother is then a parent, not a child); at the divorce of a 子 of the head (the subjects
    named, neither the head nor the spouse among them) the minors who are not the head's (its children, 孫:
    その他), not its young brothers and sisters; else the minors who are the head's child or other."""
    if reception.event is LifeEvent.BIRTH and reception.subject:
        return [m for m in living if m.id in reception.subject]
    minors = [m for m in living if relation[m.id] in ("child", "other") and not adult(m)]
    if reception.event is LifeEvent.DIVORCE and reception.subject and not any(
            relation[m.id] in ("head", "spouse") for m in reception.subject_members()):
        return [m for m in minors if relation[m.id] == "other"]
    return minors


def _parents_of_grandchildren(reception: Reception, living: list[Person], children: list[Person],
                              relation: dict[str, FactValue | None],
                              fact_of: FactOf) -> tuple[list[Person], list[Person]]:
    """(the parents known, those still to ask) of children who are not the head's (続柄 その他: 孫).

    Their father or mother is one of the generation between: the head's child (子) or a child's spouse
    (子の妻・子の夫, その他 here). The 続柄 to the head does not say which of them: an uncle or an aunt
    (子) or an older grandchild (その他) lives there as well, and the parents may live elsewhere. So it is
    asked (PARENT_FACT), never taken from the age or the order. The claimant is the parent
    (児童手当法4条1項1号, 児童扶養手当法4条1項), not the head or another of that generation. A child has one
    father and one mother (民法772条・779条): once one of a sex is known, the others of that sex are not asked."""
    kids = {m.id for m in children}
    # Without a 子 of the head listed (the deceased one counts: a grandchild whose mother died), the children
    # are not grandchildren through one: the head or the spouse may be their parent too (the head's
    # unmarried partner's child, 妻（未届）の子: その他).
    between = ("child", "other") if any(relation[m.id] == "child" for m in reception.members
                                        if m.id not in kids) else ("head", "spouse", "child", "other")
    # A minor is asked only as the head's own 子 (a teenage daughter who gave birth), never as その他: at a
    # birth that is the newborn's brother, sister or cousin.
    may_be = [m for m in living if m.id not in kids and relation[m.id] in between
              and age_on(m.birth_date, reception.event_date) >= PARENT_MIN_AGE
              and (age_on(m.birth_date, reception.event_date) >= ADULT_AGE or relation[m.id] != "other")]
    known = [m for m in may_be if fact_of(m, PARENT_FACT) is True]
    if len(known) >= 2:
        return known, []
    sexes = {m.sex for m in known} - {Sex.NOT_APPLICABLE}
    return known, [m for m in may_be if fact_of(m, PARENT_FACT) is None and m.sex not in sexes]
