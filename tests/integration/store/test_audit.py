"""The audit trail's hash chain catches an edited or a deleted entry (raw SQL, as an intruder would)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from tests.integration.store.conftest import run_sql
from tests.unit.store.support import make_input

from kakanai.cli.main import main
from kakanai.store import ReceptionStore
from kakanai.store.audit import entry_hash
from kakanai.store.schema import audit_events


def _fill(store: ReceptionStore, receptions: int = 3) -> int:
    for _ in range(receptions):
        store.record(make_input())
    report = store.verify_audit()
    assert report.ok, report.problems
    return report.entries


def test_edited_entry_is_reported(store: ReceptionStore) -> None:
    _fill(store)
    run_sql(store, "UPDATE audit_events SET staff = 'mallory' WHERE seq = 2")
    report = store.verify_audit()
    assert [(p.seq, p.kind) for p in report.problems] == [(2, "edited")]


def test_edited_detail_is_reported(store: ReceptionStore) -> None:
    _fill(store)
    run_sql(store, "UPDATE audit_events SET action = 'nothing_printed' WHERE seq = 3")
    assert [(p.seq, p.kind) for p in store.verify_audit().problems] == [(3, "edited")]


def test_edit_with_recomputed_hash_is_caught_by_the_next_link(store: ReceptionStore) -> None:
    _fill(store)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(audit_events).where(audit_events.c.seq == 2)).one()
    # The intruder knows the algorithm and recomputes the entry's own hash.
    forged = entry_hash(2, row.at, row.office, "mallory", row.action, row.reception_id, row.detail, row.prev_hash)
    run_sql(store, "UPDATE audit_events SET staff = 'mallory', hash = :h WHERE seq = 2", h=forged)
    assert [(p.seq, p.kind) for p in store.verify_audit().problems] == [(2, "edited")]


def test_deleted_entry_is_reported(store: ReceptionStore) -> None:
    _fill(store)
    run_sql(store, "DELETE FROM audit_events WHERE seq = 4")
    report = store.verify_audit()
    assert [(p.seq, p.kind) for p in report.problems] == [(4, "deleted")]
    assert "4 番が削除" in report.problems[0].message


def test_deleted_last_entry_is_reported(store: ReceptionStore) -> None:
    entries = _fill(store)
    run_sql(store, "DELETE FROM audit_events WHERE seq = :s", s=entries)
    assert [(p.seq, p.kind) for p in store.verify_audit().problems] == [(entries, "deleted")]


def test_cli_audit_verify_reports_the_entry(store: ReceptionStore, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(store)
    assert main(["audit", "verify", "--db", store.url]) == 0
    assert "改ざん・削除はありません" in capsys.readouterr().out
    run_sql(store, "UPDATE audit_events SET staff = 'mallory' WHERE seq = 2")
    run_sql(store, "DELETE FROM audit_events WHERE seq = 5")
    assert main(["audit", "verify", "--db", store.url, "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False
    # Entry 5 was the second reception's reception_recorded: that reception lost its digest too.
    assert [(p["seq"], p["kind"]) for p in out["problems"]] == [(2, "edited"), (5, "deleted"),
                                                                 (0, "reception_unsealed")]


def test_an_administrators_change_joins_the_chain_and_is_protected(store: ReceptionStore) -> None:
    """The municipality parameters saved in the counter (no reception): the same chain, the same checks."""
    entries = _fill(store, receptions=1)
    store.record_admin_change(office="main", staff="admin", action="municipality_parameters_saved",
                              detail={"file": "municipality.yaml", "sha256": "ab" * 32, "changed": ["params.x"]})
    report = store.verify_audit()
    assert report.ok and report.entries == entries + 1
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(audit_events).order_by(audit_events.c.seq.desc()).limit(1)).one()
    assert (row.staff, row.action, row.reception_id) == ("admin", "municipality_parameters_saved", None)
    run_sql(store, "UPDATE audit_events SET staff = 'clerk' WHERE seq = :seq", seq=row.seq)
    assert [p.kind for p in store.verify_audit().problems] == ["edited"]
