"""Rule conditions as data, compiled into evaluators with three-valued logic.

A condition is TRUE, FALSE or UNKNOWN; UNKNOWN carries the facts whose answers would decide it. The logic
is Kleene's: `all` is FALSE as soon as one part is FALSE, whatever else is unknown, so a fact is never asked
when another known fact already rules the procedure out (a household without children is never asked
about schools). When several parts are unknown, only the first one's facts are asked: its answer may make
the rest unnecessary, and rule authors put the cheapest question first. The condition language is
documented in docs/rules-format.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import timedelta
from functools import partial
from operator import is_
from typing import Any

from kakanai.model import FactValue, Person
from kakanai.model.agelaw import (
    age_on,
    end_of_first_march31_after_attaining,
    late_elderly_start,
    school_grade,
)
from kakanai.rules.facts import FactDef, FactKind, FactScope
from kakanai.rules.logic import (
    ABOUT_SELECTORS,
    FALSE,
    SELECTORS,
    TRUE,
    EvalContext,
    Evaluator,
    Outcome,
    Tri,
    all_of,
    any_of,
    claimant_outside,
    claimant_test,
    count_of,
    exists,
    not_of,
    parent_claimant,
    select_others,
    visit_on_or_after_event,
    whole_household,
)
from kakanai.rules.yamlfile import RuleFileError, where

_T, _F, _U = Tri.TRUE, Tri.FALSE, Tri.UNKNOWN


ParamRef = Callable[[EvalContext], Any]
# The person tests of ConditionCompiler._person_atom: they look only at the person, the date and the
# parameters and are never UNKNOWN (the planner's prefilter relies on both; planning.py).
PERSON_ATOMS = frozenset({"age", "child_until_march31_after", "late_elderly_age", "school_grade", "sex",
                          "is_subject", "is_claimant"})
NEXT_DAY = "next_day"  # a person test judged on the day after (ConditionCompiler._next_day)


class ConditionCompiler:
    """Turns the YAML condition language into evaluators, checking every fact, value and parameter."""

    def __init__(self, facts: Mapping[str, FactDef], param_names: frozenset[str]) -> None:
        self.facts = facts
        self.param_names = param_names

    def compile(self, node: object, at: str, *, person: bool, about: str = "household") -> Evaluator:
        """`about`: the trigger's `about:` (the range of any_member / count_members)."""
        at = where(node, at)
        if isinstance(node, list):
            return all_of([self.compile(n, at, person=person, about=about) for n in node])
        if not isinstance(node, dict) or len(node) != 1:
            raise RuleFileError(at, f"条件は1つのキーを持つオブジェクトです（{node!r}）")
        ((key, arg),) = node.items()
        if key in ("all", "any"):
            if not isinstance(arg, list) or not arg:
                raise RuleFileError(at, f"{key}: には条件のリストが必要です")
            parts = [self.compile(n, at, person=person, about=about) for n in arg]
            return all_of(parts) if key == "all" else any_of(parts)
        if key == "not":
            return not_of(self.compile(arg, at, person=person, about=about))
        if key in SELECTORS:
            # The subject and the claimant have their own placeholders ({subject}, {claimant}); only the
            # quantifiers over the household name the people behind {members}.
            names = key in ("any_member", "any_other")
            selector = ABOUT_SELECTORS[about] if key == "any_member" else SELECTORS[key]
            inner = self.compile(arg, at, person=True, about=about)
            if key == "claimant":
                return claimant_test(inner)
            return exists(selector, inner, names=names)
        if key in ("count_members", "count_others"):
            if not isinstance(arg, dict) or set(arg) != {"where", "at_least"}:
                raise RuleFileError(at, f"{key}: には where: と at_least: が必要です")
            selector = ABOUT_SELECTORS[about] if key == "count_members" else select_others
            return count_of(selector, self.compile(arg["where"], at, person=True, about=about),
                          self._int(arg["at_least"], at))
        if key == "whole_household":
            return whole_household(self._bool(arg, at))
        if key == "visit_on_or_after_event":
            return visit_on_or_after_event(self._bool(arg, at))
        if key == "claimant_outside":
            return claimant_outside(self._bool(arg, at))
        if key == "parent_claimant":
            return parent_claimant(self.compile(arg, at, person=True, about=about))
        if key == "fact":
            return self._fact(arg, at, person=person)
        if key == "param":
            return self._param_flag(arg, at)
        if key == NEXT_DAY:
            return self._next_day(arg, at, person=person)
        if not person:
            raise RuleFileError(at, f"{key}: は人についての条件です（any_member: などの中で使ってください）")
        return self._person_atom(key, arg, at)

    # -- atoms -----------------------------------------------------------------------------------------
    def _person_atom(self, key: str, arg: object, at: str) -> Evaluator:
        if key == "age":
            return self._age(arg, at)
        if key == "child_until_march31_after":
            years = self._number(arg, at)

            def until_march31(ctx: EvalContext, p: Person | None) -> Outcome:
                assert p is not None
                n = years(ctx)
                end = ctx.cache.get(("m31", p.id, n))
                if end is None:
                    end = ctx.cache[("m31", p.id, n)] = end_of_first_march31_after_attaining(p.birth_date, n)
                return TRUE if ctx.on <= end else FALSE

            return until_march31
        if key == "late_elderly_age":
            want = self._bool(arg, at)

            def late_elderly(ctx: EvalContext, p: Person | None) -> Outcome:
                assert p is not None
                return TRUE if (ctx.on >= late_elderly_start(p.birth_date)) == want else FALSE

            return late_elderly
        if key == "school_grade":
            low, high = self._range(arg, at)

            def grade(ctx: EvalContext, p: Person | None) -> Outcome:
                assert p is not None
                g = ctx.cache.get(("grade", p.id))
                if g is None:
                    g = ctx.cache[("grade", p.id)] = school_grade(p.birth_date, ctx.on)
                return TRUE if low(ctx) <= g <= high(ctx) else FALSE

            return grade
        if key == "sex":
            if arg not in ("male", "female", "not_applicable"):
                raise RuleFileError(at, f"sex: は male / female / not_applicable です（{arg!r}）")
            return lambda ctx, p: TRUE if p is not None and p.sex.value == arg else FALSE
        if key == "is_subject":
            want = self._bool(arg, at)
            return lambda ctx, p: TRUE if p is not None and ctx.reception.is_subject(p.id) == want else FALSE
        if key == "is_claimant":
            want = self._bool(arg, at)
            return lambda ctx, p: TRUE if (ctx.claimant is not None and p is not None and
                                           (p.id == ctx.claimant.id) == want) else FALSE
        raise RuleFileError(at, f"知らない条件です: {key}")

    def _next_day(self, arg: object, at: str, *, person: bool) -> Evaluator:
        """`next_day: {<person test>}`: the test on the day after the date judged (the event's): a status a
        death ends takes effect the next day (健保法36条1号 死亡した日の翌日), so whether the widow is under
        60 or 75 then decides her 第1号 or 国保 (国年法7条1項1号, 国保法6条8号・高確法52条)."""
        if not person:
            raise RuleFileError(at, f"{NEXT_DAY}: は人についての条件です（any_member: などの中で使ってください）")
        if not isinstance(arg, dict) or len(arg) != 1 or next(iter(arg)) not in PERSON_ATOMS:
            raise RuleFileError(at, f"{NEXT_DAY}: には人の条件を1つ書きます（{', '.join(sorted(PERSON_ATOMS))}）")
        ((key, inner_arg),) = arg.items()
        inner = self._person_atom(str(key), inner_arg, at)

        def next_day(ctx: EvalContext, p: Person | None) -> Outcome:
            shifted = ctx.cache.get(NEXT_DAY)  # one context a plan run, its own memo (ages differ by a day)
            if shifted is None:
                shifted = ctx.cache[NEXT_DAY] = replace(ctx, on=ctx.on + timedelta(days=1), cache={})
            return inner(shifted, p)

        return next_day

    def _age(self, arg: object, at: str) -> Evaluator:
        if not isinstance(arg, dict) or not arg or set(arg) - {"gte", "lt"}:
            raise RuleFileError(at, "age: には gte: / lt: を書きます（満年齢、年齢計算ニ関スル法律による）")
        gte = self._number(arg["gte"], at) if "gte" in arg else None
        lt = self._number(arg["lt"], at) if "lt" in arg else None

        def age(ctx: EvalContext, p: Person | None) -> Outcome:
            assert p is not None
            years = ctx.cache.get(("age", p.id))
            if years is None:
                years = ctx.cache[("age", p.id)] = age_on(p.birth_date, ctx.on)
            if gte is not None and years < gte(ctx):
                return FALSE
            if lt is not None and years >= lt(ctx):
                return FALSE
            return TRUE

        return age

    def _fact(self, arg: object, at: str, *, person: bool) -> Evaluator:
        if not isinstance(arg, dict) or len(arg) != 1:
            raise RuleFileError(at, "fact: には {事実ID: 値} を1つ書きます")
        ((fact_id, expected),) = arg.items()
        fact = self.facts.get(str(fact_id))
        if fact is None:
            raise RuleFileError(at, f"知らない事実IDです: {fact_id}")
        if fact.scope is FactScope.PERSON and not person:
            raise RuleFileError(at, f"{fact_id} は人ごとの事実です（any_member: などの中で使ってください）")
        test = self._fact_test(fact, expected, at)
        fid = fact.id
        if fact.scope is FactScope.HOUSEHOLD:
            unknown = Outcome(_U, missing=((fid, None),))  # frozen: one for every evaluation

            def household(ctx: EvalContext, p: Person | None) -> Outcome:
                value = ctx.household_facts.get(fid)
                if value is None:
                    return unknown
                return TRUE if test(value) else FALSE

            return household

        def person_fact(ctx: EvalContext, p: Person | None) -> Outcome:
            value = ctx.person_facts[p.id].get(fid)  # type: ignore[union-attr]
            if value is None:
                return Outcome(_U, missing=((fid, p.id),))  # type: ignore[union-attr]
            return TRUE if test(value) else FALSE

        return person_fact

    def _fact_test(self, fact: FactDef, expected: object, at: str) -> Callable[[FactValue], bool]:
        # The common tests are C-level callables (planning evaluates facts more than anything else).
        if fact.kind is FactKind.BOOL:
            return partial(is_, self._bool(expected, at))  # v is want
        if fact.kind is FactKind.INT:
            if not isinstance(expected, dict) or not expected or set(expected) - {"lt", "gte"}:
                raise RuleFileError(at, f"{fact.id}: には lt: / gte: を書きます")
            lo = self._int(expected["gte"], at) if "gte" in expected else None
            hi = self._int(expected["lt"], at) if "lt" in expected else None
            return lambda v: isinstance(v, int) and (lo is None or v >= lo) and (hi is None or v < hi)
        if fact.kind is FactKind.DATE:
            if expected != "present":
                raise RuleFileError(at, f"{fact.id}: 日付の事実は present のみ書けます")
            return lambda v: True
        wanted = [str(x) for x in (expected if isinstance(expected, list) else [expected])]
        if fact.kind is FactKind.MULTI and wanted == ["any"]:
            return lambda v: bool(v)
        if fact.kind is FactKind.MULTI and wanted == [fact.none_value]:
            return lambda v: not v
        for w in wanted:
            if w not in fact.values:
                raise RuleFileError(at, f"{fact.id} に値 {w!r} はありません（{' / '.join(fact.values)}）")
        if fact.kind is FactKind.MULTI:
            return lambda v: any(x in wanted for x in v)  # type: ignore[union-attr]
        return frozenset(wanted).__contains__  # v in wanted (a choice's value is a string)

    def _param_flag(self, arg: object, at: str) -> Evaluator:
        """`param: name` (a yes/no parameter is on) or `param: {name: value}`."""
        if isinstance(arg, str):
            name, expected = arg, True
        elif isinstance(arg, dict) and len(arg) == 1:
            ((name, expected),) = arg.items()
        else:
            raise RuleFileError(at, f"param: には名前か {{名前: 値}} を書きます（{arg!r}）")
        if name not in self.param_names:
            raise RuleFileError(at, f"知らないパラメータです: {name}")
        return lambda ctx, p: TRUE if ctx.params.get(name) == expected else FALSE

    # -- values ----------------------------------------------------------------------------------------
    def _number(self, arg: object, at: str) -> ParamRef:
        if isinstance(arg, int) and not isinstance(arg, bool):
            return lambda ctx: arg
        if isinstance(arg, dict) and set(arg) == {"param"} and arg["param"] in self.param_names:
            name = arg["param"]
            return lambda ctx: ctx.params[name]
        raise RuleFileError(at, f"数値か {{param: 名前}} が必要です（{arg!r}）")

    def _int(self, arg: object, at: str) -> int:
        if isinstance(arg, int) and not isinstance(arg, bool):
            return arg
        raise RuleFileError(at, f"整数が必要です（{arg!r}）")

    def _bool(self, arg: object, at: str) -> bool:
        if isinstance(arg, bool):
            return arg
        raise RuleFileError(at, f"true か false が必要です（{arg!r}）")

    def _range(self, arg: object, at: str) -> tuple[ParamRef, ParamRef]:
        if isinstance(arg, list) and len(arg) == 2:
            return self._number(arg[0], at), self._number(arg[1], at)
        raise RuleFileError(at, f"[下限, 上限] が必要です（{arg!r}）")
