"""The tables (SQLAlchemy Core). The Alembic migrations create exactly these; a test compares them.

Personal fields are nullable: retention (`purge`) sets them to NULL and keeps the rest of the row, so
plans, timings and the audit survive de-identified. Timestamps are naive UTC: SQLite has no time zone
type, and one convention for both databases keeps comparisons and statistics identical.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints, so that migrations and `compare_metadata` agree on both databases.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

ID = String(36)
EXTERNAL_REF_MAX = 120
IDENTITY_DOCUMENT_MAX = 30  # a UUID in text form: the id printed on the guidance sheet's QR
# The parts' foreign keys are checked at commit (DEFERRED): a reception's parts are written before the
# reception row itself, so the per-office number lock is held for the last few statements only.

receptions = Table(
    "receptions", metadata,
    Column("id", ID, primary_key=True),
    Column("office", String(40), nullable=False),
    Column("business_day", Date, nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("counter", String(40), nullable=False),
    Column("staff", String(80), nullable=False),
    Column("event", String(30), nullable=False),
    Column("event_date", Date, nullable=False),
    Column("visit_date", Date, nullable=True),
    Column("rules_version", String(80), nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime, nullable=False, index=True),
    Column("recorded_at", DateTime, nullable=False),
    Column("seconds", Float, nullable=False),
    Column("subject", JSON, nullable=True),
    Column("applicant", String(20), nullable=True),
    # personal (purgeable)
    Column("household_address", Text, nullable=True),
    Column("previous_address", Text, nullable=True),
    Column("household_facts", JSON, nullable=True),
    Column("form_inputs", JSON, nullable=True),
    Column("purged_at", DateTime, nullable=True),
    # The reception this one continues (migration 0002). Not a foreign key on purpose: the earlier
    # reception may be deleted by retention, or still wait in another counter's spool.
    Column("continues", ID, nullable=True, index=True),
    # Migration 0003. The id a client supplied (the reception JSON's "id"): the record's id is always
    # made by kakanai, and a second, different reception under the same reference is refused.
    Column("external_ref", String(EXTERNAL_REF_MAX), nullable=True, index=True, unique=True),
    # SHA-256 of the reception as sent (model JSON): a repeated delivery under one external reference is
    # recognised as the same reception. Derived from personal data: purgeable.
    Column("content_sha256", String(64), nullable=True),
    # Random salt of the audit digest (kakanai.store.sealing): purged, so the chain's earlier digest
    # reveals nothing of the purged personal data.
    Column("seal", String(32), nullable=True),
    # Migration 0004. 本人確認: the kind of identity document shown (issue 17), never its number.
    Column("identity_document", String(IDENTITY_DOCUMENT_MAX), nullable=True),
    UniqueConstraint("office", "business_day", "number", name="uq_receptions_office_day_number"),
)

members = Table(
    "reception_members", metadata,
    Column("reception_id", ID, ForeignKey("receptions.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("member_id", String(20), nullable=False),
    Column("sex", String(20), nullable=False),
    # personal (purgeable)
    Column("name", Text, nullable=True),
    Column("name_kana", Text, nullable=True),
    Column("birth_date", Date, nullable=True),
    Column("address", Text, nullable=True),
    Column("facts", JSON, nullable=True),
    Column("form_inputs", JSON, nullable=True),
)

procedures = Table(
    "reception_procedures", metadata,
    Column("reception_id", ID, ForeignKey("receptions.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("procedure", String(80), nullable=False),
    Column("person", String(20), nullable=True),
    Column("mode", String(20), nullable=False),
    Column("department", String(80), nullable=False),
    Column("added_by_clerk", Boolean, nullable=False),
    Column("detail", JSON, nullable=False),  # title, counter, deadline, forms… (no personal data)
    Column("reason", Text, nullable=True),  # names the residents ("太郎さん（40歳）"): purgeable
)

overrides = Table(
    "reception_overrides", metadata,
    Column("reception_id", ID, ForeignKey("receptions.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("action", String(10), nullable=False),
    Column("procedure", String(80), nullable=False),
    Column("person", String(20), nullable=True),
    Column("reason", Text, nullable=True),  # the clerk's own words: purgeable
)

documents = Table(
    "reception_documents", metadata,
    Column("reception_id", ID, ForeignKey("receptions.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("form_id", String(80), nullable=False),
    Column("person", String(20), nullable=True),
    Column("content_hash", String(64), nullable=False),
    Column("printed_at", DateTime, nullable=False),
)

steps = Table(
    "reception_steps", metadata,
    Column("reception_id", ID, ForeignKey("receptions.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("step", String(40), nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("seconds", Float, nullable=False),
)

errors = Table(
    "reception_errors", metadata,
    Column("reception_id", ID, ForeignKey("receptions.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("code", String(60), nullable=False),
    Column("message", Text, nullable=True),  # may quote a name's character: purgeable
)

# One row per (office, day): the last reception number handed out. Locked by the UPDATE that bumps it,
# so concurrent counters queue on it; the unique constraint on receptions is the backstop.
number_counters = Table(
    "reception_number_counters", metadata,
    Column("office", String(40), primary_key=True),
    Column("business_day", Date, primary_key=True),
    Column("last_number", Integer, nullable=False),
)

audit_events = Table(
    "audit_events", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # assigned from audit_head, no gaps
    Column("at", DateTime, nullable=False),
    Column("office", String(40), nullable=False),
    Column("staff", String(80), nullable=False),
    Column("action", String(40), nullable=False),
    Column("reception_id", ID, nullable=True, index=True),
    Column("detail", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The chain's head (a single row, id 1): appending locks it, which serializes the chain across counters
# and lets `verify` notice entries deleted from the end.
audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last_seq", Integer, nullable=False),
    Column("last_hash", String(64), nullable=False),
)

staff = Table(
    "staff", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("office", String(40), nullable=False),
    Column("login", String(80), nullable=False),
    Column("display_name", String(80), nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(300), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("office", "login", name="uq_staff_office_login"),
)
