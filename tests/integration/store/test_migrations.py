"""The migrations build exactly the schema the code declares, from an empty database, on both backends."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

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


def test_migrations_ship_inside_the_package() -> None:
    assert (migrate.MIGRATIONS_DIR / "env.py").is_file()
    assert list((migrate.MIGRATIONS_DIR / "versions").glob("0001_*.py"))
