"""The app's recording port implemented with the store (SQLite here; the store tests cover PostgreSQL)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kakanai.model import ErrorNote, FinishedReception, PrintedNote, ReceptionLog
from kakanai.model.reception_log import AuditEntry, AuditKind
from kakanai.store import ReceptionStore
from kakanai.store.codec import input_from_dict, input_to_dict
from kakanai.store.counter_recorder import StoreRecorder, open_counter_recorder
from kakanai.store.recorders import JsonLinesRecorder, RecordContext, RecordError
from tests.unit.store.support import example_plan, example_reception, make_input


def test_store_recorder_records_a_finished_reception(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    recorder = StoreRecorder.open(url, staff="tanaka", spool_path=tmp_path / "spool.sqlite3")
    at = datetime(2026, 4, 10, 1, 2, 3, tzinfo=UTC)
    log = ReceptionLog(sources={"p1": "card"},
                       printed=(PrintedNote.of("resident_move_notice", None, b"%PDF-1.7 ...", at),),
                       errors=(ErrorNote("printer_offline", "プリンタの電源が入っていません", at),))
    finished = FinishedReception(reception=example_reception(), plan=example_plan(), log=log, seconds=300.0)
    record_id = recorder.record(finished, RecordContext(counter="窓口1", office="branch", demo=False))
    assert record_id is not None and recorder.status().up
    stored = ReceptionStore.open(url).load_reception(record_id)
    assert stored is not None and stored.office == "branch" and stored.staff == "tanaka"
    assert stored.documents[0].form_id == "resident_move_notice" and len(stored.documents[0].content_hash) == 64
    assert stored.errors[0].code == "printer_offline" and 299 <= stored.seconds <= 301
    assert stored.documents[0].printed_at == datetime(2026, 4, 10, 1, 2, 3)  # the store's naive UTC
    # The recorder keeps nothing: the next record holds only what its own log says.
    second = recorder.record(replace(finished, log=ReceptionLog()), RecordContext(counter="窓口1", office="branch", demo=False))
    again = ReceptionStore.open(url).load_reception(second or "")
    assert again is not None and again.documents == () and again.errors == () and again.number == 2
    with pytest.raises(RecordError):
        recorder.record(FinishedReception(finished.reception, None, ReceptionLog(), 1.0), RecordContext("c", None, False))


def test_the_residents_confirmation_is_in_the_audit_trail_and_survives_the_spool(tmp_path: Path) -> None:
    # Issue 19: the resident screen's confirmation ("by: language digest", no personal data) reaches the
    # hash-chained trail, also when the record went through the local spool (the codec keeps it).
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    recorder = StoreRecorder.open(url, staff="tanaka", spool_path=tmp_path / "spool.sqlite3")
    log = ReceptionLog(audit=(AuditEntry(AuditKind.RESIDENT_CONFIRMED, None, "resident: vi 0123456789abcdef"),
                              AuditEntry(AuditKind.MEMBER_ADDED, "p1", "山田　太郎")))
    finished = FinishedReception(reception=example_reception(), plan=example_plan(), log=log, seconds=60.0)
    record_id = recorder.record(finished, RecordContext(counter="窓口1", office="main", demo=False))
    assert record_id is not None
    events = ReceptionStore.open(url).audit_events(record_id)
    confirmed = [e for e in events if e.action == "resident_confirmed"]
    assert [e.detail for e in confirmed] == [{"detail": "resident: vi 0123456789abcdef"}]
    assert all("山田" not in str(e.detail) for e in events)  # the member's name never enters the trail
    item = make_input(resident_confirmations=("clerk: ja fedcba9876543210",))
    assert input_from_dict(json.loads(json.dumps(input_to_dict(item)))).resident_confirmations == (
        "clerk: ja fedcba9876543210",)


def test_a_database_the_counter_cannot_use_leaves_it_recording_into_a_local_file(tmp_path: Path) -> None:
    warnings: list[str] = []
    fallback = tmp_path / "receptions.jsonl"
    recorder = open_counter_recorder("mysql://h/db", "main", demo=False, fallback=fallback, warnings=warnings)
    assert isinstance(recorder, JsonLinesRecorder) and recorder.path == fallback
    assert warnings == ["記録用のデータベースを使えません（データベースの指定を使えません（StoreConfigError: 対応していない"
                        "データベースです: mysql（sqlite か postgresql）））。受付の記録はこのPCのファイル"
                        f"（{fallback}）に残します"]
