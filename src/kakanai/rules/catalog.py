"""The procedure catalog: resources/rules/procedures/*.yaml, validated strictly (file and line on every
error) and compiled for evaluation. The format is documented in docs/rules-format.md."""

from __future__ import annotations

import itertools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kakanai.model import LifeEvent, Mode, Who
from kakanai.rules.calendar import Counting
from kakanai.rules.claimants import APPLICANT_RULE, CLAIMANT_RULES, ClaimantRule
from kakanai.rules.conditions import ConditionCompiler
from kakanai.rules.facts import FactDef, FactKind, FactScope
from kakanai.rules.logic import ABOUT, TRUE, Evaluator
from kakanai.rules.yamlfile import Located, RuleFileError, load_yaml, where

# Placeholders a reason template may use (reasons.py fills them).
REASON_FIELDS = frozenset({"person", "name", "age", "members", "subject", "claimant", "event"})
_PROC_KEYS = {"id", "title", "department", "who", "mode", "forms", "bring", "legal_basis", "deadline",
              "valid_from", "valid_to", "triggers", "note", "judged_on", "claimant"}
JUDGED_ON = ("event_date", "visit_date")
_TRIGGER_KEYS = {"events", "about", "when", "reason", "mode", "deadline", "bring"}
_DEADLINE_KEYS = {"days", "from", "counting", "note"}
# The former `each:` (person procedures only) and what its values became in `about:`.
_EACH_TO_ABOUT = {"members": "household", "subject": "subjects", "others": "others", "claimant": "claimant"}


@dataclass(frozen=True)
class DeadlineRule:
    days: int | None  # None: the deadline is described only (e.g. 葬儀の翌日から2年)
    base: str  # "event_date", "visit_date", or a household date fact id
    counting: Counting
    note: str


@dataclass(frozen=True)
class Trigger:
    events: frozenset[LifeEvent]
    about: str  # subjects / household / others / claimant: whom the trigger is about (conditions.ABOUT)
    when: Evaluator
    reason: str
    mode: Mode | None
    deadline: DeadlineRule | None
    where: str
    when_source: object = None  # the condition as written (plain data), for the export to the pre-entry page
    # What to bring besides the procedure's own list when this trigger decides (the 在留カード only when a
    # foreign member moves in, 入管法19条の9); a municipality's `bring` override still replaces the whole list.
    bring: tuple[str, ...] = ()


@dataclass(frozen=True)
class JudgedOn:
    """The date whose law and facts decide a procedure (which version is in force, the parameters, the
    ages): `event_date` for a notification of what happened (the default), `visit_date` for a claim the
    law judges when it is made (児童手当法7条・8条2項: 認定 on the claim, paid from the next month), never
    before the event itself. `basis` names the article."""

    date: str  # one of JUDGED_ON
    basis: str


JUDGED_ON_EVENT = JudgedOn("event_date", "")


@dataclass(frozen=True)
class ProcedureDef:
    id: str
    title: str
    department: str
    who: Who
    mode: Mode
    forms: tuple[str, ...]
    bring: tuple[str, ...]
    legal_basis: str
    deadline: DeadlineRule | None
    valid_from: date
    valid_to: date
    triggers: tuple[Trigger, ...]
    where: str
    order: int
    judged_on: JudgedOn = JUDGED_ON_EVENT
    claimant: ClaimantRule = APPLICANT_RULE

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def triggers_for(self, event: LifeEvent) -> tuple[Trigger, ...]:
        return tuple(t for t in self.triggers if event in t.events)


