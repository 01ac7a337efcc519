"""Which database, and how to talk to it: the embedded SQLite by default, PostgreSQL by URL.

SQLite: WAL (counter reads never wait for a writer), a long busy timeout, and every transaction opened
with BEGIN IMMEDIATE so that two processes allocating a reception number queue up instead of failing
later with "database is locked" when a read lock cannot be upgraded.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from kakanai.oserror_text import os_reason
from kakanai.paths import user_data_dir as user_data_dir  # re-exported: the store's default folder

ENV_URL = "KAKANAI_DB"
SQLITE_BUSY_MS = 60_000


class StoreConfigError(ValueError):
    """A database URL that cannot be used (Japanese message)."""


def default_url() -> str:
    """KAKANAI_DB, else the embedded database in the user's data directory."""
    return os.environ.get(ENV_URL) or f"sqlite:///{user_data_dir() / 'kakanai.sqlite3'}"


def resolve_url(url: str | None) -> str:
    return url or default_url()


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")




# user:password@ as SQLAlchemy's own parser reads it (the user stops at ":" or "/", the password at "@").
_PASSWORD = re.compile(r"(://[^:/]*:)[^@]*@")


def describe_url(url: str) -> str:
    """The URL as a message or the status line names it: its password masked, also in a URL SQLAlchemy
    cannot parse (a port that is not a number), and a control character escaped rather than sent to the
    terminal."""
    try:
        text = make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        text = _PASSWORD.sub(r"\1***@", url, count=1)
    return text if text.isprintable() else repr(text)[1:-1]


def _unusable(url: str, reason: str) -> StoreConfigError:
    return StoreConfigError(f"データベースの指定が正しくありません（{describe_url(url)}: {reason}）")


def _exists(path: Path, url: str, *, is_file: bool = False) -> bool:
    """path.exists() (or is_file()), a path the system refuses to look at (a name too long) as a
    StoreConfigError naming the URL."""
    try:
        return path.is_file() if is_file else path.exists()
    except OSError as exc:
        reason = "ファイル名が長すぎます" if exc.errno == errno.ENAMETOOLONG else f"ファイルを調べられません（{os_reason(exc, path)}）"
        raise _unusable(url, reason) from None


# The drivers kakanai ships and is tested with. Another driver of the same database (asyncpg, pg8000,
# aiosqlite…) is refused by name rather than left to fail later with an ImportError or an async error.
DRIVERS = {"sqlite": ("pysqlite",), "postgresql": ("psycopg",)}


def is_memory_url(url: str) -> bool:
    """An SQLite database that lives only as long as its connection: `sqlite://`, `sqlite:///:memory:`,
    a `file::memory:` or `mode=memory` URI. Recording into it prints a number and keeps nothing."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return False
    if parsed.get_backend_name() != "sqlite":
        return False
    database = parsed.database or ""
    return (database in ("", ":memory:") or database.startswith("file::memory:")
            or parsed.query.get("mode") == "memory")


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for another database, one in memory, or a URL that is not one."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() != "sqlite" or is_memory_url(url):
        return None
    return Path(parsed.database or "").expanduser()


def missing_sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL this program opens (its own driver) when the file is not there yet;
    StoreConfigError for a path the system refuses to look at."""
    path = sqlite_file(url)
    if path is None or make_url(url).get_driver_name() not in DRIVERS["sqlite"] or _exists(path, url):
        return None
    return path


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreConfigError(f"データベースのURLが不正です: {describe_url(url)}") from None
    except ValueError:  # the only one the parser raises: int() of the port
        raise _unusable(url, "ポート番号が数字ではありません") from None
    if parsed.port is not None and not 1 <= parsed.port <= 65535:
        raise _unusable(url, f"ポート番号は 1〜65535 です（{parsed.port}）")
    backend = parsed.get_backend_name()
    if backend not in DRIVERS:
        raise StoreConfigError(f"対応していないデータベースです: {backend}（sqlite か postgresql）")
    driver = parsed.get_driver_name()
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed, driver = parsed.set(drivername="postgresql+psycopg"), "psycopg"  # psycopg 3 is what we ship
    if driver not in DRIVERS[backend]:
        raise StoreConfigError(f"データベースのドライバ {parsed.drivername} には対応していません"
                               f"（{backend}+{DRIVERS[backend][0]} を使ってください）")
    if is_memory_url(url):
        raise StoreConfigError(f"メモリ上のデータベース（{url}）は終了とともに消えるため、記録に使えません。"
                               "ファイル（sqlite:///フォルダ/kakanai.sqlite3）か PostgreSQL を指定してください")
    try:
        if backend == "sqlite":
            return _sqlite_engine(parsed, url)
        # connect_timeout: an unreachable server must fail fast so the counter switches to its spool.
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except ImportError as exc:
        raise StoreConfigError(f"データベースのドライバ {parsed.drivername} がインストールされていません"
                               f"（{exc.name or exc}）") from None


def folder_writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def read_only_uri(path: Path, url: str | None = None) -> str | None:
    """The `file:` URI that reads a database in a folder this user cannot write (an auditor's copy on a
    DVD or a read-only share), None for any other. SQLite reads a WAL database only by making its `-shm`
    beside it, which fails there ("unable to open database file", for reads too); `immutable=1` reads the
    file alone — right only when its `-wal` holds nothing the file lacks, else the newest receptions
    would be silently missing: then refused. Every write to it is refused (ReceptionStore._guard).
    `url`: the one the path is of, named when the system refuses to look at the path."""
    if not _exists(path, url or str(path), is_file=True) or folder_writable(path.parent):
        return None
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreConfigError(f"データベース（{path}）は読み取り専用の場所にあり、まだ本体に書き込まれていない記録"
                               f"（{wal.name}）があります。-wal などのファイルも一緒に、書き込める場所にコピーしてから"
                               "開いてください")
    # as_uri: percent-encoded, and the file:///C:/… form SQLite wants on Windows
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


def _sqlite_engine(parsed: URL, url: str) -> Engine:
    # sqlite3 does not expand "~" (sqlite:///~/kakanai.sqlite3 would open a folder named "~" under the
    # working directory): the file is the one sqlite_file names, the statistics view's too.
    path = Path(parsed.database or "").expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreConfigError(f"データベースのフォルダを作れません: {path.parent}（{os_reason(exc, path.parent)}）") from None
    read_only = read_only_uri(path, url)
    target = parsed.set(database=str(path)) if read_only is None else parsed.set(
        database=read_only, query={"uri": "true"})
    engine = create_engine(target, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control away from pysqlite so that the "begin" hook below decides.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a power cut loses at most the last commit
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
