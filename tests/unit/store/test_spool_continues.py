"""The continuation link in the local spool, including entries spooled by a version without it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kakanai.store import Spool, StatsRows, new_reception_id
from kakanai.store.codec import input_from_dict, input_to_dict
from kakanai.store.stats import handling_by_event
from tests.unit.store.support import make_input


def test_codec_keeps_the_continuation() -> None:
    earlier = new_reception_id()
    item = make_input(continues=earlier)
    raw = input_to_dict(item)
    assert raw["continues"] == earlier
    back = input_from_dict(json.loads(json.dumps(raw)))
    assert back.continues == earlier and back.id == item.id
    assert input_from_dict(input_to_dict(make_input())).continues is None


def test_entries_spooled_before_the_continuation_link_still_read(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.sqlite3")
    old = input_to_dict(make_input())
    del old["continues"]  # the shape written by the previous release
    spool._db.execute("INSERT INTO spool (reception_id, body, queued_at) VALUES (?, ?, ?)",
                      (old["id"], json.dumps(old, ensure_ascii=False), "2026-04-10T01:30:00"))
    later = make_input(continues=old["id"])
    spool.put(later)
    first = spool.oldest()
    assert first is not None and first[1].id == old["id"] and first[1].continues is None
    spool.remove(first[0])
    second = spool.oldest()
    assert second is not None and second[1].continues == old["id"]
    spool.close()
    assert len(Spool(tmp_path / "spool.sqlite3")) == 1  # what waits survives a restart, link included


def test_handling_by_event() -> None:
    day = date(2026, 4, 10)
    rows = StatsRows(receptions=(("a", "moving_in", "main", day, 600.0), ("b", "moving_in", "main", day, 800.0),
                                 ("c", "birth", "main", day, 300.0)),
                     procedures=(), steps=(), documents=(), overrides=())
    assert [(d.key, d.count, d.median_seconds, d.p90_seconds) for d in handling_by_event(rows)] == [
        ("birth", 1, 300.0, 300.0), ("moving_in", 2, 700.0, 780.0)]
