"""`kakanai audit verify`: every problem found becomes an entry of the report, nothing raises.

The rows are read raw (no SQLAlchemy type conversion), so a malformed value — `at` that is not a date,
`detail` that is not a JSON object, a blob where text belongs, a text `last_seq` — is reported as
`malformed` instead of failing the read. Four checks:

1. the schema version (alembic_version): missing, unknown to this program, or older than it;
2. the chain: each entry's hash over its content, the link to the previous entry, gaps in the sequence;
3. the head row: entries cut from the end;
4. the receptions: each stored reception's digest (kakanai.store.sealing) against the latest digest the
   chain holds for it — an edit to `receptions` or to a part table, a reception deleted, or one the chain
   never saw (added outside kakanai).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, column, inspect, select, table, text
from sqlalchemy.exc import DBAPIError

from kakanai.oserror_text import db_reason
from kakanai.store import migrate, sealing
from kakanai.store.audit import GENESIS, entry_hash
from kakanai.store.types import AuditProblem, AuditReport

BATCH = 2000
# The events that carry a reception's digest; the latest one per reception is what its rows must match.
SEALING_ACTIONS = frozenset({"reception_recorded", "reception_sealed", "reception_purged"})
_EVENT_COLUMNS = ("seq", "at", "office", "staff", "action", "reception_id", "detail", "prev_hash", "hash")


@dataclass(frozen=True)
class _Entry:
    seq: int
    hash: str | None  # None when the stored hash itself is malformed
    prev_hash: str | None
    faults: tuple[str, ...]
    content: tuple[Any, ...] | None  # the hashed fields, when well-formed
    reception_id: str | None
    action: str | None
    detail: dict[str, Any] | None


def _shown(value: Any) -> str:
    return repr(value if not isinstance(value, (bytes, memoryview)) else bytes(value))[:60]


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def _as_detail(value: Any) -> dict[str, Any] | None:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


def _parse(row: Any) -> _Entry:
    seq = int(row.seq)
    faults: list[str] = []
    at = _as_datetime(row.at)
    if at is None:
        faults.append(f"at が日時ではありません（{_shown(row.at)}）")
    detail = _as_detail(row.detail)
    if detail is None:
        faults.append(f"detail がJSONのオブジェクトではありません（{_shown(row.detail)}）")
    for name in ("office", "staff", "action", "prev_hash", "hash"):
        if not isinstance(getattr(row, name), str):
            faults.append(f"{name} が文字列ではありません（{_shown(getattr(row, name))}）")
    if row.reception_id is not None and not isinstance(row.reception_id, str):
        faults.append(f"reception_id が文字列ではありません（{_shown(row.reception_id)}）")
    ok = not faults
    return _Entry(
        seq, row.hash if isinstance(row.hash, str) else None,
        row.prev_hash if isinstance(row.prev_hash, str) else None, tuple(faults),
        (seq, at, row.office, row.staff, row.action, row.reception_id, detail, row.prev_hash) if ok else None,
        row.reception_id if ok else None, row.action if ok else None, detail if ok else None)


def _entries(conn: Connection) -> Iterator[_Entry]:
    last = 0
    while True:
        rows: Sequence[Any] = conn.execute(select(*[column(c) for c in _EVENT_COLUMNS]).select_from(table("audit_events"))
                            .where(column("seq") > last).order_by(column("seq")).limit(BATCH)).all()
        if not rows:
            return
        for row in rows:
            yield _parse(row)
        last = int(rows[-1].seq)


class _Verifier:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.problems: list[AuditProblem] = []
        self.entries = 0
        self.latest: dict[str, tuple[int, dict[str, str]]] = {}  # reception id -> (seq, digest)

    def add(self, seq: int, kind: str, message: str, reception_id: str | None = None) -> None:
        self.problems.append(AuditProblem(seq, kind, message, reception_id))

    def phase(self, what: str, check: Any) -> None:
        try:
            check()
        except DBAPIError as exc:
            self.add(0, "schema", f"{what}を読めません（{db_reason(exc)}）")

    def schema(self) -> bool:
        """True when the receptions can be checked (the schema is this program's)."""
        found = inspect(self.conn).has_table(migrate.VERSION_TABLE)
        rows = self.conn.execute(text(f"SELECT version_num FROM {migrate.VERSION_TABLE}")).all() if found else []
        if len(rows) != 1:
            self.add(0, "schema", "データベースの構成の版（alembic_version）がありません（kakanai db upgrade が必要です）"
                     if not rows else f"構成の版（alembic_version）が {len(rows)} 行あります")
            return False
        current = rows[0][0]
        if current == migrate.HEAD_REVISION:
            return True
        if isinstance(current, str) and current in migrate.known_revisions():
            self.add(0, "schema", f"データベースの構成が古い版 {current} です（kakanai db upgrade の後に、受付の内容も"
                                  "照合します）")
        else:
            self.add(0, "schema", f"データベースの構成の版 {_shown(current)} をこのプログラムは知りません")
        return False

    def chain(self) -> tuple[int, str | None]:
        expected_seq, prev_hash = 1, GENESIS  # type: int, str | None
        for ev in _entries(self.conn):
            self.entries += 1
            if ev.seq != expected_seq:
                gap = f"{expected_seq}" if ev.seq == expected_seq + 1 else f"{expected_seq}〜{ev.seq - 1}"
                self.add(expected_seq, "deleted", f"監査記録 {gap} 番が削除されています")
            elif ev.seq > 1 and prev_hash is not None and ev.prev_hash is not None and ev.prev_hash != prev_hash:
                # The previous entry was changed and its hash recomputed to hide it: the link betrays it.
                self.add(ev.seq - 1, "edited", f"監査記録 {ev.seq - 1} 番が改ざんされています（次の記録との連鎖が不一致）")
            elif ev.seq == 1 and ev.prev_hash != GENESIS:
                self.add(1, "edited", "監査記録 1 番が改ざんされています（起点が不一致）")
            if ev.content is None:
                self.add(ev.seq, "malformed", f"監査記録 {ev.seq} 番の値が正しくありません: " + "、".join(ev.faults))
            elif entry_hash(*ev.content) != ev.hash:
                self.add(ev.seq, "edited", f"監査記録 {ev.seq} 番が改ざんされています（ハッシュ不一致）")
            else:
                self._note_digest(ev)
            expected_seq, prev_hash = ev.seq + 1, ev.hash
        return expected_seq - 1, prev_hash

    def _note_digest(self, ev: _Entry) -> None:
        digest = (ev.detail or {}).get("digest")
        if ev.action in SEALING_ACTIONS and ev.reception_id is not None and isinstance(digest, dict):
            self.latest[ev.reception_id] = (ev.seq, {str(k): str(v) for k, v in digest.items()})

    def head(self, last_seq: int, last_hash: str | None) -> None:
        rows: Sequence[Any] = self.conn.execute(select(column("id"), column("last_seq"), column("last_hash"))
                                 .select_from(table("audit_head"))).all()
        head = next((r for r in rows if r.id == 1), None)
        if head is None:
            self.add(0, "head_mismatch", "監査記録の先頭情報（audit_head）がありません")
            return
        if not isinstance(head.last_seq, int) or not isinstance(head.last_hash, str):
            self.add(0, "malformed", f"監査記録の先頭情報（audit_head）の値が正しくありません（last_seq "
                                     f"{_shown(head.last_seq)}、last_hash {_shown(head.last_hash)}）")
            return
        if head.last_seq > last_seq:
            gap = f"{last_seq + 1}" if head.last_seq == last_seq + 1 else f"{last_seq + 1}〜{head.last_seq}"
            self.add(last_seq + 1, "deleted", f"監査記録 {gap} 番（末尾）が削除されています")
        elif head.last_seq < last_seq or head.last_hash != last_hash:
            self.add(last_seq, "head_mismatch", f"監査記録の末尾 {last_seq} 番が先頭情報と一致しません")

    def receptions(self) -> None:
        raw_ids: Sequence[Any] = self.conn.execute(select(column("id")).select_from(table("receptions"))).scalars().all()
        ids = sorted(i for i in raw_ids if isinstance(i, str))
        for bad in (i for i in raw_ids if not isinstance(i, str)):
            self.add(0, "malformed", f"受付の id が文字列ではありません（{_shown(bad)}）")
        for start in range(0, len(ids), sealing.BATCH):
            chunk = ids[start:start + sealing.BATCH]
            found = sealing.digests(self.conn, chunk)
            for rid in chunk:
                self._compare(rid, found.get(rid, {}))
        present = set(ids)
        for rid, (seq, _digest) in sorted(self.latest.items(), key=lambda kv: kv[1][0]):
            if rid not in present:
                self.add(seq, "reception_deleted", f"受付 {rid} が削除されています（監査記録 {seq} 番に記録があります）", rid)

    def _compare(self, rid: str, actual: dict[str, str]) -> None:
        expected = self.latest.get(rid)
        if expected is None:
            self.add(0, "reception_unsealed", f"受付 {rid} は監査記録にありません（kakanai の外で追加されたか、"
                                              "その監査記録が失われています）", rid)
            return
        seq, digest = expected
        changed = [name for name in sealing.COLUMNS if digest.get(name) != actual.get(name)]
        if changed:
            where = "、".join(f"{sealing.TABLE_LABELS[n]}（{n}）" for n in changed)
            self.add(seq, "reception_edited", f"受付 {rid} の{where}が監査記録 {seq} 番の内容と一致しません（改ざん）", rid)


def verify(conn: Connection) -> AuditReport:
    v = _Verifier(conn)
    checkable = False

    def schema() -> None:
        nonlocal checkable
        checkable = v.schema()

    v.phase("構成の版", schema)
    tables = set(inspect(conn).get_table_names())
    if not {"audit_events", "audit_head"} <= tables:
        v.add(0, "schema", "監査記録の表（audit_events, audit_head）がありません")
        return AuditReport(entries=0, problems=tuple(v.problems))
    tail: tuple[int, str | None] = (0, GENESIS)

    def chain() -> None:
        nonlocal tail
        tail = v.chain()

    v.phase("監査記録", chain)
    v.phase("監査記録の先頭情報", lambda: v.head(*tail))
    if checkable:
        v.phase("受付の記録", v.receptions)
    return AuditReport(entries=v.entries, problems=tuple(v.problems))
