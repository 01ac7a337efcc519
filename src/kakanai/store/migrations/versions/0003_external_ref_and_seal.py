"""receptions.external_ref, content_sha256, seal; the existing receptions sealed into the audit chain.

external_ref keeps the id a client supplied (the record's id is always made by kakanai), unique;
content_sha256 recognises a repeated delivery of the same reception; seal salts the reception's audit
digest (kakanai.store.sealing). The receptions recorded before this revision get a seal and one
`reception_sealed` audit event each, carrying their digest, so `kakanai audit verify` covers them too.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MIGRATION_STAFF = "system:migration-0003"


def upgrade() -> None:
    # recreate="never" as in 0002: a table copy of receptions would cascade-delete its parts on SQLite.
    with op.batch_alter_table("receptions", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("external_ref", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("content_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("seal", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_receptions_external_ref"), ["external_ref"], unique=True)
    _seal_existing(op.get_bind())


def _seal_existing(conn: sa.Connection) -> None:
    from kakanai.store import audit, sealing

    receptions = sa.table("receptions", sa.column("id"), sa.column("office"), sa.column("seal"),
                          sa.column("purged_at"))
    rows = conn.execute(sa.select(receptions.c.id, receptions.c.office, receptions.c.purged_at)
                        .order_by(receptions.c.id)).all()
    for row in rows:
        if row.purged_at is None:  # a purged row holds no personal data: nothing to salt
            conn.execute(sa.update(receptions).where(receptions.c.id == row.id).values(seal=sealing.new_seal()))
    ids = [str(r.id) for r in rows]
    found = sealing.digests(conn, ids)
    for row in rows:
        audit.append(conn, office=str(row.office), staff=MIGRATION_STAFF, events=[audit.NewEvent(
            "reception_sealed", {"digest": found[str(row.id)]}, str(row.id))])


def downgrade() -> None:
    # The reception_sealed events stay: the audit chain is append-only (an upgrade seals again).
    with op.batch_alter_table("receptions", schema=None, recreate="never") as batch_op:
        batch_op.drop_index(batch_op.f("ix_receptions_external_ref"))
        batch_op.drop_column("seal")
        batch_op.drop_column("content_sha256")
        batch_op.drop_column("external_ref")
