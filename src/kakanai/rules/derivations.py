"""Facts the law itself decides from other facts (resources/rules/derivations.yaml), so that the interview
never asks them (issue 17: "asked only when they can matter"). A newborn whose parent is Japanese is
Japanese from birth (国籍法2条1号): its nationality is derived, not asked.

A derivation sets a person fact of the event's subjects when its condition is TRUE on the event date and
the fact was not given; UNKNOWN or FALSE leave the fact open (the rules then ask it as before). A given
answer always wins: the clerk's word is never overwritten. Each derived value leaves a trace line with its
article (`derived`), so the plan shows why the question was not asked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kakanai.model import FactValue, LifeEvent, Reception, TraceEntry
from kakanai.rules.catalog import checked_object, life_events, plain
from kakanai.rules.conditions import ConditionCompiler
from kakanai.rules.facts import FactDef, FactKind, FactScope
from kakanai.rules.logic import EvalContext, Evaluator, Tri, select_subject
from kakanai.rules.yamlfile import Located, RuleFileError, load_yaml, where

_KEYS = frozenset({"fact", "value", "events", "when", "basis", "reason"})
DERIVED = "derived"  # TraceEntry.outcome of a derived fact
TRACE_PREFIX = "facts."  # TraceEntry.procedure of a derived fact: "facts.nationality"


@dataclass(frozen=True)
class Derivation:
    fact: str  # a person fact (facts.yaml)
    value: FactValue  # its canonical value
    events: frozenset[LifeEvent]
    when: Evaluator  # about the subject (a person condition; any_other ranges over the others)
    basis: str  # the article that decides it
    reason: str  # shown in the trace, with {name}
    where: str
    when_source: object = None  # the condition as written (plain data), for the pre-entry page's engine


def load_derivations(path: Path, facts: Mapping[str, FactDef], param_names: frozenset[str]) -> tuple[
        Derivation, ...]:
    """The derivations of `path` (none when the file does not exist); RuleFileError with file and line."""
    if not path.exists():
        return ()
    data = load_yaml(path)
    items = data.get("derivations") if isinstance(data, Located) else None
    if not isinstance(items, list):
        raise RuleFileError(str(path), "derivations: の下に導出のリストを書きます")
    compiler = ConditionCompiler(facts, param_names)
    return tuple(_derivation(spec, facts, compiler, str(path)) for spec in items)


def _derivation(spec: object, facts: Mapping[str, FactDef], compiler: ConditionCompiler, path: str) -> Derivation:
    at = where(spec, path)
    spec = checked_object(spec, at, "導出", _KEYS, ("fact", "value", "events", "when", "basis", "reason"))
    fact = facts.get(str(spec["fact"]))
    if fact is None or fact.scope is not FactScope.PERSON or fact.kind is not FactKind.CHOICE:
        raise RuleFileError(at, f"fact: は人ごとの選択肢の事実IDです（{spec['fact']!r}）")
    value = spec["value"]
    if not isinstance(value, str) or value not in fact.values:
        raise RuleFileError(at, f"value: は {' / '.join(fact.values)} のいずれかです（{value!r}）")
    event_set = life_events(spec["events"], at)
    basis, reason = spec["basis"], spec["reason"]
    if not isinstance(basis, str) or not basis or not isinstance(reason, str) or not reason:
        raise RuleFileError(at, "basis:（根拠条文）と reason:（理由の文）は文字列です")
    try:
        reason.format(name="")
    except (KeyError, IndexError, ValueError):
        raise RuleFileError(at, "reason に使える差し込みは {name} だけです") from None
    return Derivation(fact=fact.id, value=value, events=event_set,
                      when=compiler.compile(spec["when"], at, person=True, about="subjects"),
                      basis=basis, reason=reason, where=at, when_source=plain(spec["when"]))


def derive(derivations: tuple[Derivation, ...], ctx: EvalContext,
           person_facts: dict[str, dict[str, FactValue]]) -> list[TraceEntry]:
    """Fill the facts the law decides for the event's subjects into `person_facts` (the context's own
    dicts), in file order; return their trace lines."""
    reception: Reception = ctx.reception
    trace: list[TraceEntry] = []
    for d in derivations:
        if reception.event not in d.events:
            continue
        for person in select_subject(ctx):
            facts = person_facts[person.id]
            if d.fact in facts or d.when(ctx, person).tri is not Tri.TRUE:
                continue
            facts[d.fact] = d.value
            trace.append(TraceEntry(f"{TRACE_PREFIX}{d.fact}", person.id, DERIVED,
                                    f"{d.reason.format(name=person.name)}（{d.basis}）"))
    return trace
