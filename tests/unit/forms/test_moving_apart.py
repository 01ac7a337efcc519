"""Those who move (転居) and leave the 世帯主 behind head a household of their own at the new address, or join
one there (住基法7条4号・23条): the 住民異動届 printed no 新しい世帯主 (a box left for the resident's pen) and
their 続柄 to the 世帯主 they left (妻, 子), and the 国保 記載事項変更 the old household's size and no change of
its 世帯主. The new 世帯主 is now asked among the movers (one mover proposed, to confirm), and the sheets follow
the answer; unchosen (they join a household already there), the boxes stay blank for the resident."""

from __future__ import annotations

from typing import Any

from tests.unit.forms.conftest import asked_household, household, render_household


def _sheet(data: dict[str, Any], form: str) -> dict[str, str]:
    return dict(next(d for d in render_household(data) if d.form == form).sheets[0])


def _rows(sheet: dict[str, str], key: str = "movers") -> list[tuple[str, str]]:
    """(氏名, 続柄) of each row (the columns: ふりがな, 氏名, 生年月日, 性別, 続柄 …)."""
    rows = [row.split("\x1f") for row in sheet[key].split("\x1e")]
    return [(row[1], row[4]) for row in rows if row[1]]


def test_the_mother_who_moves_with_her_daughter_heads_their_household() -> None:
    data = household("moving_within_apart")  # 直美 and 美羽 move; 誠 (世帯主) and 拓海 stay
    asked = {a.id: a for a in asked_household(data)}
    assert asked["new_head_name"].options == ("伊藤　直美", "伊藤　美羽")
    assert asked["new_head_name"].proposal == ""  # two movers: chosen, never guessed
    assert asked["old_head_name"].proposal == "伊藤　誠"
    before = _sheet(data, "resident_move_notice")
    assert before["new_head"] == "" and _rows(before) == [("伊藤　直美", ""), ("伊藤　美羽", "")]
    data["form_inputs"].update(new_head_name="伊藤　直美", old_head_name="伊藤　誠")
    sheet = _sheet(data, "resident_move_notice")
    assert (sheet["new_head"], sheet["old_head"], sheet["kind_within"]) == ("伊藤　直美", "伊藤　誠", "1")
    assert _rows(sheet) == [("伊藤　直美", "世帯主"), ("伊藤　美羽", "子")]


def test_the_nhi_notice_records_the_new_head_and_the_household_she_heads() -> None:
    data = household("moving_within_apart")
    unchosen = _sheet(data, "nhi_notice")
    assert (unchosen["change_address"], unchosen["change_head"], unchosen["member_count"]) == ("1", "1", "")
    data["form_inputs"]["new_head_name"] = "伊藤　直美"
    sheet = _sheet(data, "nhi_notice")
    # 国保法9条: the 世帯主 of the household she heads files it; 2 in that household, not the 4 left behind
    assert (sheet["head_name"], sheet["member_count"], sheet["change_address"], sheet["change_head"]) == (
        "伊藤　直美", "2", "1", "1")


def test_one_who_moves_alone_is_proposed_to_head_his_household() -> None:
    data = household("moving_within_apart")
    data["subject"] = ["p3"]  # only 拓海 (20) moves to a flat of his own
    asked = {a.id: a for a in asked_household(data)}
    assert asked["new_head_name"].options == ("伊藤　拓海",)
    assert asked["new_head_name"].proposal == "伊藤　拓海"
    data["form_inputs"]["new_head_name"] = "伊藤　拓海"
    sheet = _sheet(data, "resident_move_notice")
    assert sheet["new_head"] == "伊藤　拓海" and _rows(sheet) == [("伊藤　拓海", "世帯主")]


def test_a_whole_household_that_moves_is_not_asked_and_its_head_does_not_change() -> None:
    data = household("moving_within_apart")
    data["subject"] = None  # everyone moves: the 世帯主 with them
    assert "new_head_name" not in {a.id for a in asked_household(data)}
    sheet = _sheet(data, "resident_move_notice")
    assert sheet["new_head"] == "伊藤　誠"
    assert _rows(sheet)[:2] == [("伊藤　誠", "世帯主"), ("伊藤　直美", "妻")]
    nhi = _sheet(data, "nhi_notice")
    assert (nhi["change_address"], nhi["change_head"], nhi["member_count"]) == ("1", "0", "4")
