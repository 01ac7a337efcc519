"""ReceptionRecorder over kakanai.store: the finished reception goes to the database (SQLite or the shared
PostgreSQL) through the local spool, so a database that is down delays the record but never loses it.

The counter signs its staff member in here (every record and audit entry names them), shows `status()`
(接続中 / 切断中, records waiting), calls `flush()` on a timer, opens an earlier reception by the id on
its guidance sheet (`earlier_reception`). What was printed (with the PDF's content hash) and the errors
shown come in the FinishedReception's log: the recorder keeps nothing of one reception for the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kakanai.model import FinishedReception, Reception
from kakanai.model.reception_log import AuditKind
from kakanai.oserror_text import os_reason
from kakanai.store import (
    DEFAULT_OFFICE,
    LinkStatus,
    PrintedDocument,
    RecordInput,
    RecordResult,
    Role,
    ShownError,
    SpoolingStore,
    StaffError,
    StepTiming,
    StoreDataError,
    StoreError,
    StoreUnavailable,
    new_reception_id,
    user_data_dir,
    utcnow,
)
from kakanai.store.recorders import JsonLinesRecorder, ReceptionRecorder, RecordContext, RecordError

SPOOL_FILE = "spool.sqlite3"
# After 「受付 0001（2026-04-10）」: a stored reception whose personal data cannot be read back.
DAMAGED_RECEPTION = ("は、保存されている個人の記録が壊れているか書き換えられているため読み取れず、開けません。"
                     "記録はそのままです（何も変更していません）。管理者に連絡してください")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class SignedIn:
    """The staff member at the counter, as the UI shows it (no store type crosses into the UI)."""

    login: str
    display_name: str
    role: str  # Role value: clerk / supervisor / administrator
    role_label: str
    offline: bool = False  # checked against this PC's cache while the database was unreachable

    @property
    def administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR.value


class SignInError(RuntimeError):
    """Why the sign-in failed, in Japanese."""


def _naive_utc(moment: datetime | None) -> datetime | None:
    """The store's convention: naive UTC."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


