"""A trigger's own `bring:` items join the procedure's list only when that trigger decides: the 在留カード of
every foreign member for a 転入届 (入管法19条の9), nothing more for a Japanese household; a municipality's
`bring` override still replaces the whole list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kakanai.model import reception_from_dict
from kakanai.paths import default_municipality_file, rules_dir
from kakanai.rules.book import load_rulebook

BASE = ("本人確認書類（マイナンバーカード等）", "異動する方全員のマイナンバーカード")
CARD = "外国籍の方全員の在留カード（特別永住者は特別永住者証明書）"
# 住基法22条2項・施行令23条: a 転入 from another municipality comes with the 転出証明書 (24条の2: or the card).
MOVED_OUT = "前住所地の転出証明書（マイナンバーカードで転出届をした方は、そのカード）"


def _moving_in(nationality: str, from_abroad: bool) -> dict[str, Any]:
    return {"event": "moving_in", "event_date": "2026-06-01",
            "household": {"facts": {"from_abroad": from_abroad}},
            "members": [{"id": "p1", "name": "グエン　アン", "birth_date": "1994-03-15", "sex": "male",
                         "facts": {"relationship": "head", "nationality": nationality}}]}


def _bring(reception: dict[str, Any], municipality: Path | None = None) -> tuple[str, ...]:
    book = load_rulebook(rules_dir(), municipality or default_municipality_file())
    plan = book.plan(reception_from_dict(reception))
    return next(p.bring for p in plan.procedures if p.id == "resident_move_notice")


def test_a_foreign_member_moving_in_brings_the_residence_card() -> None:
    assert _bring(_moving_in("foreign", False)) == (*BASE, CARD, MOVED_OUT)


def test_a_japanese_household_is_not_told_to_bring_a_residence_card_but_the_moving_out_certificate() -> None:
    assert _bring(_moving_in("japanese", False)) == (*BASE, MOVED_OUT)


def test_a_japanese_national_from_abroad_brings_the_passport_and_the_family_register_papers() -> None:
    assert _bring(_moving_in("japanese", True)) == (
        *BASE, "パスポート（入国の記録があるもの）", "戸籍謄本と戸籍の附票の写し（本籍地が他の市区町村の方）")


def test_a_municipality_override_replaces_the_whole_list(tmp_path: Path) -> None:
    text = default_municipality_file().read_text(encoding="utf-8")
    municipality = tmp_path / "municipality.yaml"
    assert "\nprocedures: {}\n" in text
    municipality.write_text(text.replace("\nprocedures: {}\n",
                                         "\nprocedures:\n  resident_move_notice: {bring: [本人確認書類]}\n"),
                            encoding="utf-8")
    assert _bring(_moving_in("foreign", False), municipality) == ("本人確認書類",)


def _late_elderly_enroll_bring(from_abroad: bool) -> tuple[str, ...]:
    # 76 on the move-in; from abroad or from another prefecture (高確法52条: a new 広域連合).
    # Not into a facility (住所地特例 keeps the former 広域連合, 高確法55条).
    facts: dict[str, Any] = {"from_abroad": from_abroad} | (
        {} if from_abroad else {"from_same_prefecture": False, "facility_admission": False})
    reception = {"event": "moving_in", "event_date": "2026-06-10", "household": {"facts": facts},
                 "members": [{"id": "p1", "name": "林　ハル", "birth_date": "1950-01-01", "sex": "female",
                              "facts": {"relationship": "head", "nationality": "japanese",
                                        "health_insurance": "none" if from_abroad else "late_elderly"}}]}
    plan = load_rulebook().plan(reception_from_dict(reception))
    return next(p.bring for p in plan.procedures if p.id == "late_elderly_enroll")


def test_late_elderly_from_another_prefecture_brings_the_certificate_of_the_former_address() -> None:
    assert _late_elderly_enroll_bring(False) == ("本人確認書類", "負担区分等証明書（前住所地で交付）")


def test_late_elderly_from_abroad_has_no_former_certificate_to_bring() -> None:
    # No 広域連合 abroad issues a 負担区分等証明書 (高確法施行規則: issued on a move-out within Japan).
    assert _late_elderly_enroll_bring(True) == ("本人確認書類",)
