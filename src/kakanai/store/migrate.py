"""Alembic, run from the package: the migrations ship inside kakanai.store.migrations, no alembic.ini.

Alembic is imported only to migrate: the counter checks at every start whether its database is current,
and that check reads the version table directly against HEAD_REVISION (a test keeps the constant equal
to the migrations' head), which saves importing Alembic (~0.2 s) on the way to the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from kakanai.store.errors import NotMigrated

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0004"  # the newest file in migrations/versions (tests/integration/store/test_migrations.py)
VERSION_TABLE = "alembic_version"
# The PostgreSQL advisory lock a migration holds for its transaction (env.py): any fixed 64-bit number no
# other program on the server uses; this one is the first 8 bytes of SHA-256("kakanai.store.migrate").
MIGRATION_LOCK = 0x7B8F_3A1B_A760_087C


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(r.revision for r in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions())


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    assert head is not None, "the migrations directory has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    # One row on a linear history; Alembic leaves the table empty after a downgrade to base.
    return str(rows[0]) if len(rows) == 1 else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command
    from alembic.util import CommandError

    try:
        command.upgrade(alembic_config(engine), revision)
    except CommandError as exc:
        # An unknown version row (a newer kakanai, or an edit): Alembic cannot place it in the history.
        raise NotMigrated(f"データベースの構成を更新できません（{exc}）") from None


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == HEAD_REVISION
