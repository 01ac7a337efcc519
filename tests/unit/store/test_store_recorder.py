"""The app's recording port implemented with the store (SQLite here; the store tests cover PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kakanai.app.recording import RecordContext, RecordError
from kakanai.app.steps import FinishedReception
from kakanai.app.store_recorder import StoreRecorder
from kakanai.model import reception_to_dict
from kakanai.store import ReceptionStore
from tests.unit.store.support import example_plan, example_reception


def test_store_recorder_records_a_finished_reception(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    recorder = StoreRecorder.open(url, staff="tanaka", spool_path=tmp_path / "spool.sqlite3")
    recorder.note_printed("resident_move_notice", None, b"%PDF-1.7 ...")
    recorder.note_error("printer_offline", "プリンタの電源が入っていません")
    finished = FinishedReception(reception=reception_to_dict(example_reception()), plan=example_plan(), audit=(),
                                 sources={"p1": "card"}, seconds=300.0)
    record_id = recorder.record(finished, RecordContext(counter="窓口1", office="branch", demo=False))
    assert record_id is not None and recorder.status().up
    stored = ReceptionStore.open(url).load_reception(record_id)
    assert stored is not None and stored.office == "branch" and stored.staff == "tanaka"
    assert stored.documents[0].form_id == "resident_move_notice" and len(stored.documents[0].content_hash) == 64
    assert stored.errors[0].code == "printer_offline" and 299 <= stored.seconds <= 301
    # The notes went with that record only.
    second = recorder.record(finished, RecordContext(counter="窓口1", office="branch", demo=False))
    again = ReceptionStore.open(url).load_reception(second or "")
    assert again is not None and again.documents == () and again.number == 2
    with pytest.raises(RecordError):
        recorder.record(FinishedReception(finished.reception, None, (), {}, 1.0), RecordContext("c", None, False))
