"""The 出生届 (戸籍法49条, 施行規則 附録第11号様式): the parents' boxes carry their birth date and their age when
the child was born (「満　歳」 of the official form), computed from the two birth dates."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.unit.forms.conftest import words_inside, words_mm
from tests.unit.forms.test_multiple_births import _birth, _render


def test_the_parents_age_at_the_birth_is_printed_beside_their_birth_date(tmp_path: Path) -> None:
    # 太郎 (1985-06-15) is 40 and 花子 (1987-11-03) is 38 on 一花's birth, 2026-04-08.
    sheet = next(d for d in _render(_birth(1)) if d.form == "birth_registration")
    words = words_mm(sheet.pdf, tmp_path)
    assert words_inside(words, 84, 136, 52, 16) == ["父の生年月日", "昭和60年6月15日"]
    assert words_inside(words, 136, 136, 22, 16) == ["満年齢（歳）", "40"]
    assert words_inside(words, 84, 154, 52, 16) == ["母の生年月日", "昭和62年11月3日"]
    assert words_inside(words, 136, 154, 22, 16) == ["満年齢（歳）", "38"]


def test_legitimacy_is_ticked_from_the_interviews_answer() -> None:
    """戸籍法49条2項1号 (嫡出子か否か): the newborn's `parents_married`, answered in the interview, ticks the
    box. Before, it was a second question on the inputs step (「父母との関係」) and printed empty when skipped,
    even though the interview had the answer."""
    def ticks(married: bool | None) -> tuple[str, str]:
        reception = _birth(1)
        child = reception.members[2]
        facts = {k: v for k, v in child.facts.items() if k != "parents_married"}
        if married is not None:
            facts["parents_married"] = married
        changed = replace(reception, members=(*reception.members[:2], replace(child, facts=facts)))
        sheet = next(d for d in _render(changed) if d.form == "birth_registration").sheets[0]
        return sheet["legitimate"], sheet["not_legitimate"]

    assert ticks(True) == ("1", "0")
    assert ticks(False) == ("0", "1")
