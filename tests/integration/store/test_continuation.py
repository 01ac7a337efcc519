"""北見's "continue from the barcode": a reception continued at another counter is a new record that names
the one it goes on from, in the database, the audit trail, the spool and `kakanai receptions show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.integration.store.conftest import UNREACHABLE_URL
from tests.unit.store.support import make_input

from kakanai.cli.main import main
from kakanai.store import ReceptionStore, Spool, SpoolingStore, new_reception_id


def test_a_reception_names_the_one_it_continues(store: ReceptionStore) -> None:
    first = store.record(make_input(counter="c1"))
    second = store.record(make_input(counter="c2", continues=first.id))
    loaded = store.load_reception(second.id)
    assert loaded is not None and loaded.continues == first.id and loaded.number == 2
    earlier = store.load_reception(first.id)
    assert earlier is not None and earlier.continues is None

    recorded = [e for e in store.audit_events(second.id) if e.action == "reception_recorded"]
    assert recorded[0].detail["continues"] == first.id
    assert store.audit_events(first.id)[0].detail["continues"] is None
    assert store.verify_audit().ok


def test_the_earlier_reception_need_not_be_here(store: ReceptionStore) -> None:
    """Not a foreign key: the earlier one may be purged already, or wait in another counter's spool."""
    elsewhere = new_reception_id()
    result = store.record(make_input(continues=elsewhere))
    loaded = store.load_reception(result.id)
    assert loaded is not None and loaded.continues == elsewhere
    store.purge(older_than_days=0)
    purged = store.load_reception(result.id)
    assert purged is not None and purged.reception is None and purged.continues == elsewhere  # an id, kept


def test_the_link_survives_the_spool(db_url: str, tmp_path: Path) -> None:
    """Recorded while the database is down, delivered later with the link intact."""
    spooled = SpoolingStore(ReceptionStore.connect(UNREACHABLE_URL), Spool(tmp_path / "spool.sqlite3"))
    earlier = make_input()
    later = make_input(counter="c2", continues=earlier.id)
    assert not spooled.record(earlier).stored and not spooled.record(later).stored
    spooled.store.close()
    spooled.store = ReceptionStore.open(db_url, upgrade=True)
    delivered = spooled.flush()
    assert [delivered[earlier.id].number, delivered[later.id].number] == [1, 2]
    loaded = spooled.store.load_reception(later.id)
    assert loaded is not None and loaded.continues == earlier.id
    spooled.close()


def test_receptions_show_prints_the_earlier_reception(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    store = ReceptionStore.open(db_url, upgrade=True)
    first = store.record(make_input())
    second = store.record(make_input(continues=first.id))
    store.close()
    assert main(["receptions", "show", second.id, "--db", db_url]) == 0
    assert f"前の受付: {first.id}" in capsys.readouterr().out
    assert main(["receptions", "show", first.id, "--db", db_url]) == 0
    assert "前の受付" not in capsys.readouterr().out
    assert main(["receptions", "show", second.id, "--json", "--db", db_url]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["continues"] == first.id and shown["audit"][0]["detail"]["continues"] == first.id
