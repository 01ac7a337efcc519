"""The three-valued logic of rule conditions (conditions.py compiles the language into these): TRUE,
FALSE or UNKNOWN with the facts that would decide, Kleene's `all`/`any`/`not`, and the member quantifiers
over the ranges a trigger may be about (`about:`, docs/rules-format.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import IntEnum
from typing import Any

from kakanai.model import FactValue, Person, Reception
from kakanai.model.applicant import choose_claimant, claimant_by_law
from kakanai.rules.facts import FactDef, FactScope


class Tri(IntEnum):
    FALSE = 0
    TRUE = 1
    UNKNOWN = 2


MissingFact = tuple[str, str | None]  # (fact id, member id or None for a household fact)


@dataclass(frozen=True, slots=True)
class Outcome:
    tri: Tri
    missing: tuple[MissingFact, ...] = ()
    witnesses: tuple[str, ...] = ()  # member ids that satisfied a member quantifier


TRUE = Outcome(Tri.TRUE)
FALSE = Outcome(Tri.FALSE)
# Module-level aliases for the hot loops (an Enum class attribute lookup goes through a descriptor).
_T, _F, _U = Tri.TRUE, Tri.FALSE, Tri.UNKNOWN


@dataclass(frozen=True)
class EvalContext:
    """Everything a condition may look at: the reception as of the event date, with canonical facts."""

    reception: Reception
    on: date
    params: Mapping[str, Any]
    person_facts: Mapping[str, Mapping[str, FactValue]]
    household_facts: Mapping[str, FactValue]
    claimant: Person | None
    # Per-plan memo: member labels, and each member's age, grade and limits (many rules ask the same).
    cache: dict[object, Any] = field(default_factory=dict)
    # A claimant the facts do not decide (claimants.py): who it may be, and the facts that decide.
    claimant_candidates: tuple[Person, ...] = ()
    claimant_missing: tuple[MissingFact, ...] = ()
    claimant_may_be_outside: bool = False  # with candidates: the claimant may also be nobody of them (Claimant.outside)

    def fact(self, fact: FactDef, person: Person | None) -> FactValue | None:
        if fact.scope is FactScope.HOUSEHOLD:
            return self.household_facts.get(fact.id)
        assert person is not None
        return self.person_facts[person.id].get(fact.id)


Evaluator = Callable[[EvalContext, Person | None], Outcome]


def all_of(parts: Sequence[Evaluator]) -> Evaluator:
    def evaluate(ctx: EvalContext, person: Person | None) -> Outcome:
        first_unknown: Outcome | None = None
        witnesses: tuple[str, ...] | None = None
        for part in parts:
            out = part(ctx, person)
            tri = out.tri
            if tri is _F:
                return FALSE
            if tri is _U:
                if first_unknown is None:
                    first_unknown = out
            elif out.witnesses and witnesses is None:
                witnesses = out.witnesses  # {members}: the first quantifier that names people
        if first_unknown is not None:
            return first_unknown
        return Outcome(_T, witnesses=witnesses) if witnesses else TRUE

    return evaluate


def any_of(parts: Sequence[Evaluator]) -> Evaluator:
    def evaluate(ctx: EvalContext, person: Person | None) -> Outcome:
        first_unknown: Outcome | None = None
        for part in parts:
            out = part(ctx, person)
            if out.tri is _T:
                return out
            if out.tri is _U and first_unknown is None:
                first_unknown = out
        return first_unknown or FALSE

    return evaluate


def not_of(inner: Evaluator) -> Evaluator:
    def evaluate(ctx: EvalContext, person: Person | None) -> Outcome:
        out = inner(ctx, person)
        if out.tri is _U:
            return out
        return FALSE if out.tri is _T else TRUE

    return evaluate


MemberSelector = Callable[[EvalContext], Sequence[Person]]


def select_members(ctx: EvalContext) -> Sequence[Person]:
    return ctx.reception.members


def select_subject(ctx: EvalContext) -> Sequence[Person]:
    return ctx.reception.subject_members()


def select_others(ctx: EvalContext) -> Sequence[Person]:
    """Members the event is not about (the survivors of a death, the parents of a newborn)."""
    r = ctx.reception
    if r.subject is None:
        return ()
    return [m for m in r.members if m.id not in r.subject]


def select_claimant(ctx: EvalContext) -> Sequence[Person]:
    return (ctx.claimant,) if ctx.claimant is not None else ()


SELECTORS: dict[str, MemberSelector] = {
    "any_member": select_members,  # replaced by the trigger's `about:` range (ConditionCompiler.compile)
    "any_subject": select_subject,
    "any_other": select_others,
    "claimant": select_claimant,
}

# `about:` of a trigger (docs/rules-format.md): whom the trigger is about. It is the range of
# `any_member`, `count_members` and so of `{members}`, and the candidates of a person procedure. Without
# it a household procedure's `any_member` ranged over everyone, and one person joining a household told
# the family already living there that their 児童手当 ended (issue 14).
ABOUT_SELECTORS: dict[str, MemberSelector] = {
    "subjects": select_subject,
    "household": select_members,
    "others": select_others,
    "claimant": select_claimant,
}
ABOUT = tuple(ABOUT_SELECTORS)


def whole_household(want: bool) -> Evaluator:
    """`whole_household: true`: the event is about every member (no one else of the household stays or
    already lives here), e.g. a whole household moving in opens the water supply; one person joining does not."""

    def evaluate(ctx: EvalContext, _person: Person | None) -> Outcome:
        r = ctx.reception
        whole = r.subject is None or all(m.id in r.subject for m in r.members)
        return TRUE if whole == want else FALSE

    return evaluate


def visit_on_or_after_event(want: bool) -> Evaluator:
    """`visit_on_or_after_event: true`: the reception's visit date is given and is the event's day or later. A
    notice that must come before the event (the マイナンバーカード's continued use abroad: by the day before the
    国外転出, 番号法17条) is too late then; without a visit date (a pre-entry at home) it is not."""

    def evaluate(ctx: EvalContext, _person: Person | None) -> Outcome:
        r = ctx.reception
        late = r.visit_date is not None and r.visit_date >= r.event_date
        return TRUE if late == want else FALSE

    return evaluate


def claimant_outside(want: bool) -> Evaluator:
    """`claimant_outside: true`: the law's claimant (`claimant:`) is nobody of the household (a parent
    living apart, a carer elsewhere: 「世帯外の方」), who claims where they live (児童手当法7条1項). Unknown while
    the answers still open may make it someone outside (asking them)."""

    def evaluate(ctx: EvalContext, _person: Person | None) -> Outcome:
        if ctx.claimant is None and ctx.claimant_candidates and ctx.claimant_may_be_outside:
            return Outcome(_U, missing=ctx.claimant_missing)  # one of them, or a 喪主 who may live elsewhere
        outside = ctx.claimant is None and not ctx.claimant_candidates
        return TRUE if outside == want else FALSE

    return evaluate


def tally(selector: MemberSelector, inner: Evaluator, ctx: EvalContext) -> tuple[list[str], list[MissingFact]]:
    """The selected members that satisfy `inner`, and the facts still missing for the undecided ones."""
    yes: list[str] = []
    unknown: list[MissingFact] = []
    for member in selector(ctx):
        out = inner(ctx, member)
        if out.tri is _T:
            yes.append(member.id)
        elif out.tri is _U:
            unknown.extend(m for m in out.missing if m not in unknown)
    return yes, unknown


def count_of(selector: MemberSelector, inner: Evaluator, at_least: int) -> Evaluator:
    """At least N of the selected members satisfy `inner` (e.g. 2 remaining members aged 15+)."""

    def evaluate(ctx: EvalContext, _person: Person | None) -> Outcome:
        yes, unknown = tally(selector, inner, ctx)
        if len(yes) >= at_least:
            return Outcome(Tri.TRUE, witnesses=tuple(yes))
        if unknown:
            return Outcome(Tri.UNKNOWN, missing=tuple(unknown))
        return FALSE

    return evaluate


def exists(selector: MemberSelector, inner: Evaluator, *, names: bool = True) -> Evaluator:
    """Some selected member satisfies `inner`; the witnesses are all members who do.

    Unknown members are asked together (one question per member for the same fact), because a
    household interview naturally goes member by member."""

    def evaluate(ctx: EvalContext, _person: Person | None) -> Outcome:
        yes, unknown = tally(selector, inner, ctx)
        if yes:
            return Outcome(_T, witnesses=tuple(yes)) if names else TRUE
        if unknown:
            return Outcome(_U, missing=tuple(unknown))
        return FALSE

    return evaluate


def claimant_test(inner: Evaluator) -> Evaluator:
    """`claimant: c`. A claimant the facts do not decide is one of its candidates: c is decided when it
    holds for all of them or for none; otherwise unknown, asking what decides the claimant (and what
    c still needs of the candidates)."""
    decided = exists(select_claimant, inner, names=False)

    def evaluate(ctx: EvalContext, person: Person | None) -> Outcome:
        if not ctx.claimant_candidates:
            return decided(ctx, person)
        yes, unknown = tally(lambda c: c.claimant_candidates, inner, ctx)
        if len(yes) == len(ctx.claimant_candidates):
            return TRUE
        if not yes and not unknown:
            return FALSE
        return Outcome(_U, missing=tuple(dict.fromkeys((*ctx.claimant_missing, *unknown))))

    return evaluate


_PARENT_CLAIMANT = ("parent_claimant",)  # its key in EvalContext.cache


def parent_claimant(inner: Evaluator) -> Evaluator:
    """`parent_claimant: c`: the parent who claims for the household's children (the `parent` claimant
    rule: at a divorce the one who keeps them, 児童手当法4条1項1号) satisfies c, whatever the procedure's own
    claimant is: the recipient who does not keep the children ends her 児童手当 (26条) though she, not the
    parent who keeps them, files that. Undecided as `claimant: c` is (asking what decides the parent)."""
    test = claimant_test(inner)

    def evaluate(ctx: EvalContext, person: Person | None) -> Outcome:
        found = ctx.cache.get(_PARENT_CLAIMANT)  # once per plan (the cache is the plan's, shared by its contexts)
        if found is None:
            # Under the reception's 届出人 (not the procedure's own claimant, which ctx.claimant may be by now).
            filer = choose_claimant(ctx.reception, ctx.person_facts)
            found = ctx.cache[_PARENT_CLAIMANT] = claimant_by_law(
                "parent", ctx.reception, lambda m, fact: ctx.person_facts[m.id].get(fact), filer)
        return test(replace(ctx, claimant=found.person, claimant_candidates=found.candidates,
                            claimant_missing=found.missing, claimant_may_be_outside=found.outside), person)

    return evaluate
