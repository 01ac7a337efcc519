"""A deadline already past on the day of the visit is said, not refused (the notice is still accepted: a
戸籍・住民票の届 made late is the court's 過料 matter, 戸籍法137条・住基法52条2項, and a 児童手当 claimed late
starts a month later): found by driving a birth registered 24 days late through `kakanai plan`, which showed
the past date with nothing said. The last day itself is on time (戸籍法43条: 初日算入; 民法140条 elsewhere)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from kakanai.model import reception_from_dict
from kakanai.rules import load_rulebook
from kakanai.rules.resident_texts import resident_texts

LATE = "期限を過ぎています。届出はできます"


def _birth(visit: date) -> dict[str, Any]:
    return {"event": "birth", "event_date": "2026-05-01", "visit_date": visit.isoformat(), "subject": ["p2"],
            "household": {"facts": {}},
            "members": [{"id": "p1", "name": "山本　彩", "birth_date": "1992-02-02", "sex": "female",
                         "facts": {"relationship": "head", "health_insurance": "employee"}},
                        {"id": "p2", "name": "山本　湊", "birth_date": "2026-05-01", "sex": "male",
                         "facts": {"relationship": "child"}}]}


def _registration(visit: date) -> Any:
    plan = load_rulebook().plan(reception_from_dict(_birth(visit)))
    return next(p for p in plan.procedures if p.id == "birth_registration")


def test_the_last_day_is_on_time_and_the_day_after_is_late() -> None:
    on_time = _registration(date(2026, 5, 14))  # 14 days counting the day of birth (戸籍法43条・49条)
    assert on_time.deadline == date(2026, 5, 14) and LATE not in on_time.deadline_note
    late = _registration(date(2026, 5, 14) + timedelta(days=1))
    assert late.deadline == date(2026, 5, 14)
    assert late.deadline_note == f"出生の日を含めて14日以内。{LATE}"


def test_the_resident_reads_it_in_their_language() -> None:
    late = _registration(date(2026, 5, 25))
    texts = resident_texts(load_rulebook(), "en")
    deadline = texts.deadline(late)
    assert (deadline.text, deadline.language) == (
        "Within 14 days, counting the day of birth. The deadline has passed. You can still file it.", "en")
