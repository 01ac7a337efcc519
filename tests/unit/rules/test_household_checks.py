"""Households the law makes impossible are refused with a Japanese message naming the member, before any
rule runs: a marriage below 婚姻適齢 (民法731条, old and new law, the 附則3条1項 transition), a person
entered twice, a newborn not born on the birth's date, two parents each the higher earner (児童手当法4条3項)."""

from __future__ import annotations

from typing import Any

import pytest

from kakanai.model import ReceptionError, reception_from_dict
from kakanai.rules import RuleBook, load_rulebook


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def _person(pid: str, name: str, birth: str, sex: str, relationship: str | None, **facts: Any) -> dict[str, Any]:
    if relationship is not None:
        facts["relationship"] = relationship
    return {"id": pid, "name": name, "birth_date": birth, "sex": sex, "facts": facts}


def _marriage(day: str, groom_birth: str, bride_birth: str) -> dict[str, Any]:
    return {"event": "marriage", "event_date": day, "household": {"facts": {}},
            "members": [_person("p1", "若林　翔", groom_birth, "male", "head"),
                        _person("p2", "若林　葵", bride_birth, "female", "spouse")]}


def _refusal(book: RuleBook, data: dict[str, Any]) -> tuple[str, str]:
    reception = reception_from_dict(data)
    with pytest.raises(ReceptionError) as refused:
        book.plan(reception)
    with pytest.raises(ReceptionError) as validated:
        book.validate_reception(reception)
    assert (validated.value.field, validated.value.message) == (refused.value.field, refused.value.message)
    return refused.value.field, refused.value.message


def _planned(book: RuleBook, data: dict[str, Any]) -> list[str]:
    return [p.id for p in book.plan(reception_from_dict(data)).procedures]


# --- 民法731条 (since 2022-04-01): 18 for both; attained on the day before the 18th birthday ---
def test_marriage_on_the_day_both_attain_18_is_planned(book: RuleBook) -> None:
    assert "marriage_registration" in _planned(book, _marriage("2026-06-10", "2008-06-11", "2008-06-11"))


def test_marriage_the_day_before_the_bride_attains_18_is_refused(book: RuleBook) -> None:
    assert _refusal(book, _marriage("2026-06-10", "2008-06-11", "2008-06-12")) == (
        "members[1].birth_date",
        "若林　葵さんは婚姻できる年齢（18歳、民法731条）に達していないため、婚姻届は受理できません"
        "（18歳に達する日は 2026-06-11）")


def test_a_17_year_old_groom_is_refused(book: RuleBook) -> None:
    assert _refusal(book, _marriage("2026-06-10", "2008-06-12", "1990-01-01"))[0] == "members[0].birth_date"


def test_before_the_reform_a_woman_marries_at_16_a_man_at_18(book: RuleBook) -> None:
    assert "marriage_registration" in _planned(book, _marriage("2022-03-31", "2004-03-31", "2006-04-01"))
    assert _refusal(book, _marriage("2022-03-31", "2004-04-02", "1990-01-01")) == (
        "members[0].birth_date",
        "若林　翔さんは婚姻できる年齢（18歳、改正前の民法731条）に達していないため、婚姻届は受理できません"
        "（18歳に達する日は 2022-04-01）")
    assert _refusal(book, _marriage("2022-03-31", "1990-01-01", "2006-04-02"))[1].startswith(
        "若林　葵さんは婚姻できる年齢（16歳、改正前の民法731条）")


def test_after_the_reform_a_woman_born_by_2006_04_01_still_marries_at_16(book: RuleBook) -> None:
    # 平成30年法律第59号 附則3条1項: born on or before 平成18年4月1日.
    assert "marriage_registration" in _planned(book, _marriage("2022-04-01", "1990-01-01", "2006-04-01"))
    assert _refusal(book, _marriage("2023-04-01", "1990-01-01", "2006-04-02")) == (
        "members[1].birth_date",
        "若林　葵さんは婚姻できる年齢（18歳、民法731条）に達していないため、婚姻届は受理できません"
        "（18歳に達する日は 2024-04-01）")


def test_a_child_of_the_household_is_not_a_party_to_the_marriage(book: RuleBook) -> None:
    data = _marriage("2026-06-10", "1990-01-01", "1992-01-01")
    data["members"].append(_person("p3", "若林　陽", "2020-01-01", "male", "child"))
    assert "marriage_registration" in _planned(book, data)


