"""The page's rule engine (prefill/src/rules.js, in Node) against kakanai.rules, so that the questions on
the page never drift from the rules: every rule test case of resources/rules/tests/*.yaml, and each of
them again with every single fact left out (the states an interview passes through), must give the same
procedures (id, person, mode, title, reason, department, counter, deadline, bring, forms, the claimant by
law) and the same
open questions (fact, person, question text, allowed values, the procedures waiting on it). The age law
is compared on a grid of dates around the edges the law cares about."""

from __future__ import annotations

import copy
import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from tests.integration.prefill.conftest import run_node

from kakanai.cli.prefill_site import page_catalog, prefill_dir
from kakanai.model import ReceptionError, reception_from_dict
from kakanai.model.agelaw import (
    age_in_completed_years,
    age_on,
    attainment_date,
    end_of_first_march31_after_attaining,
    late_elderly_start,
    school_grade,
)
from kakanai.paths import rules_dir
from kakanai.rules import RuleBook
from kakanai.rules.testcases import RuleCase, iter_case_files, load_cases

CASES: list[RuleCase] = [case for path in iter_case_files(rules_dir()) for case in load_cases(path)]


def python_plan(book: RuleBook, reception: dict[str, Any]) -> dict[str, Any]:
    try:
        plan = book.plan(reception_from_dict(reception))
    except ReceptionError as exc:
        return {"error": {"field": exc.field, "message": exc.message}}
    return {"plan": {
        "procedures": [
            {"id": p.id, "title": p.title, "person": p.person, "mode": p.mode.value, "reason": p.reason,
             "department": p.department, "department_name": p.department_name, "counter": p.counter,
             "deadline": p.deadline.isoformat() if p.deadline else None, "deadline_note": p.deadline_note,
             "bring": list(p.bring), "forms": list(p.forms), "legal_basis": p.legal_basis,
             "claimant": p.claimant}
            for p in plan.procedures
        ],
        "questions": [
            {"fact": q.fact, "person": q.person, "prompt": q.prompt, "values": list(q.values),
             "value_labels": list(q.value_labels), "kind": q.kind, "asked_for": list(q.asked_for)}
            for q in plan.questions
        ],
    }}


def variants(case: RuleCase) -> list[tuple[str, dict[str, Any]]]:
    """The case itself, the case with no facts at all, and the case with each one fact left out."""
    out = [(case.name, case.reception)]
    bare = copy.deepcopy(case.reception)
    bare.setdefault("household", {})["facts"] = {}
    for m in bare["members"]:
        m["facts"] = {}
    out.append((f"{case.name} [事実なし]", bare))
    places = [("household", None, k) for k in (case.reception.get("household") or {}).get("facts") or {}]
    places += [("member", i, k) for i, m in enumerate(case.reception["members"]) for k in m.get("facts") or {}]
    for where, index, key in places:
        r = copy.deepcopy(case.reception)
        facts = r["household"]["facts"] if where == "household" else r["members"][index]["facts"]
        del facts[key]
        out.append((f"{case.name} [-{key}{'' if index is None else f'@{index}'}]", r))
    return out


@pytest.fixture(scope="module")
def both(book: RuleBook, node_modules: object) -> dict[str, tuple[Any, Any]]:
    years = [int(c.reception["event_date"][:4]) for c in CASES]
    catalog = page_catalog(book, years=(min(years) - 1, max(years) + 2))
    receptions = [(name, r) for case in CASES for name, r in variants(case)]
    js = run_node("plan-runner.mjs", {"catalog": catalog, "receptions": [r for _, r in receptions]})
    return {name: (python_plan(book, r), out) for (name, r), out in zip(receptions, js, strict=True)}


def test_there_are_rule_cases() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_plan_as_the_python_engine(case: RuleCase, both: dict[str, tuple[Any, Any]]) -> None:
    for name, _ in variants(case):
        python, js = both[name]
        assert js == python, name


def test_cross_check_counts(both: dict[str, tuple[Any, Any]]) -> None:
    """The numbers of the report: receptions compared, procedures and questions among them."""
    plans = [p["plan"] for p, _ in both.values() if "plan" in p]
    procedures = sum(len(p["procedures"]) for p in plans)
    questions = sum(len(p["questions"]) for p in plans)
    print(f"cross-check: {len(CASES)} rule cases, {len(both)} receptions, {procedures} planned procedures, "
          f"{questions} open questions, all identical")
    assert len(both) > 5 * len(CASES) and procedures > 1000 and questions > 1000


