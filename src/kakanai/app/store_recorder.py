"""ReceptionRecorder over kakanai.store: the finished reception goes to the database (SQLite or the shared
PostgreSQL) through the local spool, so a database that is down delays the record but never loses it.

The UI shows `status()` (接続中 / 切断中, records waiting) and tells the recorder what it printed
(`note_printed`, with the PDF's bytes for the content hash) and which errors it showed (`note_error`);
both are attached to the next record.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import timedelta
from pathlib import Path

from kakanai.app.recording import RecordContext, RecordError
from kakanai.app.workflow import FinishedReception
from kakanai.model import ReceptionError, reception_from_dict
from kakanai.store import (
    DEFAULT_OFFICE,
    LinkStatus,
    PrintedDocument,
    ReceptionStore,
    RecordInput,
    ShownError,
    Spool,
    SpoolingStore,
    StoreError,
    new_reception_id,
    user_data_dir,
    utcnow,
)


class StoreRecorder:
    name = "データベース"

    def __init__(self, store: SpoolingStore, staff: str) -> None:
        self.store = store
        self.staff = staff  # the signed-in staff member's login: every audit entry names it
        self._documents: list[PrintedDocument] = []
        self._errors: list[ShownError] = []
        self._lock = threading.Lock()

    @classmethod
    def open(cls, url: str | None = None, *, staff: str, spool_path: Path | None = None) -> StoreRecorder:
        try:
            store = ReceptionStore.open(url)
        except StoreError as exc:
            raise RecordError(str(exc)) from None
        return cls(SpoolingStore(store, Spool(spool_path or user_data_dir() / "spool.sqlite3")), staff)

    def status(self) -> LinkStatus:
        return self.store.status()

    def note_printed(self, form_id: str, person: str | None, pdf: bytes) -> None:
        with self._lock:
            self._documents.append(PrintedDocument(form_id, person, hashlib.sha256(pdf).hexdigest(), utcnow()))

    def note_error(self, code: str, message: str) -> None:
        with self._lock:
            self._errors.append(ShownError(code, message, utcnow()))

    def record(self, finished: FinishedReception, context: RecordContext) -> str | None:
        if finished.plan is None:
            raise RecordError("手続が判定されていない受付は記録できません")
        try:
            reception = reception_from_dict(finished.reception)
        except ReceptionError as exc:
            raise RecordError(f"受付の内容を記録できません（{exc}）") from None
        now = utcnow()
        with self._lock:
            documents, errors = tuple(self._documents), tuple(self._errors)
            self._documents.clear()
            self._errors.clear()
        item = RecordInput(
            reception=reception, plan=finished.plan, office=context.office or reception.office or DEFAULT_OFFICE,
            counter=context.counter, staff=self.staff, started_at=now - timedelta(seconds=finished.seconds),
            finished_at=now, documents=documents, errors=errors,
            id=reception.id or new_reception_id(),
        )
        try:
            return self.store.record(item).id
        except StoreError as exc:
            raise RecordError(f"受付を記録できません: {exc}") from None
