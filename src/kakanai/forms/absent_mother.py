"""A newborn's mother whom the household does not list (the father's household, she lives elsewhere): the 出生届
names her all the same (戸籍法49条2項: 父母の氏名・生年月日), so the 母 boxes of the birth's forms print what the
clerk types for her (counter_boxes.ABSENT_MOTHER) instead of being left for a pen. Never the father: a child
of an unmarried mother has none to name."""

from __future__ import annotations

from datetime import date, timedelta

from kakanai.forms.counter_boxes import ABSENT_MOTHER
from kakanai.forms.dates import typed_day
from kakanai.model import LifeEvent, Person, Reception
from kakanai.model.agelaw import age_on

Value = str | date | None


def mother_input(reception: Reception, path: str, listed: Person | None) -> str | None:
    """The counter's input a 母 box (`mother.name`, `mother.birth_date`, `mother.age_during`) reads at a birth
    whose mother is not `listed`; None for any other binding or reception."""
    root, _, key = path.partition(".")
    if root != "mother" or reception.event is not LifeEvent.BIRTH or listed is not None:
        return None
    field = "birth_date" if key == "age_during" else key
    return ABSENT_MOTHER[field][0] if field in ABSENT_MOTHER else None


def mother_value(reception: Reception, input_id: str, key: str) -> Value:
    """A 母 box from what the clerk typed: her name, her birth date (printed in 和暦 however typed), or her
    満年齢 at the birth from it (the age is reached as the eve of the birthday ends)."""
    typed = reception.form_inputs.get(input_id)
    if not typed or key == "name":
        return typed or None
    day = typed_day(typed)
    if key != "age_during":
        return day
    return str(age_on(day, reception.event_date - timedelta(days=1))) if isinstance(day, date) else None