def _dates() -> list[tuple[str, str]]:
    births = [date(2000, 2, 29), date(2004, 2, 29), date(1951, 2, 28), date(1951, 3, 1), date(2019, 4, 1),
              date(2019, 4, 2), date(2019, 3, 31), date(2012, 1, 1), date(1950, 12, 31), date(2008, 4, 1)]
    pairs = []
    for birth in births:
        for years in (0, 1, 6, 7, 12, 15, 18, 20, 65, 75, 76):
            for delta in (-2, -1, 0, 1, 2):
                anniversary = attainment_date(birth, years) + timedelta(days=delta)
                if anniversary >= birth:
                    pairs.append((birth, anniversary))
    pairs += [(b, date(y, m, 31 if m == 3 else 1)) for b, y, m in itertools.product(births[:4], (2024, 2025), (3, 4))]
    return [(b.isoformat(), on.isoformat()) for b, on in pairs]


def test_age_law_is_the_same(node_modules: object) -> None:
    pairs = _dates()
    js = run_node("agelaw-runner.mjs", pairs)
    for (birth_s, on_s), got in zip(pairs, js, strict=True):
        birth, on = date.fromisoformat(birth_s), date.fromisoformat(on_s)
        want = {
            "age_on": age_on(birth, on), "completed": age_in_completed_years(birth, on),
            "attain_6": attainment_date(birth, 6).isoformat(),
            "m31_15": end_of_first_march31_after_attaining(birth, 15).isoformat(),
            "m31_18": end_of_first_march31_after_attaining(birth, 18).isoformat(),
            "grade": school_grade(birth, on), "late_elderly": late_elderly_start(birth).isoformat(),
        }
        assert got == want, (birth_s, on_s)
    assert len(pairs) > 400


