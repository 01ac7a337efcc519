"""A database the user cannot write: an auditor's copy on read-only media (a DVD, a read-only
share) is read — stats, show, audit verify — and every write is refused with one line naming the file.

SQLite reads a WAL database only by making `-shm` beside it: on read-only media that failed as 「接続でき
ません: unable to open database file」 for every command, reads included. The tests run as root in CI, where
permissions never refuse a write: the folder's writability is the store's own check, patched here, and
SQLite then really opens the file read-only (immutable), as it does on read-only media.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from tests.integration.store.conftest import PG_URL, create_pg_database, drop_pg_database

from kakanai.cli.main import main
from kakanai.paths import examples_dir
from kakanai.store import engine

EXAMPLE = str(examples_dir() / "moving_in_family.json")


def _recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    path = tmp_path / "copy" / "k.sqlite3"
    url = f"sqlite:///{path}"
    assert main(["record", EXAMPLE, "--db", url, "--json"]) == 0
    reception_id = capsys.readouterr().out.split('"id": "')[1].split('"')[0]
    return path, reception_id


def _count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM receptions").fetchone()[0])


def test_a_copy_on_read_only_media_is_read_and_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path, reception_id = _recorded(tmp_path, capsys)
    url = f"sqlite:///{path}"
    monkeypatch.setattr(engine, "folder_writable", lambda folder: folder != path.parent)
    assert main(["stats", "--json", "--db", url]) == 0
    assert '"receptions": 1' in capsys.readouterr().out
    assert main(["receptions", "show", reception_id, "--db", url]) == 0
    assert "山田　太郎" in capsys.readouterr().out
    assert main(["audit", "verify", "--db", url]) == 0
    assert capsys.readouterr().out == "監査記録 1件: 改ざん・削除はありません\n"
    refused = (f"kakanai: データベースに書き込めません（{path}: ファイルかフォルダが読み取り専用です）。"
               "書き込める場所のデータベースを指定してください\n")
    assert main(["record", EXAMPLE, "--db", url]) == 3
    assert capsys.readouterr().err.splitlines()[-1] + "\n" == refused
    assert main(["purge", "--older-than", "0", "--db", url]) == 0  # nothing is due: nothing to write
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("long-enough-pw\n"))
    assert main(["staff", "add", "sato", "--name", "佐藤", "--password-stdin", "--db", url]) == 3
    assert capsys.readouterr().err == refused
    assert _count(path) == 1


def test_unwritten_changes_beside_a_read_only_copy_are_not_silently_left_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the file alone would miss what its `-wal` holds (the newest receptions): refused, said."""
    path, _ = _recorded(tmp_path, capsys)
    path.with_name("k.sqlite3-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    monkeypatch.setattr(engine, "folder_writable", lambda folder: folder != path.parent)
    assert main(["stats", "--db", f"sqlite:///{path}"]) == 2
    assert capsys.readouterr().err == (
        f"kakanai: データベース（{path}）は読み取り専用の場所にあり、まだ本体に書き込まれていない記録"
        f"（{path.name}-wal）があります。-wal などのファイルも一緒に、書き込める場所にコピーしてから開いてください\n")


@pytest.mark.postgres
def test_an_auditors_read_only_role_on_postgresql(capsys: pytest.CaptureFixture[str]) -> None:
    """An auditor connects with a role granted SELECT only: every read works, a write is one Japanese line
    naming the missing permission (it was 「データベースの誤り: permission denied for table …」)."""
    if not PG_URL:
        pytest.skip("KAKANAI_TEST_PG_URL is not set (run scripts/services, or scripts/run-tests)")
    url = create_pg_database()
    role = f"kk_auditor_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        assert main(["db", "upgrade", "--db", url]) == 0
        assert main(["record", EXAMPLE, "--db", url]) == 0
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
            conn.exec_driver_sql(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
        auditor = make_url(url).set(username=role).render_as_string(hide_password=False)
        capsys.readouterr()
        assert main(["stats", "--json", "--db", auditor]) == 0
        assert '"receptions": 1' in capsys.readouterr().out
        assert main(["audit", "verify", "--db", auditor]) == 0
        capsys.readouterr()
        assert main(["record", EXAMPLE, "--db", auditor]) == 3
        shown = make_url(auditor).render_as_string(hide_password=True)
        assert capsys.readouterr().err.splitlines()[-1] == (
            f"kakanai: このデータベースの利用者（{role}）には、この操作の権限がありません（{shown}）。"
            "記録には書き込みの権限のある利用者で接続してください")
    finally:
        admin.dispose()
        drop_pg_database(url)  # its grants go with it; the role is the server's, dropped next
        server = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with server.connect() as conn:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        server.dispose()
