"""Alembic environment: the engine comes from kakanai.store.migrate through config.attributes."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, text

from kakanai.store.migrate import MIGRATION_LOCK
from kakanai.store.schema import metadata

config = context.config


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("run the migrations through kakanai.store.migrate (kakanai db upgrade)")
    with engine.connect() as connection:
        # render_as_batch: SQLite cannot ALTER most things; batch mode copies the table instead.
        sqlite = connection.dialect.name == "sqlite"
        # transactional_ddl on SQLite too (it has it; Alembic assumes not): the version is read and every step
        # run inside the one BEGIN IMMEDIATE transaction (kakanai.store.engine), so counters upgrading one file
        # at once queue there. Without it the version was read before the lock, and a second counter re-ran
        # the first migration after the first one committed (「duplicate column name」).
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=sqlite,
                          transactional_ddl=True if sqlite else None)
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Counters upgrading one shared database at once: the first migrates, the others wait here
                # and then read its version (SQLite's BEGIN IMMEDIATE already queues them).
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            context.run_migrations()
        connection.commit()


run_migrations_online()
