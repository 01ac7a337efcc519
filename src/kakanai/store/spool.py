"""When the shared database is down the counter goes on: records wait in a local spool and are delivered
in order, exactly once, when it is back.

Every record goes through the spool (append, then deliver), so the order of delivery is the order of
recording even while older records still wait. Exactly once: the reception id is the idempotency key of
`ReceptionStore.record`, so a delivery whose acknowledgement was lost is harmless when repeated, and an
entry leaves the spool only after its delivery committed. The spool is a small SQLite file (stdlib
sqlite3: it must work when nothing else does).

The same file keeps the offline verifier cache: a scrypt hash of the password of each staff member who
signed in at this PC, so a clerk can still sign in while the shared database is down.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from kakanai.oserror_text import db_reason, os_reason
from kakanai.store.codec import input_from_dict, input_to_dict
from kakanai.store.engine import is_sqlite
from kakanai.store.errors import NotMigrated, SpoolUnavailable, StoreError, StoreUnavailable
from kakanai.store.staff import check_password, hash_password
from kakanai.store.store import ReceptionStore
from kakanai.store.types import RecordInput, RecordResult, Role, StaffMember, StoredReception, utcnow

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class LinkStatus:
    """What the UI shows: 接続中 / 切断中 and how many records wait locally."""

    up: bool
    pending: int
    last_error: str | None
    since: datetime
    rejected: int = 0  # records the database refused (kept in the spool file for an administrator)
    spool_error: str | None = None  # the local spool cannot be read (pending is then unknown, 0)

    @property
    def label(self) -> str:
        if self.spool_error:
            return f"データベース: {'接続中' if self.up else '切断中'}　一時保存ファイルの誤り（管理者へ）"
        if self.up:
            text = "データベース: 接続中" + (f"（未送信 {self.pending}件）" if self.pending else "")
        else:
            text = f"データベース: 切断中（未送信 {self.pending}件、復旧後に自動送信）"
        return text + (f"　送信できなかった記録 {self.rejected}件（管理者へ）" if self.rejected else "")


# What an sqlite3 error means for the clerk (sqlite_errorname, Python 3.11+). SQLITE_FULL is both a full
# disk (ENOSPC) and a size limit reached.
_SPOOL_ERRORS = {"SQLITE_FULL": "ディスクの空きがありません", "SQLITE_READONLY": "書き込みできません",
                 "SQLITE_CANTOPEN": "開けません", "SQLITE_CORRUPT": "壊れています", "SQLITE_NOTADB": "壊れています",
                 "SQLITE_PERM": "書き込みの権限がありません"}


def _spool_error(path: Path, exc: BaseException) -> SpoolUnavailable:
    name = getattr(exc, "sqlite_errorname", "")
    reason = _SPOOL_ERRORS.get(name) or ("読み書きの誤り" if name.startswith("SQLITE_IOERR") else None)
    if reason is None:
        reason = os_reason(exc, path) if isinstance(exc, OSError) else db_reason(exc)
    return SpoolUnavailable(f"受付を一時保存できません（{path}: {reason}）。受付は画面に残したまま、"
                            "空きを作るか管理者に連絡してから、もう一度記録してください")


class Spool:
    """The local queue. Every method raises SpoolUnavailable (never a raw sqlite3 error) when the file
    cannot be read or written; each change is one statement or one transaction, so a failure leaves
    the file as it was: a record is queued whole or not at all, and what waited before stays."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # One connection shared by the UI thread and the background flush: serialize its use.
        self._mutex = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        except (OSError, sqlite3.Error) as exc:
            raise _spool_error(path, exc) from exc
        self._run(self._create)

    def _create(self) -> None:
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS spool (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                         "reception_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, queued_at TEXT NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS rejected (seq INTEGER PRIMARY KEY, reception_id TEXT NOT NULL, "
                         "body TEXT NOT NULL, queued_at TEXT NOT NULL, error TEXT NOT NULL, rejected_at TEXT NOT NULL)")
        # Never the password itself: a fresh scrypt hash (staff.hash_password) taken at an online sign-in.
        self._db.execute("CREATE TABLE IF NOT EXISTS staff_cache (office TEXT NOT NULL, login TEXT NOT NULL, "
                         "staff_id INTEGER NOT NULL, display_name TEXT NOT NULL, role TEXT NOT NULL, "
                         "password_hash TEXT NOT NULL, cached_at TEXT NOT NULL, PRIMARY KEY (office, login))")

    def _run(self, action: Callable[[], T]) -> T:
        with self._mutex:
            try:
                return action()
            except sqlite3.Error as exc:
                # SQLite may have rolled back already (a full disk aborts the transaction itself), or the
                # connection be closed: either way nothing of the failed change remains.
                with contextlib.suppress(sqlite3.Error):
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                raise _spool_error(self.path, exc) from exc

    def put(self, item: RecordInput) -> None:
        body = json.dumps(input_to_dict(item), ensure_ascii=False)
        # OR IGNORE: recording the same reception twice queues it once. One statement: all or nothing.
        self._run(lambda: self._db.execute(
            "INSERT OR IGNORE INTO spool (reception_id, body, queued_at) VALUES (?, ?, ?)",
            (item.id, body, utcnow().isoformat())))

    def oldest(self) -> tuple[int, RecordInput] | None:
        """The next entry to deliver. One that cannot be read back (edited by hand, or written by a
        version this one cannot read) is set aside like a refused record, so it never blocks the queue."""
        while True:
            row = self._run(lambda: self._db.execute("SELECT seq, body FROM spool ORDER BY seq LIMIT 1").fetchone())
            if row is None:
                return None
            try:
                return int(row[0]), input_from_dict(json.loads(row[1]))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                log.error("unreadable spool entry %s set aside: %r", row[0], exc)
                self.reject(int(row[0]), f"一時保存データを読めません（{type(exc).__name__}: {str(exc)[:120]}）")

    def remove(self, seq: int) -> None:
        self._run(lambda: self._db.execute("DELETE FROM spool WHERE seq = ?", (seq,)))

    def reject(self, seq: int, error: str) -> None:
        """Set aside a record the database refuses, so it does not block every later one (never deleted)."""
        def move() -> None:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT OR REPLACE INTO rejected SELECT seq, reception_id, body, queued_at, ?, ? "
                             "FROM spool WHERE seq = ?", (error, utcnow().isoformat(), seq))
            self._db.execute("DELETE FROM spool WHERE seq = ?", (seq,))
            self._db.execute("COMMIT")

        self._run(move)

    def rejected(self) -> int:
        return int(self._run(lambda: self._db.execute("SELECT count(*) FROM rejected").fetchone()[0]))

    def __len__(self) -> int:
        return int(self._run(lambda: self._db.execute("SELECT count(*) FROM spool").fetchone()[0]))

    # -- offline verifier cache ----------------------------------------------------------------------------
    def remember_staff(self, member: StaffMember, password_hash: str) -> None:
        self._run(lambda: self._db.execute(
            "INSERT OR REPLACE INTO staff_cache VALUES (?, ?, ?, ?, ?, ?, ?)",
            (member.office, member.login, member.id, member.display_name, member.role.value, password_hash,
             utcnow().isoformat())))

    def cached_staff(self, office: str, login: str) -> tuple[StaffMember, str] | None:
        """The cached member and its password hash, or None when this login never signed in here."""
        row = self._run(lambda: self._db.execute(
            "SELECT staff_id, display_name, role, password_hash FROM staff_cache WHERE office = ? AND login = ?",
            (office, login)).fetchone())
        if row is None:
            return None
        return StaffMember(int(row[0]), office, login, str(row[1]), Role(str(row[2])), True), str(row[3])

    def forget_staff(self, office: str, login: str) -> None:
        self._run(lambda: self._db.execute("DELETE FROM staff_cache WHERE office = ? AND login = ?",
                                           (office, login)))

    def close(self) -> None:
        with self._mutex:
            self._db.close()


