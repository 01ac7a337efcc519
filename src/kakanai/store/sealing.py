"""A digest of each stored reception in the audit chain, so an edit to `receptions` or to any of its
parts (members, procedures, overrides, documents, steps, errors) is detected by `kakanai audit verify`.

The digest is SHA-256 over a canonical serialisation (sorted-key JSON) of the reception's row and its
part rows, per table, read back raw from the database (no type conversion: SQLite's text dates and JSON
are hashed as stored, so a changed byte or a changed storage type is a changed digest, and reading a
malformed value never raises). The columns are a fixed list per digest version, so a later migration
that adds a column does not invalidate the digests already in the chain.

Privacy: a digest is taken over personal fields too, and the chain outlives the purge. So each row carries
a random `seal` (16 bytes) that the digest covers and the purge erases: after the purge the earlier
digest cannot confirm a guess of the resident's data (a bare SHA-256 of a name, an address and a birth
date could). The purge appends the de-identified row's new digest (`reception_purged`), which `verify`
checks from then on (the latest digest in the chain is the one that counts).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, column, select, table

from kakanai.model import Reception, reception_to_dict

VERSION = 1
# The columns each digest version covers (v1 = schema at migration 0003). Never edit a version's list:
# add a version and keep verifying the old one.
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "receptions": (
        "id", "office", "business_day", "number", "counter", "staff", "event", "event_date", "visit_date",
        "rules_version", "started_at", "finished_at", "recorded_at", "seconds", "subject", "applicant",
        "household_address", "previous_address", "household_facts", "form_inputs", "purged_at", "continues",
        "external_ref", "content_sha256", "seal"),
    "reception_members": ("reception_id", "position", "member_id", "sex", "name", "name_kana", "birth_date",
                          "address", "facts", "form_inputs"),
    "reception_procedures": ("reception_id", "position", "procedure", "person", "mode", "department",
                             "added_by_clerk", "detail", "reason"),
    "reception_overrides": ("reception_id", "position", "action", "procedure", "person", "reason"),
    "reception_documents": ("reception_id", "position", "form_id", "person", "content_hash", "printed_at"),
    "reception_steps": ("reception_id", "position", "step", "started_at", "seconds"),
    "reception_errors": ("reception_id", "position", "at", "code", "message"),
}
TABLE_LABELS = {"receptions": "受付", "reception_members": "来庁者", "reception_procedures": "手続",
                "reception_overrides": "職員の変更", "reception_documents": "印刷", "reception_steps": "手順の時間",
                "reception_errors": "表示したエラー"}
BATCH = 500


def new_seal() -> str:
    return secrets.token_hex(16)


def canonical(value: Any) -> Any:
    """A raw database value as JSON, the same on every run (never raises on an unexpected type)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime, date)):
        return {"$t": value.isoformat()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b": bytes(value).hex()}
    if isinstance(value, Mapping):
        return {"$o": {str(k): canonical(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    return {"$r": repr(value)}


def json_digest(obj: Any) -> str:
    """SHA-256 of canonical JSON (sorted keys, no spaces): the digests of the seal and the chain."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_digest(reception: Reception) -> str:
    """The reception as the client sent it (the model's JSON): what "the same reception" means for a
    repeated delivery under one external reference."""
    return json_digest(reception_to_dict(reception))


def digests(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, str]]:
    """Per reception id present: {table: SHA-256 of its rows}. Ids without a receptions row are absent."""
    out: dict[str, dict[str, str]] = {}
    for start in range(0, len(ids), BATCH):
        chunk = list(ids[start:start + BATCH])
        owners = _owners(conn, chunk)  # parts without their reception: verify reports it as deleted
        out.update(table_digests(conn, [rid for rid in chunk if rid in owners], COLUMNS))
    return out


def table_digests(conn: Connection, ids: Sequence[str], tables: Iterable[str]) -> dict[str, dict[str, str]]:
    """{id: {table: digest}} for the given tables only (a table not read counts as empty for every id:
    the writer skips the part tables it wrote nothing into, one query less each)."""
    rows: dict[str, dict[str, list[Any]]] = {rid: {} for rid in ids}
    for name in tables:
        key = "id" if name == "receptions" else "reception_id"
        query: Any = (select(*[column(c) for c in COLUMNS[name]]).select_from(table(name))
                      .where(column(key).in_(list(ids))))
        for row in conn.execute(query).all():
            if isinstance(row[0], str) and row[0] in rows:
                rows[row[0]].setdefault(name, []).append([canonical(v) for v in row])
    # Rows in a fixed order (the database returns parts in any order); position is in each row.
    return {rid: {name: json_digest([VERSION, name, sorted(found.get(name, []), key=_sort_key)]) for name in COLUMNS}
            for rid, found in rows.items()}


def _owners(conn: Connection, ids: Sequence[str]) -> set[str]:
    query: Any = select(column("id")).select_from(table("receptions")).where(column("id").in_(list(ids)))
    return {r for r in conn.execute(query).scalars() if isinstance(r, str)}


def _sort_key(row: list[Any]) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)
