"""The migrations build exactly the schema the code declares, from an empty database, on both backends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from tests.unit.store.support import make_input

from kakanai.store import NotMigrated, ReceptionStore, migrate
from kakanai.store.engine import make_engine
from kakanai.store.schema import metadata


def test_upgrade_from_empty_matches_metadata(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.is_current(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
            assert diff == []
            assert conn.execute(sa.text("SELECT last_seq FROM audit_head WHERE id = 1")).scalar_one() == 0
        migrate.downgrade(engine, "base")
        assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(engine)  # and up again: the downgrade left nothing behind
        assert migrate.is_current(engine)
    finally:
        engine.dispose()


def test_shared_database_is_not_migrated_behind_the_administrators_back(db_url: str) -> None:
    with pytest.raises(NotMigrated, match="kakanai db upgrade"):
        ReceptionStore.open(db_url, upgrade=False)
    opened = ReceptionStore.open(db_url, upgrade=True)
    assert opened.revision() == ReceptionStore.head_revision()
    opened.close()


def test_counters_upgrading_one_database_at_once_all_succeed(db_url: str) -> None:
    """An installer runs `kakanai db upgrade` on every counter PC at the same moment: one migrates, the
    others wait and find it current (on PostgreSQL the others failed with 「duplicate key value violates
    unique constraint」, exit 3; SQLite's BEGIN IMMEDIATE already queues them). Processes, as in real life:
    Alembic itself is not thread-safe."""
    command = [sys.executable, "-m", "kakanai.cli.main", "db", "upgrade", "--db", db_url]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(run.wait(120), run.stderr.read()) for run in runs if run.stderr is not None]
    assert results == [(0, "")] * 4
    store = ReceptionStore.open(db_url, upgrade=False)
    try:
        assert store.revision() == migrate.HEAD_REVISION and store.verify_audit().ok
    finally:
        store.close()


def test_migrations_ship_inside_the_package() -> None:
    assert (migrate.MIGRATIONS_DIR / "env.py").is_file()
    assert list((migrate.MIGRATIONS_DIR / "versions").glob("0001_*.py"))
    assert list((migrate.MIGRATIONS_DIR / "versions").glob("0002_*.py"))
    assert list((migrate.MIGRATIONS_DIR / "versions").glob("0003_*.py"))
    assert list((migrate.MIGRATIONS_DIR / "versions").glob("0004_*.py"))
    assert migrate.head_revision() == migrate.HEAD_REVISION == "0004"  # the start-up check's constant


def _columns(engine: sa.Engine, table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(engine).get_columns(table)}


def test_a_database_at_0001_upgrades_to_0002_and_keeps_its_receptions(db_url: str) -> None:
    """A counter database of the first release: its receptions and their parts survive 0002 both ways
    (on SQLite a table copy of receptions would cascade-delete every part row)."""
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine)
        store = ReceptionStore(engine)
        recorded = store.record(make_input())
        before = store.load_reception(recorded.id)
        assert before is not None and before.continues is None and before.reception is not None

        migrate.downgrade(engine, "0001")
        assert migrate.current_revision(engine) == "0001" and "continues" not in _columns(engine, "receptions")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM reception_members")).scalar_one() == 4

        migrate.upgrade(engine, "0002")
        assert migrate.current_revision(engine) == "0002" and "continues" in _columns(engine, "receptions")
        migrate.upgrade(engine)
        assert store.load_reception(recorded.id) == before
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert store.record(make_input(continues=recorded.id)).number == 2
        assert store.verify_audit().ok
    finally:
        engine.dispose()


def test_open_upgrades_an_embedded_database_at_0001(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    opened = ReceptionStore.open(url)  # the embedded database migrates itself (zero set-up)
    assert opened.revision() == "0004"
    opened.close()


def test_0002_to_0003_seals_the_receptions_already_recorded_and_keeps_them(db_url: str) -> None:
    """A database of the previous release: its receptions get a seal and a `reception_sealed` digest in
    the audit chain (so verify covers them), keep their parts both ways, and a tampered one is caught."""
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine)
        old = ReceptionStore(engine)
        first, second = old.record(make_input()), old.record(make_input())
        # Down to 0002: the rows lose the sealed columns, so the digests their reception_recorded events
        # carry no longer match anything — as for receptions written before 0003. Only the migration's
        # reception_sealed events can make verify pass again.
        migrate.downgrade(engine, "0002")
        assert {"external_ref", "content_sha256", "seal"}.isdisjoint(_columns(engine, "receptions"))
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM reception_procedures")).scalar_one() == \
                2 * len(make_input().plan.procedures)
        migrate.upgrade(engine, "0003")
        assert migrate.current_revision(engine) == "0003"
        migrate.upgrade(engine)
        assert "seal" in _columns(engine, "receptions")
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
            sealed = conn.execute(sa.text("SELECT reception_id, staff FROM audit_events WHERE action = "
                                          "'reception_sealed' ORDER BY seq")).all()
            seals = conn.execute(sa.text("SELECT count(*) FROM receptions WHERE seal IS NOT NULL")).scalar_one()
        assert [tuple(r) for r in sealed] == [(rid, "system:migration-0003")
                                            for rid in sorted([first.id, second.id])]
        assert seals == 2
        report = old.verify_audit()
        assert report.ok, report.problems
        loaded = old.load_reception(first.id)
        assert loaded is not None and loaded.reception is not None and loaded.number == 1
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE reception_procedures SET mode = 'done' WHERE reception_id = :r "
                                 "AND position = 0"), {"r": second.id})
        assert [(p.kind, p.reception_id) for p in old.verify_audit().problems] == [
            ("reception_edited", second.id)]
    finally:
        engine.dispose()


def test_0003_to_0004_adds_the_identity_document_and_keeps_the_receptions(db_url: str) -> None:
    """本人確認 (issue 17): the kind of document shown is recorded; a database of the previous release
    keeps its receptions both ways (NULL: not recorded then), and the audit chain still verifies."""
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine)
        store = ReceptionStore(engine)
        shown = store.record(make_input(identity_document="drivers_license"))
        loaded = store.load_reception(shown.id)
        assert loaded is not None and loaded.identity_document == "drivers_license"

        migrate.downgrade(engine, "0003")
        assert migrate.current_revision(engine) == "0003"
        assert "identity_document" not in _columns(engine, "receptions")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM reception_members")).scalar_one() == 4
        migrate.upgrade(engine)
        again = store.load_reception(shown.id)
        assert again is not None and again.identity_document is None and again.reception == loaded.reception
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        card = store.record(make_input(identity_document="mynumber_card"))
        assert store.load_reception(card.id).identity_document == "mynumber_card"  # type: ignore[union-attr]
        assert store.verify_audit().ok
    finally:
        engine.dispose()
