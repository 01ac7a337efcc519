"""receptions.continues: the reception a record goes on from (「前の受付」, scanned from the guidance sheet).

A plain indexed column, not a foreign key: the earlier reception may be deleted by retention, or still wait
in another counter's spool when this one is delivered.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # recreate="never": ADD COLUMN and CREATE INDEX need no table copy on SQLite, and copying receptions
    # would drop and recreate the parent of every ON DELETE CASCADE part.
    with op.batch_alter_table("receptions", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("continues", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_receptions_continues"), ["continues"], unique=False)


def downgrade() -> None:
    # recreate="never" again: SQLite >= 3.35 drops a column in place. A batch copy would DROP TABLE
    # receptions, whose implicit DELETE cascades to every part row while foreign keys are on.
    with op.batch_alter_table("receptions", schema=None, recreate="never") as batch_op:
        batch_op.drop_index(batch_op.f("ix_receptions_continues"))
        batch_op.drop_column("continues")
