"""Alembic environment: the engine comes from kakanai.store.migrate through config.attributes."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from kakanai.store.schema import metadata

config = context.config


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("run the migrations through kakanai.store.migrate (kakanai db upgrade)")
    with engine.connect() as connection:
        # render_as_batch: SQLite cannot ALTER most things; batch mode copies the table instead.
        context.configure(connection=connection, target_metadata=metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