# --- the same person twice ---
def test_the_same_person_entered_twice_is_refused(book: RuleBook) -> None:
    data = {"event": "moving_in", "event_date": "2026-06-10", "household": {"facts": {}},
            "members": [_person("p1", "同　一郎", "1980-01-01", "male", "head"),
                        _person("p2", "同 一郎", "1980-01-01", "male", None)]}
    assert _refusal(book, data) == (
        "members[1]", "members[0] と同じ方です（氏名・生年月日・性別が同じ）。1人は削除してください")


# --- a birth: every newborn is born on the event date (戸籍法49条 counts from it) ---
def test_a_newborn_born_on_another_day_is_refused(book: RuleBook) -> None:
    data = {"event": "birth", "event_date": "2026-06-10", "subject": ["p2"], "household": {"facts": {}},
            "members": [_person("p1", "田中　恵", "1995-01-01", "female", "head"),
                        _person("p2", "田中　一", "2020-01-01", "male", "child")]}
    assert _refusal(book, data) == (
        "members[1].birth_date",
        "出生した子の生年月日（2020-01-01）が出生日（event_date 2026-06-10）と違います。"
        "出生日の違う子は出生日ごとに受け付けてください")
    data["members"][1]["birth_date"] = "2026-06-10"
    assert "birth_registration" in _planned(book, data)


@pytest.mark.parametrize(("event", "label"), [("death", "死亡・おくやみ"), ("marriage", "婚姻"), ("certificates", "証明書"),
                                           ("birth", "出生")])
def test_a_member_born_after_the_event_is_refused_naming_the_dates_and_the_event(event: str, label: str) -> None:
    # Not only a move: the message names the event, not an 異動日 a death or a marriage does not have. A birth
    # too: its child is born on the event_date; a member born after it (a father "born" in 2030) was accepted
    # and planned as a 0-year-old 世帯主.
    data = {"event": event, "event_date": "2026-06-10", "household": {"facts": {}},
            "subject": ["p1"] if event == "death" else None,
            "members": [_person("p1", "森　健", "1985-05-05", "male", "head"),
                        _person("p2", "森　陽", "2026-06-11", "male", "child")]}
    with pytest.raises(ReceptionError) as refused:
        reception_from_dict(data)
    assert (refused.value.field, refused.value.message) == (
        "members[1].birth_date", f"生年月日（2026-06-11）が event_date（2026-06-10、{label}）より後です")


# --- 児童手当法4条3項: one of two parents is the higher earner ---------------------------------------------

def _move_in(p1_earner: bool | None, p2_earner: bool | None) -> dict[str, Any]:
    def earner(value: bool | None) -> dict[str, Any]:
        return {} if value is None else {"main_earner": value}

    return {"event": "moving_in", "event_date": "2026-04-09", "household": {"facts": {"from_abroad": False}},
            "members": [_person("p1", "山田　太郎", "1985-06-15", "male", "head", **earner(p1_earner)),
                        _person("p2", "山田　花子", "1987-11-03", "female", "spouse", **earner(p2_earner)),
                        _person("p3", "山田　𠮷子", "2018-09-20", "female", "child")]}


def test_two_higher_earners_are_refused_naming_both(book: RuleBook) -> None:
    assert _refusal(book, _move_in(True, True)) == (
        "members[1].facts.main_earner",
        "所得の高い方（児童手当の請求者、児童手当法4条3項）は1人です。山田　太郎さんと山田　花子さんのどちらか一方だけを「はい」にしてください")


@pytest.mark.parametrize(("p1", "p2"), [(True, False), (False, True), (True, None), (None, None)])
def test_one_higher_earner_or_none_answered_yet_is_planned(book: RuleBook, p1: bool | None, p2: bool | None) -> None:
    plan = book.plan(reception_from_dict(_move_in(p1, p2)))
    # Who claims is known once one parent is answered (the other is then not the higher earner).
    asked = {(q.fact, q.person) for q in plan.questions if q.fact == "main_earner"}
    assert asked == ({("main_earner", "p1"), ("main_earner", "p2")} if p1 is None and p2 is None else set())
