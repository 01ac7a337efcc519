"""続柄 proposals (kakanai.model.relationship_proposal, issue 17): from family name, birth dates and sex only,
at the boundary ages (15 years apart, 18 years old)."""

from __future__ import annotations

from datetime import date

import pytest

from kakanai.model import Person, Sex
from kakanai.model.relationship_proposal import family_name, propose_relationship, relationship_proposals

ON = date(2026, 4, 1)
HEAD = Person("h", "山田　太郎", date(1985, 6, 15), Sex.MALE, facts={"relationship": "head"})


def _p(name: str, born: date, sex: Sex, pid: str = "m") -> Person:
    return Person(pid, name, born, sex)


@pytest.mark.parametrize(("born", "sex", "expected"), [
    (date(1987, 11, 3), Sex.FEMALE, "spouse"),   # 2 years younger, the other sex, adult
    (date(1975, 1, 1), Sex.FEMALE, "spouse"),    # 10 years older: still near the head's age
    (date(1987, 11, 3), Sex.MALE, None),         # the same sex near the head's age: no proposal
    (date(1987, 11, 3), Sex.NOT_APPLICABLE, None),
    (date(2000, 6, 15), Sex.FEMALE, "child"),    # exactly 15 years younger (to the day)
    (date(2000, 6, 14), Sex.FEMALE, "spouse"),   # one day less than 15 years: near the head's age
    (date(2000, 6, 14), Sex.MALE, None),
    (date(2018, 9, 20), Sex.FEMALE, "child"),
    (date(1970, 6, 15), Sex.FEMALE, "parent"),   # exactly 15 years older
    (date(1970, 6, 16), Sex.MALE, None),         # one day less than 15 years older, same sex
    (date(1941, 12, 24), Sex.MALE, "parent"),
    (date(1940, 6, 16), Sex.FEMALE, "parent"),   # one day less than 45 years older
    (date(1940, 6, 15), Sex.FEMALE, None),       # exactly 45 years older: a 祖父母 as likely, no proposal
])
def test_the_proposal_from_age_gap_and_sex(born: date, sex: Sex, expected: str | None) -> None:
    assert propose_relationship(_p("山田　花子", born, sex), HEAD, ON) == expected


def test_two_generations_younger_proposes_nothing() -> None:
    grandfather = Person("h", "山田　一郎", date(1960, 5, 1), Sex.MALE, facts={"relationship": "head"})
    assert propose_relationship(_p("山田　翔", date(2005, 4, 30), Sex.MALE), grandfather, ON) == "child"  # 44
    assert propose_relationship(_p("山田　翔", date(2005, 5, 1), Sex.MALE), grandfather, ON) is None  # 45: a 孫?


def test_a_spouse_is_proposed_only_between_adults() -> None:
    head = Person("h", "山田　太郎", date(2008, 4, 2), Sex.MALE)  # 18 on 2026-04-01 (age law: the day before)
    assert propose_relationship(_p("山田　花子", date(2008, 4, 3), Sex.FEMALE), head, ON) is None  # 17
    assert propose_relationship(_p("山田　花子", date(2008, 4, 2), Sex.FEMALE), head, ON) == "spouse"
    young_head = Person("h", "山田　太郎", date(2008, 4, 3), Sex.MALE)
    assert propose_relationship(_p("山田　花子", date(2000, 1, 1), Sex.FEMALE), young_head, ON) is None


def test_another_family_name_or_no_space_proposes_nothing() -> None:
    assert propose_relationship(_p("佐藤　花子", date(1987, 11, 3), Sex.FEMALE), HEAD, ON) is None
    assert propose_relationship(_p("山田花子", date(1987, 11, 3), Sex.FEMALE), HEAD, ON) is None
    assert propose_relationship(HEAD, HEAD, ON) is None


def test_variant_characters_are_the_same_family_name() -> None:
    assert family_name("渡邊　髙雄") == family_name("渡辺　ハツ") == "渡辺"
    head = Person("h", "渡邊　髙雄", date(1938, 3, 3), Sex.MALE)
    assert propose_relationship(_p("渡辺　ハツ", date(1941, 12, 24), Sex.FEMALE), head, ON) == "spouse"
    assert family_name("山田") is None


def test_proposals_need_exactly_one_head_and_skip_chosen_members() -> None:
    wife = _p("山田　花子", date(1987, 11, 3), Sex.FEMALE, "p2")
    girl = _p("山田　𠮷子", date(2018, 9, 20), Sex.FEMALE, "p3")
    chosen = Person("p4", "山田　髙志", date(2023, 1, 10), Sex.MALE, facts={"relationship": "other"})
    stranger = _p("佐藤　一郎", date(1990, 1, 1), Sex.MALE, "p5")
    assert relationship_proposals([HEAD, wife, girl, chosen, stranger], ON) == {"p2": "spouse", "p3": "child"}
    no_head = Person("h", "山田　太郎", date(1985, 6, 15), Sex.MALE)
    assert relationship_proposals([no_head, wife, girl], ON) == {}
    second_head = Person("p2", "山田　花子", date(1987, 11, 3), Sex.FEMALE, facts={"relationship": "head"})
    assert relationship_proposals([HEAD, second_head, girl], ON) == {}


def test_an_adult_couple_a_generation_younger_proposes_nothing_for_either() -> None:
    # 三世代: the son and his wife (who took the family name) are both a generation younger than the head. The
    # wife is the head's 子の妻, not 子: proposing 子 for both would print a wrong 続柄 on the 住民異動届 after
    # one Enter. Which of the two is the head's own child the cards cannot tell, so neither is proposed.
    head = Person("h", "見本　太郎", date(1962, 5, 1), Sex.MALE, facts={"relationship": "head"})
    wife = _p("見本　花子", date(1964, 3, 1), Sex.FEMALE, "w")
    son = _p("見本　一郎", date(1990, 1, 1), Sex.MALE, "s")
    daughter_in_law = _p("見本　優子", date(1992, 7, 1), Sex.FEMALE, "d")
    grandchild = _p("見本　翔", date(2018, 1, 1), Sex.MALE, "g")
    assert relationship_proposals([head, wife, son, daughter_in_law, grandchild], ON) == {"w": "spouse"}
    # A minor child beside an adult one of the other sex is no couple: both are proposed.
    younger_head = Person("h", "見本　太郎", date(1975, 1, 1), Sex.MALE, facts={"relationship": "head"})
    adult_son = _p("見本　一郎", date(2000, 1, 1), Sex.MALE, "s")
    student = _p("見本　優子", date(2010, 7, 1), Sex.FEMALE, "d")  # 15
    assert relationship_proposals([younger_head, adult_son, student], ON) == {"s": "child", "d": "child"}
    # Children of one sex stay proposed (no couple among them).
    brother = _p("見本　次郎", date(1993, 2, 2), Sex.MALE, "b")
    assert relationship_proposals([head, son, brother], ON) == {"s": "child", "b": "child"}
