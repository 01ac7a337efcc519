"""Japanese for the system's and the database driver's own English in a message for the user.

A message said 「書き込めません: out.pdf（Permission denied）」 or 「データベースに接続できません: connection
failed: connection to server at "db", port 5432 failed: Connection refused」: the clerk reads Japanese only.

- `os_reason(exc)`: an OSError's errno in Japanese (EACCES 「権限がありません」, ENOSPC 「ディスクの空きが
  ありません」…), the file it names kept unless the message already names it.
- `db_reason(exc)`: a database driver's error (SQLite, psycopg/libpq) in Japanese, the names it carries
  (the database, the user, the host and port) kept.

Anything not listed keeps the original text, in brackets: information is never lost for a translation.
Standard library only, so that every layer may use it (like kakanai.paths and kakanai.fileout).
"""

from __future__ import annotations

import errno
import os
import re

_BUSY = "ほかのプログラムが使用中です"
_FULL = "ディスクの空きがありません"
_DENIED = "権限がありません"

# errno -> Japanese. A name missing on a platform (EDQUOT, ETXTBSY on Windows) is left out there.
_ERRNO: dict[int, str] = {
    code: text
    for name, text in (
        ("EACCES", _DENIED),
        ("EPERM", f"{_DENIED}（操作が許可されていません）"),
        ("ENOSPC", _FULL),
        ("EDQUOT", f"{_FULL}（利用者ごとの上限に達しました）"),
        ("EROFS", "読み取り専用です"),
        ("ENOENT", "見つかりません"),
        ("EISDIR", "フォルダです（ファイルを指定してください）"),
        ("ENOTDIR", "途中にフォルダではないもの（ファイル）があります"),
        ("EEXIST", "同じ名前のものがすでにあります"),
        ("ENOTEMPTY", "フォルダが空ではありません"),
        ("ENAMETOOLONG", "ファイル名が長すぎます"),
        ("EIO", "ディスクの読み書きの誤りです（装置の故障か取り外しの可能性があります）"),
        ("EBUSY", _BUSY),
        ("ETXTBSY", _BUSY),
        ("EMFILE", "開いているファイルが多すぎます"),
        ("ENFILE", "開いているファイルが多すぎます"),
        ("ELOOP", "シンボリックリンクが多すぎるか、循環しています"),
        ("EXDEV", "別のドライブへは移せません"),
        ("EFBIG", "ファイルが大きすぎます"),
        ("ENODEV", "装置がありません"),
        ("ENXIO", "装置がありません"),
        ("EINVAL", "使えない名前か、正しくない指定です"),
        ("ECONNREFUSED", "接続を拒否されました"),
        ("ETIMEDOUT", "時間切れになりました"),
        ("EHOSTUNREACH", "ネットワークでつながりません"),
        ("ENETUNREACH", "ネットワークでつながりません"),
    )
    if (code := getattr(errno, name, None)) is not None
}
# Windows: a file open in another program (Excel, a PDF viewer) is ERROR_SHARING_VIOLATION (32) or
# ERROR_LOCK_VIOLATION (33), which Python maps to EACCES: 「権限がありません」 would send the clerk the wrong way.
_WINERROR = {32: f"{_BUSY}（開いているファイルを閉じてください）", 33: f"{_BUSY}（開いているファイルを閉じてください）"}


def os_reason(exc: OSError, path: str | os.PathLike[str] | None = None, *, files: bool = True) -> str:
    """What the system refused, in Japanese: 「権限がありません」. The file(s) the error names follow
    (「権限がありません: /srv/out」) unless it is `path`, the one the message already names; files=False
    leaves them out (a temporary name of kakanai's own). An errno not listed: the system's text in brackets."""
    reason = _WINERROR.get(getattr(exc, "winerror", None) or 0) or _ERRNO.get(exc.errno or -1)
    if reason is None:
        text = exc.strerror or str(exc) or type(exc).__name__
        reason = f"[{text} (errno {exc.errno})]" if exc.errno is not None and exc.strerror else f"[{text}]"
    if not files:
        return reason
    shown = None if path is None else os.fspath(path)
    names = [name for name in (_name(exc.filename), _name(exc.filename2)) if name is not None and name != shown]
    return f"{reason}: {' → '.join(names)}" if names else reason


