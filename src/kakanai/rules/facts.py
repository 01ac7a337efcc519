"""The fact catalog (facts.yaml): ids, scope, kind, allowed values and the question texts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from kakanai.model import FactValue, Question, Reception, ReceptionError, RefusedAnswer
from kakanai.model.agelaw import late_elderly_start
from kakanai.model.schema import shown_value
from kakanai.rules.yamlfile import Located, RuleFileError, load_yaml, where


class FactScope(StrEnum):
    PERSON = "person"
    HOUSEHOLD = "household"


class FactKind(StrEnum):
    BOOL = "bool"
    CHOICE = "choice"
    MULTI = "multi"
    INT = "int"
    DATE = "date"


class FactGroup(StrEnum):
    """How the interview groups a fact's question (app.interview)."""

    PLAIN = "plain"
    # Personal circumstances (ひとり親, 障害者手帳, 児童扶養手当): asked last, together, gently led in.
    SENSITIVE = "sensitive"


# Module-level aliases: Enum class attribute lookups go through a descriptor and are slow in a hot loop.
_BOOL, _CHOICE, _MULTI, _INT = FactKind.BOOL, FactKind.CHOICE, FactKind.MULTI, FactKind.INT


@dataclass(frozen=True)
class FactDef:
    id: str
    scope: FactScope
    kind: FactKind
    prompt: str
    help: str
    values: tuple[str, ...]  # choice/multi values (bool: "true", "false")
    value_labels: tuple[str, ...]
    none_value: str | None = None  # multi: the value meaning "none of them" ("none")
    minimum: int | None = None
    maximum: int | None = None
    # The interview's presentation (app.interview), never the rules' decision whether to ask.
    group: FactGroup = FactGroup.PLAIN
    shared: bool = False  # usually the same for the whole household: asked once as 「全員 同じ」
    # The only values the law leaves a member past the 75th birthday (facts.yaml `late_elderly_values`):
    # from then the 健康保険 is 後期高齢者医療 (高確法50条1号), else 生活保護 or another exclusion (51条).
    # The question offers only these, and a reception holding another value is refused.
    late_elderly_values: tuple[str, ...] = ()
    gentle_prompt: str = ""  # the wording the interview uses instead of `prompt` (a sensitive question)
    # A yes/no fact true of exactly one of the members asked (the higher earner of two parents, 児童手当法
    # 4条3項): asked once, as a choice among them, with this wording (facts.yaml `one_of_prompt`), so that
    # "both" or "neither" cannot be answered.
    one_of_prompt: str = ""
    # Facts whose answer may make this one moot: while one of them is open, this one waits (e.g. who the
    # main earner is before whether each parent is a public servant: only the claimant's matters,
    # 児童手当法4条3項・17条).
    ask_after: tuple[str, ...] = ()
    # Asked before everything else: its answer decides whole families of procedures, and so which other
    # questions are asked at all (健康保険: 国保・後期高齢・被用者保険), and those then come together.
    ask_first: bool = False

    def values_for(self, birth: date, on: date) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The values (and their labels) a member born on `birth` can hold on the event date `on`."""
        if not self.late_elderly_values or not past_75th_birthday(birth, on):
            return self.values, self.value_labels
        return self.late_elderly_values, tuple(self.label_of(v) for v in self.late_elderly_values)

    def label_of(self, value: str) -> str:
        return self.value_labels[self.values.index(value)] if value in self.values else value

    def coerce(self, raw: FactValue, field: str) -> FactValue:
        """Check a value given in a reception and return it in canonical form; ReceptionError if invalid."""
        kind = self.kind
        if kind is _BOOL:
            if isinstance(raw, bool):
                return raw
            if raw in ("yes", "no"):
                return raw == "yes"
            raise ReceptionError(field, f"はい/いいえ（true/false）で答えてください（{shown_value(raw)}）")
        if kind is _CHOICE:
            if isinstance(raw, str) and raw in self.values:
                return raw
            value = str(raw) if isinstance(raw, int) and not isinstance(raw, bool) else raw
            if isinstance(value, str) and value in self.values:
                return value
            raise ReceptionError(field, f"値は {' / '.join(self.values)} のいずれかです（{shown_value(raw)}）")
        if kind is _MULTI:
            items = (raw,) if isinstance(raw, str) else raw
            if not isinstance(items, tuple) or not all(isinstance(x, str) for x in items):
                raise ReceptionError(field, "値のリストが必要です")
            chosen = tuple(x for x in items if x != self.none_value)
            for x in chosen:
                if x not in self.values:
                    raise ReceptionError(field, f"値は {' / '.join(self.values)} のいずれかです（{shown_value(x)}）")
            return tuple(sorted(set(chosen), key=self.values.index))
        if kind is _INT:
            if not isinstance(raw, int) or isinstance(raw, bool):
                raise ReceptionError(field, f"整数が必要です（{shown_value(raw)}）")
            if (self.minimum is not None and raw < self.minimum) or (
                self.maximum is not None and raw > self.maximum
            ):
                raise ReceptionError(field, f"{self.minimum}から{self.maximum}の範囲で入力してください（{raw}）")
            return raw
        if not isinstance(raw, date):
            raise ReceptionError(field, f"日付（YYYY-MM-DD）が必要です（{shown_value(raw)}）")
        return raw


def past_75th_birthday(birth: date, on: date) -> bool:
    """Whether the 後期高齢者医療 age began before `on` (高確法50条1号・52条: on the 75th birthday). On the
    birthday itself the resident may still truthfully hold the 国保 or 被用者保険 of the day before (a 転入
    on that day: the insurance at the old address), so every value stays open then."""
    return late_elderly_start(birth) < on


def _late_elderly_values(spec: Located, fact_id: object, values: tuple[str, ...], at: str) -> tuple[str, ...]:
    raw = spec.get("late_elderly_values")
    if raw is None:
        return ()
    if spec.get("scope") != FactScope.PERSON or spec.get("kind") != FactKind.CHOICE:
        raise RuleFileError(at, f"事実 {fact_id}: late_elderly_values は人ごとの選択式（scope: person, kind: choice）の事実に書きます")
    if not isinstance(raw, list) or not raw or not all(isinstance(v, str) and v in values for v in raw):
        raise RuleFileError(at, f"事実 {fact_id}: late_elderly_values は values にある値のリストです（{shown_value(raw)}）")
    return tuple(raw)


def check_late_elderly_values(facts: Mapping[str, FactDef], reception: Reception,
                              person_facts: Mapping[str, Mapping[str, FactValue]]) -> None:
    """ReceptionError for a value the law no longer leaves a member past the 75th birthday (a 国保 or
    被用者保険 answered for a grandparent would plan the wrong insurance's procedures)."""
    limited = [f for f in facts.values() if f.late_elderly_values]
    for i, member in enumerate(reception.members):
        for fact in limited:
            value = person_facts.get(member.id, {}).get(fact.id)
            allowed = fact.values_for(member.birth_date, reception.event_date)[0]
            if isinstance(value, str) and value not in allowed:
                labels = " / ".join(fact.label_of(v) for v in allowed)
                raise RefusedAnswer(f"members[{i}].facts.{fact.id}",
                                    f"75歳の誕生日を過ぎた方は {labels} のいずれかです（高確法50条・51条）"
                                    f"（{fact.label_of(value)}）", member=member.id, fact=fact.id)


def load_facts(path: Path) -> dict[str, FactDef]:
    data = load_yaml(path)
    if not isinstance(data, Located) or not isinstance(data.get("facts"), Located):
        raise RuleFileError(str(path), "facts: の下に事実を並べてください")
    out: dict[str, FactDef] = {}
    places: dict[str, str] = {}
    for fact_id, spec in data["facts"].items():
        at = places[str(fact_id)] = where(spec, str(path))
        if not isinstance(spec, Located):
            raise RuleFileError(at, f"事実 {fact_id} の定義がオブジェクトではありません")
        unknown = set(spec) - {"scope", "kind", "prompt", "help", "values", "none_value", "min", "max", "group",
                               "shared", "late_elderly_values", "gentle_prompt", "one_of_prompt", "ask_after",
                               "ask_first"}
        if unknown:
            raise RuleFileError(at, f"事実 {fact_id}: 知らないキー {sorted(unknown)[0]!r}")
        try:
            scope = FactScope(str(spec.get("scope")))
            kind = FactKind(str(spec.get("kind")))
        except ValueError as exc:
            raise RuleFileError(at, f"事実 {fact_id}: {exc}") from None
        group_name = str(spec.get("group", FactGroup.PLAIN.value))
        if group_name not in FactGroup.__members__.values():
            raise RuleFileError(at, f"事実 {fact_id}: group は {' / '.join(FactGroup)} のいずれかです（{group_name!r}）")
        group = FactGroup(group_name)
        raw_values = spec.get("values") or {}
        if kind in (FactKind.CHOICE, FactKind.MULTI) and not isinstance(raw_values, dict):
            raise RuleFileError(at, f"事実 {fact_id}: values は 値: ラベル の対応表です")
        values = tuple(str(v) for v in raw_values) if kind is not FactKind.BOOL else ("true", "false")
        labels = tuple(str(v) for v in raw_values.values()) if kind is not FactKind.BOOL else ("はい", "いいえ")
        prompt = spec.get("prompt")
        if not isinstance(prompt, str) or not prompt:
            raise RuleFileError(at, f"事実 {fact_id}: prompt（質問文）がありません")
        out[str(fact_id)] = FactDef(
            id=str(fact_id), scope=scope, kind=kind, prompt=prompt, help=str(spec.get("help") or ""),
            values=values, value_labels=labels, none_value=spec.get("none_value"),
            minimum=spec.get("min"), maximum=spec.get("max"), group=group, shared=_flag(spec, "shared", fact_id, at),
            gentle_prompt=_text(spec, "gentle_prompt", fact_id, at), one_of_prompt=_one_of_prompt(spec, fact_id, at),
            ask_after=_ask_after(spec, fact_id, at),
            ask_first=_flag(spec, "ask_first", fact_id, at),
            late_elderly_values=_late_elderly_values(spec, fact_id, values, at),
        )
    for f in out.values():
        for first in f.ask_after:
            if first not in out:
                raise RuleFileError(places[f.id], f"事実 {f.id}: ask_after の {first!r} は知らない事実IDです")
            if out[first].ask_after:
                # One level only: a chain could wait in a circle, and the interview would show nothing.
                raise RuleFileError(places[f.id],
                                    f"事実 {f.id}: ask_after の {first!r} 自身に ask_after があります（1段まで）")
    return out


def _flag(spec: Located, key: str, fact_id: object, at: str) -> bool:
    # A quoted or misspelt flag ("true", 1) must not read as false: the question would silently lose it.
    raw = spec.get(key, False)
    if not isinstance(raw, bool):
        raise RuleFileError(at, f"事実 {fact_id}: {key} は true / false です（{shown_value(raw)}）")
    return raw


def _text(spec: Located, key: str, fact_id: object, at: str) -> str:
    raw = spec.get(key) or ""
    if not isinstance(raw, str):
        raise RuleFileError(at, f"事実 {fact_id}: {key} は文字列です（{shown_value(raw)}）")
    return raw


def _one_of_prompt(spec: Located, fact_id: object, at: str) -> str:
    raw = _text(spec, "one_of_prompt", fact_id, at)
    if raw and (spec.get("scope") != FactScope.PERSON or spec.get("kind") != FactKind.BOOL):
        raise RuleFileError(at, f"事実 {fact_id}: one_of_prompt は人ごとのはい/いいえ（scope: person, kind: bool）の事実に書きます")
    return raw


def _ask_after(spec: Located, fact_id: object, at: str) -> tuple[str, ...]:
    raw = spec.get("ask_after") or []
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise RuleFileError(at, f"事実 {fact_id}: ask_after は事実IDのリストです")
    return tuple(raw)


# Markers in QuickFacts' tables besides None (a yes/no fact) and a choice fact's values.
# (They hold no string, so that a string value is never taken for one of their facts' values.)
_Q_SLOW: frozenset[object] = frozenset({0})  # any other fact: FactDef.coerce checks it
_Q_DATE: frozenset[object] = frozenset({1})
_Q_MULTI: frozenset[object] = frozenset({2})


class QuickFacts:
    """The common fact values accepted without FactDef.coerce because they are already canonical (what
    coerce would return is the value itself): a bool for a yes/no fact, a string among a choice fact's
    values, a date, and the empty tuple for a multi fact. Anything else takes coerce's full check."""

    def __init__(self, facts: Mapping[str, FactDef]) -> None:
        self.person: dict[str, frozenset[object] | None] = {}
        self.household: dict[str, frozenset[object] | None] = {}
        for f in facts.values():
            table = self.person if f.scope is FactScope.PERSON else self.household
            table[f.id] = (None if f.kind is _BOOL else frozenset(f.values) if f.kind is _CHOICE else
                           _Q_DATE if f.kind is FactKind.DATE else _Q_MULTI if f.kind is _MULTI else _Q_SLOW)

    def canonical(self, facts: Mapping[str, FactDef], reception: Reception) -> tuple[
            dict[str, dict[str, FactValue]], dict[str, FactValue]]:
        """The same values and the same first error as engine.canonical_facts (this runs on every plan)."""
        person_facts: dict[str, dict[str, FactValue]] = {}
        quick = self.person
        for i, member in enumerate(reception.members):
            out: dict[str, FactValue] = {}
            for key, value in member.facts.items():
                values = quick.get(key, _Q_SLOW)
                if values is None:  # the most common cases first, inline
                    ok = value is True or value is False
                elif type(value) is str:
                    ok = value in values
                else:
                    ok = _quick_ok(values, value)
                if ok:
                    out[key] = value
                else:
                    out[key] = _slow(facts, key, value, True, f"members[{i}].facts.{key}")
            person_facts[member.id] = out
        household: dict[str, FactValue] = {}
        quick = self.household
        for key, value in reception.household.facts.items():
            if _quick_ok(quick.get(key, _Q_SLOW), value):
                household[key] = value
            else:
                household[key] = _slow(facts, key, value, False, f"household.facts.{key}")
        return person_facts, household


def _quick_ok(values: frozenset[object] | None, value: FactValue) -> bool:
    if values is None:
        return value is True or value is False
    if values is _Q_SLOW:
        return False
    if values is _Q_DATE:
        return isinstance(value, date)
    if values is _Q_MULTI:
        return type(value) is tuple and not value
    return type(value) is str and value in values


def _slow(facts: Mapping[str, FactDef], key: str, value: FactValue, person: bool, path: str) -> FactValue:
    fact = facts.get(key)
    if person and (fact is None or fact.scope is not FactScope.PERSON):
        raise ReceptionError(path, "知らない事実IDです" if fact is None else
                             "世帯の事実です（household.facts に書いてください）")
    if not person and (fact is None or fact.scope is FactScope.PERSON):
        raise ReceptionError(path, "知らない事実IDです" if fact is None else
                             "人ごとの事実です（members[].facts に書いてください）")
    assert fact is not None
    try:
        return fact.coerce(value, "")
    except ReceptionError as exc:
        raise ReceptionError(path, exc.message) from None


class QuestionTemplate(NamedTuple):
    order: int  # the fact's place in the catalog
    prompt: str
    values: tuple[str, ...]
    value_labels: tuple[str, ...]
    kind: str
    fact: FactDef


def question_templates(facts: Mapping[str, FactDef]) -> dict[str, QuestionTemplate]:
    return {f.id: QuestionTemplate(i, f.prompt, f.values, f.value_labels, f.kind.value, f)
            for i, f in enumerate(facts.values())}


def questions(templates: Mapping[str, QuestionTemplate], reception: Reception,
              missing: Mapping[tuple[str, str | None], list[str]]) -> tuple[Question, ...]:
    """One question per missing fact: household facts first, then member by member, in the catalog's order."""
    if not missing:
        return ()
    order = {m.id: i for i, m in enumerate(reception.members)}
    # The sequence number keeps the sort stable and never lets two keys compare past it.
    keyed = sorted((order.get(pid, -1) if pid else -1, templates[fact_id].order, n, fact_id, pid, procs)
                   for n, ((fact_id, pid), procs) in enumerate(missing.items()))
    out: list[Question] = []
    new = object.__new__
    for _, _, _, fact_id, pid, procs in keyed:
        t = templates[fact_id]
        member = reception.member(pid) if pid else None
        values, labels = t.values, t.value_labels
        if member is not None and t.fact.late_elderly_values:
            values, labels = t.fact.values_for(member.birth_date, reception.event_date)
        # The same object as Question(...) builds, without the frozen dataclass's object.__setattr__ per field.
        q: Question = new(Question)
        q.__dict__.update(fact=fact_id, person=pid, prompt=t.prompt.replace("{name}", member.name if member else ""),
                          values=values, value_labels=labels, kind=t.kind, asked_for=tuple(dict.fromkeys(procs)))
        out.append(q)
    return tuple(out)