def test_node_unit_tests(node_modules: object) -> None:
    import subprocess

    done = subprocess.run(["node", "--test", "tests/units.test.mjs"], cwd=prefill_dir(), capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _refused() -> list[dict[str, Any]]:
    """Households kakanai.rules.household_checks refuses (tests/unit/rules/test_household_checks.py), and
    their nearest accepted neighbours: a marriage on both sides of 婚姻適齢 under the old law, the new law
    and its transition, one person entered twice, a newborn born on another day; and a 国保 answered past
    the 75th birthday (facts.yaml late_elderly_values), on the birthday itself, and not yet answered (the
    question's values); two parents both answered the higher earner, and one; two 世帯主 (住基法7条4号)."""
    def person(pid: str, name: str, birth: str, sex: str, relationship: str) -> dict[str, Any]:
        return {"id": pid, "name": name, "birth_date": birth, "sex": sex, "facts": {"relationship": relationship}}

    out = []
    for day, groom, bride in (("2026-06-10", "2008-06-11", "2008-06-12"), ("2026-06-10", "2008-06-11", "2008-06-11"),
                              ("2022-03-31", "2004-04-02", "1990-01-01"), ("2022-03-31", "2004-03-31", "2006-04-01"),
                              ("2023-04-01", "1990-01-01", "2006-04-02"), ("2023-04-01", "1990-01-01", "2006-04-01")):
        out.append({"event": "marriage", "event_date": day, "household": {"facts": {}},
                    "members": [person("p1", "若林　翔", groom, "male", "head"),
                                person("p2", "若林　葵", bride, "female", "spouse")]})
    out.append({"event": "moving_in", "event_date": "2026-06-10", "household": {"facts": {}},
                "members": [person("p1", "同　一郎", "1980-01-01", "male", "head"),
                            person("p2", "同 一郎", "1980-01-01", "male", "child")]})
    for born in ("2020-01-01", "2026-06-10"):
        out.append({"event": "birth", "event_date": "2026-06-10", "subject": ["p2"], "household": {"facts": {}},
                    "members": [person("p1", "田中　恵", "1995-01-01", "female", "head"),
                                person("p2", "田中　一", born, "male", "child")]})
    for birth, insurance in (("1951-06-09", "national"), ("1951-06-10", "national"), ("1951-06-09", None)):
        grandpa = person("p1", "高橋　一男", birth, "male", "head")
        if insurance:
            grandpa["facts"]["health_insurance"] = insurance
        out.append({"event": "moving_in", "event_date": "2026-06-10", "household": {"facts": {}}, "members": [grandpa]})
    for earners in ((True, True), (True, False)):  # 児童手当法4条3項: one higher earner of two parents
        parents = [person("p1", "山田　太郎", "1985-06-15", "male", "head"),
                   person("p2", "山田　花子", "1987-11-03", "female", "spouse")]
        for parent, earner in zip(parents, earners, strict=True):
            parent["facts"]["main_earner"] = earner
        out.append({"event": "moving_in", "event_date": "2026-06-10", "household": {"facts": {}},
                    "members": [*parents, person("p3", "山田　𠮷子", "2018-09-20", "female", "child")]})
    out.append({"event": "moving_in", "event_date": "2026-06-10", "household": {"facts": {}},
                "members": [person("p1", "山田　太郎", "1985-06-15", "male", "head"),
                            person("p2", "山田　花子", "1987-11-03", "female", "head")]})
    return out


def test_the_same_households_are_refused_with_the_same_message(book: RuleBook, node_modules: object) -> None:
    receptions = _refused()
    catalog = page_catalog(book, years=(2021, 2027))
    js = run_node("plan-runner.mjs", {"catalog": catalog, "receptions": receptions})
    python = [python_plan(book, r) for r in receptions]
    assert [("error" in p) for p in python] == [True, False, True, False, True, False, True, True, False,
                                                True, False, False, True, False, True]
    assert [q["values"] for q in python[-4]["plan"]["questions"] if q["fact"] == "health_insurance"] == [
        ["late_elderly", "welfare", "none"]]
    assert js == python


def test_an_answer_a_corrected_birth_date_makes_impossible_is_asked_again(book: RuleBook, node_modules: object) -> None:
    """The resident answered 国民健康保険 for a grandfather whose birth date, corrected afterwards, puts him past
    his 75th birthday: the page drops that answer and asks again with what the law leaves (as the counter
    does, kakanai.app.session_state), instead of failing on the refused reception."""
    reception = {"event": "moving_in", "event_date": "2026-06-10", "household": {"facts": {}},
                 "members": [{"id": "p1", "name": "高橋　一男", "birth_date": "1951-06-09", "sex": "male",
                              "facts": {}}]}
    answers = {"relationship|p1": "head", "health_insurance|p1": "national"}
    catalog = page_catalog(book, years=(2026, 2027))
    out = run_node("interview-runner.mjs", {"catalog": catalog, "reception": reception, "answers": answers})
    assert "health_insurance|p1" not in out["kept"]
    assert {"fact": "health_insurance", "person": "p1", "values": ["late_elderly", "welfare", "none"]} in out["open"]


def test_a_second_head_answered_on_the_page_is_refused_with_the_counters_message(book: RuleBook,
                                                                                 node_modules: object) -> None:
    """A resident who answers 世帯主 for two members gets the counter's own message on the question (the page
    takes the answer back), instead of a page that fails on the refused reception — or a code the counter
    refuses (住基法7条4号: one 世帯主)."""
    members = [{"id": f"p{i}", "name": name, "birth_date": born, "sex": sex, "facts": {}}
               for i, (name, born, sex) in enumerate((("山田　太郎", "1985-06-15", "male"),
                                                      ("山田　花子", "1987-11-03", "female")), start=1)]
    reception = {"event": "moving_in", "event_date": "2026-06-10", "household": {"facts": {}}, "members": members}
    catalog = page_catalog(book, years=(2026, 2027))
    out = run_node("interview-runner.mjs", {"catalog": catalog, "reception": reception,
                                            "answers": {"relationship|p1": "head", "relationship|p2": "head"}})
    assert out == {"refused": "世帯主は1人だけ選んでください（山田　太郎、山田　花子）"}
    out = run_node("interview-runner.mjs", {"catalog": catalog, "reception": reception,
                                            "answers": {"relationship|p1": "head", "relationship|p2": "spouse"}})
    assert "refused" not in out and out["kept"]["relationship|p2"] == "spouse"
