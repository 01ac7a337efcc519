"""Staff and roles per office; passwords hashed with scrypt and a per-user salt, compared in constant time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from functools import cache

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from kakanai.store import audit
from kakanai.store.schema import staff
from kakanai.store.types import Role, StaffMember, utcnow

# scrypt cost: ~50 ms on a counter PC, enough against offline guessing of a leaked table.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD = 8


# Column widths (schema.staff, schema.receptions): a longer value is refused here with a message rather
# than by PostgreSQL ("value too long") or silently kept whole by SQLite.
LOGIN_MAX, NAME_MAX, OFFICE_MAX, COUNTER_MAX = 80, 80, 40, 40
# Control (Cc), format (Cf: bidi overrides, zero-width characters), surrogate (Cs) and line/paragraph
# separators: invisible or line-breaking, they let two logins look alike or forge lines in lists and logs.
# Private use (Co) stays allowed: municipal 外字 live there.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


class StaffError(ValueError):
    """A staff operation refused (Japanese message)."""


def check_label(value: str, what: str, limit: int) -> str:
    """A login, a display name, an office or a counter name as stored and audited: non-empty, no
    surrounding spaces, no control character, at most `limit` characters. Returns it unchanged."""
    for i, ch in enumerate(value):
        if unicodedata.category(ch) in _REFUSED_CATEGORIES:
            raise StaffError(f"{what}に制御文字 U+{ord(ch):04X} が含まれています（{i + 1}文字目）")
    if not value.strip():
        raise StaffError(f"{what}が空です")
    if value != value.strip():
        raise StaffError(f"{what}の前後に空白があります（{value!r}）")
    if len(value) > limit:
        raise StaffError(f"{what}が長すぎます（{len(value)}文字、{limit}文字まで）")
    return value


def _printable(value: str) -> str:
    """A refused login as the audit may name it: escaped and cut to the column's width."""
    return value.encode("unicode_escape").decode("ascii")[:LOGIN_MAX]


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
        digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def _member(row: object) -> StaffMember:
    r: dict[str, object] = dict(row._mapping)  # type: ignore[attr-defined]
    return StaffMember(int(str(r["id"])), str(r["office"]), str(r["login"]), str(r["display_name"]),
                       Role(str(r["role"])), bool(r["active"]))


def add(conn: Connection, *, office: str, login: str, display_name: str, role: Role, password: str,
        by: str) -> StaffMember:
    check_label(login, "ログインID", LOGIN_MAX)
    check_label(display_name, "表示名", NAME_MAX)
    check_label(office, "庁舎ID", OFFICE_MAX)
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"パスワードは{MIN_PASSWORD}文字以上にしてください")
    try:
        with conn.begin_nested():
            conn.execute(insert(staff).values(office=office, login=login, display_name=display_name,
                                              role=role.value, password_hash=hash_password(password),
                                              active=True, created_at=utcnow()))
    except IntegrityError:
        raise StaffError(f"{office} にはログインID {login} の職員がすでにいます") from None
    audit.append(conn, office=office, staff=by, events=[audit.NewEvent(
        "staff_added", {"login": login, "role": role.value})])
    return _member(conn.execute(select(staff).where(staff.c.office == office, staff.c.login == login)).one())


def list_staff(conn: Connection, office: str | None = None) -> tuple[StaffMember, ...]:
    query = select(staff).order_by(staff.c.office, staff.c.login)
    if office is not None:
        query = query.where(staff.c.office == office)
    return tuple(_member(r) for r in conn.execute(query).all())


@cache
def _timing_equalizer() -> str:
    """A stored-hash stand-in for logins that match no account: checking a password against it costs one
    scrypt, as a real account's check does (computed once, not per sign-in)."""
    return hash_password("timing-equalizer", salt=b"\0" * 16)


def sign_in(conn: Connection, *, office: str, login: str, password: str) -> StaffMember | None:
    """The staff member, or None for an unknown login, a wrong password or a disabled account (alike).
    A login no account can have (control characters, too long) is an unknown login, audited escaped."""
    try:
        check_label(login, "ログインID", LOGIN_MAX)
        check_label(office, "庁舎ID", OFFICE_MAX)
    except StaffError:
        check_password(password, _timing_equalizer())
        shown = _printable(login)
        audit.append(conn, office=_printable(office)[:OFFICE_MAX], staff=shown, events=[audit.NewEvent(
            "sign_in_failed", {"login": shown, "invalid": True})])
        return None
    row = conn.execute(select(staff).where(staff.c.office == office, staff.c.login == login)).one_or_none()
    if row is None:
        # Hash anyway, so an unknown login takes as long as a wrong password.
        check_password(password, _timing_equalizer())
        ok = False
    else:
        ok = check_password(password, row.password_hash) and bool(row.active)
    audit.append(conn, office=office, staff=login, events=[audit.NewEvent(
        "sign_in" if ok else "sign_in_failed", {"login": login})])
    return _member(row) if ok and row is not None else None