def plain(value: object) -> object:
    """YAML data as JSON-able plain data (dates as ISO strings), for exporting conditions."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _str_list(value: object, at: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(at, f"{what} は文字列のリストです")
    return tuple(value)


def _check_template(text: object, at: str) -> str:
    if not isinstance(text, str) or not text:
        raise RuleFileError(at, "reason:（理由の文）がありません")
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise RuleFileError(at, f"reason の書式誤り（{exc}）") from None
    unknown = names - REASON_FIELDS
    if unknown:
        raise RuleFileError(at, f"reason に使えない差し込み {{{sorted(unknown)[0]}}}（使えるもの: "
                                f"{', '.join(sorted(REASON_FIELDS))}）")
    return text


class CatalogLoader:
    def __init__(self, facts: Mapping[str, FactDef], param_names: frozenset[str],
                 departments: frozenset[str], form_ids: frozenset[str] | None) -> None:
        self.facts = facts
        self.compiler = ConditionCompiler(facts, param_names)
        self.departments = departments
        self.form_ids = form_ids  # None: not checked (forms folder absent)

    def load_dir(self, folder: Path) -> list[ProcedureDef]:
        out: list[ProcedureDef] = []
        seen: dict[tuple[str, date], str] = {}
        for path in sorted(folder.glob("*.yaml")):
            data = load_yaml(path)
            if not isinstance(data, Located) or set(data) != {"procedures"} or not isinstance(
                    data["procedures"], list):
                raise RuleFileError(str(path), "procedures: の下に手続のリストを書きます")
            for spec in data["procedures"]:
                proc = self.load_procedure(spec, str(path), len(out))
                key = (proc.id, proc.valid_from)
                if key in seen:
                    raise RuleFileError(proc.where, f"手続ID {proc.id} が重複しています（{seen[key]}）")
                seen[key] = proc.where
                out.append(proc)
        self._check_versions(out)
        return out

    def _check_versions(self, procs: list[ProcedureDef]) -> None:
        by_id: dict[str, list[ProcedureDef]] = {}
        for p in procs:
            by_id.setdefault(p.id, []).append(p)
        for versions in by_id.values():
            versions.sort(key=lambda p: p.valid_from)
            for a, b in itertools.pairwise(versions):
                if b.valid_from <= a.valid_to:
                    raise RuleFileError(b.where, f"手続 {b.id} の有効期間が {a.where} と重なっています")

    def load_procedure(self, spec: object, src: str, order: int) -> ProcedureDef:
        at = where(spec, src)
        spec = checked_object(spec, at, "手続", _PROC_KEYS, ("id", "title", "department", "who", "mode", "triggers"))
        proc_id = spec["id"]
        if not isinstance(proc_id, str) or not proc_id.replace("_", "").isalnum() or not proc_id.islower():
            raise RuleFileError(at, f"手続IDは英小文字と _ です（{proc_id!r}）")
        if spec["department"] not in self.departments:
            raise RuleFileError(at, f"知らない課です: {spec['department']}（市町村パラメータの departments にありません）")
        try:
            who, mode = Who(spec["who"]), Mode(spec["mode"])
        except ValueError as exc:
            raise RuleFileError(at, f"{exc}") from None
        forms = _str_list(spec.get("forms"), at, "forms:")
        if self.form_ids is not None:
            for form in forms:
                if form not in self.form_ids:
                    raise RuleFileError(at, f"知らない様式IDです: {form}（forms/{form}.yaml がありません）")
        if mode is Mode.HERE and not forms:
            raise RuleFileError(at, f"手続 {proc_id}: mode: here には印刷する様式（forms:）が必要です")
        valid_from = spec.get("valid_from", date.min)
        valid_to = spec.get("valid_to", date.max)
        if not isinstance(valid_from, date) or not isinstance(valid_to, date) or valid_to < valid_from:
            raise RuleFileError(at, "valid_from / valid_to は日付（YYYY-MM-DD）で、開始 ≦ 終了 です")
        triggers_raw = spec["triggers"]
        if not isinstance(triggers_raw, list) or not triggers_raw:
            raise RuleFileError(at, "triggers: には1つ以上のきっかけが必要です")
        return ProcedureDef(
            id=proc_id, title=str(spec["title"]), department=str(spec["department"]), who=who, mode=mode,
            forms=forms, bring=_str_list(spec.get("bring"), at, "bring:"),
            legal_basis=str(spec.get("legal_basis") or ""),
            deadline=self._deadline(spec.get("deadline"), at),
            valid_from=valid_from, valid_to=valid_to,
            triggers=tuple(self._trigger(t, at, who) for t in triggers_raw), where=at, order=order,
            judged_on=self._judged_on(spec.get("judged_on"), at), claimant=self._claimant(spec, at),
        )

    @staticmethod
    def _claimant(spec: Mapping[str, object], at: str) -> ClaimantRule:
        raw = spec.get("claimant")
        if raw is None:
            return APPLICANT_RULE
        at = where(raw, at)
        if (not isinstance(raw, dict) or set(raw) != {"rule", "basis"} or raw["rule"] not in CLAIMANT_RULES
                or not isinstance(raw["basis"], str) or not raw["basis"]):
            raise RuleFileError(at, f"claimant: は {{rule: {' / '.join(CLAIMANT_RULES)}, basis: 根拠条文}} です")
        rule = ClaimantRule(str(raw["rule"]), raw["basis"])
        triggers = spec.get("triggers")
        if rule.rule != "applicant" and isinstance(triggers, list) and any(
                isinstance(t, dict) and (t.get("about") == "claimant" or _uses_key(t.get("when"), "is_claimant"))
                for t in triggers):
            # The candidates of a person procedure and its is_claimant bits are worked out once per plan,
            # for the 届出人 (atoms.py); the law's claimant is tested with `claimant:`.
            raise RuleFileError(at, "about: claimant と is_claimant は claimant.rule: applicant の手続だけに書けます"
                                    "（法律上の請求者は claimant: で判定します）")
        return rule

    @staticmethod
    def _judged_on(spec: object, at: str) -> JudgedOn:
        if spec is None:
            return JUDGED_ON_EVENT
        at = where(spec, at)
        if (not isinstance(spec, dict) or set(spec) != {"date", "basis"} or spec["date"] not in JUDGED_ON
                or not isinstance(spec["basis"], str) or not spec["basis"]):
            raise RuleFileError(at, "judged_on: は {date: event_date か visit_date, basis: 根拠条文} です")
        return JudgedOn(str(spec["date"]), spec["basis"])

    def _trigger(self, spec: object, at: str, who: Who) -> Trigger:
        at = where(spec, at)
        if not isinstance(spec, dict):
            raise RuleFileError(at, "きっかけはオブジェクトです")
        about = self._about(spec, at)
        spec = checked_object(spec, at, "きっかけ", _TRIGGER_KEYS)
        event_set = life_events(spec.get("events"), at)
        when = self.compiler.compile(spec["when"], at, person=who is Who.PERSON, about=about) if "when" in spec \
            else (lambda ctx, p: TRUE)
        try:
            mode = Mode(spec["mode"]) if "mode" in spec else None
        except ValueError:
            raise RuleFileError(at, "mode は here / guidance / done です") from None
        return Trigger(events=event_set, about=about, when=when, reason=_check_template(spec.get("reason"), at),
                       mode=mode, deadline=self._deadline(spec.get("deadline"), at), where=at,
                       when_source=plain(spec.get("when")), bring=_str_list(spec.get("bring"), at, "bring:"))

    @staticmethod
    def _about(spec: Mapping[str, object], at: str) -> str:
        """Every trigger says whom it is about: no default, so that no rule silently ranges over members
        the event is not about (issue 14)."""
        choices = " / ".join(ABOUT)
        if "each" in spec:
            old = spec["each"]
            hint = f"about: {_EACH_TO_ABOUT[old]}" if isinstance(old, str) and old in _EACH_TO_ABOUT else "about:"
            raise RuleFileError(at, f"each: は about: に変わりました（{hint} と書いてください。{choices}）")
        about = spec.get("about")
        if about is None:
            raise RuleFileError(at, f"about: がありません（このきっかけが誰についてか: {choices}）")
        if about not in ABOUT:
            raise RuleFileError(at, f"about: は {choices} のいずれかです（{about!r}）")
        return str(about)

    def _deadline(self, spec: object, at: str) -> DeadlineRule | None:
        if spec is None:
            return None
        at = where(spec, at)
        if not isinstance(spec, dict) or set(spec) - _DEADLINE_KEYS or "note" not in spec:
            raise RuleFileError(at, f"deadline: は {sorted(_DEADLINE_KEYS)} のキーで、note: が必要です")
        days = spec.get("days")
        if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
            raise RuleFileError(at, "deadline.days は1以上の整数です")
        base = str(spec.get("from", "event_date"))
        if base not in ("event_date", "visit_date"):
            fact = self.facts.get(base)
            if fact is None or fact.kind is not FactKind.DATE or fact.scope is not FactScope.HOUSEHOLD:
                raise RuleFileError(at, f"deadline.from は event_date / visit_date / 世帯の日付の事実です（{base}）")
        try:
            counting = Counting(spec.get("counting", "after"))
        except ValueError:
            raise RuleFileError(at, "deadline.counting は after（初日不算入）か inclusive（初日算入）です") from None
        return DeadlineRule(days=days, base=base, counting=counting, note=str(spec["note"]))


def checked_object(spec: object, at: str, what: str, keys: set[str] | frozenset[str],
                   required: tuple[str, ...] = ()) -> dict[str, Any]:
    """A YAML object with only `keys` and every `required` key, else RuleFileError at `at`."""
    if not isinstance(spec, dict):
        raise RuleFileError(at, f"{what}はオブジェクトです")
    unknown = set(spec) - keys
    if unknown:
        raise RuleFileError(at, f"知らないキー {sorted(unknown)[0]!r}")
    for key in required:
        if key not in spec:
            raise RuleFileError(at, f"{key}: がありません")
    return spec


def life_events(events: object, at: str) -> frozenset[LifeEvent]:
    """`events:` as written: a non-empty list of life event ids."""
    if not isinstance(events, list) or not events:
        raise RuleFileError(at, "events: にライフイベントIDのリストが必要です")
    try:
        return frozenset(LifeEvent(e) for e in events)
    except ValueError as exc:
        raise RuleFileError(at, f"知らないライフイベントです（{exc}）") from None


def _uses_key(node: object, key: str) -> bool:
    """Whether a condition tree (dicts and lists as written in YAML) uses `key` as a condition anywhere."""
    if isinstance(node, dict):
        return key in node or any(_uses_key(v, key) for v in node.values())
    if isinstance(node, list):
        return any(_uses_key(v, key) for v in node)
    return False