def _name(value: object) -> str | None:
    if value is None:
        return None
    return os.fsdecode(value) if isinstance(value, bytes) else str(value)


# A driver's text -> Japanese; the first pattern found wins (a refused login is said before the
# "connection failed" it is wrapped in). {0} is the first group found (a database, a user, a host).
_DB_PATTERNS = (
    (r"database (?:table )?is locked", "データベースがほかの処理で使用中です（ロック中）"),
    (r'password authentication failed for user "([^"]*)"', "利用者「{0}」のパスワードが違います（認証に失敗しました）"),
    (r"no password supplied", "パスワードが指定されていません（認証に失敗しました）"),
    (r'database "([^"]*)" does not exist', "データベース「{0}」がありません"),
    (r'role "([^"]*)" does not exist', "利用者（ロール）「{0}」がありません"),
    (r"no pg_hba\.conf entry", "サーバーがこの接続を許可していません（pg_hba.conf）"),
    (r"failed to resolve host '([^']*)'", "ホスト名「{0}」が見つかりません"),
    (r'could not translate host name "([^"]*)"', "ホスト名「{0}」が見つかりません"),
    (r"connection refused", "接続を拒否されました（サーバーが起動していないか、ホスト名かポート番号が違います）"),
    (r"timeout expired|timed out", "接続が時間切れになりました（サーバーかネットワークが応答しません）"),
    (r"server closed the connection unexpectedly", "サーバーが接続を切りました"),
    (r"the database system is (?:starting up|in recovery mode)", "データベースのサーバーが起動中です"),
    (r"the database system is shutting down", "データベースのサーバーが停止中です"),
    (r"too many clients|remaining connection slots", "データベースのサーバーの接続数が上限に達しています"),
    (r"unable to open database file", "データベースのファイルを開けません"),
    (r"attempt to write a readonly database", "読み取り専用のため書き込めません"),
    (r"database or disk is full", "ディスクの空きがないか、データベースの大きさが上限に達しています"),
    (r"no space left on device", _FULL),
    (r"disk I/O error", "ディスクの読み書きの誤りです"),
    (r"file is not a database|database disk image is malformed", "データベースのファイルが壊れているか、データベースではありません"),
    (r"permission denied", _DENIED),
)
_DB_TEXTS = tuple((re.compile(pattern, re.IGNORECASE), text) for pattern, text in _DB_PATTERNS)
_SERVER = re.compile(r'connection to server at "([^"]*)"(?: \([^)]*\))?, port (\d+)')
_SOCKET = re.compile(r'connection to server on socket "([^"]*)"')


def db_reason(exc: BaseException | str) -> str:
    """A database driver's error in Japanese: 「サーバー db.example（ポート 5432）: 接続を拒否されました（…）」.
    An SQLAlchemy error is read through its driver's (`orig`). Unknown: its first line in brackets."""
    source = exc if isinstance(exc, str) else getattr(exc, "orig", None) or exc
    text = str(source).strip()
    first = text.splitlines()[0].strip() if text else type(source).__name__
    for pattern, japanese in _DB_TEXTS:
        match = pattern.search(text)
        if match is not None:
            found = next((group for group in match.groups() if group is not None), "")
            where = _where(text)
            return f"{where}: {japanese.format(found)}" if where else japanese.format(found)
    return f"[{first}]"


def _where(text: str) -> str:
    server = _SERVER.search(text)
    if server is not None:
        return f"サーバー {server.group(1)}（ポート {server.group(2)}）"
    socket = _SOCKET.search(text)
    return f"ソケット {socket.group(1)}" if socket is not None else ""
