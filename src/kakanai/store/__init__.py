"""kakanai.store: receptions, the audit trail, retention, statistics and staff, on SQLite or PostgreSQL.

The only importer of SQLAlchemy and Alembic (see docs/records.md); everything it returns is a frozen
dataclass built from kakanai.model.
"""

from kakanai.store.engine import ENV_URL, StoreConfigError, default_url, describe_url, user_data_dir
from kakanai.store.retention import DEFAULT_RETENTION_DAYS
from kakanai.store.spool import LinkStatus, Spool, SpoolingStore
from kakanai.store.staff import StaffError, check_password, hash_password
from kakanai.store.stats import Count, Duration, OverrideCount, ReceptionStats, StatsRows, summarize
from kakanai.store.store import NotMigrated, ReceptionStore, StoreError, StoreUnavailable
from kakanai.store.types import (
    DEFAULT_OFFICE,
    AuditEvent,
    AuditProblem,
    AuditReport,
    PrintedDocument,
    PurgeResult,
    RecordInput,
    RecordResult,
    Role,
    ShownError,
    StaffMember,
    StepTiming,
    StoredOverride,
    StoredProcedure,
    StoredReception,
    new_reception_id,
    utcnow,
)

__all__ = [
    "DEFAULT_OFFICE", "DEFAULT_RETENTION_DAYS", "ENV_URL", "AuditEvent", "AuditProblem", "AuditReport", "Count",
    "Duration", "LinkStatus", "NotMigrated", "OverrideCount", "PrintedDocument", "PurgeResult", "ReceptionStats",
    "ReceptionStore", "RecordInput", "RecordResult", "Role", "ShownError", "Spool", "SpoolingStore",
    "StaffError", "StaffMember", "StatsRows", "StepTiming", "StoreConfigError", "StoreError", "StoreUnavailable",
    "StoredOverride", "StoredProcedure", "StoredReception", "check_password", "default_url", "describe_url",
    "hash_password", "new_reception_id", "summarize", "user_data_dir", "utcnow",
]
