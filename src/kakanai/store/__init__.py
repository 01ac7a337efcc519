"""kakanai.store: receptions, the audit trail, retention, statistics and staff, on SQLite or PostgreSQL.

The only importer of SQLAlchemy and Alembic (see docs/records.md); everything it returns is a frozen
dataclass built from kakanai.model.
"""

from kakanai.store.engine import (
    ENV_URL,
    StoreConfigError,
    default_url,
    describe_url,
    is_memory_url,
    user_data_dir,
)
from kakanai.store.errors import (
    ExternalRefConflict,
    NotMigrated,
    RetentionError,
    SpoolUnavailable,
    StoreDataError,
    StoreError,
    StoreUnavailable,
)
from kakanai.store.retention import DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, check_days
from kakanai.store.spool import LinkStatus, Spool, SpoolingStore
from kakanai.store.staff import StaffError, check_label, check_password, hash_password
from kakanai.store.stats import Count, Duration, OverrideCount, ReceptionStats, StatsRows, summarize
from kakanai.store.store import ReceptionStore
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
    "DEFAULT_OFFICE", "DEFAULT_RETENTION_DAYS", "ENV_URL", "MAX_RETENTION_DAYS", "AuditEvent", "AuditProblem",
    "AuditReport", "Count", "Duration", "ExternalRefConflict", "LinkStatus", "NotMigrated", "OverrideCount",
    "PrintedDocument", "PurgeResult", "ReceptionStats", "ReceptionStore", "RecordInput", "RecordResult",
    "RetentionError", "Role", "ShownError", "Spool", "SpoolUnavailable", "SpoolingStore", "StaffError",
    "StaffMember", "StatsRows", "StepTiming", "StoreConfigError", "StoreDataError", "StoreError",
    "StoreUnavailable", "StoredOverride", "StoredProcedure", "StoredReception", "check_days", "check_label",
    "check_password", "default_url", "describe_url", "hash_password", "is_memory_url", "new_reception_id",
    "summarize", "user_data_dir", "utcnow",
]