class StoreRecorder:
    name = "データベース"

    def __init__(self, store: SpoolingStore, staff: str | None = None, *, office: str = DEFAULT_OFFICE,
                 description: str = "") -> None:
        self.store = store
        self.office = office  # the office the staff members sign in to (per office, issue 7)
        self.description = description  # where the records go, for the settings and the statistics
        self.signed_in: SignedIn | None = (SignedIn(staff, staff, Role.CLERK.value, Role.CLERK.label)
                                           if staff else None)

    @classmethod
    def open(cls, url: str | None = None, *, staff: str | None = None, spool_path: Path | None = None,
             office: str = DEFAULT_OFFICE) -> StoreRecorder:
        """The database by URL (None = the embedded SQLite). A shared database that is down at start-up is
        not an error: the records wait in the spool (SpoolingStore.open)."""
        try:
            store = SpoolingStore.open(url, spool_path or user_data_dir() / SPOOL_FILE)
        except StoreError as exc:
            raise RecordError(str(exc)) from None
        except Exception as exc:  # a malformed URL or a missing driver: a setting to correct
            raise RecordError(f"データベースの指定を使えません（{type(exc).__name__}: {exc}）") from None
        return cls(store, staff, office=office, description=store.store.description)

    # -- staff -----------------------------------------------------------------------------------------
    @property
    def staff(self) -> str | None:
        return self.signed_in.login if self.signed_in is not None else None

    def needs_first_administrator(self) -> bool:
        """A fresh database without any staff: the counter asks for its first administrator."""
        try:
            return not self.store.has_staff(self.office)
        except StoreError:
            return False

    def sign_in(self, login: str, password: str) -> SignedIn:
        if not login.strip() or not password:
            raise SignInError("職員IDとパスワードを入力してください")
        try:
            member = self.store.sign_in(office=self.office, login=login.strip(), password=password)
        except StoreUnavailable as exc:
            raise SignInError(str(exc)) from None
        except StoreError as exc:
            raise SignInError(f"サインインできません: {exc}") from None
        if member is None:
            raise SignInError("職員IDまたはパスワードが違います")
        role = Role(member.role)
        self.signed_in = SignedIn(member.login, member.display_name, role.value, role.label,
                                  offline=not self.store.status().up)
        return self.signed_in

    def create_first_administrator(self, login: str, display_name: str, password: str,
                                   confirmation: str) -> SignedIn:
        if not login.strip() or not display_name.strip():
            raise SignInError("職員IDと氏名を入力してください")
        if len(password) < MIN_PASSWORD:
            raise SignInError(f"パスワードは{MIN_PASSWORD}文字以上にしてください")
        if password != confirmation:
            raise SignInError("確認のパスワードが一致しません")
        if not self.needs_first_administrator():
            raise SignInError("職員はすでに登録されています。サインインしてください")
        try:
            self.store.add_staff(office=self.office, login=login.strip(), display_name=display_name.strip(),
                                 role=Role.ADMINISTRATOR, password=password)
        except (StaffError, StoreError) as exc:
            raise SignInError(f"登録できません: {exc}") from None
        return self.sign_in(login, password)

    def sign_out(self) -> None:
        self.signed_in = None

    # -- the link --------------------------------------------------------------------------------------
    def status(self) -> LinkStatus:
        return self.store.status()

    def flush(self) -> LinkStatus:
        """Deliver what waits in the spool (on a worker thread: it may wait for the network)."""
        self.store.flush()
        return self.store.status()

    def close(self) -> None:
        self.store.close()

    # -- retention -------------------------------------------------------------------------------------
    def purge_expired(self, days: int) -> int:
        """Drop the personal fields of receptions whose business day is more than `days` days past (kept
        through day D+days, kakanai.store.retention; plans, times and the audit stay); how many receptions were purged. The counter runs it at start-up and daily, so no
        one has to remember the municipality's retention period (retention_days)."""
        try:
            result = self.store.store.purge(older_than_days=days, office=self.office,
                                            staff=self.staff or "system:counter")
        except StoreError as exc:
            raise RecordError(f"保存期間を過ぎた個人情報を削除できません: {exc}") from None
        return result.receptions

    # -- administration --------------------------------------------------------------------------------
    def note_admin_change(self, action: str, detail: dict[str, Any]) -> None:
        """An administrator's change (the municipality parameters saved) in the audit trail, naming the
        signed-in staff member (issue 7). Written at once, not spooled: the caller tells the
        administrator when it could not be written."""
        if self.staff is None:
            raise RecordError("職員がサインインしていないため監査記録に書けません")
        try:
            self.store.store.record_admin_change(office=self.office, staff=self.staff, action=action,
                                                 detail=detail)
        except StoreError as exc:
            raise RecordError(f"監査記録に書けません: {exc}") from None

    # -- continuing an earlier reception (北見) ---------------------------------------------------------
    def earlier_reception(self, reception_id: str) -> Reception:
        """The earlier reception to go on with; RecordError otherwise. A reception whose personal data was
        purged (retention) and one whose stored data no longer reads back (a damaged or hand-edited
        database: reading.load gives it without a reception, purged_at unset) are told apart, as
        `kakanai receptions show` tells them: the clerk must never tell a resident their data was deleted
        when it is damaged. Nothing is written either way; the counter's reception stays as it was."""
        try:
            stored = self.store.load_reception(reception_id)
        except StoreDataError as exc:
            raise RecordError(f"受付 {reception_id[:8]}…{DAMAGED_RECEPTION}。詳細: {exc}") from None
        except StoreError as exc:
            raise RecordError(f"前の受付を開けません: {exc}") from None
        if stored is None:
            raise RecordError(f"受付 {reception_id[:8]}… の記録が見つかりません（別のデータベースか、まだ送信されていません）")
        if stored.unreadable:
            raise RecordError(f"受付 {stored.label}（{stored.business_day:%Y-%m-%d}）{DAMAGED_RECEPTION}")
        if stored.reception is None:
            raise RecordError(f"受付 {stored.label}（{stored.business_day:%Y-%m-%d}）は保存期間を過ぎ、個人の記録が消去されています")
        return stored.reception

    # -- the record ------------------------------------------------------------------------------------
    def record(self, finished: FinishedReception, context: RecordContext) -> str | None:
        return self.record_result(finished, context).id

    def record_result(self, finished: FinishedReception, context: RecordContext) -> RecordResult:
        """The record with its number (受付番号), or unnumbered while it waits in the spool."""
        if finished.plan is None:
            raise RecordError("手続が判定されていない受付は記録できません")
        if self.staff is None:
            raise RecordError("職員がサインインしていないため記録できません。サインインしてください")
        reception, log = finished.reception, finished.log
        now = _naive_utc(finished.finished_at) or utcnow()
        started = _naive_utc(finished.started_at) or now - timedelta(seconds=finished.seconds)
        documents = tuple(PrintedDocument(d.form_id, d.person, d.sha256, _naive_utc(d.at) or now) for d in log.printed)
        errors = tuple(ShownError(e.code, e.message, _naive_utc(e.at) or now) for e in log.errors)
        steps = tuple(StepTiming(s.step, _naive_utc(s.started_at) or started, s.seconds) for s in finished.steps)
        item = RecordInput(
            reception=reception, plan=finished.plan, office=context.office or reception.office or self.office,
            counter=context.counter, staff=self.staff, started_at=started, finished_at=now,
            documents=documents, errors=errors, steps=steps,
            id=finished.id or new_reception_id(), continues=finished.continues,
            identity_document=log.identity.value if log.identity is not None else None,
            resident_confirmations=tuple(e.detail for e in log.audit if e.kind is AuditKind.RESIDENT_CONFIRMED),
        )
        try:
            return self.store.record(item)
        except (StoreError, OSError) as exc:
            # A full disk under the local spool (issue 16) included: the caller keeps the reception.
            reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
            raise RecordError(f"受付を記録できません: {reason}") from None


DEMO_DATABASE = "demo.sqlite3"
DEMO_SPOOL = "demo-spool.sqlite3"


def demo_recorder(office: str = DEFAULT_OFFICE, data_dir: Path | None = None) -> StoreRecorder:
    """Demo and training mode: a database of its own (the sample residents are fictitious, and trainees
    should see the statistics and the continuation work), signed in as the training account."""
    base = data_dir or user_data_dir()
    recorder = StoreRecorder.open(f"sqlite:///{base / DEMO_DATABASE}", spool_path=base / DEMO_SPOOL, office=office)
    recorder.signed_in = SignedIn("demo", "研修用職員", Role.CLERK.value, Role.CLERK.label)
    return recorder


def open_counter_recorder(database: str, office: str, *, demo: bool, fallback: Path,
                          warnings: list[str]) -> ReceptionRecorder:
    """The database `database` ("" = the embedded SQLite); demo and training mode record into a separate
    demo database, so their statistics never mix with the real counters'. A database that cannot be used
    at all (a wrong URL) leaves the counter recording into the local file `fallback`, and says so."""
    try:
        if demo:
            return demo_recorder(office)
        return StoreRecorder.open(database or None, office=office)
    except RecordError as exc:
        warnings.append(f"記録用のデータベースを使えません（{exc}）。受付の記録はこのPCのファイル（{fallback}）に残します")
        return JsonLinesRecorder(fallback)
