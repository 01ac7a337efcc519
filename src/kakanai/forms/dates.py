"""The dates the forms print that are not typed as such: the day a procedure's status changes
(`procedure.effective_date`) and a date input however the clerk typed it (`typed_day`)."""

from __future__ import annotations

from datetime import date, timedelta

from kakanai.model import LifeEvent, Reception
from kakanai.model.typed_date import DateInputError, parse_typed_date

# A status a death ends or starts takes effect the day after it: the deceased leaves 国保, 後期高齢者医療 and
# 介護保険 (国保法6条・8条: 住所を有しなくなった日の翌日, 高確法53条1項, 介護保険法11条1項: 死亡した日の翌日),
# a 被扶養者 of a deceased employee enters 国保 when that insurance ends (健保法36条1号: 死亡した日の翌日;
# 国保法7条) and a 第3号 spouse becomes 第1号 then (国年法9条1号・11条の2). A change of the record (世帯主,
# 氏名) is dated the day it happened. The procedures' sheets print this as their 異動（該当）年月日.
NEXT_DAY_AT_DEATH = frozenset({"nhi_enroll", "nhi_withdraw", "late_elderly_withdraw", "ltc_withdraw",
                               "pension_enroll", "pension_category_change"})
# Leaving for abroad ends them the day after too (same articles: 住所を有しなくなった日の翌日); a move elsewhere in
# Japan ends them that very day, when an address in another prefecture or municipality begins (ただし書).
NEXT_DAY_ABROAD = frozenset({"nhi_withdraw", "late_elderly_withdraw", "ltc_withdraw"})


def effective_date(reception: Reception, procedure_id: str) -> date:
    """The day the procedure's 資格 changes: the event's day, or the day after it (NEXT_DAY_AT_DEATH,
    NEXT_DAY_ABROAD)."""
    next_day = (reception.event is LifeEvent.DEATH and procedure_id in NEXT_DAY_AT_DEATH) or (
        reception.event is LifeEvent.MOVING_OUT and reception.household.facts.get("to_abroad") is True
        and procedure_id in NEXT_DAY_ABROAD)
    return reception.event_date + timedelta(days=1) if next_day else reception.event_date


def typed_day(text: str) -> str | date:
    """A date input's value: the day it names however it was typed (2026-03-30, R8.3.30, 令和8年3月30日:
    kakanai.model.typed_date), so that it prints in 和暦 as the forms' dates do (forms.md) instead of a reception
    file's ISO date or a clerk's shorthand on an official sheet; text that names no whole day (「3月下旬」, a
    year without its era) prints as typed."""
    try:
        return parse_typed_date(text)
    except DateInputError:
        return text
