"""The age law (life-events.md section 1), with every boundary."""

from datetime import date

import pytest

from kakanai.model.agelaw import (
    age_in_completed_years,
    age_on,
    attainment_date,
    end_of_first_march31_after_attaining,
    late_elderly_start,
    ltc_primary_insured_start,
    school_entry_date,
    school_grade,
)


def test_attains_age_on_the_day_before_the_birthday() -> None:
    assert attainment_date(date(2020, 4, 1), 6) == date(2026, 3, 31)
    assert age_on(date(2020, 4, 1), date(2026, 3, 30)) == 5
    assert age_on(date(2020, 4, 1), date(2026, 3, 31)) == 6
    # The everyday age changes on the birthday itself.
    assert age_in_completed_years(date(2020, 4, 1), date(2026, 3, 31)) == 5


def test_born_29_february_attains_on_28_february() -> None:
    assert attainment_date(date(2008, 2, 29), 18) == date(2026, 2, 28)
    assert attainment_date(date(2008, 2, 29), 16) == date(2024, 2, 28)  # leap year: the day before 2/29
    assert late_elderly_start(date(1952, 2, 29)) == date(2027, 3, 1)


@pytest.mark.parametrize(
    ("birth", "entry"),
    [
        (date(2019, 4, 1), date(2025, 4, 1)),  # attains 6 on 2025-03-31: enters that April
        (date(2019, 4, 2), date(2026, 4, 1)),  # attains 6 on 2025-04-01: the next April
        (date(2020, 4, 1), date(2026, 4, 1)),
        (date(2020, 1, 15), date(2026, 4, 1)),
    ],
)
def test_school_entry_april_1_vs_april_2(birth: date, entry: date) -> None:
    assert school_entry_date(birth) == entry


def test_april_2_to_april_1_share_a_grade() -> None:
    on = date(2026, 5, 1)
    assert school_grade(date(2019, 4, 2), on) == school_grade(date(2020, 4, 1), on) == 1
    assert school_grade(date(2019, 4, 1), on) == 2
    assert school_grade(date(2020, 4, 2), on) == 0


def test_first_march31_after_attaining_18() -> None:
    # Born 2008-04-01: attains 18 on 2026-03-31, which is itself the first 31 March (以後 includes it).
    assert end_of_first_march31_after_attaining(date(2008, 4, 1), 18) == date(2026, 3, 31)
    # Born 2008-04-02: attains 18 on 2026-04-01, so the limit is 2027-03-31.
    assert end_of_first_march31_after_attaining(date(2008, 4, 2), 18) == date(2027, 3, 31)


def test_late_elderly_from_the_75th_birthday_itself() -> None:
    assert late_elderly_start(date(1951, 6, 10)) == date(2026, 6, 10)


def test_ltc_from_the_day_before_the_65th_birthday() -> None:
    assert ltc_primary_insured_start(date(1961, 6, 10)) == date(2026, 6, 9)
    assert age_on(date(1961, 6, 10), date(2026, 6, 8)) == 64
    assert age_on(date(1961, 6, 10), date(2026, 6, 9)) == 65
