"""Hostile and careless input to the records commands: one Japanese line and exit 2, never a traceback,
never a record printed and lost (in-memory databases), never an overflow (huge retention), never a
control character in a login."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from tests.unit.store.support import make_input

from kakanai.cli.main import main
from kakanai.paths import examples_dir
from kakanai.store import ReceptionStore, RetentionError, Role, StaffError, utcnow

EXAMPLE = str(examples_dir() / "moving_in_family.json")
MEMORY_URLS = ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite:///:memory:", "sqlite:///",
               "sqlite:///file::memory:?cache=shared&uri=true", "sqlite:///file:kk?mode=memory&uri=true"]


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err


@pytest.mark.parametrize("url", MEMORY_URLS)
def test_an_in_memory_database_is_refused(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["record", EXAMPLE, "--db", url]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # no reception number printed for a record that would vanish
    assert captured.err == (f"kakanai: メモリ上のデータベース（{url}）は終了とともに消えるため、記録に使えません。"
                            "ファイル（sqlite:///フォルダ/kakanai.sqlite3）か PostgreSQL を指定してください\n")
    assert list(tmp_path.iterdir()) == []
    assert main(["staff", "list", "--db", url]) == 2


@pytest.mark.parametrize("url, message", [
    ("mysql://u@h/db", "kakanai: 対応していないデータベースです: mysql（sqlite か postgresql）\n"),
    ("postgresql+asyncpg://u@127.0.0.1/db", "kakanai: データベースのドライバ postgresql+asyncpg には対応していません"
                                            "（postgresql+psycopg を使ってください）\n"),
    ("postgresql+psycopg2://u@127.0.0.1/db", "kakanai: データベースのドライバ postgresql+psycopg2 には対応していません"
                                             "（postgresql+psycopg を使ってください）\n"),
    ("sqlite+aiosqlite:///x.sqlite3", "kakanai: データベースのドライバ sqlite+aiosqlite には対応していません"
                                      "（sqlite+pysqlite を使ってください）\n"),
    ("nosuch+driver://x", "kakanai: 対応していないデータベースです: nosuch（sqlite か postgresql）\n"),
    ("::not a url::", "kakanai: データベースのURLが不正です: ::not a url::\n"),
])
def test_a_driver_that_is_not_ours_is_one_line(url: str, message: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for argv in (["record", EXAMPLE], ["stats"], ["audit", "verify"], ["db", "current"]):
        assert main([*argv, "--db", url]) == 2, argv
        assert _err(capsys) == message


def test_a_database_folder_that_cannot_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["record", EXAMPLE, "--db", f"sqlite:///{tmp_path / 'file' / 'sub' / 'k.sqlite3'}"]) == 2
    assert _err(capsys).startswith(f"kakanai: データベースのフォルダを作れません: {tmp_path / 'file' / 'sub'}")


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("受付の一覧\n", encoding="utf-8"),
     "kakanai: {p} はデータベースのファイルではありません（SQLite の形式でないか、壊れています）。データベースの指定を確かめてください\n"),
    (lambda p: p.mkdir(),
     "kakanai: {p} はフォルダです。データベースのファイル（例: {p}/kakanai.sqlite3）を指定してください\n"),
])
def test_a_database_path_that_is_not_a_database(make: Any, message: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """--db pointing at another file (a CSV, the spool's folder) by mistake: said in Japanese, exit 3; the
    file is left as it was."""
    path = tmp_path / "kakanai.sqlite3"
    make(path)
    before = path.read_bytes() if path.is_file() else None
    for argv in (["stats"], ["record", EXAMPLE], ["audit", "verify"]):
        assert main([*argv, "--db", f"sqlite:///{path}"]) == 3, argv
        assert _err(capsys).splitlines()[-1] + "\n" == message.format(p=path)
    assert (path.read_bytes() if path.is_file() else None) == before


@pytest.mark.parametrize("argv, env, message", [
    (["--older-than", "1000000"], None, "--older-than は 0〜36500 日（100年）で指定してください（1000000）"),
    (["--older-than", "-1"], None, "--older-than は 0〜36500 日（100年）で指定してください（-1）"),
    ([], "99999999999999999999", "KAKANAI_RETENTION_DAYS は 0〜36500 日（100年）で指定してください（99999999999999999999）"),
])
def test_purge_limits(argv: list[str], env: str | None, message: str, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    if env is None:
        monkeypatch.delenv("KAKANAI_RETENTION_DAYS", raising=False)
    else:
        monkeypatch.setenv("KAKANAI_RETENTION_DAYS", env)
    assert main(["purge", *argv, "--db", f"sqlite:///{tmp_path / 'k.sqlite3'}"]) == 2
    assert _err(capsys) == f"kakanai: {message}\n"


def test_purge_with_a_huge_municipal_retention(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAKANAI_RETENTION_DAYS", raising=False)
    source = (examples_dir().parent / "municipality" / "default.yaml").read_text(encoding="utf-8")
    huge = tmp_path / "huge.yaml"
    huge.write_text(source.replace("values: {1989-01-08: 30}", "values: {1989-01-08: 10000000000}"),
                    encoding="utf-8")
    assert main(["purge", "--municipality", str(huge), "--db", f"sqlite:///{tmp_path / 'k.sqlite3'}"]) == 2
    # Refused by the municipality file's schema (the same check as `rules check`), with file and line.
    line = huge.read_text(encoding="utf-8").splitlines().index("    values: {1989-01-08: 10000000000}") + 1
    assert _err(capsys) == (f"kakanai: 市町村パラメータの誤り: {huge}:{line}: params.retention_days.values.1989-01-08: "
                            "0〜3650 の整数です（10000000000）\n")


def test_the_store_refuses_an_unusable_retention_itself(tmp_path: Path) -> None:
    store = ReceptionStore.open(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    try:
        store.record(make_input(finished=utcnow() - timedelta(days=40)))
        for days in (36_501, 10**12, -1):
            with pytest.raises(RetentionError, match="0〜36500 日"):
                store.purge(older_than_days=days)
        assert store.purge(older_than_days=36_500).receptions == 0
        assert store.purge(older_than_days=30).receptions == 1
    finally:
        store.close()


@pytest.mark.parametrize("login, name, message", [
    ("sa\x07to", "佐藤", "ログインIDに制御文字 U+0007 が含まれています（3文字目）"),
    ("sato\n", "佐藤", "ログインIDに制御文字 U+000A が含まれています（5文字目）"),
    ("sato", "佐\u202e藤", "表示名に制御文字 U+202E が含まれています（2文字目）"),
    ("sato", "佐藤\u200b", "表示名に制御文字 U+200B が含まれています（3文字目）"),
    (" sato", "佐藤", "ログインIDの前後に空白があります（' sato'）"),
    ("s" * 81, "佐藤", "ログインIDが長すぎます（81文字、80文字まで）"),
])
def test_staff_add_refuses_control_characters(login: str, name: str, message: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("long-enough-pw\n"))
    assert main(["staff", "add", login, "--name", name, "--password-stdin", "--db", db]) == 2
    assert _err(capsys) == f"kakanai: {message}\n"
    store = ReceptionStore.open(db)
    try:
        assert store.list_staff() == ()
        with pytest.raises(StaffError) as refused:
            store.add_staff(office="main", login=login, display_name=name, role=Role.CLERK,
                            password="long-enough-pw", by="admin")
        assert str(refused.value) == message
    finally:
        store.close()


def test_record_refuses_a_staff_login_with_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    assert main(["record", EXAMPLE, "--staff", "tanaka\x1b[2J", "--db", db]) == 2
    assert _err(capsys) == "kakanai: --staff の職員ログインIDに制御文字 U+001B が含まれています（7文字目）\n"
    monkeypatch.setenv("KAKANAI_STAFF", "tanaka\r")
    assert main(["purge", "--older-than", "1", "--db", db]) == 2
    assert _err(capsys) == "kakanai: 環境変数 KAKANAI_STAFF の職員ログインIDに制御文字 U+000D が含まれています（7文字目）\n"
    monkeypatch.delenv("KAKANAI_STAFF")
    assert main(["record", EXAMPLE, "--counter", "c\x001", "--db", db]) == 2
    assert _err(capsys) == "kakanai: --counter の窓口名に制御文字 U+0000 が含まれています（2文字目）\n"
    assert not (tmp_path / "k.sqlite3").exists()


def test_sign_in_with_control_characters_fails_and_is_audited_escaped(tmp_path: Path) -> None:
    store = ReceptionStore.open(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    try:
        store.add_staff(office="main", login="sato", display_name="佐藤", role=Role.CLERK,
                        password="long-enough-pw", by="admin")
        assert store.sign_in(office="main", login="sato\n", password="long-enough-pw") is None
        with store.engine.connect() as conn:
            row = conn.execute(sa.text("SELECT staff, action, detail FROM audit_events ORDER BY seq DESC")).first()
        assert row is not None
        assert (row.staff, row.action, json.loads(row.detail)) == (
            "sato\\n", "sign_in_failed", {"login": "sato\\n", "invalid": True})
        assert store.verify_audit().ok
    finally:
        store.close()


def test_a_hand_edited_value_is_one_line_when_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    store = ReceptionStore.open(db)
    try:
        recorded = store.record(make_input())
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE receptions SET finished_at = 'garbage' WHERE id = :r"), {"r": recorded.id})
    finally:
        store.close()
    assert main(["receptions", "show", recorded.id, "--db", db]) == 3
    err = _err(capsys)
    assert err.startswith("kakanai: データベースに正しくない値があります（ValueError: ")
    assert err.endswith("）。kakanai audit verify で確かめてください\n") and len(err.splitlines()) == 1
    assert main(["audit", "verify", "--db", db, "--json"]) == 3
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["kind"], p["reception_id"]) for p in problems] == [("reception_edited", recorded.id)]
