"""Initial schema: receptions and their parts, number counters, the audit chain, staff.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 09:23:54.984889
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("office", sa.String(length=40), nullable=False),
        sa.Column("staff", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("reception_id", sa.String(length=36), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_reception_id"), ["reception_id"], unique=False)

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "reception_number_counters",
        sa.Column("office", sa.String(length=40), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("office", "business_day", name=op.f("pk_reception_number_counters")),
    )
    op.create_table(
        "receptions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office", sa.String(length=40), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(length=40), nullable=False),
        sa.Column("staff", sa.String(length=80), nullable=False),
        sa.Column("event", sa.String(length=30), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=True),
        sa.Column("rules_version", sa.String(length=80), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("subject", sa.JSON(), nullable=True),
        sa.Column("applicant", sa.String(length=20), nullable=True),
        sa.Column("household_address", sa.Text(), nullable=True),
        sa.Column("previous_address", sa.Text(), nullable=True),
        sa.Column("household_facts", sa.JSON(), nullable=True),
        sa.Column("form_inputs", sa.JSON(), nullable=True),
        sa.Column("purged_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receptions")),
        sa.UniqueConstraint("office", "business_day", "number", name="uq_receptions_office_day_number"),
    )
    with op.batch_alter_table("receptions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receptions_business_day"), ["business_day"], unique=False)
        batch_op.create_index(batch_op.f("ix_receptions_finished_at"), ["finished_at"], unique=False)

    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("office", sa.String(length=40), nullable=False),
        sa.Column("login", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("office", "login", name="uq_staff_office_login"),
    )
    op.create_table(
        "reception_documents",
        sa.Column("reception_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(length=80), nullable=False),
        sa.Column("person", sa.String(length=20), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reception_id"],
            ["receptions.id"],
            name=op.f("fk_reception_documents_reception_id_receptions"),
            ondelete="CASCADE",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("reception_id", "position", name=op.f("pk_reception_documents")),
    )
    op.create_table(
        "reception_errors",
        sa.Column("reception_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reception_id"],
            ["receptions.id"],
            name=op.f("fk_reception_errors_reception_id_receptions"),
            ondelete="CASCADE",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("reception_id", "position", name=op.f("pk_reception_errors")),
    )
    op.create_table(
        "reception_members",
        sa.Column("reception_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=20), nullable=False),
        sa.Column("sex", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("name_kana", sa.Text(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("facts", sa.JSON(), nullable=True),
        sa.Column("form_inputs", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reception_id"],
            ["receptions.id"],
            name=op.f("fk_reception_members_reception_id_receptions"),
            ondelete="CASCADE",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("reception_id", "position", name=op.f("pk_reception_members")),
    )
    op.create_table(
        "reception_overrides",
        sa.Column("reception_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("procedure", sa.String(length=80), nullable=False),
        sa.Column("person", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reception_id"],
            ["receptions.id"],
            name=op.f("fk_reception_overrides_reception_id_receptions"),
            ondelete="CASCADE",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("reception_id", "position", name=op.f("pk_reception_overrides")),
    )
    op.create_table(
        "reception_procedures",
        sa.Column("reception_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("procedure", sa.String(length=80), nullable=False),
        sa.Column("person", sa.String(length=20), nullable=True),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("department", sa.String(length=80), nullable=False),
        sa.Column("added_by_clerk", sa.Boolean(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reception_id"],
            ["receptions.id"],
            name=op.f("fk_reception_procedures_reception_id_receptions"),
            ondelete="CASCADE",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("reception_id", "position", name=op.f("pk_reception_procedures")),
    )
    op.create_table(
        "reception_steps",
        sa.Column("reception_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=40), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reception_id"],
            ["receptions.id"],
            name=op.f("fk_reception_steps_reception_id_receptions"),
            ondelete="CASCADE",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("reception_id", "position", name=op.f("pk_reception_steps")),
    )
    # The chain's genesis: appending always UPDATEs this row, so no two counters race to create it.
    audit_head = sa.table("audit_head", sa.column("id", sa.Integer), sa.column("last_seq", sa.Integer),
                          sa.column("last_hash", sa.String))
    op.bulk_insert(audit_head, [{"id": 1, "last_seq": 0, "last_hash": "0" * 64}])


def downgrade() -> None:
    op.drop_table("reception_steps")
    op.drop_table("reception_procedures")
    op.drop_table("reception_overrides")
    op.drop_table("reception_members")
    op.drop_table("reception_errors")
    op.drop_table("reception_documents")
    op.drop_table("staff")
    with op.batch_alter_table("receptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receptions_finished_at"))
        batch_op.drop_index(batch_op.f("ix_receptions_business_day"))

    op.drop_table("receptions")
    op.drop_table("reception_number_counters")
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_reception_id"))

    op.drop_table("audit_events")

