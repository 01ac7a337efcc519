"""The 世帯変更 sheets (住基法25条) say which change it is (found by driving households through `kakanai render`:
every 世帯変更 printed the leaver under the 世帯主 she left, and a change of the 世帯主 alone recorded nothing):
a 世帯分離's leaver heads the household she forms, a 世帯合併's joiner is listed under the 世帯主 she joins, and
a change of the 世帯主 alone is the 世帯主変更届 listing everyone under the one chosen."""

from __future__ import annotations

from typing import Any

from tests.unit.forms.conftest import asked_household, household, render_household


def _move_notice(data: dict[str, Any]) -> dict[str, str]:
    return dict(next(d for d in render_household(data) if d.form == "resident_move_notice").sheets[0])


def _rows(sheet: dict[str, str]) -> list[tuple[str, str]]:
    """(氏名, 続柄) of each 異動する方 (the columns: ふりがな, 氏名, 生年月日, 性別, 続柄 …)."""
    rows = [row.split("\x1f") for row in sheet["movers"].split("\x1e")]
    return [(row[1], row[4]) for row in rows if row[1]]


def test_a_mother_who_separates_heads_her_own_household() -> None:
    data = household("household_split_elderly")  # トメ (99) leaves her son's household at the same address
    proposals = {a.id: a.proposal for a in asked_household(data)}
    assert proposals["old_head_name"] == "加藤　修"
    data["form_inputs"]["old_head_name"] = "加藤　修"
    sheet = _move_notice(data)
    assert (sheet["new_head"], sheet["old_head"], sheet["kind_household"], sheet["kind_head"]) == (
        "加藤　トメ", "加藤　修", "1", "0")
    assert _rows(sheet) == [("加藤　トメ", "世帯主")]


def test_two_who_separate_choose_who_heads_them() -> None:
    data = household("household_split_elderly")
    data["subject"] = ["p1", "p2"]  # the couple leaves トメ's household … (the 続柄 are to 修 as listed)
    asked = {a.id: a for a in asked_household(data)}
    assert asked["new_head_name"].options == ("加藤　修", "加藤　久美子")
    assert _move_notice(data)["new_head"] == ""  # before the choice
    data["form_inputs"]["new_head_name"] = "加藤　久美子"
    sheet = _move_notice(data)
    assert sheet["new_head"] == "加藤　久美子"
    # a 世帯変更, not a 世帯主変更 (their choosing a 世帯主 made it print as one, with neither box ticked)
    assert (sheet["kind_household"], sheet["kind_head"], sheet["event_label"]) == ("1", "0", "世帯変更")
    assert _rows(sheet) == [("加藤　修", "夫"), ("加藤　久美子", "世帯主")]


def test_a_mother_who_joins_her_sons_household_is_listed_under_him() -> None:
    data = household("household_split_elderly")
    data["household"]["facts"]["household_change_kind"] = "merger"
    proposals = {a.id: a.proposal for a in asked_household(data)}
    assert proposals["old_head_name"] == ""  # hers, not the one she joins: not listed, asked
    sheet = _move_notice(data)
    assert (sheet["new_head"], sheet["kind_household"]) == ("加藤　修", "1")
    assert _rows(sheet) == [("加藤　トメ", "母")]


def test_a_change_of_the_head_alone_lists_everyone_under_the_new_head() -> None:
    data = household("head_change_alone")  # 大正 (113) hands the household to his son 昭
    documents = [d for d in render_household(data) if d.form == "resident_move_notice"]
    assert [d.procedure for d in documents] == ["head_of_household_change"]
    asked = {a.id: a for a in asked_household(data)}
    assert asked["new_head_name"].options == ("井上　昭", "井上　令子")
    assert asked["old_head_name"].proposal == "井上　大正"
    data["form_inputs"].update(new_head_name="井上　昭", old_head_name="井上　大正")
    sheet = _move_notice(data)
    assert (sheet["new_head"], sheet["old_head"], sheet["kind_household"], sheet["kind_head"], sheet["member_count"]) == (
        "井上　昭", "井上　大正", "0", "1", "3")
    assert _rows(sheet)[:2] == [("井上　大正", "父"), ("井上　昭", "世帯主")]


