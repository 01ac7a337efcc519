"""Rule test cases as data (resources/rules/tests/*.yaml), OpenFisca style: a reception in, procedures
expected present or absent, optionally the exact open questions. Used by `kakanai rules check` and by the
pytest collector in the repository's conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kakanai.model import Plan, ReceptionError, reception_from_dict
from kakanai.rules.book import RuleBook
from kakanai.rules.yamlfile import Located, RuleFileError, load_yaml, where

_CASE_KEYS = {"name", "reception", "expect"}
_EXPECT_KEYS = {"present", "absent", "questions", "asks", "does_not_ask"}
_ITEM_KEYS = {"procedure", "person", "mode", "deadline", "reason", "reason_contains", "department"}


@dataclass(frozen=True)
class RuleCase:
    name: str
    where: str
    reception: dict[str, Any]
    expect: dict[str, Any]


def _jsonable(value: Any) -> Any:
    """YAML reads 2026-04-09 as a date; the reception parser takes the JSON form."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def load_cases(path: Path) -> list[RuleCase]:
    data = load_yaml(path)
    if not isinstance(data, Located) or set(data) != {"cases"} or not isinstance(data["cases"], list):
        raise RuleFileError(str(path), "cases: の下にテストケースのリストを書きます")
    out: list[RuleCase] = []
    for raw in data["cases"]:
        at = where(raw, str(path))
        if not isinstance(raw, dict) or set(raw) - _CASE_KEYS or not {"name", "reception", "expect"} <= set(raw):
            raise RuleFileError(at, "ケースには name:, reception:, expect: が必要です")
        expect = raw["expect"]
        if not isinstance(expect, dict) or set(expect) - _EXPECT_KEYS:
            raise RuleFileError(where(expect, at), f"expect: のキーは {sorted(_EXPECT_KEYS)} です")
        for key in ("present", "absent"):
            for item in expect.get(key) or []:
                if not isinstance(item, dict) or "procedure" not in item or set(item) - _ITEM_KEYS:
                    raise RuleFileError(where(item, at), f"{key}: の各項目には procedure: が必要です（キー: "
                                                        f"{sorted(_ITEM_KEYS)}）")
        out.append(RuleCase(str(raw["name"]), at, _jsonable(raw["reception"]), _jsonable(expect)))
    return out


def iter_case_files(rules_dir: Path) -> Iterator[Path]:
    yield from sorted((rules_dir / "tests").glob("*.yaml"))


def check_case(book: RuleBook, case: RuleCase) -> list[str]:
    """Run one case; the list of failures (empty when it passes), each a readable Japanese line."""
    try:
        reception = reception_from_dict(case.reception)
        plan = book.plan(reception)
    except ReceptionError as exc:
        return [f"受付データの誤り: {exc}"]
    failures: list[str] = []
    known = {p.id for p in book.catalog.procedures}
    for item in case.expect.get("present") or []:
        if item["procedure"] not in known:
            failures.append(f"知らない手続ID: {item['procedure']}")
            continue
        if not _matches(plan, item):
            found = [(p.id, p.person, p.mode.value, p.deadline.isoformat() if p.deadline else None)
                   for p in plan.procedures if p.id == item["procedure"]]
            failures.append(f"計画にあるはず: {item} （実際: {found or 'なし'}）")
    for item in case.expect.get("absent") or []:
        if item["procedure"] not in known:
            failures.append(f"知らない手続ID: {item['procedure']}")
            continue
        hits = [p for p in plan.procedures if p.id == item["procedure"]
                and ("person" not in item or p.person == item["person"])]
        if hits:
            failures.append(f"計画にないはず: {item} （理由: {hits[0].reason}）")
    if "questions" in case.expect:
        want = {(q["fact"], q.get("person")) for q in case.expect["questions"] or []}
        got = {(q.fact, q.person) for q in plan.questions}
        if want != got:
            failures.append(f"質問が違います: 期待 {sorted(want, key=str)} / 実際 {sorted(got, key=str)}")
    asked = {(q.fact, q.person) for q in plan.questions}
    for q in case.expect.get("asks") or []:
        if (q["fact"], q.get("person")) not in asked:
            failures.append(f"質問にあるはず: {q}")
    for q in case.expect.get("does_not_ask") or []:
        wrongly_asked = [a for a in asked if a[0] == q["fact"] and ("person" not in q or a[1] == q["person"])]
        if wrongly_asked:
            failures.append(f"質問にないはず: {q}（実際: {sorted(wrongly_asked, key=str)}）")
    return failures


def _matches(plan: Plan, item: dict[str, Any]) -> bool:
    for p in plan.procedures:
        if p.id != item["procedure"]:
            continue
        if "person" in item and p.person != item["person"]:
            continue
        if "mode" in item and p.mode.value != item["mode"]:
            continue
        if "department" in item and p.department != item["department"]:
            continue
        if "deadline" in item and (p.deadline.isoformat() if p.deadline else None) != item["deadline"]:
            continue
        if "reason_contains" in item and item["reason_contains"] not in p.reason:
            continue
        if "reason" in item and p.reason != item["reason"]:  # the whole reason, e.g. who {members} names
            continue
        return True
    return False
