"""Facts the law decides (resources/rules/derivations.yaml, issue 17): the newborn of a Japanese mother is
Japanese (国籍法2条1号), shown in the trace with its article and never asked; a given answer wins; a wrong
derivation is refused with its file and line."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kakanai.model import TraceEntry, reception_from_dict
from kakanai.paths import default_municipality_file, rules_dir
from kakanai.rules import RuleFileError, load_rulebook
from kakanai.rules.table import derivation_rows, table_html


def birth(newborn_facts: dict[str, Any], mother_facts: dict[str, Any]) -> dict[str, Any]:
    return {
        "event": "birth", "event_date": "2026-06-10", "subject": ["p2"],
        "household": {"facts": {"wants_certificates": False, "receives_child_allowance": False,
                                "single_parent": True, "receives_child_support_allowance": False}},
        "members": [
            {"id": "p1", "name": "佐藤　美咲", "birth_date": "1996-04-04", "sex": "female",
             "facts": {"relationship": "head", "health_insurance": "national", "pension_category": "1",
                       "public_servant": False, **mother_facts}},
            {"id": "p2", "name": "佐藤　陽", "birth_date": "2026-06-10", "sex": "male",
             "facts": {"relationship": "child", "health_insurance": "national", "parents_married": False,
                       "birth_weight_g": 3000, **newborn_facts}},
        ],
    }


def test_a_japanese_mothers_newborn_is_japanese_in_the_trace_and_not_asked() -> None:
    plan = load_rulebook().plan(reception_from_dict(birth({}, {"nationality": "japanese"})))
    derived = [t for t in plan.trace if t.outcome == "derived"]
    assert derived == [TraceEntry("facts.nationality", "p2", "derived",
                                  "佐藤　陽さんは、父または母が日本国籍のため、出生により日本国籍です（国籍法2条1号）")]
    assert [q.fact for q in plan.questions] == []
    assert "residence_status_acquisition" not in [p.id for p in plan.procedures]


def test_an_unknown_mothers_nationality_leaves_the_newborns_question() -> None:
    plan = load_rulebook().plan(reception_from_dict(birth({}, {})))
    assert [(q.fact, q.person) for q in plan.questions] == [("nationality", "p2")]
    assert [t for t in plan.trace if t.outcome == "derived"] == []


def test_a_given_answer_is_never_overwritten() -> None:
    plan = load_rulebook().plan(reception_from_dict(birth({"nationality": "foreign"}, {"nationality": "japanese"})))
    assert [t for t in plan.trace if t.outcome == "derived"] == []
    assert [p.person for p in plan.procedures if p.id == "residence_status_acquisition"] == ["p2"]


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(rules_dir(), root)
    return root


GOOD = """derivations:
  - fact: nationality
    value: japanese
    events: [birth]
    when: {fact: {relationship: child}}
    basis: 国籍法2条1号
    reason: "{name}さんは日本国籍です"
"""


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("fact: nationality", "fact: nationalty", 2, "fact: は人ごとの選択肢の事実IDです（'nationalty'）"),
    ("fact: nationality", "fact: has_dog", 2, "fact: は人ごとの選択肢の事実IDです（'has_dog'）"),
    ("value: japanese", "value: jp", 2, "value: は japanese / foreign のいずれかです（'jp'）"),
    ("events: [birth]", "events: [born]", 2, "知らないライフイベントです（'born' is not a valid LifeEvent）"),
    ("    basis: 国籍法2条1号\n", "", 2, "basis: がありません"),
    ("{name}さんは", "{person}さんは", 2, "reason に使える差し込みは {name} だけです"),
    ("{fact: {relationship: child}}", "{fact: {relationship: son}}", 5,
     "relationship に値 'son' はありません（head / spouse / child / parent / other）"),
])
def test_a_wrong_derivation_is_refused_with_its_line(rules_copy: Path, old: str, new: str, line: int,
                                                     message: str) -> None:
    path = rules_copy / "derivations.yaml"
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rulebook(rules_copy, default_municipality_file())
    assert (err.value.where, err.value.message) == (f"{path}:{line}", message)


def test_the_reviewers_table_lists_what_the_law_decides() -> None:
    (row,) = derivation_rows(load_rulebook(), date(2026, 6, 10))
    assert (row.fact, row.value, row.events, row.basis) == ("本人の国籍は？", "日本", "出生", "国籍法2条1号")
    assert row.conditions.startswith("【「本人の世帯主との続柄は？」が子、かつ、【対象者以外の世帯員のうち誰かが ")
    page = table_html([], "判定表", date(2026, 6, 10), "v", (row,))
    assert "<h2>法令で決まるため聞き取らない事実</h2>" in page
    assert "<td>本人の国籍は？</td><td>日本</td><td>出生</td>" in page
