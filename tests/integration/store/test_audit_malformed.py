"""`audit verify` never raises: a malformed row becomes an entry of the report (exit 3, a list)."""

from __future__ import annotations

import json

import pytest
from tests.integration.store.conftest import run_sql
from tests.unit.store.support import make_input

from kakanai.cli.main import main
from kakanai.store import ReceptionStore

# Entry 2 is the first reception's first document_printed (no digest rides on it). SQLite keeps any value
# in any column; PostgreSQL's types refuse most of these, so they are SQLite cases.
SQLITE_ONLY = [
    ("UPDATE audit_events SET at = 'yesterday' WHERE seq = 2", "at が日時ではありません（'yesterday'）"),
    ("UPDATE audit_events SET detail = '{not json' WHERE seq = 2", "detail がJSONのオブジェクトではありません（'{not json'）"),
    ("UPDATE audit_events SET office = X'00ff' WHERE seq = 2", "office が文字列ではありません（b'\\x00\\xff'）"),
    ("UPDATE audit_events SET hash = X'42' WHERE seq = 2", "hash が文字列ではありません（b'B'）"),
]


def _filled(store: ReceptionStore) -> int:
    for _ in range(2):
        store.record(make_input())
    report = store.verify_audit()
    assert report.ok
    return report.entries


@pytest.mark.parametrize("statement, fault", SQLITE_ONLY)
def test_a_malformed_entry_is_reported(tmp_path: object, statement: str, fault: str) -> None:
    store = ReceptionStore.open(f"sqlite:///{tmp_path}/k.sqlite3")
    try:
        entries = _filled(store)
        run_sql(store, statement)
        report = store.verify_audit()
        assert report.entries == entries
        assert [(p.seq, p.kind) for p in report.problems] == [(2, "malformed")]
        assert report.problems[0].message == f"監査記録 2 番の値が正しくありません: {fault}"
    finally:
        store.close()


def test_detail_that_is_json_but_not_an_object(store: ReceptionStore) -> None:
    _filled(store)
    run_sql(store, "UPDATE audit_events SET detail = '[1, 2]' WHERE seq = 3")
    problems = store.verify_audit().problems
    assert [(p.seq, p.kind) for p in problems] == [(3, "malformed")]
    assert problems[0].message.startswith("監査記録 3 番の値が正しくありません: detail がJSONのオブジェクトではありません（")
    assert "[1, 2]" in problems[0].message


def test_a_text_last_seq_in_the_head(tmp_path: object) -> None:
    store = ReceptionStore.open(f"sqlite:///{tmp_path}/k.sqlite3")
    try:
        _filled(store)
        run_sql(store, "UPDATE audit_head SET last_seq = 'many'")
        problems = store.verify_audit().problems
        assert [(p.seq, p.kind) for p in problems] == [(0, "malformed")]
        assert "last_seq 'many'" in problems[0].message
    finally:
        store.close()


def test_an_unknown_schema_version_is_reported_and_the_chain_still_checked(
        store: ReceptionStore, capsys: pytest.CaptureFixture[str]) -> None:
    _filled(store)
    run_sql(store, "UPDATE alembic_version SET version_num = '9999'")
    run_sql(store, "UPDATE audit_events SET staff = 'mallory' WHERE seq = 4")
    assert main(["audit", "verify", "--db", store.url, "--json"]) == 3
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert [(p["seq"], p["kind"]) for p in out["problems"]] == [(0, "schema"), (4, "edited")]
    assert out["problems"][0]["message"] == "データベースの構成の版 '9999' をこのプログラムは知りません"
    assert captured.err == ""
    # Every other command says so in one line (exit 3), and never migrates it.
    assert main(["stats", "--db", store.url]) == 3
    assert "構成の版 9999 をこのプログラムは知りません" in capsys.readouterr().err
    assert main(["db", "upgrade", "--db", store.url]) == 3
    assert "Traceback" not in capsys.readouterr().err


def test_an_old_schema_is_reported(store: ReceptionStore, capsys: pytest.CaptureFixture[str]) -> None:
    """A version row saying 0002 over 0003 tables: the embedded database tries to migrate itself (as for
    every command) and cannot; verify reports it and still checks the chain."""
    _filled(store)
    run_sql(store, "UPDATE alembic_version SET version_num = '0002'")
    assert main(["audit", "verify", "--db", store.url, "--json"]) == 3
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert [(p["seq"], p["kind"]) for p in out["problems"]] == [(0, "schema")]
    assert out["problems"][0]["message"] == ("データベースの構成が古い版 0002 です（kakanai db upgrade の後に、"
                                             "受付の内容も照合します）")
    assert captured.err == ""
    if store.url.startswith("sqlite"):
        assert main(["stats", "--db", store.url]) == 3
        assert capsys.readouterr().err.startswith("kakanai: データベースの構成を版 0002 から更新できません")
