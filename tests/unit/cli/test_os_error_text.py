"""Japanese messages carried the system's and the database driver's English: 「書き込めません: out（Not a
directory）」, 「データベースに接続できません（…）: connection failed: … Connection refused」. Now the reason
is said in Japanese (kakanai.oserror_text), the path, database, user, host and port it names are kept, and
a text not known keeps the original in brackets: nothing is lost in translation."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from kakanai import fileout
from kakanai.cli.main import main
from kakanai.oserror_text import db_reason, os_reason
from kakanai.paths import examples_dir

EXAMPLE = str(examples_dir() / "moving_in_family.json")
ENGLISH = ("Permission denied", "No space left", "Read-only", "No such file", "Is a directory", "Not a directory",
           "File exists", "too long", "Input/output", "Errno", "locked", "refused", "does not exist")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- the helper ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "japanese"), [
    (errno.EACCES, "権限がありません"),
    (errno.EPERM, "権限がありません（操作が許可されていません）"),
    (errno.ENOSPC, "ディスクの空きがありません"),
    (errno.EROFS, "読み取り専用です"),
    (errno.ENOENT, "見つかりません"),
    (errno.EISDIR, "フォルダです（ファイルを指定してください）"),
    (errno.ENOTDIR, "途中にフォルダではないもの（ファイル）があります"),
    (errno.EEXIST, "同じ名前のものがすでにあります"),
    (errno.ENAMETOOLONG, "ファイル名が長すぎます"),
    (errno.EIO, "ディスクの読み書きの誤りです（装置の故障か取り外しの可能性があります）"),
])
def test_common_errno_values_in_japanese_keeping_the_path(code: int, japanese: str) -> None:
    exc = OSError(code, os.strerror(code), "/srv/窓口/out.pdf")
    assert os_reason(exc) == f"{japanese}: /srv/窓口/out.pdf"
    assert os_reason(exc, "/srv/窓口/out.pdf") == japanese  # the message names the path already
    assert os_reason(exc, Path("/srv/窓口/out.pdf")) == japanese
    assert os_reason(exc, "/elsewhere") == f"{japanese}: /srv/窓口/out.pdf"  # another file: kept
    assert os_reason(exc, files=False) == japanese
    assert os.strerror(code) not in os_reason(exc)


def test_two_paths_and_bytes_paths_are_kept() -> None:
    exc = OSError(errno.EXDEV, "Invalid cross-device link", b"/a/\xe7\xaa\x93", None, "/b/c")
    assert os_reason(exc) == "別のドライブへは移せません: /a/窓 → /b/c"


def test_an_unknown_errno_keeps_the_systems_text_in_brackets() -> None:
    assert os_reason(OSError(errno.EPROTO, "Protocol error", "/dev/x")) == \
        f"[Protocol error (errno {errno.EPROTO})]: /dev/x"
    assert os_reason(OSError("something odd")) == "[something odd]"
    assert os_reason(OSError()) == "[OSError]"


def test_a_file_open_in_another_program_on_windows_is_not_called_a_permission_problem() -> None:
    class SharingViolation(PermissionError):
        winerror = 32  # ERROR_SHARING_VIOLATION, which Python maps to EACCES

    exc = SharingViolation(errno.EACCES, "プロセスはファイルにアクセスできません", "C:\\out\\a.pdf")
    assert os_reason(exc, "C:\\out\\a.pdf") == "ほかのプログラムが使用中です（開いているファイルを閉じてください）"


@pytest.mark.parametrize(("text", "japanese"), [
    ('connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused\n'
     "\tIs the server running on that host and accepting TCP/IP connections?",
     "サーバー 127.0.0.1（ポート 1）: 接続を拒否されました（サーバーが起動していないか、ホスト名かポート番号が違います）"),
    ('connection failed: connection to server at "db.example" (10.0.0.5), port 5432 failed: FATAL:  '
     'password authentication failed for user "kakanai"',
     "サーバー db.example（ポート 5432）: 利用者「kakanai」のパスワードが違います（認証に失敗しました）"),
    ('connection failed: connection to server at "127.0.0.1", port 54329 failed: FATAL:  database "nosuchdb" '
     "does not exist", "サーバー 127.0.0.1（ポート 54329）: データベース「nosuchdb」がありません"),
    ('connection failed: connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: FATAL:  '
     'role "clerk" does not exist',
     "ソケット /run/postgresql/.s.PGSQL.5432: 利用者（ロール）「clerk」がありません"),
    ("failed to resolve host 'db.example': [Errno -2] Name or service not known",
     "ホスト名「db.example」が見つかりません"),
    ("connection timeout expired", "接続が時間切れになりました（サーバーかネットワークが応答しません）"),
    ("database is locked", "データベースがほかの処理で使用中です（ロック中）"),
    ("attempt to write a readonly database", "読み取り専用のため書き込めません"),
    ("database or disk is full", "ディスクの空きがないか、データベースの大きさが上限に達しています"),
    ('permission denied for table receptions', "権限がありません"),
])
def test_database_errors_in_japanese_keeping_the_names(text: str, japanese: str) -> None:
    assert db_reason(text) == japanese


def test_a_database_error_not_known_keeps_its_first_line_in_brackets() -> None:
    assert db_reason("UNIQUE constraint failed: receptions.id\n[SQL: INSERT …]") == \
        "[UNIQUE constraint failed: receptions.id]"
    assert db_reason("") == "[str]"


def test_an_sqlalchemy_error_is_read_through_its_drivers() -> None:
    wrapped = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    assert db_reason(wrapped) == "データベースがほかの処理で使用中です（ロック中）"


# -- through the CLI --------------------------------------------------------------------------------------

def test_render_into_a_path_through_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    out = tmp_path / "file" / "out"
    code, _out, err = run(capsys, "render", EXAMPLE, "--out", str(out))
    assert code == 2
    assert err == f"kakanai: 書き込めません: {out}（途中にフォルダではないもの（ファイル）があります）\n"


def test_plan_of_a_reception_under_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    path = tmp_path / "file" / "reception.json"
    code, _out, err = run(capsys, "plan", str(path))
    assert code == 2
    assert err == f"kakanai: 受付データを読めません: {path}（途中にフォルダではないもの（ファイル）があります）\n"


@pytest.mark.parametrize(("code", "japanese"), [(errno.EROFS, "読み取り専用です"), (errno.EACCES, "権限がありません"),
                                                (errno.EIO, "ディスクの読み書きの誤りです（装置の故障か取り外しの可能性があります）")])
def test_qr_make_when_the_write_is_refused(code: int, japanese: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(_fd: int, _data: bytes) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fileout.os, "write", refused)
    out = tmp_path / "code.png"
    exit_code, _out, err = run(capsys, "qr", "make", str(examples_dir() / "qr" / "birth.json"), "--out", str(out))
    assert exit_code == 2
    assert err == f"kakanai: 書き込めません: {out}（{japanese}）\n"
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_a_temporary_name_of_kakanais_own_is_not_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(src), None, os.fspath(dst))

    monkeypatch.setattr(fileout.os, "replace", replace)
    out = tmp_path / "code.png"
    exit_code, _out, err = run(capsys, "qr", "make", str(examples_dir() / "qr" / "birth.json"), "--out", str(out))
    monkeypatch.setattr(fileout.os, "replace", real_replace)
    assert exit_code == 2
    assert err == f"kakanai: 書き込めません: {out}（権限がありません）\n"


def test_a_locked_sqlite_database(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from kakanai.store import engine

    db = tmp_path / "k.sqlite3"
    url = f"sqlite:///{db}"
    assert run(capsys, "record", EXAMPLE, "--db", url)[0] == 0
    monkeypatch.setattr(engine, "SQLITE_BUSY_MS", 20)  # the other counter's lock is waited for 20 ms, not 60 s
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        code, _out, err = run(capsys, "record", EXAMPLE, "--db", url)
    finally:
        other.close()
    assert code == 3
    assert err.endswith(f"kakanai: データベースに接続できません（{url}）: データベースがほかの処理で使用中です（ロック中）\n")


def test_a_postgresql_server_that_refuses_the_connection(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://kakanai@127.0.0.1:1/kakanai"  # port 1: nothing listens there
    code, _out, err = run(capsys, "stats", "--db", url)
    assert code == 3
    assert err == (f"kakanai: データベースに接続できません（{url}）: サーバー 127.0.0.1（ポート 1）: "
                   "接続を拒否されました（サーバーが起動していないか、ホスト名かポート番号が違います）\n")
    assert not any(word in err for word in ENGLISH)


def test_the_counters_settings_file_unreadable_is_said_in_japanese(tmp_path: Path) -> None:
    from kakanai.app.settings import load_settings

    folder = tmp_path / "settings.json"
    folder.mkdir()  # a folder where the file should be: EISDIR, said in Japanese, the counter starts anyway
    _settings, warning = load_settings(folder)
    assert warning is not None and "フォルダです" in warning and "Is a directory" not in warning
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe{")
    _settings, warning = load_settings(binary)
    assert warning is not None and "UTF-8 の文字ではありません" in warning and "codec" not in warning