OFFLINE_UNKNOWN = ("データベースに接続できないため、オフラインでサインインできるのは、このPCで以前に"
                   "サインインしたことのある職員だけです")


class SpoolingStore:
    """The counter's store: a ReceptionStore behind a local spool. `record` never fails because the
    database is down, the counter starts without it, and staff who signed in here before can sign in."""

    def __init__(self, store: ReceptionStore, spool: Spool, *, schema_checked: bool = True) -> None:
        self.store = store
        self.spool = spool
        self._lock = threading.Lock()  # one delivery loop at a time keeps the order
        self._schema_lock = threading.Lock()
        # False when the database was down at start-up: its schema is checked before the first use.
        self._schema_ok = schema_checked
        self._up = True
        self._error: str | None = None
        self._since = utcnow()
        self._refused: dict[str, StoreError] = {}

    @classmethod
    def open(cls, url: str | None, spool_path: Path) -> SpoolingStore:
        """Like ReceptionStore.open, except that a database down at start-up does not stop the counter:
        records wait in the spool and the schema is checked once the database answers. A bad URL or a
        shared server that is not migrated still raise (an administrator must act)."""
        try:
            store, down = ReceptionStore.open(url), None
        except StoreUnavailable as exc:
            store, down = ReceptionStore.connect(url), str(exc)
        try:
            spool = Spool(spool_path)
        except BaseException:
            store.close()
            raise
        counter = cls(store, spool, schema_checked=down is None)
        if down is not None:
            log.warning("database unreachable at start-up, spooling: %s", down)
            counter._set_link(False, down)
        return counter

    def close(self) -> None:
        self.spool.close()
        self.store.close()

    def status(self) -> LinkStatus:
        """Never raises: the status line is drawn on a timer. A spool that cannot be read says so."""
        try:
            return LinkStatus(self._up, len(self.spool), self._error, self._since, self.spool.rejected())
        except SpoolUnavailable as exc:
            return LinkStatus(self._up, 0, self._error, self._since, spool_error=str(exc))

    def _set_link(self, up: bool, error: str | None) -> None:
        if up != self._up:
            self._since = utcnow()
        self._up, self._error = up, error

    def _ensure_schema(self) -> None:
        """The check ReceptionStore.open skipped: the embedded SQLite upgrades itself, a shared server
        raises NotMigrated (the administrator runs `kakanai db upgrade`)."""
        if self._schema_ok:
            return
        with self._schema_lock:
            if not self._schema_ok:
                self.store.ensure_schema(upgrade=is_sqlite(self.store.url))
                self._schema_ok = True

    def _online(self, action: Callable[[], T]) -> T:
        """One call to the database, keeping the link status true to what it answered."""
        try:
            self._ensure_schema()
            result = action()
        except (StoreUnavailable, NotMigrated) as exc:
            self._set_link(False, str(exc))
            raise
        self._set_link(True, None)
        return result

    # -- receptions ----------------------------------------------------------------------------------------
    def record(self, item: RecordInput) -> RecordResult:
        """Queued and delivered, or queued only (stored=False) while the database is down. Raises
        SpoolUnavailable when it can be neither queued nor delivered: nothing was written anywhere, and
        the caller keeps the reception to record it later (the counter keeps it on screen)."""
        try:
            self.spool.put(item)
        except SpoolUnavailable as exc:
            return self._record_unspooled(item, exc)
        delivered = self.flush()
        refused = self._refused.pop(item.id, None)
        if refused is not None:
            raise refused
        return delivered.get(item.id) or RecordResult(item.id, item.office, item.day, None, stored=False)

    def _record_unspooled(self, item: RecordInput, spool_error: SpoolUnavailable) -> RecordResult:
        """The spool cannot take the record (disk full). Straight to the database, if it answers and no
        older record waits in the spool (they go first: order of recording); else the spool's error."""
        with self._lock:
            if len(self.spool):
                raise spool_error
            try:
                return self._online(lambda: self.store.record(item))
            except (StoreUnavailable, NotMigrated) as exc:
                raise SpoolUnavailable(f"{spool_error}（データベースにも記録できません: {exc}）") from exc

    def flush(self) -> dict[str, RecordResult]:
        """Deliver what waits, oldest first; stop at the first failure (order matters)."""
        done: dict[str, RecordResult] = {}
        with self._lock:
            try:
                self._ensure_schema()
            except (StoreUnavailable, NotMigrated) as exc:
                # Not migrated is not the records' fault: they stay queued, never set aside as refused.
                self._set_link(False, str(exc))
                return done
            while (entry := self.spool.oldest()) is not None:
                seq, item = entry
                try:
                    result = self.store.record(item)
                except StoreUnavailable as exc:
                    self._set_link(False, str(exc))
                    break
                except StoreError as exc:
                    # Reached the database and was refused: retrying would block the queue forever.
                    log.error("spooled reception %s refused by the database: %s", item.id, exc)
                    self.spool.reject(seq, str(exc))
                    self._refused[item.id] = exc
                    continue
                done[item.id] = result
                try:
                    self.spool.remove(seq)
                except SpoolUnavailable:
                    # Delivered but still queued: delivered again later, harmlessly (idempotent by id).
                    log.exception("delivered reception %s could not leave the spool", item.id)
                    break
            else:
                self._set_link(True, None)
        return done

    def load_reception(self, reception_id: str) -> StoredReception | None:
        """Raises StoreUnavailable when down: a reception in another counter's spool is not here either."""
        return self._online(lambda: self.store.load_reception(reception_id))

    # -- staff ---------------------------------------------------------------------------------------------
    def sign_in(self, *, office: str, login: str, password: str) -> StaffMember | None:
        """Online when the database answers (and the offline cache is refreshed or dropped to match);
        against the offline cache when it cannot be reached."""
        try:
            member = self._online(lambda: self.store.sign_in(office=office, login=login, password=password))
        except StoreUnavailable as exc:
            return self._sign_in_offline(office, login, password, str(exc))
        if member is None:
            # A changed password or a disabled account must not keep working offline.
            self.spool.forget_staff(office, login)
        else:
            self.spool.remember_staff(member, hash_password(password))  # a fresh salt, never the password
        return member

    def _sign_in_offline(self, office: str, login: str, password: str, error: str) -> StaffMember | None:
        cached = self.spool.cached_staff(office, login)
        if cached is None:
            raise StoreUnavailable(f"{OFFLINE_UNKNOWN}（{error}）")
        member, password_hash = cached
        ok = check_password(password, password_hash)
        # No audit entry is possible while the database is down: the log keeps the trace.
        log.info("offline sign-in of %s/%s: %s", office, login, "ok" if ok else "refused")
        return member if ok else None

    def has_staff(self, office: str | None = None) -> bool:
        """False only when the database answers and has no active staff member (the first-run screen
        that creates the administrator); True while it cannot be asked."""
        try:
            members = self._online(lambda: self.store.list_staff(office))
        except (StoreUnavailable, NotMigrated):
            return True
        return any(m.active for m in members)

    def add_staff(self, *, office: str, login: str, display_name: str, role: Role, password: str,
                  by: str | None = None) -> StaffMember:
        """by=None: the member registers themselves (the first administrator of a fresh database)."""
        return self._online(lambda: self.store.add_staff(office=office, login=login, display_name=display_name,
                                                         role=role, password=password, by=by or login))
