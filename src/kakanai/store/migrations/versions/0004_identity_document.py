"""receptions.identity_document: 本人確認, which identity document the resident showed (issue 17).

The kind only (マイナンバーカード, 運転免許証, パスポート, 在留カード, その他), never a document number:
not personal, so retention keeps it. Receptions recorded before this revision have none (NULL).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # recreate="never" as in 0002: a table copy of receptions would cascade-delete its parts on SQLite.
    with op.batch_alter_table("receptions", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("identity_document", sa.String(length=30), nullable=True))


def downgrade() -> None:
    # recreate="never" again: SQLite >= 3.35 drops a column in place (a batch copy would cascade).
    with op.batch_alter_table("receptions", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("identity_document")
