"""The 婚姻届 and the 離婚届 list the two who marry or divorce (`persons: couple`: the 世帯主 and the 配偶者, as
kakanai.rules.household_checks takes the parties to a marriage), never a child of the household. At the
counter a 離婚 of 山田 花子 (世帯主) read with her daughter's card before her husband's printed the
7-year-old as the second party, and the husband and the son on a second 離婚届 (a defect hunt of the counter)."""

from __future__ import annotations

from datetime import date

import pytest

from kakanai.forms import FormLibrary
from kakanai.forms.documents import plan_documents
from kakanai.model import Household, LifeEvent, Person, Reception, Sex
from kakanai.paths import forms_dir
from kakanai.rules import load_rulebook


def _person(pid: str, name: str, born: date, sex: Sex, relationship: str) -> Person:
    return Person(id=pid, name=name, birth_date=born, sex=sex, facts={"relationship": relationship})


def _reception(event: LifeEvent) -> Reception:
    # The order the cards were read: the mother, her daughter, then her husband; the son typed last.
    # A 協議離婚 (the 離婚届 is planned once the kind of divorce is known: its deadline depends on it).
    household = Household(facts={"divorce_by_court": False} if event is LifeEvent.DIVORCE else {})
    return Reception(event=event, event_date=date(2026, 4, 10), household=household, members=(
        _person("p1", "山田　花子", date(1987, 11, 3), Sex.FEMALE, "head"),
        _person("p2", "山田　𠮷子", date(2018, 9, 20), Sex.FEMALE, "child"),
        _person("p3", "山田　太郎", date(1985, 6, 15), Sex.MALE, "spouse"),
        _person("p4", "山田　髙志", date(2023, 1, 10), Sex.MALE, "child"),
    ), visit_date=date(2026, 4, 10))


@pytest.mark.parametrize(("event", "form_id"), [(LifeEvent.DIVORCE, "divorce_registration"),
                                                (LifeEvent.MARRIAGE, "marriage_registration")])
def test_the_registration_lists_the_couple_only(event: LifeEvent, form_id: str) -> None:
    reception = _reception(event)
    documents = plan_documents(FormLibrary(forms_dir()), reception, load_rulebook().plan(reception))
    sheets = [d for d in documents if d.form_id == form_id]
    assert len(sheets) == 1
    assert [p.name for p in sheets[0].persons] == ["山田　花子", "山田　太郎"]
