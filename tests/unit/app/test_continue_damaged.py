"""Continuing a reception at the counter (北見: the guidance sheet's QR) whose stored personal data no longer
reads back (a damaged or hand-edited database): the counter said 「保存期間を過ぎ、個人の記録が消去されています」,
as for a purged one, and the clerk told the resident their data had been deleted. `kakanai receptions show`
already said the truth (exit 3, unreadable_reception); the counter now says it too: the record is damaged,
it cannot be opened, nothing was changed. A purged reception is still said to be purged."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from kakanai.app.workflow import Step
from kakanai.rules import RuleBook
from kakanai.store.counter_recorder import StoreRecorder
from kakanai.store.recorders import RecordContext, RecordError
from tests.unit.app.test_workflow import answer_all, family, session
from tests.unit.cli.test_hostile_cli2 import tamper

CONTEXT = RecordContext("窓口1", None, False)
DAMAGED = ("は、保存されている個人の記録が壊れているか書き換えられているため読み取れず、開けません。"
           "記録はそのままです（何も変更していません）。管理者に連絡してください")


def recorded(book: RuleBook, tmp_path: Path) -> tuple[StoreRecorder, str, Path]:
    db = tmp_path / "k.sqlite3"
    rec = StoreRecorder.open(f"sqlite:///{db}", spool_path=tmp_path / "spool.sqlite3")
    rec.create_first_administrator("admin", "管理　太郎", "password-1", "password-1")
    s = family(book)
    answer_all(s)
    result = rec.record_result(s.finish(), CONTEXT)
    assert result.stored and result.label == "0001"
    return rec, result.id, db


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("statement", [
    "UPDATE receptions SET event = 'nonsense'",  # not a LifeEvent: the model refuses it
    "UPDATE reception_members SET name = NULL",  # a member without a name
    "UPDATE reception_members SET birth_date = 'きのう'",  # not a date: SQLAlchemy cannot convert it
    "UPDATE receptions SET household_facts = '{not json'",  # JSON that is not JSON
])
def test_a_damaged_earlier_reception_is_said_damaged_not_purged(statement: str, book: RuleBook,
                                                               tmp_path: Path) -> None:
    rec, reception_id, db = recorded(book, tmp_path)
    try:
        tamper(db, statement)
        before = dump(db)
        t = session(book)
        with pytest.raises(RecordError) as caught:
            rec.earlier_reception(reception_id)
        message = str(caught.value)
        assert message.startswith(("受付 0001（", f"受付 {reception_id[:8]}…"))
        assert DAMAGED in message
        assert not any(word in message for word in ("消去", "削除", "保存期間"))  # never "purged"
        assert dump(db) == before  # nothing written: the damaged record is left for the administrator
        assert t.step is Step.EVENT and not t.members and t.continues is None  # the counter is untouched
    finally:
        rec.close()


def test_a_damaged_reception_is_told_apart_from_a_purged_one(book: RuleBook, tmp_path: Path) -> None:
    rec, reception_id, _db = recorded(book, tmp_path)
    try:
        rec.store.store.purge(older_than_days=0, today=date.today() + timedelta(days=2))
        with pytest.raises(RecordError, match="保存期間を過ぎ、個人の記録が消去されています") as caught:
            rec.earlier_reception(reception_id)
        assert "壊れて" not in str(caught.value)
    finally:
        rec.close()
