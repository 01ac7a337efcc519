"""Retention purge, statistics and staff sign-in, on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from tests.unit.store.support import make_input

from kakanai.store import ReceptionStore, Role, StaffError, utcnow

PERSONAL = ("山田", "ヤマダ", "北５条", "清瀬市", "1985-06-15", "090-1234-5678", "太郎さん", "本人が来庁")


def _dump(store: ReceptionStore) -> str:
    """Every cell of every table, as text: the purge must leave no personal field anywhere."""
    out = []
    with store.engine.connect() as conn:
        for table in sa.inspect(store.engine).get_table_names():
            out += [str(tuple(r)) for r in conn.execute(sa.text(f"SELECT * FROM {table}"))]
    return "\n".join(out)


def test_purge_removes_personal_fields_and_keeps_the_rest(store: ReceptionStore) -> None:
    now = utcnow()
    old = store.record(make_input(finished=now - timedelta(days=40), overrides=True))
    recent = store.record(make_input(finished=now - timedelta(days=2)))
    assert "山田" in _dump(store)
    result = store.purge(older_than_days=30)
    assert result.receptions == 1
    purged = store.load_reception(old.id)
    assert purged is not None and purged.reception is None and purged.purged_at is not None
    assert purged.procedures and all(p.reason is None for p in purged.procedures)
    assert purged.procedures[0].title  # de-identified plan stays
    assert purged.overrides[0].procedure == "dog_registration_change" and purged.overrides[0].reason is None
    assert len(purged.documents) == 2 and purged.steps and purged.seconds == 720.0
    kept = store.load_reception(recent.id)
    assert kept is not None and kept.reception is not None
    assert store.purge(older_than_days=30).receptions == 0  # nothing twice
    assert store.purge(older_than_days=0).receptions == 1
    dump = _dump(store)
    for text in PERSONAL:
        assert text not in dump, text
    assert store.verify_audit().ok
    assert store.stats().receptions == 2


def test_the_retention_counts_business_days_and_keeps_the_last_day_whole(store: ReceptionStore) -> None:
    """30 days from a reception on 4/10 (民法140条: the day itself not counted) end with 5/10: on 5/10 it
    is kept at any hour, from 5/11 it is purged. 0 days is 「当日かぎり」: never purged on its own day."""
    on = {day: store.record(make_input(day=day)).id
          for day in (date(2026, 4, 9), date(2026, 4, 10), date(2026, 4, 11), date(2026, 5, 11))}
    result = store.purge(older_than_days=30, today=date(2026, 5, 10))
    assert (result.receptions, result.cutoff) == (1, date(2026, 4, 10))
    purged = {day for day, rid in on.items() if store.load_reception(rid).purged_at is not None}  # type: ignore[union-attr]
    assert purged == {date(2026, 4, 9)}
    assert store.purge(older_than_days=30, today=date(2026, 5, 11)).receptions == 1  # 4/10 the next day
    assert store.purge(older_than_days=0, today=date(2026, 5, 11)).receptions == 1  # 4/11; 5/11 is today
    assert store.load_reception(on[date(2026, 5, 11)]).reception is not None  # type: ignore[union-attr]
    assert store.purge(older_than_days=0, today=date(2026, 5, 12)).receptions == 1
    assert store.verify_audit().ok


def test_a_reception_recorded_without_timing_has_no_handling_time(store: ReceptionStore) -> None:
    """`kakanai record` (another system's reception, started = finished, no step) measured nothing: its
    「0秒」 pulled the counter's median handling time down. Counted, but not timed."""
    store.record(make_input())
    untimed = make_input()
    store.record(replace(untimed, started_at=untimed.finished_at, steps=()))
    stats, by_event = store.statistics()
    assert stats.receptions == 2
    assert [(d.key, d.count, d.median_seconds) for d in stats.handling] == [
        ("total", 1, 720.0), ("members", 1, 120.0), ("interview", 1, 300.0)]
    assert [(d.key, d.count, d.median_seconds) for d in by_event] == [("moving_in", 1, 720.0)]


def test_stats_over_a_period(store: ReceptionStore) -> None:
    store.record(make_input(day=date(2026, 4, 10), overrides=True))
    store.record(make_input(day=date(2026, 4, 11), office="branch"))
    store.record(make_input(day=date(2026, 5, 1)))
    stats = store.stats(date(2026, 4, 1), date(2026, 4, 30))
    assert stats.receptions == 2
    assert {c.key: c.count for c in stats.by_office} == {"main": 1, "branch": 1}
    assert [c.key for c in stats.by_day] == ["2026-04-10", "2026-04-11"]
    assert {c.key: c.count for c in stats.printed_forms}["resident_move_notice"] == 2
    handling = {d.key: d for d in stats.handling}
    assert handling["total"].median_seconds == 720.0 and handling["interview"].p90_seconds == 300.0
    assert [(o.action, o.procedure, o.count) for o in stats.overrides] == [("remove", "dog_registration_change", 1)]
    assert store.stats(office="branch").receptions == 1
    assert "山田" not in str(stats.to_dict())


def test_staff_sign_in(store: ReceptionStore) -> None:
    member = store.add_staff(office="main", login="suzuki", display_name="鈴木", role=Role.SUPERVISOR,
                             password="s3cret-pass", by="admin")
    assert member.role is Role.SUPERVISOR and member.active
    assert store.sign_in(office="main", login="suzuki", password="s3cret-pass") == member
    assert store.sign_in(office="main", login="suzuki", password="wrong-pass") is None
    assert store.sign_in(office="branch", login="suzuki", password="s3cret-pass") is None
    assert store.sign_in(office="main", login="nobody", password="s3cret-pass") is None
    with pytest.raises(StaffError, match="すでに"):
        store.add_staff(office="main", login="suzuki", display_name="x", role=Role.CLERK, password="another-pass",
                        by="admin")
    with pytest.raises(StaffError, match="8文字"):
        store.add_staff(office="main", login="sato", display_name="佐藤", role=Role.CLERK, password="short", by="a")
    store.add_staff(office="branch", login="suzuki", display_name="鈴木", role=Role.CLERK, password="s3cret-pass",
                    by="admin")
    assert [(m.office, m.login) for m in store.list_staff()] == [("branch", "suzuki"), ("main", "suzuki")]
    with store.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM staff")).scalars().all()
        actions = conn.execute(sa.text("SELECT action, staff FROM audit_events ORDER BY seq")).all()
    assert all(h.startswith("scrypt$") and "s3cret" not in h for h in stored)
    assert ("staff_added", "admin") in [tuple(a) for a in actions]
    assert ("sign_in_failed", "nobody") in [tuple(a) for a in actions]
    assert store.verify_audit().ok


def test_business_day_defaults_to_the_local_date_of_finishing(store: ReceptionStore) -> None:
    item = make_input(finished=datetime(2026, 4, 10, 1, 0))
    item = type(item)(**{**item.__dict__, "business_day": None})
    assert store.record(item).business_day == item.day
