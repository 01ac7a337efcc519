"""The counter window recording into the shared PostgreSQL while the server is stopped in the middle of the
run (issue 7, Faults): the counter goes on, shows the link down, keeps the record in its spool, and
delivers it, numbered, once the server is back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kakanai.store import ReceptionStore
from kakanai.store.counter_recorder import SignedIn, StoreRecorder
from kakanai.ui.main_window import MainWindow
from tests.integration.store.conftest import PG_CTL, PG_URL, create_pg_database, drop_pg_database, pg_stopped
from tests.ui.conftest import WAIT_MS
from tests.ui.test_records_ui import _start_reception

pytestmark = pytest.mark.postgres


@pytest.fixture
def shared_db(window: MainWindow, tmp_path: Path) -> Iterator[tuple[str, StoreRecorder]]:
    if not PG_URL or not PG_CTL:
        pytest.skip("KAKANAI_TEST_PG_URL / KAKANAI_PG_CTL are not set (run scripts/services)")
    url = create_pg_database()
    ReceptionStore.open(url, upgrade=True).close()  # `kakanai db upgrade` by the administrator
    recorder = StoreRecorder.open(url, spool_path=tmp_path / "spool.sqlite3")
    recorder.signed_in = SignedIn("tanaka", "田中　一郎", "clerk", "窓口職員")
    old = window.services.recorder
    window.services.recorder = recorder
    try:
        yield url, recorder
    finally:
        window.services.recorder = old
        recorder.close()
        drop_pg_database(url)


def _finish(qtbot: QtBot, window: MainWindow, expected: str) -> str:
    _start_reception(window)
    reception_id = window.session.reception_id
    window.finish_reception()  # as confirmed by the clerk
    qtbot.waitUntil(lambda: expected in window.window_message.text(), timeout=30_000)
    return reception_id


def test_postgresql_stopped_in_the_middle_of_a_run(qtbot: QtBot, window: MainWindow,
                                                   shared_db: tuple[str, StoreRecorder]) -> None:
    url, recorder = shared_db
    first = _finish(qtbot, window, "受付番号 0001")
    with pg_stopped():
        second = _finish(qtbot, window, "このPCに保管しました")
        assert window.session.members == ()  # the next resident is served meanwhile
        window.records_bar.refresh()
        assert "切断中" in window.records_bar.link.text() and "未送信 1件" in window.records_bar.link.text()
    # The server is back: the timer's delivery sends the waiting record, in order, exactly once.
    window.records_bar.flush()
    qtbot.waitUntil(lambda: recorder.status().up and recorder.status().pending == 0, timeout=30_000)
    qtbot.waitUntil(lambda: not window.records_bar._flushing, timeout=WAIT_MS)
    assert "接続中" in window.records_bar.link.text() and "未送信" not in window.records_bar.link.text()
    store = ReceptionStore.open(url)
    try:
        numbers = {rid: stored.number for rid in (first, second) if (stored := store.load_reception(rid))}
        assert numbers == {first: 1, second: 2}
        assert store.count_receptions() == 2 and store.verify_audit().ok
    finally:
        store.close()