def test_the_nhi_notice_says_which_change_as_the_interview_answered_it() -> None:
    """The 国保 notice's 「世帯分離・世帯合併」 is what the interview answered (household_change_kind): the
    counter asked it again as 「国保の記載変更の理由」 on top of the 住民異動届's own question."""
    data = household("household_split_elderly")
    data["subject"] = ["p2"]  # 久美子 (国保) leaves her husband's household
    assert "nhi_change_reason" not in {a.id for a in asked_household(data)}
    sheet = dict(next(d for d in render_household(data) if d.form == "nhi_notice").sheets[0])
    assert (sheet["kind_change"], sheet["change_head"], sheet["change_split"]) == ("1", "1", "1")
    data["household"]["facts"]["household_change_kind"] = "head_change"
    data.pop("subject")
    sheet = dict(next(d for d in render_household(data) if d.form == "nhi_notice").sheets[0])
    assert (sheet["change_head"], sheet["change_split"]) == ("1", "0")


def test_a_late_elderly_mother_who_separates_files_no_nhi_notice() -> None:
    """トメ (99) is in 後期高齢者医療 (高確法50条): her leaving changes nobody's 国保 世帯主 (国保法9条)."""
    assert "nhi_notice" not in {d.form for d in render_household(household("household_split_elderly"))}


def test_the_nhi_notice_asks_of_another_insurance_only_where_someone_joins_or_leaves_for_it() -> None:
    """前の健康保険 / 加入した健康保険 belong to a 国保 加入 or 脱退 for a workplace insurance (職場の保険をやめた,
    扶養から外れた): a 世帯変更's 記載事項変更 asked them, and the preview listed them as boxes left empty."""
    insurers = {"prev_insurer", "prev_loss_date", "new_insurer"}
    data = household("household_split_elderly")
    data["subject"] = ["p2"]
    assert "nhi_notice" in {d.form for d in render_household(data)}
    assert not insurers & {a.id for a in asked_household(data)}
    data = household("death_father_of_15")  # the widow was her husband's 被扶養者: she joins 国保
    data["members"][0]["facts"]["health_insurance"] = "employee"
    for member in data["members"][1:]:
        member["facts"].update(health_insurance="employee", employee_insurance_dependent=True)
    asked = {a.id: a.forms for a in asked_household(data)}
    assert asked["prev_insurer"] == asked["prev_loss_date"] == ("nhi_notice",)
    assert "new_insurer" not in asked


def _nhi_change(data: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    """The 国保 記載事項変更's 世帯主 (届出義務者) and its rows' (氏名, 続柄)."""
    sheet = dict(next(d for d in render_household(data) if d.procedure == "nhi_change").sheets[0])
    rows = [row.split("\x1f") for row in sheet["persons"].split("\x1e")]
    return sheet["head_name"], [(row[1], row[4]) for row in rows]


def test_the_nhi_notice_of_a_separation_is_the_new_households() -> None:
    """The 国保 記載事項変更 of those who separate names the 世帯主 they now have (国保法9条: the 世帯主 files)
    and their 続柄 to that one, as their 住民異動届 does; it printed the 世帯主 they left."""
    data = household("household_split_elderly")
    data["subject"] = ["p2"]  # 久美子 (国保) leaves her husband's household: she heads her own
    assert _nhi_change(data) == ("加藤　久美子", [("加藤　久美子", "世帯主")])
    data["subject"] = ["p1", "p2"]  # the couple leaves トメ's household and chooses 久美子
    data["form_inputs"]["new_head_name"] = "加藤　久美子"
    assert _nhi_change(data) == ("加藤　久美子", [("加藤　修", "夫"), ("加藤　久美子", "世帯主")])


def test_the_nhi_notice_of_a_change_of_the_head_alone_names_the_one_chosen() -> None:
    data = household("head_change_alone")
    for member in data["members"][1:]:
        member["facts"]["health_insurance"] = "national"
    data["form_inputs"]["new_head_name"] = "井上　昭"
    head, rows = _nhi_change(data)
    assert (head, rows[0]) == ("井上　昭", ("井上　昭", "世帯主"))
