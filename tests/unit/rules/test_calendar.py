from datetime import date

from kakanai.rules.calendar import Counting, OfficeCalendar, compute_deadline

CAL = OfficeCalendar()


def test_first_day_not_counted() -> None:
    d = compute_deadline(date(2026, 4, 9), 14, Counting.EXCLUDING_FIRST_DAY, CAL)
    assert d.nominal == d.due == date(2026, 4, 23)


def test_family_register_act_counts_the_event_day() -> None:
    d = compute_deadline(date(2026, 4, 9), 14, Counting.INCLUDING_FIRST_DAY, CAL)
    assert d.due == date(2026, 4, 22)


def test_weekend_moves_to_monday() -> None:
    d = compute_deadline(date(2026, 4, 4), 14, Counting.EXCLUDING_FIRST_DAY, CAL)  # 4/18 is a Saturday
    assert d.nominal == date(2026, 4, 18)
    assert d.due == date(2026, 4, 20)
    assert d.moved_because == ("4/18は土曜日", "4/19は日曜日")


def test_golden_week_and_substitute_holiday() -> None:
    # 2026-05-03 (Sun) 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日.
    d = compute_deadline(date(2026, 4, 22), 14, Counting.EXCLUDING_FIRST_DAY, CAL)
    assert d.nominal == date(2026, 5, 6)
    assert d.due == date(2026, 5, 7)
    assert "5/6は振替休日" in d.moved_because


def test_year_end_closure_and_local_holiday() -> None:
    d = compute_deadline(date(2026, 12, 15), 14, Counting.EXCLUDING_FIRST_DAY, CAL)  # 12/29
    assert d.due == date(2027, 1, 4)
    local = OfficeCalendar(local_holidays=frozenset({date(2027, 1, 4)}))
    assert compute_deadline(date(2026, 12, 15), 14, Counting.EXCLUDING_FIRST_DAY, local).due == date(2027, 1, 5)
