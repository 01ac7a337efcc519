"""続柄 wording (kakanai.model.relationship): the 住民票's 「子」 and the 届書's birth order."""

from __future__ import annotations

from datetime import date

from kakanai.model import Person, Sex
from kakanai.model.relationship import relation_to, relationship_word, relationship_words


def _p(pid: str, sex: Sex, born: date, rel: str | None) -> Person:
    return Person(pid, f"見本　{pid}", born, sex, facts={"relationship": rel} if rel else {})


FAMILY = (
    _p("h", Sex.MALE, date(1980, 1, 1), "head"),
    _p("w", Sex.FEMALE, date(1982, 1, 1), "spouse"),
    _p("c1", Sex.FEMALE, date(2010, 5, 1), "child"),
    _p("c2", Sex.MALE, date(2012, 5, 1), "child"),
    _p("c3", Sex.FEMALE, date(2014, 5, 1), "child"),
    _p("m", Sex.FEMALE, date(1950, 1, 1), "parent"),
    _p("o", Sex.MALE, date(1990, 1, 1), "other"),
    _p("u", Sex.MALE, date(1991, 1, 1), None),
)


def test_the_resident_register_wording() -> None:
    assert relationship_words(FAMILY) == {"h": "世帯主", "w": "妻", "c1": "子", "c2": "子", "c3": "子", "m": "母",
                                          "o": "その他"}


def test_the_birth_order_wording_counts_children_of_the_same_sex() -> None:
    words = relationship_words(FAMILY, birth_order=True)
    assert (words["c1"], words["c2"], words["c3"]) == ("長女", "長男", "次女")


def test_the_relationship_may_come_from_elsewhere_than_the_facts() -> None:
    answers = {"u": "spouse"}
    assert relationship_word(FAMILY[-1], FAMILY, lambda p: answers.get(p.id)) == "夫"


def test_what_one_member_is_to_another_along_the_head() -> None:
    """relation_to: the words of a 届書's 「届出人と…との関係」 box, read from both 続柄 to the 世帯主."""
    m = {p.id: p for p in FAMILY}

    def rel(filer: str, person: str) -> str:
        return relation_to(m[filer], m[person], FAMILY)

    assert rel("h", "h") == "本人"
    assert (rel("w", "h"), rel("h", "w")) == ("妻", "夫")  # the widow of the head; the husband of the spouse
    assert (rel("c2", "h"), rel("c2", "w")) == ("子", "子")  # 「子」: the birth order is the 戸籍's, not asked
    assert (rel("h", "c1"), rel("w", "c1")) == ("父", "母")  # the couple are the household's children's parents
    assert (rel("m", "h"), rel("h", "m")) == ("母", "子")
    assert (rel("m", "c2"), rel("c2", "m")) == ("祖母", "孫")
    # Not decided by the 続柄: siblings, in-laws, その他, a member with no 続柄, someone not in the household.
    assert rel("c1", "c2") == rel("w", "m") == rel("m", "w") == rel("o", "h") == rel("u", "h") == rel("h", "o") == ""
    assert relation_to(_p("x", Sex.MALE, date(1960, 1, 1), "head"), m["w"], FAMILY) == ""
