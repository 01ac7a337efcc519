"""A name a marriage or a divorce changes (kakanai.forms.names), found by driving households through
`kakanai render`: the change forms printed the name on the card as 氏名（変更後） and asked the 変更前の氏名,
so the new name appeared nowhere. The card shows the name before; the name after is the other spouse's
surname at a marriage (民法750条) and is asked at a divorce (民法767条1項: the 婚姻前の氏, on no card)."""

from __future__ import annotations

from typing import Any

from tests.unit.forms.conftest import asked_household, household, render_household


def _sheet(data: dict[str, Any], form: str) -> dict[str, str]:
    return dict(next(d for d in render_household(data) if d.form == form).sheets[0])


def _asked(data: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {(a.id, a.person) for a in asked_household(data)}


def test_a_wife_who_takes_her_husbands_surname_is_printed_under_it() -> None:
    data = household("remarriage_stepchildren")  # 中村 由香 marries 小川 健太 and takes 小川
    sheet = _sheet(data, "child_allowance_change")
    assert (sheet["recipient_name"], sheet["recipient_kana"], sheet["old_name"]) == (
        "小川　由香", "オガワ　ユカ", "中村　由香")
    assert not {key for key in _asked(data) if key[0] in ("new_name", "new_name_kana", "old_name")}


def test_a_husband_who_takes_his_wifes_surname_registers_his_seal_under_it() -> None:
    data = household("marriage_muko")  # 山﨑 翔 takes 髙橋, his wife's surname
    handbook = _sheet(data, "disability_handbook_notice")
    assert (handbook["name"], handbook["kana"], handbook["old_name"]) == ("髙橋　翔", "タカハシ　ショウ", "山﨑　翔")
    assert _sheet(data, "seal_registration")["reg_name"] == "髙橋　翔"
    card = _sheet(data, "mynumber_card_update")
    assert (card["holder_name"], card["holder_old_name"]) == ("髙橋　翔", "山﨑　翔")


def test_the_surname_a_divorce_returns_to_is_asked_and_printed() -> None:
    """No card shows the 婚姻前の氏: asked as the new name and its フリガナ, printed once typed; the wife of a
    divorce keeps her name on sheets of someone whose name does not change."""
    data = household("divorce_father_keeps")  # 鈴木 由美 returns to her former surname
    assert {("new_name", "p2"), ("new_name_kana", "p2")} <= _asked(data)
    card = _sheet(data, "mynumber_card_update")
    assert (card["holder_name"], card["holder_kana"], card["holder_old_name"]) == ("", "", "鈴木　由美")
    data["members"][1]["form_inputs"] = {"new_name": "佐々木　由美", "new_name_kana": "ササキ　ユミ"}
    card = _sheet(data, "mynumber_card_update")
    assert (card["holder_name"], card["holder_kana"], card["holder_old_name"]) == (
        "佐々木　由美", "ササキ　ユミ", "鈴木　由美")


def test_nothing_changes_at_a_move() -> None:
    """A 転居's 障害者手帳 and マイナンバーカード notices name the holder as he is, with no 変更前の氏名, and ask
    no new name."""
    data = household("head_moves_alone")
    handbook = _sheet(data, "disability_handbook_notice")
    assert (handbook["name"], handbook["kana"], handbook["old_name"]) == ("伊藤　誠", "イトウ　マコト", "")
    card = _sheet(data, "mynumber_card_update")
    assert (card["holder_name"], card["holder_old_name"]) == ("伊藤　誠", "")
    assert not {key for key in _asked(data) if key[0] in ("new_name", "new_name_kana")}
