"""The store's pure parts: password hashing, the audit hash, statistics, the spool codec, SQLite URLs."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from kakanai.store import StatsRows, check_password, hash_password, summarize
from kakanai.store.audit import GENESIS, entry_hash
from kakanai.store.codec import input_from_dict, input_to_dict
from kakanai.store.engine import sqlite_file
from kakanai.store.period_stats import StatisticsUnavailable, load_statistics
from kakanai.store.stats import percentile
from tests.unit.store.support import make_input


def test_password_hash_is_salted_and_verifies() -> None:
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second  # per-user salt
    assert first.startswith("scrypt$")
    assert check_password("correct horse", first)
    assert not check_password("correct hors", first)
    assert not check_password("x", "garbage")
    assert not check_password("x", "pbkdf2$1$2$3$4$5")


def test_audit_hash_covers_every_field() -> None:
    at = datetime(2026, 4, 10, 9, 0)
    base = entry_hash(1, at, "main", "tanaka", "reception_recorded", "r1", {"number": 1}, GENESIS)
    assert base == entry_hash(1, at, "main", "tanaka", "reception_recorded", "r1", {"number": 1}, GENESIS)
    variants = [
        entry_hash(2, at, "main", "tanaka", "reception_recorded", "r1", {"number": 1}, GENESIS),
        entry_hash(1, at.replace(second=1), "main", "tanaka", "reception_recorded", "r1", {"number": 1}, GENESIS),
        entry_hash(1, at, "branch", "tanaka", "reception_recorded", "r1", {"number": 1}, GENESIS),
        entry_hash(1, at, "main", "mallory", "reception_recorded", "r1", {"number": 1}, GENESIS),
        entry_hash(1, at, "main", "tanaka", "reception_recorded", "r1", {"number": 2}, GENESIS),
        entry_hash(1, at, "main", "tanaka", "reception_recorded", "r1", {"number": 1}, "1" * 64),
    ]
    assert base not in variants and len(set(variants)) == len(variants)


def test_percentiles() -> None:
    assert percentile([], 0.5) == 0.0
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([float(i) for i in range(1, 11)], 0.9) == 9.1


def test_an_empty_period_has_no_handling_time() -> None:
    """No reception, no duration: a median of 0 seconds over 0 receptions would be a false figure."""
    stats = summarize(StatsRows((), (), (), (), ()), date(2030, 1, 1), date(2030, 1, 1))
    assert (stats.receptions, stats.handling) == (0, ())
    assert stats.to_dict()["handling_seconds"] == {}


def test_summarize_counts_and_durations_without_personal_data() -> None:
    rows = StatsRows(
        receptions=(("r1", "moving_in", "main", date(2026, 4, 10), 600.0),
                    ("r2", "moving_in", "branch", date(2026, 4, 11), 300.0),
                    ("r3", "birth", "main", date(2026, 4, 11), 900.0)),
        procedures=(("resident_move_notice", "here"), ("resident_move_notice", "here"), ("birth_notice", "here")),
        steps=(("members", 60.0), ("members", 120.0), ("interview", 200.0)),
        documents=("resident_move_notice", "resident_move_notice"),
        overrides=(("remove", "dog_registration_change"), ("remove", "dog_registration_change"), ("add", "x")),
    )
    stats = summarize(rows, date(2026, 4, 1), date(2026, 4, 30))
    assert stats.receptions == 3
    assert [(c.key, c.count) for c in stats.by_event] == [("moving_in", 2), ("birth", 1)]
    assert [(c.key, c.count) for c in stats.by_day] == [("2026-04-10", 1), ("2026-04-11", 2)]
    assert stats.by_procedure[0].key == "resident_move_notice" and stats.by_procedure[0].count == 2
    total = stats.handling[0]
    assert (total.key, total.count, total.median_seconds, total.p90_seconds) == ("total", 3, 600.0, 840.0)
    assert {d.key: d.median_seconds for d in stats.handling}["members"] == 90.0
    assert stats.overrides[0].procedure == "dog_registration_change" and stats.overrides[0].count == 2
    data = stats.to_dict()
    assert data["by_office"] == {"main": 2, "branch": 1}
    assert "山田" not in str(data)


def test_spool_codec_round_trip() -> None:
    item = make_input(overrides=True)
    back = input_from_dict(input_to_dict(item))
    assert back.reception == item.reception
    assert back.plan.procedures == item.plan.procedures
    assert back.plan.rules_version == item.plan.rules_version
    assert (back.id, back.day, back.steps, back.documents, back.errors) == (
        item.id, item.day, item.steps, item.documents, item.errors)


def test_the_claimant_by_law_is_kept_with_the_plan() -> None:
    """PlannedProcedure.claimant (the 請求者 the forms printed) survives the record; a record made before it
    was kept reads as the 届出人 (None)."""
    item = make_input()
    first, *rest = item.plan.procedures
    plan = dataclasses.replace(item.plan, procedures=(dataclasses.replace(first, claimant="p2"), *rest))
    raw = input_to_dict(dataclasses.replace(item, plan=plan))
    assert input_from_dict(raw).plan.procedures == plan.procedures
    for p in raw["plan"]["procedures"]:
        del p["claimant"]
    assert input_from_dict(raw).plan.procedures[0].claimant is None


def test_the_file_of_an_sqlite_url() -> None:
    assert sqlite_file("sqlite:////var/lib/kakanai/k.sqlite3") == Path("/var/lib/kakanai/k.sqlite3")
    assert sqlite_file("sqlite+pysqlite:///rel/k.sqlite3") == Path("rel/k.sqlite3")
    assert [sqlite_file(u) for u in ("sqlite://", "sqlite:///:memory:", "postgresql://h/db", "nonsense")] == [
        None, None, None, None]


def test_statistics_of_a_database_not_made_yet_say_so(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    with pytest.raises(StatisticsUnavailable, match=re.escape(f"受付の記録（データベース）がまだありません（{missing}）")):
        load_statistics(f"sqlite:///{missing}", None, None)
    assert not missing.exists()  # looking did not create it


def test_a_home_folder_url_opens_the_file_the_statistics_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sqlite3 does not expand "~": the records went to a folder named "~" under the working directory
    while the statistics looked in the home folder."""
    from sqlalchemy import text

    from kakanai.store.engine import make_engine

    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    url = "sqlite:///~/kakanai/k.sqlite3"
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("create table t (x int)"))
    engine.dispose()
    assert sqlite_file(url) == home / "kakanai" / "k.sqlite3"
    assert (home / "kakanai" / "k.sqlite3").is_file() and list(work.iterdir()) == []
