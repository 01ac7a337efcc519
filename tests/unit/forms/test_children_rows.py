"""The children a child benefit's form lists (rows `persons: children`): its 対象児童, never the claimant —
a mother of 16 was listed as her own 対象児童 (続柄「本人」) on the 児童扶養手当, 児童手当 and ひとり親医療 forms — and,
for 児童扶養手当 and ひとり親医療, a disabled child until 20 (児童扶養手当法3条1項): the 19-year-old son who is the
whole reason for the claim was left off, the table printed empty. Found by exploring."""

from __future__ import annotations

from typing import Any

from tests.unit.forms.conftest import household, render_household


def _children(data: dict[str, Any], form: str) -> list[str]:
    """The names on a form's children table (the name is the column that holds a 全角 space, after any フリガナ)."""
    sheet = dict(next(d for d in render_household(data) if d.form == form).sheets[0])
    rows = [row.split("\x1f") for row in sheet["children"].split("\x1e")]
    return [next(c for c in row if "\u3000" in c and not _kana(c)) for row in rows if any(row)]


def _kana(text: str) -> bool:
    return all("\u30a0" <= ch <= "\u30ff" or ch == "\u3000" for ch in text)


def test_a_mother_of_16_claims_for_her_child_not_for_herself() -> None:
    data = household("birth_mother_16_in_parents")  # 美咲 (16) lives with her parents and gives birth to 陽菜
    assert _children(data, "child_support_allowance") == ["中村　陽菜"]
    assert _children(data, "single_parent_medical") == ["中村　陽菜"]


def test_a_disabled_son_of_19_is_the_child_of_the_claim() -> None:
    data = household("death_wife_disabled_son_19")  # the widower (76) and their son 翔太 (19, 障害者手帳)
    assert _children(data, "child_support_allowance") == ["佐藤　翔太"]
    assert _children(data, "single_parent_medical") == ["佐藤　翔太"]
