from datetime import date

import pytest

from kakanai.model.wareki import Era, era_year_yymmdd, format_wareki, to_wareki


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2026, 4, 9), "令和8年4月9日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1912, 7, 30), "大正元年7月30日"),
    ],
)
def test_era_boundaries_and_gannen(day: date, text: str) -> None:
    assert format_wareki(day) == text


def test_padded_slots_and_pension_codes() -> None:
    assert format_wareki(date(2025, 4, 1), padded=True) == "令和 7年 4月 1日"
    assert format_wareki(date(2019, 5, 1), padded=True) == "令和元年 5月 1日"
    assert to_wareki(date(1980, 2, 17)).era is Era.SHOWA
    assert [e.pension_code for e in (Era.SHOWA, Era.HEISEI, Era.REIWA)] == [5, 7, 9]


def test_collation_number_b_date_part() -> None:
    # mynumber-card.md: born 1980-02-17 (昭和55) -> 550217
    assert era_year_yymmdd(date(1980, 2, 17)) == "550217"
