"""Past the 75th birthday the law leaves a resident's 健康保険 only 後期高齢者医療 (高確法50条1号), 生活保護
or another exclusion (51条): facts.yaml `late_elderly_values`. The question offers only those, and a
reception holding 国保 or a 被用者保険 for such a member is refused, naming the member. The boundary: on the
75th birthday itself every value stays open (the insurance of the day before may still be held)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kakanai.model import ReceptionError, reception_from_dict
from kakanai.rules import RuleBook, load_rulebook
from kakanai.rules.facts import load_facts
from kakanai.rules.yamlfile import RuleFileError

EVENT = "2026-06-01"
EVERY = ("national", "employee", "late_elderly", "welfare", "none")
LATE = ("late_elderly", "welfare", "none")


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def _moving_in(birth: str, **facts: Any) -> dict[str, Any]:
    return {"event": "moving_in", "event_date": EVENT,
            "household": {"address": "北海道見本市北５条東２丁目１５番地", "facts": {"from_abroad": False}},
            "members": [{"id": "p1", "name": "高橋　一男", "birth_date": birth, "sex": "male",
                         "facts": {"relationship": "head", **facts}}]}


def _insurance_question(book: RuleBook, birth: str) -> tuple[str, ...]:
    plan = book.plan(reception_from_dict(_moving_in(birth)))
    return next(q.values for q in plan.questions if q.fact == "health_insurance")


@pytest.mark.parametrize(("birth", "values"), [
    ("1951-05-31", LATE),   # 75th birthday the day before the 転入: past it
    ("1951-06-01", EVERY),  # 75th birthday on the day: the 国保 of the day before may still be held
    ("1951-06-02", EVERY),  # 75 attained on the day (年齢計算ニ関スル法律), the birthday tomorrow
    ("1920-01-01", LATE),   # 106 years old
])
def test_the_question_offers_what_the_law_leaves(book: RuleBook, birth: str, values: tuple[str, ...]) -> None:
    assert _insurance_question(book, birth) == values


def test_a_grandparents_national_insurance_is_refused_naming_him(book: RuleBook) -> None:
    reception = reception_from_dict(_moving_in("1951-05-31", health_insurance="national"))
    for check in (book.plan, book.validate_reception):
        with pytest.raises(ReceptionError) as refused:
            check(reception)
        assert (refused.value.field, refused.value.message) == (
            "members[0].facts.health_insurance",
            "75歳の誕生日を過ぎた方は 後期高齢者医療 / 生活保護 / 加入なし のいずれかです（高確法50条・51条）（国民健康保険）")


@pytest.mark.parametrize(("birth", "value"), [("1951-06-01", "national"), ("1951-06-01", "employee"),
                                              ("1951-05-31", "welfare"), ("1951-05-31", "none")])
def test_what_the_law_leaves_is_accepted(book: RuleBook, birth: str, value: str) -> None:
    book.plan(reception_from_dict(_moving_in(birth, health_insurance=value, ltc_certified=False)))


@pytest.mark.parametrize(("spec", "message"), [
    ("    scope: person\n    kind: bool\n    late_elderly_values: [x]\n",
     "late_elderly_values は人ごとの選択式（scope: person, kind: choice）の事実に書きます"),
    ("    scope: person\n    kind: choice\n    values: {a: A, b: B}\n    late_elderly_values: [c]\n",
     "late_elderly_values は values にある値のリストです（['c']）"),
    ("    scope: person\n    kind: choice\n    values: {a: A, b: B}\n    late_elderly_values: []\n",
     "late_elderly_values は values にある値のリストです（[]）"),
])
def test_late_elderly_values_are_checked_when_the_facts_are_loaded(tmp_path: Path, spec: str, message: str) -> None:
    bad = tmp_path / "facts.yaml"
    bad.write_text(f"facts:\n  x:\n    prompt: q\n{spec}", encoding="utf-8")
    with pytest.raises(RuleFileError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        load_facts(bad)
