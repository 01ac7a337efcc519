"""The age law, exactly (life-events.md section 1).

年齢計算ニ関スル法律 with 民法143条: a person attains age N at the end of the day
before the Nth birthday ("N歳に達する日" is the day before the birthday). When the
birthday has no corresponding day in that year (born 29 February), the period ends on
the last day of the month (民法143条2項 ただし書), so the attainment day is 28 February.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)


def attainment_date(birth: date, years: int) -> date:
    """The day on which a person born on `birth` attains `years` (N歳に達する日)."""
    year = birth.year + years
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        # No 29 February in that year: the period ends at the end of 28 February.
        return date(year, 2, 28)
    return date(year, birth.month, birth.day) - _ONE_DAY


def age_on(birth: date, on: date) -> int:
    """The age attained on `on` under the attainment law (attained at the end of the day before the birthday).

    Someone born 1 April attains 6 on 31 March, so on 31 March `age_on` already says 6. Before the
    birth date the age is 0 (a date before birth is a caller error the reception validation catches).
    """
    if on < birth:
        return 0
    years = on.year - birth.year
    if attainment_date(birth, years) > on:
        years -= 1
    return max(years, 0)


def age_in_completed_years(birth: date, on: date) -> int:
    """The everyday age (満年齢) shown to people: it changes on the birthday itself."""
    if on < birth:
        return 0
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def first_march31_on_or_after(day: date) -> date:
    candidate = date(day.year, 3, 31)
    return candidate if candidate >= day else date(day.year + 1, 3, 31)


def end_of_first_march31_after_attaining(birth: date, years: int) -> date:
    """"N歳に達する日以後の最初の3月31日" (児童手当法3条1項 and most child subsidies).

    以後 includes the day itself: a child born 1 April attains 18 on 31 March, and that 31 March is the end.
    """
    return first_march31_on_or_after(attainment_date(birth, years))


def school_entry_date(birth: date) -> date:
    """The first 1 April after attaining 6 (学校教育法17条1項): elementary school starts then."""
    attained = attainment_date(birth, 6)
    return date(attained.year if (attained.month, attained.day) < (4, 1) else attained.year + 1, 4, 1)


def school_year_start(on: date) -> date:
    """1 April of the school year (学年, 4月1日から翌年3月31日) containing `on`."""
    return date(on.year if on.month >= 4 else on.year - 1, 4, 1)


def school_grade(birth: date, on: date) -> int:
    """Grade in compulsory school on `on`: 1-6 elementary, 7-9 junior high, 0 before school, 10+ after.

    Counted from the school entry date, so children born 2 April of year Y through 1 April of Y+1 share a grade.
    """
    entry = school_entry_date(birth)
    return school_year_start(on).year - entry.year + 1


def late_elderly_start(birth: date) -> date:
    """後期高齢者医療 starts on the 75th birthday itself (高齢者の医療の確保に関する法律52条), i.e. the day after
    attaining 75 (for someone born 29 February, 1 March in a common year)."""
    return attainment_date(birth, 75) + _ONE_DAY


def ltc_primary_insured_start(birth: date) -> date:
    """介護保険 第1号被保険者 from the day one attains 65 (介護保険法9条, 10条): the day before the 65th birthday."""
    return attainment_date(birth, 65)
