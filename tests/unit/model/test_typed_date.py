from __future__ import annotations

from datetime import date

import pytest

from kakanai.model.typed_date import DateInputError, date_typed_in_full, format_both, parse_typed_date


@pytest.mark.parametrize(("text", "expected"), [
    ("20230110", date(2023, 1, 10)),
    ("2023-01-10", date(2023, 1, 10)),
    ("2023/1/10", date(2023, 1, 10)),
    ("２０２３年１月１０日", date(2023, 1, 10)),
    ("R5.1.10", date(2023, 1, 10)),
    ("r5.1.10", date(2023, 1, 10)),
    ("令和5年1月10日", date(2023, 1, 10)),
    ("令和元年5月1日", date(2019, 5, 1)),
    ("H31.4.30", date(2019, 4, 30)),
    ("S60.6.15", date(1985, 6, 15)),
    ("昭和64年1月7日", date(1989, 1, 7)),
    ("平1.1.8", date(1989, 1, 8)),
])
def test_typed_dates(text: str, expected: date) -> None:
    assert parse_typed_date(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("", "入力してください"),
    ("2023-02-30", "存在しない日付"),
    ("R1.4.30", "令和より前"),
    ("きのう", "日付として読めません"),
])
def test_bad_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateInputError, match=message):
        parse_typed_date(text)


def test_month_and_day_alone_mean_this_year() -> None:
    assert parse_typed_date("4/9", this_year=2026) == date(2026, 4, 9)
    assert parse_typed_date("４月９日", this_year=2026) == date(2026, 4, 9)
    with pytest.raises(DateInputError):
        parse_typed_date("4/9")


@pytest.mark.parametrize(("text", "expected"), [
    ("R8.4.1", date(2026, 4, 1)),
    ("令和8年4月1日", date(2026, 4, 1)),
    ("令８．４．１", date(2026, 4, 1)),
    ("R080401", date(2026, 4, 1)),
    ("H080401", date(1996, 4, 1)),
])
def test_wareki_forms_of_issue_17(text: str, expected: date) -> None:
    assert parse_typed_date(text) == expected


def test_a_year_without_era_is_of_the_current_era_only_near_the_visit() -> None:
    assert parse_typed_date("8.4.1", this_year=2026) == date(2026, 4, 1)
    assert parse_typed_date("８年４月１日", this_year=2026) == date(2026, 4, 1)
    assert parse_typed_date("元.5.1", this_year=2019) == date(2019, 5, 1)
    with pytest.raises(DateInputError) as caught:
        parse_typed_date("8.4.1")  # a birth date: 昭和, 平成 or 令和 8年 — the clerk says which
    assert str(caught.value) == "元号を付けて入力してください（8.4.1）。例: R8.4.1、H8.4.1、S60.6.15"


def test_a_year_past_the_end_of_its_era_is_refused() -> None:
    with pytest.raises(DateInputError) as caught:
        parse_typed_date("平成32年4月1日")
    assert str(caught.value) == ("平成32年4月1日は平成の終わり（平成31年4月30日）より後の日付です。"
                                 "令和2年4月1日のことでしたら、そのように入力してください")
    assert parse_typed_date("昭和64年1月7日") == date(1989, 1, 7)
    with pytest.raises(DateInputError, match="昭和の終わり"):
        parse_typed_date("S64.1.8")
    with pytest.raises(DateInputError, match="令和0年はありません"):
        parse_typed_date("R0.4.1")


def test_dates_are_shown_in_both_calendars() -> None:
    assert format_both(date(2026, 4, 1)) == "2026-04-01（令和8年4月1日）"
    assert format_both(date(2019, 5, 1)) == "2019-05-01（令和元年5月1日）"


@pytest.mark.parametrize(("typed", "full"), [
    ("20230110", True), ("２０２３０１１０", True), ("R050110", True), ("s130303", True), ("令和5年1月10日", True),
    ("2023年1月10日", True),
    ("2023011", False), ("R5.1.1", False),  # R5.1.1 may still become R5.1.10
    ("2023/1/10", False), ("令和5年1月1", False), ("", False),
    ("20231340", True),  # in full, though no such day: the dialog says so at once
])
def test_a_date_typed_in_full_is_one_nothing_more_can_follow(typed: str, full: bool) -> None:
    assert date_typed_in_full(typed) is full
