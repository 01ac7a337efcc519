"""The rule book's lists for the counter: the procedures the clerk may add on a day."""

from __future__ import annotations

from datetime import date

from kakanai.rules import load_rulebook
from kakanai.rules.book import CatalogEntry


def test_the_clerk_may_add_every_procedure_in_force_named_with_its_department() -> None:
    book = load_rulebook()
    day = date(2026, 4, 10)
    entries = {e.id: e for e in book.addable(day)}
    assert list(entries) == [p.id for p in book.procedures_on(day)]
    assert entries["resident_move_notice"] == CatalogEntry("resident_move_notice", "住民異動届", False, "市民課")
    assert entries["seal_registration"] == CatalogEntry("seal_registration", "印鑑登録申請", True, "市民課")
