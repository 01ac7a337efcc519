"""Shared test helpers: the example reception, its plan, and a RecordInput to store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from kakanai.model import ClerkOverride, OverrideAction, Plan, Reception, reception_from_json
from kakanai.paths import examples_dir
from kakanai.store import PrintedDocument, RecordInput, ShownError, StepTiming, new_reception_id


@lru_cache(maxsize=1)
def example_reception() -> Reception:
    return reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def example_plan() -> Plan:
    from kakanai.rules import load_rulebook

    return load_rulebook().plan(example_reception())


def make_input(*, office: str = "main", counter: str = "c1", staff: str = "tanaka", day: date | None = None,
               finished: datetime | None = None, overrides: bool = False, **extra: Any) -> RecordInput:
    """`day` is the business day: 2026-04-10 by default, the local date of `finished` when that is given
    (as the recorder makes it; the retention counts business days)."""
    if finished is None:
        finished, day = datetime(2026, 4, 10, 1, 30), day or date(2026, 4, 10)
    started = finished - timedelta(minutes=12)
    reception = example_reception()
    if overrides:
        reception = replace(reception, overrides=(
            ClerkOverride(OverrideAction.REMOVE, "dog_registration_change", None, "後日、本人が来庁"),))
    return RecordInput(
        id=extra.pop("id", new_reception_id()), reception=reception, plan=example_plan(), office=office,
        counter=counter, staff=staff, started_at=started, finished_at=finished,
        business_day=day,
        steps=(StepTiming("members", started, 120.0), StepTiming("interview", started + timedelta(minutes=2), 300.0)),
        documents=(PrintedDocument("resident_move_notice", None, "a" * 64, finished),
                   PrintedDocument("child_medical_subsidy", "p3", "b" * 64, finished)),
        errors=(ShownError("printer_offline", "プリンタの電源が入っていません", finished),),
        **extra,
    )
