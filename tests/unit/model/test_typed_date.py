from __future__ import annotations

from datetime import date

import pytest

from kakanai.model.typed_date import DateInputError, parse_typed_date


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
