"""The local spool on a full disk: a typed SpoolUnavailable with a Japanese message, never a raw sqlite3
error, never a half-written entry, and what was queued before stays deliverable.

The full disk is SQLite's own SQLITE_FULL ("database or disk is full", the error ENOSPC gives), produced
with `PRAGMA max_page_count` on the spool file: the same code path as a full disk, and it needs no root
to mount a tiny file system. (Checked by hand on a 200 KB tmpfs as well: docs/records.md.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.integration.store.conftest import UNREACHABLE_URL
from tests.unit.store.support import make_input

from kakanai.store import ReceptionStore, Spool, SpoolingStore, SpoolUnavailable, StoreError


def _fill_up(spool: Spool) -> None:
    """From now on the spool file cannot grow by a single page."""
    pages = spool._db.execute("PRAGMA page_count").fetchone()[0]
    spool._db.execute(f"PRAGMA max_page_count = {pages}")


def _bodies(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [r[0] for r in db.execute("SELECT reception_id FROM spool ORDER BY seq")]


def test_full_spool_while_the_database_is_down(tmp_path: Path) -> None:
    counter = SpoolingStore(ReceptionStore.connect(UNREACHABLE_URL), Spool(tmp_path / "spool.sqlite3"))
    queued = [counter.record(make_input()) for _ in range(2)]
    assert [r.stored for r in queued] == [False, False]
    _fill_up(counter.spool)
    lost = make_input()
    with pytest.raises(SpoolUnavailable) as refused:
        counter.record(lost)
    assert isinstance(refused.value, StoreError)  # what the counter catches: the reception stays on screen
    # Two older records wait, so the new one may not go straight to the database (order): refused.
    assert str(refused.value) == (f"受付を一時保存できません（{tmp_path / 'spool.sqlite3'}: ディスクの空きがありません）。"
                                  "受付は画面に残したまま、空きを作るか管理者に連絡してから、もう一度記録してください")
    assert isinstance(refused.value.__cause__, sqlite3.OperationalError)
    # Nothing half-written, nothing lost: the two earlier entries, whole, and not the third.
    assert _bodies(tmp_path / "spool.sqlite3") == [r.id for r in queued]
    status = counter.status()
    assert (status.up, status.pending, status.spool_error) == (False, 2, None)
    # Space again and the database back: everything arrives once, in order, the third included.
    counter.spool._db.execute("PRAGMA max_page_count = 1073741823")
    counter.store = ReceptionStore.open(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert counter.record(lost).number == 3
    assert [counter.store.load_reception(r.id).number for r in queued] == [1, 2]  # type: ignore[union-attr]
    assert counter.store.count_receptions() == 3 and counter.store.verify_audit().ok
    counter.close()


def test_full_spool_with_the_database_up_records_directly(tmp_path: Path) -> None:
    counter = SpoolingStore(ReceptionStore.open(f"sqlite:///{tmp_path / 'db.sqlite3'}"),
                            Spool(tmp_path / "spool.sqlite3"))
    assert counter.record(make_input()).number == 1
    _fill_up(counter.spool)
    second = counter.record(make_input())
    assert (second.number, second.stored) == (2, True) and len(counter.spool) == 0
    counter.close()


def test_full_spool_and_database_down_with_nothing_waiting(tmp_path: Path) -> None:
    counter = SpoolingStore(ReceptionStore.connect(UNREACHABLE_URL), Spool(tmp_path / "spool.sqlite3"))
    _fill_up(counter.spool)
    with pytest.raises(SpoolUnavailable) as refused:
        counter.record(make_input())
    message = str(refused.value)
    assert message.startswith(f"受付を一時保存できません（{tmp_path / 'spool.sqlite3'}: ディスクの空きがありません）")
    assert f"もう一度記録してください（データベースにも記録できません: {refused.value.__cause__}）" in message
    assert "データベースに接続できません" in str(refused.value.__cause__)
    assert len(counter.spool) == 0 and not counter.status().up
    counter.close()


def test_a_spool_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(SpoolUnavailable, match="受付を一時保存できません"):
        Spool(blocker / "spool.sqlite3")
    not_a_db = tmp_path / "garbage.sqlite3"
    not_a_db.write_bytes(b"\x00garbage" * 600)
    with pytest.raises(SpoolUnavailable, match=r"garbage\.sqlite3: 壊れています"):
        Spool(not_a_db)
    down = ReceptionStore.connect(UNREACHABLE_URL)
    with pytest.raises(SpoolUnavailable):
        SpoolingStore.open(UNREACHABLE_URL, blocker / "spool.sqlite3")
    down.close()


def test_status_never_raises_when_the_spool_is_unreadable(tmp_path: Path) -> None:
    counter = SpoolingStore(ReceptionStore.connect(UNREACHABLE_URL), Spool(tmp_path / "spool.sqlite3"))
    counter.spool._db.close()  # the file went away under the counter
    status = counter.status()
    assert status.spool_error is not None and status.spool_error.startswith("受付を一時保存できません")
    assert status.label == "データベース: 接続中　一時保存ファイルの誤り（管理者へ）"
    counter.store.close()


def test_an_unreadable_spool_entry_is_set_aside_and_does_not_block(tmp_path: Path) -> None:
    counter = SpoolingStore(ReceptionStore.connect(UNREACHABLE_URL), Spool(tmp_path / "spool.sqlite3"))
    first = counter.record(make_input())
    counter.spool._db.execute("UPDATE spool SET body = '{\"id\": 1}' WHERE reception_id = ?", (first.id,))
    second = counter.record(make_input())
    counter.store = ReceptionStore.open(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    delivered = counter.flush()
    assert list(delivered) == [second.id] and delivered[second.id].number == 1
    status = counter.status()
    assert (status.pending, status.rejected) == (0, 1)
    with sqlite3.connect(tmp_path / "spool.sqlite3") as db:
        kept = db.execute("SELECT reception_id, error FROM rejected").fetchall()
    assert kept == [(first.id, "一時保存データを読めません（KeyError: 'office'）")]
    counter.close()
