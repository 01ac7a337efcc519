"""The shared database goes down in the middle of a run: the counter goes on with its local spool, and
every record arrives once, in order, when PostgreSQL is back."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.integration.store.conftest import UNREACHABLE_URL, pg_stopped
from tests.unit.store.support import make_input

from kakanai.store import ReceptionStore, RecordInput, RecordResult, Spool, SpoolingStore, StoreError


@pytest.mark.postgres
@pytest.mark.pg_outage
def test_records_survive_a_database_outage(pg_url: str, tmp_path: Path) -> None:
    spooled = SpoolingStore(ReceptionStore.open(pg_url, upgrade=True), Spool(tmp_path / "spool.sqlite3"))
    before = [spooled.record(make_input(counter="c1")) for _ in range(3)]
    assert [r.number for r in before] == [1, 2, 3] and spooled.status().up
    during = []
    with pg_stopped():
        during = [spooled.record(make_input(counter="c1")) for _ in range(4)]
        status = spooled.status()
        assert not status.up and status.pending == 4 and "切断中" in status.label
        assert all(not r.stored and r.number is None and r.label == "未採番" for r in during)
        assert spooled.flush() == {}  # still down: nothing lost, nothing reordered
        assert len(spooled.spool) == 4
    delivered = spooled.flush()
    assert list(delivered) == [r.id for r in during]  # in recording order
    assert [delivered[r.id].number for r in during] == [4, 5, 6, 7]
    assert spooled.status().up and spooled.status().pending == 0
    # A second delivery of the same record (an acknowledgement lost) changes nothing.
    again = spooled.store.record(make_input(id=during[0].id))
    assert again.number == 4
    after = spooled.record(make_input())
    assert after.number == 8 and after.stored
    store = spooled.store
    assert store.count_receptions() == 8 and store.duplicate_numbers() == 0
    assert store.verify_audit().ok
    spooled.spool.close()
    store.close()


def test_spool_queues_when_the_database_cannot_be_reached(tmp_path: Path) -> None:
    """Without the test server: a store on a closed port is a database that is down."""
    down = ReceptionStore.connect(UNREACHABLE_URL)
    spooled = SpoolingStore(down, Spool(tmp_path / "spool.sqlite3"))
    queued = [spooled.record(make_input()) for _ in range(3)]
    assert all(not r.stored for r in queued)
    status = spooled.status()
    assert not status.up and status.pending == 3 and status.last_error and "接続できません" in status.last_error
    spooled.record(make_input(id=queued[0].id))  # the same reception twice is queued once
    assert spooled.status().pending == 3
    back = ReceptionStore.open(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    spooled.store = back  # the link returns
    delivered = spooled.flush()
    assert [delivered[r.id].number for r in queued] == [1, 2, 3]
    assert spooled.status().up and spooled.status().pending == 0 and back.count_receptions() == 3
    # A fresh spool over the same file after a crash finds nothing left to deliver twice.
    spooled.spool.close()
    assert len(Spool(tmp_path / "spool.sqlite3")) == 0
    back.close()


class _Refusing(ReceptionStore):
    """A database that refuses one particular record (a constraint it violates), accepting the rest."""

    refuse: str = ""

    def record(self, item: RecordInput) -> RecordResult:
        if item.id == self.refuse:
            raise StoreError("データベースの誤り: value too long")
        return super().record(item)


def test_a_refused_record_is_set_aside_and_does_not_block_the_queue(tmp_path: Path) -> None:
    store = _Refusing.open(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    spooled = SpoolingStore(store, Spool(tmp_path / "spool.sqlite3"))
    bad = make_input()
    store.refuse = bad.id
    with pytest.raises(StoreError, match="value too long"):
        spooled.record(bad)
    assert spooled.record(make_input()).number == 1
    status = spooled.status()
    assert status.up and status.pending == 0 and status.rejected == 1 and "送信できなかった記録 1件" in status.label
    store.close()
