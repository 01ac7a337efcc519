"""The counter's store (SpoolingStore): it starts while the shared database is down, checks the schema
once the database answers, signs in staff who signed in at this PC before, and reads statistics."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.integration.store.conftest import UNREACHABLE_URL, pg_stopped
from tests.unit.store.support import make_input

from kakanai.store import (
    NotMigrated,
    ReceptionStore,
    Role,
    SpoolingStore,
    StoreConfigError,
    StoreUnavailable,
    check_password,
)

PASSWORD = "correct-horse-9"


def _open_down(tmp_path: Path) -> SpoolingStore:
    counter = SpoolingStore.open(UNREACHABLE_URL, tmp_path / "spool.sqlite3")
    status = counter.status()
    assert not status.up and status.last_error and "接続できません" in status.last_error
    return counter


def test_the_counter_starts_while_the_database_is_down(tmp_path: Path) -> None:
    counter = _open_down(tmp_path)
    queued = [counter.record(make_input()) for _ in range(2)]
    assert all(not r.stored for r in queued) and counter.status().pending == 2
    with pytest.raises(StoreUnavailable):
        counter.load_reception(queued[0].id)
    assert counter.has_staff()  # cannot ask: never the first-run screen
    assert counter.flush() == {} and not counter.status().up
    # The link returns to an embedded database that was never created: it upgrades itself first.
    counter.store.close()
    counter.store = ReceptionStore.connect(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    delivered = counter.flush()
    assert [delivered[r.id].number for r in queued] == [1, 2]
    assert counter.status().up and counter.status().pending == 0
    assert counter.store.revision() == ReceptionStore.head_revision()
    loaded = counter.load_reception(queued[1].id)
    assert loaded is not None and loaded.number == 2
    assert not counter.has_staff()  # reachable and empty: create the administrator
    counter.close()


def test_other_errors_at_open_still_raise(db_url: str, tmp_path: Path) -> None:
    with pytest.raises(StoreConfigError):
        SpoolingStore.open("nosuchdb://x", tmp_path / "spool.sqlite3")
    if db_url.startswith("postgresql"):
        with pytest.raises(NotMigrated, match="kakanai db upgrade"):
            SpoolingStore.open(db_url, tmp_path / "spool.sqlite3")
    else:
        counter = SpoolingStore.open(db_url, tmp_path / "spool.sqlite3")  # embedded: migrates itself
        assert counter.status().up and counter.store.revision() == ReceptionStore.head_revision()
        counter.close()


@pytest.mark.postgres
@pytest.mark.pg_outage
def test_server_down_at_start_then_back_but_not_migrated(pg_url: str, tmp_path: Path) -> None:
    with pg_stopped():
        counter = SpoolingStore.open(pg_url, tmp_path / "spool.sqlite3")
        assert not counter.status().up
        queued = [counter.record(make_input()) for _ in range(3)]
        assert counter.status().pending == 3
    # Back, but nobody ran `kakanai db upgrade`: the records keep waiting, none is set aside as refused.
    assert counter.flush() == {}
    status = counter.status()
    assert not status.up and status.pending == 3 and status.rejected == 0
    assert status.last_error and "kakanai db upgrade" in status.last_error
    ReceptionStore.open(pg_url, upgrade=True).close()  # the administrator migrates
    delivered = counter.flush()
    assert [delivered[r.id].number for r in queued] == [1, 2, 3]
    assert counter.status().up and counter.status().pending == 0
    assert counter.record(make_input()).number == 4
    assert counter.store.verify_audit().ok
    counter.close()


def _spool_files(tmp_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(tmp_path.glob("spool.sqlite3*")))


def test_offline_sign_in_for_staff_who_signed_in_here_before(db_url: str, tmp_path: Path) -> None:
    ReceptionStore.open(db_url, upgrade=True).close()
    counter = SpoolingStore.open(db_url, tmp_path / "spool.sqlite3")
    online = counter.store
    assert not counter.has_staff("main")
    counter.add_staff(office="main", login="sato", display_name="佐藤", role=Role.ADMINISTRATOR,
                      password=PASSWORD)
    counter.add_staff(office="main", login="suzuki", display_name="鈴木", role=Role.CLERK, password=PASSWORD,
                      by="sato")
    assert counter.has_staff("main") and counter.has_staff()
    member = counter.sign_in(office="main", login="sato", password=PASSWORD)
    assert member is not None and member.role is Role.ADMINISTRATOR and member.id > 0
    cached = counter.spool.cached_staff("main", "sato")
    assert cached is not None and check_password(PASSWORD, cached[1])
    assert PASSWORD.encode() not in _spool_files(tmp_path)  # never the plain password, WAL included

    counter.store = ReceptionStore.connect(UNREACHABLE_URL)  # the database goes away
    offline = counter.sign_in(office="main", login="sato", password=PASSWORD)
    assert offline == member and not counter.status().up
    assert counter.sign_in(office="main", login="sato", password="wrong-password") is None
    with pytest.raises(StoreUnavailable, match="このPCで以前にサインインしたことのある職員だけ"):
        counter.sign_in(office="main", login="suzuki", password=PASSWORD)  # never signed in here
    with pytest.raises(StoreUnavailable, match="オフライン"):
        counter.sign_in(office="branch", login="sato", password=PASSWORD)  # cached per office
    counter.store.close()

    # Online again: a wrong password drops the cache row, so an old password cannot work offline.
    counter.store = online
    assert counter.sign_in(office="main", login="sato", password="wrong-password") is None
    assert counter.spool.cached_staff("main", "sato") is None
    assert counter.sign_in(office="main", login="sato", password=PASSWORD) is not None
    # A disabled account is dropped as well.
    with online.engine.begin() as conn:
        conn.execute(sa.text("UPDATE staff SET active = :no WHERE login = 'sato'"), {"no": False})
    assert counter.sign_in(office="main", login="sato", password=PASSWORD) is None
    assert counter.spool.cached_staff("main", "sato") is None
    assert online.verify_audit().ok
    counter.close()


def test_statistics_in_one_read(store: ReceptionStore) -> None:
    for _ in range(3):
        store.record(make_input())
    store.record(make_input(day=date(2026, 5, 1)))
    summary, by_event = store.statistics(date(2026, 4, 1), date(2026, 4, 30))
    assert summary.receptions == 3 and summary.by_day[0].key == "2026-04-10"
    assert [(d.key, d.count, d.median_seconds) for d in by_event] == [("moving_in", 3, 720.0)]
    everything, _ = store.statistics()
    assert everything.receptions == 4 and "山田" not in repr(everything) + repr(by_event)
