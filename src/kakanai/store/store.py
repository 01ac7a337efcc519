"""The store's front door: `ReceptionStore` over one database (SQLite or PostgreSQL).

Every method runs its own transaction and returns frozen dataclasses. A database that cannot be reached
raises StoreUnavailable (the spool takes over); lock conflicts between counters are retried here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from kakanai.oserror_text import db_reason
from kakanai.store import audit, migrate, reading, retention, stats, verifying, writing
from kakanai.store import staff as staff_ops
from kakanai.store.engine import describe_url, is_sqlite, make_engine, resolve_url, sqlite_file
from kakanai.store.errors import NotMigrated, StoreDataError, StoreError, StoreUnavailable
from kakanai.store.schema import receptions
from kakanai.store.stats import Duration, ReceptionStats
from kakanai.store.types import (
    AuditEvent,
    AuditReport,
    PurgeResult,
    RecordInput,
    RecordResult,
    Role,
    StaffMember,
    StoredReception,
)

T = TypeVar("T")
RETRIES = 8
# PostgreSQL: deadlock, serialization failure. SQLite: "database is locked" past the busy timeout.
_TRANSIENT_PGCODES = {"40P01", "40001"}
_INSUFFICIENT_PRIVILEGE = "42501"


def _transient(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in _TRANSIENT_PGCODES or "database is locked" in str(exc.orig)


class ReceptionStore:
    def __init__(self, engine: Engine, url: str | None = None) -> None:
        """`url` as the user gave it (the engine's may differ: a read-only file is opened by a `file:` URI)."""
        self.engine = engine
        self.url = url or engine.url.render_as_string(hide_password=False)

    @classmethod
    def open(cls, url: str | None = None, *, upgrade: bool | None = None) -> ReceptionStore:
        """Open a database. upgrade=None migrates the embedded SQLite automatically (zero set-up) and
        asks for `kakanai db upgrade` on a shared server, where an administrator decides when."""
        resolved = resolve_url(url)
        store = cls(make_engine(resolved), resolved)
        auto = is_sqlite(resolved) if upgrade is None else upgrade
        try:
            store.ensure_schema(upgrade=auto)
        except StoreError:
            store.close()
            raise
        return store

    @classmethod
    def connect(cls, url: str | None = None) -> ReceptionStore:
        """Without checking the schema (`kakanai db current`)."""
        resolved = resolve_url(url)
        return cls(make_engine(resolved), resolved)

    def revision(self) -> str | None:
        return self._guard(lambda: migrate.current_revision(self.engine))

    @staticmethod
    def head_revision() -> str:
        return migrate.head_revision()

    @property
    def description(self) -> str:
        return describe_url(self.url)

    def ensure_schema(self, *, upgrade: bool) -> None:
        def check() -> None:
            current = migrate.current_revision(self.engine)
            if current == migrate.HEAD_REVISION:
                return
            if current is not None and current not in migrate.known_revisions():
                raise NotMigrated(f"データベースの構成の版 {current} をこのプログラムは知りません（より新しい kakanai で"
                                  f"作られたか、書き換えられています）。管理者に連絡してください（{self.description}）")
            if not upgrade:
                raise NotMigrated(f"データベースの構成が古いか空です。`kakanai db upgrade --db ...` を実行してください"
                                  f"（{self.description}）")
            try:
                migrate.upgrade(self.engine)
            except DBAPIError as exc:
                if exc.connection_invalidated:
                    raise
                # The database answered (the version was just read): the migration itself failed, e.g. a
                # version row that does not match the tables. Not "unreachable": an administrator must look.
                raise NotMigrated(f"データベースの構成を版 {current or '（空）'} から更新できません（{self.description}）: "
                                  f"{db_reason(exc)}") from exc

        self._guard(check)

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions ----------------------------------------------------------------------------------
    def _guard(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except StoreError:
            raise
        except DBAPIError as exc:
            raise self._store_error(exc) from exc

    def _store_error(self, exc: DBAPIError) -> StoreError:
        """A driver's failure as one Japanese line; an SQLite file's own problems name the file."""
        path = sqlite_file(self.url)
        if path is not None:
            if "readonly database" in str(exc.orig):  # the file or its folder cannot be written
                return StoreUnavailable(f"データベースに書き込めません（{path}: ファイルかフォルダが読み取り専用です）。"
                                        "書き込める場所のデータベースを指定してください")
            if "file is not a database" in str(exc.orig):  # --db pointing at a CSV, a PDF, a damaged file
                return StoreError(f"{path} はデータベースのファイルではありません（SQLite の形式でないか、壊れています）。"
                                  "データベースの指定を確かめてください")
            if path.is_dir():
                return StoreUnavailable(f"{path} はフォルダです。データベースのファイル（例: {path / 'kakanai.sqlite3'}）を"
                                        "指定してください")
        if getattr(exc.orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:  # e.g. an auditor's SELECT-only role
            return StoreError(f"このデータベースの利用者（{self.engine.url.username}）には、この操作の権限がありません"
                              f"（{self.description}）。記録には書き込みの権限のある利用者で接続してください")
        if isinstance(exc, OperationalError):
            return StoreUnavailable(f"データベースに接続できません（{self.description}）: {db_reason(exc)}")
        if exc.connection_invalidated:
            return StoreUnavailable(f"データベースとの接続が切れました（{self.description}）")
        return StoreError(f"データベースの誤り: {db_reason(exc)}")

    def _transaction(self, work: Callable[[Connection], T]) -> T:
        def run() -> T:
            for attempt in range(RETRIES):
                try:
                    with self.engine.begin() as conn:
                        return work(conn)
                except IntegrityError:
                    # Two deliveries of one reception id racing, or a counter row created concurrently:
                    # the retry sees the committed row.
                    if attempt == RETRIES - 1:
                        raise
                except DBAPIError as exc:
                    if not _transient(exc) or attempt == RETRIES - 1:
                        raise
                time.sleep(0.01 * (attempt + 1))
            raise AssertionError("unreachable")

        return self._guard(run)

    def _read(self, work: Callable[[Connection], T]) -> T:
        def run() -> T:
            with self.engine.connect() as conn:
                try:
                    return work(conn)
                except (ValueError, TypeError, KeyError) as exc:
                    # A stored value SQLAlchemy cannot convert (a text date, JSON that is not JSON: edited
                    # by hand). One line for the user; `audit verify` lists every such value.
                    raise StoreDataError(f"データベースに正しくない値があります（{type(exc).__name__}: "
                                         f"{str(exc)[:120]}）。kakanai audit verify で確かめてください") from exc

        return self._guard(run)

    # -- receptions ------------------------------------------------------------------------------------
    def record(self, item: RecordInput) -> RecordResult:
        return self._transaction(lambda conn: writing.write(conn, item))

    def load_reception(self, reception_id: str) -> StoredReception | None:
        return self._read(lambda conn: reading.load(conn, reception_id))

    def count_receptions(self, office: str | None = None) -> int:
        query = select(func.count()).select_from(receptions)
        if office is not None:
            query = query.where(receptions.c.office == office)
        return self._read(lambda conn: int(conn.execute(query).scalar_one()))

    def duplicate_numbers(self) -> int:
        """How many (office, day, number) appear more than once; 0 always (the benchmark checks it)."""
        def work(conn: Connection) -> int:
            keys = select(receptions.c.office, receptions.c.business_day, receptions.c.number).group_by(
                receptions.c.office, receptions.c.business_day, receptions.c.number).having(func.count() > 1)
            return int(conn.execute(select(func.count()).select_from(keys.subquery())).scalar_one())

        return self._read(work)

    # -- retention, statistics, audit ------------------------------------------------------------------
    def purge(self, *, older_than_days: int = retention.DEFAULT_RETENTION_DAYS, office: str = "main",
              staff: str = "system", today: date | None = None) -> PurgeResult:
        """Personal fields of the receptions of business days before `today` − `older_than_days` (today:
        the local date); see kakanai.store.retention for how the days are counted."""
        return self._transaction(lambda conn: retention.purge(conn, older_than_days=older_than_days,
                                                              office=office, staff=staff, today=today))

    def stats(self, date_from: date | None = None, date_to: date | None = None,
              office: str | None = None) -> stats.ReceptionStats:
        rows = self._read(lambda conn: stats.collect(conn, date_from, date_to, office))
        return stats.summarize(rows, date_from, date_to)

    def statistics(self, date_from: date | None = None, date_to: date | None = None,
                   office: str | None = None) -> tuple[ReceptionStats, tuple[Duration, ...]]:
        """The statistics view's data in one read: the summary and the handling time per life event.
        Reads ids, codes and durations only (never a personal field)."""
        rows = self._read(lambda conn: stats.collect(conn, date_from, date_to, office))
        return stats.summarize(rows, date_from, date_to), stats.handling_by_event(rows)

    def verify_audit(self) -> AuditReport:
        """Every problem as an entry of the report (never raises on malformed rows; see verifying)."""
        return self._read(verifying.verify)

    def record_admin_change(self, *, office: str, staff: str, action: str, detail: dict[str, Any]) -> None:
        """An administrator's change outside any reception (e.g. the municipality parameters saved), in
        the same hash chain. `detail` holds ids and hashes only, never personal data."""
        self._transaction(lambda conn: audit.append(conn, office=office, staff=staff,
                                                    events=[audit.NewEvent(action, detail)]))

    def audit_events(self, reception_id: str) -> tuple[AuditEvent, ...]:
        return self._read(lambda conn: audit.events_for(conn, reception_id))

    # -- staff -----------------------------------------------------------------------------------------
    def add_staff(self, *, office: str, login: str, display_name: str, role: Role, password: str,
                  by: str) -> StaffMember:
        return self._transaction(lambda conn: staff_ops.add(conn, office=office, login=login,
                                                            display_name=display_name, role=role,
                                                            password=password, by=by))

    def list_staff(self, office: str | None = None) -> tuple[StaffMember, ...]:
        return self._read(lambda conn: staff_ops.list_staff(conn, office))

    def sign_in(self, *, office: str, login: str, password: str) -> StaffMember | None:
        return self._transaction(lambda conn: staff_ops.sign_in(conn, office=office, login=login,
                                                                password=password))
