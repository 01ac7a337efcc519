"""When the shared database is down the counter goes on: records wait in a local spool and are delivered
in order, exactly once, when it is back.

Every record goes through the spool (append, then deliver), so the order of delivery is the order of
recording even while older records still wait. Exactly once: the reception id is the idempotency key of
`ReceptionStore.record`, so a delivery whose acknowledgement was lost is harmless when repeated, and an
entry leaves the spool only after its delivery committed. The spool is a small SQLite file (stdlib
sqlite3: it must work when nothing else does).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kakanai.store.codec import input_from_dict, input_to_dict
from kakanai.store.store import ReceptionStore, StoreError, StoreUnavailable
from kakanai.store.types import RecordInput, RecordResult, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkStatus:
    """What the UI shows: 接続中 / 切断中 and how many records wait locally."""

    up: bool
    pending: int
    last_error: str | None
    since: datetime
    rejected: int = 0  # records the database refused (kept in the spool file for an administrator)

    @property
    def label(self) -> str:
        if self.up:
            text = "データベース: 接続中" + (f"（未送信 {self.pending}件）" if self.pending else "")
        else:
            text = f"データベース: 切断中（未送信 {self.pending}件、復旧後に自動送信）"
        return text + (f"　送信できなかった記録 {self.rejected}件（管理者へ）" if self.rejected else "")


class Spool:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        # One connection shared by the UI thread and the background flush: serialize its use.
        self._mutex = threading.RLock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS spool (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                         "reception_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, queued_at TEXT NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS rejected (seq INTEGER PRIMARY KEY, reception_id TEXT NOT NULL, "
                         "body TEXT NOT NULL, queued_at TEXT NOT NULL, error TEXT NOT NULL, rejected_at TEXT NOT NULL)")

    def put(self, item: RecordInput) -> None:
        with self._mutex:
            body = json.dumps(input_to_dict(item), ensure_ascii=False)
            # OR IGNORE: recording the same reception twice queues it once.
            self._db.execute("INSERT OR IGNORE INTO spool (reception_id, body, queued_at) VALUES (?, ?, ?)",
                             (item.id, body, utcnow().isoformat()))

    def oldest(self) -> tuple[int, RecordInput] | None:
        with self._mutex:
            row = self._db.execute("SELECT seq, body FROM spool ORDER BY seq LIMIT 1").fetchone()
            return None if row is None else (int(row[0]), input_from_dict(json.loads(row[1])))

    def remove(self, seq: int) -> None:
        with self._mutex:
            self._db.execute("DELETE FROM spool WHERE seq = ?", (seq,))

    def reject(self, seq: int, error: str) -> None:
        """Set aside a record the database refuses, so it does not block every later one (never deleted)."""
        with self._mutex:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT OR REPLACE INTO rejected SELECT seq, reception_id, body, queued_at, ?, ? "
                             "FROM spool WHERE seq = ?", (error, utcnow().isoformat(), seq))
            self._db.execute("DELETE FROM spool WHERE seq = ?", (seq,))
            self._db.execute("COMMIT")

    def rejected(self) -> int:
        with self._mutex:
            return int(self._db.execute("SELECT count(*) FROM rejected").fetchone()[0])

    def __len__(self) -> int:
        with self._mutex:
            return int(self._db.execute("SELECT count(*) FROM spool").fetchone()[0])

    def close(self) -> None:
        with self._mutex:
            self._db.close()


class SpoolingStore:
    """A ReceptionStore behind a local spool; `record` never fails because the database is down."""

    def __init__(self, store: ReceptionStore, spool: Spool) -> None:
        self.store = store
        self.spool = spool
        self._lock = threading.Lock()  # one delivery loop at a time keeps the order
        self._up = True
        self._error: str | None = None
        self._since = utcnow()
        self._refused: dict[str, str] = {}

    def status(self) -> LinkStatus:
        return LinkStatus(self._up, len(self.spool), self._error, self._since, self.spool.rejected())

    def _set_link(self, up: bool, error: str | None) -> None:
        if up != self._up:
            self._since = utcnow()
        self._up, self._error = up, error

    def record(self, item: RecordInput) -> RecordResult:
        self.spool.put(item)
        delivered = self.flush()
        refused = self._refused.pop(item.id, None)
        if refused is not None:
            raise StoreError(refused)
        return delivered.get(item.id) or RecordResult(item.id, item.office, item.day, None, stored=False)

    def flush(self) -> dict[str, RecordResult]:
        """Deliver what waits, oldest first; stop at the first failure (order matters)."""
        done: dict[str, RecordResult] = {}
        with self._lock:
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
                    self._refused[item.id] = str(exc)
                    continue
                self.spool.remove(seq)
                done[item.id] = result
            else:
                self._set_link(True, None)
        return done
