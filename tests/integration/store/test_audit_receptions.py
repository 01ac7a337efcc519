"""The audit chain covers the receptions: an edit to `receptions` or to any part table, a deleted or an
added reception is reported (raw SQL, as an intruder would), and the purge keeps the chain verifiable."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa
from tests.integration.store.conftest import run_sql
from tests.unit.store.support import make_input

from kakanai.cli.main import main
from kakanai.store import ReceptionStore, utcnow

# One edit per table, each on the second reception (:r), and the label the report names it by.
TAMPERING = [
    ("receptions", "UPDATE receptions SET staff = 'mallory' WHERE id = :r", "受付（receptions）"),
    ("reception_members", "UPDATE reception_members SET name = '山田　次郎' WHERE reception_id = :r AND position = 0",
     "来庁者（reception_members）"),
    ("reception_procedures", "UPDATE reception_procedures SET mode = 'done' WHERE reception_id = :r AND position = 0",
     "手続（reception_procedures）"),
    ("reception_overrides", "UPDATE reception_overrides SET reason = '本人の希望' WHERE reception_id = :r",
     "職員の変更（reception_overrides）"),
    ("reception_documents", "UPDATE reception_documents SET content_hash = :h WHERE reception_id = :r "
                            "AND position = 0", "印刷（reception_documents）"),
    ("reception_steps", "UPDATE reception_steps SET seconds = 1 WHERE reception_id = :r AND position = 1",
     "手順の時間（reception_steps）"),
    ("reception_errors", "UPDATE reception_errors SET code = 'none' WHERE reception_id = :r",
     "表示したエラー（reception_errors）"),
    ("reception_procedures", "DELETE FROM reception_procedures WHERE reception_id = :r AND position = 1",
     "手続（reception_procedures）"),
]


def _three(store: ReceptionStore) -> list[str]:
    ids = [store.record(make_input(overrides=True)).id for _ in range(3)]
    assert store.verify_audit().ok
    return ids


@pytest.mark.parametrize("table, statement, label", TAMPERING, ids=[f"{t[0]}-{i}" for i, t in enumerate(TAMPERING)])
def test_an_edit_to_each_table_is_reported(store: ReceptionStore, table: str, statement: str, label: str) -> None:
    ids = _three(store)
    run_sql(store, statement, r=ids[1], h="c" * 64)
    problems = store.verify_audit().problems
    assert [(p.kind, p.reception_id) for p in problems] == [("reception_edited", ids[1])]
    assert problems[0].message.startswith(f"受付 {ids[1]} の{label}が監査記録 ")
    assert problems[0].seq == store.audit_events(ids[1])[0].seq  # the reception_recorded entry


def test_an_added_part_row_is_reported(store: ReceptionStore) -> None:
    ids = _three(store)
    run_sql(store, "INSERT INTO reception_steps (reception_id, position, step, started_at, seconds) "
                   "SELECT reception_id, 9, 'preview', started_at, 5.0 FROM reception_steps "
                   "WHERE reception_id = :r AND position = 0", r=ids[0])
    assert [(p.kind, p.reception_id) for p in store.verify_audit().problems] == [("reception_edited", ids[0])]


def test_a_deleted_reception_and_one_added_outside_kakanai_are_reported(store: ReceptionStore) -> None:
    ids = _three(store)
    recorded_seq = store.audit_events(ids[2])[0].seq
    run_sql(store, "DELETE FROM receptions WHERE id = :r", r=ids[2])  # its parts go with it (cascade)
    # A copy of the first reception under a new id, number and no audit entry.
    columns = ", ".join(c for c in ("office", "business_day", "counter", "staff", "event", "event_date",
                                    "rules_version", "started_at", "finished_at", "recorded_at", "seconds"))
    run_sql(store, f"INSERT INTO receptions (id, number, {columns}) SELECT 'forged', 99, {columns} "
                   "FROM receptions WHERE id = :r", r=ids[0])
    problems = store.verify_audit().problems
    assert [(p.seq, p.kind, p.reception_id) for p in problems] == [
        (0, "reception_unsealed", "forged"), (recorded_seq, "reception_deleted", ids[2])]
    assert problems[1].message == f"受付 {ids[2]} が削除されています（監査記録 {recorded_seq} 番に記録があります）"


def test_purge_keeps_the_chain_verifiable_and_edits_after_it_are_caught(store: ReceptionStore) -> None:
    old = store.record(make_input(finished=utcnow() - timedelta(days=40), overrides=True))
    recent = store.record(make_input(finished=utcnow() - timedelta(days=2)))
    assert store.purge(older_than_days=30).receptions == 1
    report = store.verify_audit()
    assert report.ok, report.problems
    actions = [e.action for e in store.audit_events(old.id)]
    assert actions[0] == "reception_recorded" and actions[-1] == "reception_purged"
    with store.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT seal, content_sha256, external_ref FROM receptions WHERE id = :r"),
                           {"r": old.id}).one()
    # The salt of the pre-purge digest is gone with the personal data: that digest confirms no guess.
    assert tuple(row) == (None, None, None)
    run_sql(store, "UPDATE reception_procedures SET procedure = 'nothing' WHERE reception_id = :r "
                   "AND position = 0", r=old.id)
    run_sql(store, "UPDATE reception_members SET name = '山田　太郎' WHERE reception_id = :r AND position = 0",
            r=old.id)  # personal data put back into a purged reception
    problems = store.verify_audit().problems
    purged_seq = store.audit_events(old.id)[-1].seq
    assert [(p.seq, p.kind, p.reception_id) for p in problems] == [(purged_seq, "reception_edited", old.id)]
    assert "来庁者（reception_members）、手続（reception_procedures）" in problems[0].message
    assert store.load_reception(recent.id) is not None


def test_cli_lists_every_problem(store: ReceptionStore, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _three(store)
    run_sql(store, "UPDATE receptions SET number = 7 WHERE id = :r", r=ids[0])
    run_sql(store, "UPDATE reception_procedures SET department = 'x' WHERE reception_id = :r", r=ids[2])
    assert main(["audit", "verify", "--db", store.url, "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert [(p["kind"], p["reception_id"]) for p in out["problems"]] == [
        ("reception_edited", rid) for rid in sorted([ids[0], ids[2]])]
    assert main(["audit", "verify", "--db", store.url]) == 3
    text = capsys.readouterr().out.splitlines()
    assert text[0] == f"監査記録 {out['entries']}件: 問題が 2件あります" and len(text) == 3
