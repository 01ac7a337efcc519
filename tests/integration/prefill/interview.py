"""The page's interview rule replayed in Python (prefill/src/interview.js), to know which answers a
finished pre-entry carries: the resident answers the questions shown; an answer stays only while removing
it would change the plan (procedures with mode, reason and deadline, or the open questions), checked in a
fixed order (household first, then member by member, facts in catalog order)."""

from __future__ import annotations

import copy
from typing import Any

from kakanai.model import Plan, reception_from_dict
from kakanai.rules import RuleBook

Answers = dict[str, Any]  # "fact|p1" (or "fact|" for the household) -> value
HAS_PREVIOUS = ("moving_in", "moving_within")
SUBJECT_CHOSEN = ("moving_in", "moving_within", "moving_out", "household_change")


def base_reception(scenario: dict[str, Any]) -> dict[str, Any]:
    """The reception the page builds from the resident's entries, before any answer."""
    event = scenario["event"]
    moving = event in HAS_PREVIOUS
    card_address = scenario["previous"] if moving else scenario["address"]
    members = [
        {"id": f"p{i + 1}", "name": m["name"], "name_kana": m.get("kana", ""), "birth_date": m["birth"],
         "sex": m["sex"], "address": m.get("address") or card_address, "facts": {}}
        for i, m in enumerate(scenario["members"])
    ]
    reception: dict[str, Any] = {
        "event": event, "event_date": scenario["event_date"],
        "household": {"address": scenario["address"], "previous_address": scenario["previous"] if moving else "",
                      "facts": {}},
        "members": members,
    }
    if scenario.get("visit_date"):
        reception["visit_date"] = scenario["visit_date"]
    chosen = [f"p{i + 1}" for i, m in enumerate(scenario["members"]) if m.get("subject", event != "death")]
    if event == "death" or (event in SUBJECT_CHOSEN and len(chosen) < len(members)):
        reception["subject"] = chosen
    if scenario.get("applicant"):
        reception["applicant"] = scenario["applicant"]
    if scenario.get("lang", "ja") != "ja":
        reception["language"] = scenario["lang"]  # the page's language travels in the code (issue 19)
    return reception


def with_answers(reception: dict[str, Any], answers: Answers) -> dict[str, Any]:
    out = copy.deepcopy(reception)
    by_id = {m["id"]: m for m in out["members"]}
    for key, value in answers.items():
        fact, person = key.split("|")
        (by_id[person]["facts"] if person else out["household"]["facts"])[fact] = value
    return out


def plan_of(book: RuleBook, reception: dict[str, Any], answers: Answers) -> Plan:
    return book.plan(reception_from_dict(with_answers(reception, answers)))


def signature(plan: Plan) -> object:
    return ([(p.id, p.person, p.mode.value, p.reason, p.deadline) for p in plan.procedures],
            [(q.fact, q.person) for q in plan.questions])


def relevant(book: RuleBook, reception: dict[str, Any], answers: Answers) -> Answers:
    members = {m["id"]: i for i, m in enumerate(reception["members"])}
    fact_order = {f: i for i, f in enumerate(book.catalog.facts)}

    def order(key: str) -> tuple[int, int]:
        fact, person = key.split("|")
        return (members[person] if person else -1, fact_order[fact])

    kept = dict(answers)
    full = signature(plan_of(book, reception, kept))
    for key in sorted(kept, key=order):
        trial = {k: v for k, v in kept.items() if k != key}
        if signature(plan_of(book, reception, trial)) == full:
            kept = trial
    return kept


def interview(book: RuleBook, reception: dict[str, Any], available: Answers) -> dict[str, Any]:
    """The finished pre-entry: answer every open question the resident has an answer to, then keep
    the answers that matter."""
    answers: Answers = {}
    while True:
        plan = plan_of(book, reception, relevant(book, reception, answers))
        new = [f"{q.fact}|{q.person or ''}" for q in plan.questions]
        new = [k for k in new if k in available and k not in answers]
        if not new:
            break
        answers[new[0]] = available[new[0]]
    return with_answers(reception, relevant(book, reception, answers))
