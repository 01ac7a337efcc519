"""What the inputs step proposes (kakanai.forms.proposals.input_proposals with kakanai.text's readings, issue 17): the フリガナ of members
read from a card (variants such as 𠮷 read by their standard form), the 筆頭者 once the 本籍 is in; and
the 旧世帯主 asked only where there is one (転居, 世帯変更)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kakanai.forms.inputs import AskedInput, inputs_to_ask
from kakanai.forms.library import form_library
from kakanai.forms.proposals import Proposals
from kakanai.forms.proposals import input_proposals as proposals
from kakanai.model import Household, LifeEvent, Person, Plan, Reception, Sex
from kakanai.rules import RuleBook, load_rulebook
from kakanai.text.readings import best_kana


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def asked_inputs(reception: Reception, plan: Plan) -> tuple[AskedInput, ...]:
    return inputs_to_ask(form_library(), reception, plan)


def input_proposals(reception: Reception, asked: tuple[AskedInput, ...]) -> Proposals:
    return proposals(reception, asked, best_kana)


def _family(event: LifeEvent = LifeEvent.MOVING_IN) -> Reception:
    members = (
        Person("p1", "山田　太郎", date(1985, 6, 15), Sex.MALE, facts={"relationship": "head"}),
        Person("p2", "山田　花子", date(1987, 11, 3), Sex.FEMALE, facts={"relationship": "spouse"}),
        Person("p3", "山田　𠮷子", date(2018, 9, 20), Sex.FEMALE, facts={"relationship": "child"}),
        Person("p4", "山田　髙志", date(2023, 1, 10), Sex.MALE, name_kana="ヤマダ　タカシ",
               facts={"relationship": "child"}),
    )
    return Reception(event, date(2026, 4, 9), Household(address="北海道見本市北５条東２丁目１５番地"), members)


def test_kana_for_members_without_one_and_the_head_as_hittousha_once_honseki_is_in(book: RuleBook) -> None:
    reception = _family()
    asked = asked_inputs(reception, book.plan(reception))
    assert {("honseki", None), ("hittousha", None)} <= {(a.id, a.person) for a in asked}
    assert input_proposals(reception, asked) == {
        ("name_kana", "p1"): "ヤマダ　タロウ", ("name_kana", "p2"): "ヤマダ　ハナコ",
        ("name_kana", "p3"): "ヤマダ　ヨシコ",  # 𠮷 read as 吉; p4 typed his own
        ("guardian_relationship", None): "父"}  # the children's 保護者 on their school and health sheets: the 届出人
    with_honseki = replace(reception, form_inputs={"honseki": "東京都清瀬市元町１丁目２番"})
    assert input_proposals(with_honseki, asked)[("hittousha", None)] == "山田　太郎"
    entered = replace(reception, form_inputs={"honseki": "東京都清瀬市元町１丁目２番", "hittousha": "山田　一郎"})
    assert ("hittousha", None) not in input_proposals(entered, asked)  # the clerk's own value stays


def test_no_hittousha_without_a_head(book: RuleBook) -> None:
    reception = _family()
    asked = asked_inputs(reception, book.plan(reception))
    headless = replace(reception, form_inputs={"honseki": "東京都清瀬市元町１丁目２番"},
                       members=tuple(replace(p, facts={}) for p in reception.members))
    assert ("hittousha", None) not in input_proposals(headless, asked)


def test_old_head_is_asked_only_where_there_is_one(book: RuleBook) -> None:
    def ids(event: LifeEvent) -> set[str]:
        reception = _family(event)
        return {a.id for a in asked_inputs(reception, book.plan(reception))}

    assert "old_head_name" not in ids(LifeEvent.MOVING_IN)  # on the 転出証明書, not asked (住基法22条)
    assert "old_head_name" in ids(LifeEvent.MOVING_WITHIN)


def test_a_filer_from_outside_the_household_gets_the_kana_of_the_name_typed(book: RuleBook) -> None:
    """A lone resident's death: the 届出人 comes from outside the household (kakanai.forms.bindings
    OUTSIDE_FILER). Their フリガナ is proposed once their name is in, never before, never over one typed."""
    deceased = Person("p1", "田中　一郎", date(1940, 2, 3), Sex.MALE, name_kana="タナカ　イチロウ",
                      facts={"relationship": "head", "health_insurance": "late_elderly", "nationality": "japanese"})
    home = Household(address="北海道見本市北５条東２丁目１５番地", facts={"owns_real_estate": True})  # 相続人代表者
    reception = Reception(LifeEvent.DEATH, date(2026, 4, 5), home, (deceased,), subject=("p1",))
    asked = asked_inputs(reception, book.plan(reception))
    assert {"filer_name", "filer_kana", "filer_address"} <= {a.id for a in asked}
    assert ("filer_kana", None) not in input_proposals(reception, asked)
    named = replace(reception, form_inputs={"filer_name": "田中　誠"})
    assert input_proposals(named, asked)[("filer_kana", None)] == "タナカ　マコト"
    typed = replace(reception, form_inputs={"filer_name": "田中　誠", "filer_kana": "タナカ　セイ"})
    assert ("filer_kana", None) not in input_proposals(typed, asked)


def test_the_relation_to_the_deceased_is_proposed_from_the_relationships(book: RuleBook) -> None:
    """forms/*.yaml `proposed: filer_relation`: each sheet's 届出人 (or 請求者) as the 続柄 say it. The widow
    files the 後期高齢者医療の届 (被保険者との関係: 妻); the son who held the funeral claims the 葬祭費
    (亡くなった方との続柄: 子, 高確法86条: the 葬祭を行う者). Before, both were typed, or printed empty."""
    deceased = Person("p1", "渡邊　髙雄", date(1938, 3, 3), Sex.MALE, name_kana="ワタナベ　タカオ",
                      facts={"relationship": "head", "health_insurance": "late_elderly", "nationality": "japanese"})
    widow = Person("p2", "渡邊　ハツ", date(1941, 5, 5), Sex.FEMALE, name_kana="ワタナベ　ハツ",
                   facts={"relationship": "spouse", "funeral_host": False})
    son = Person("p3", "渡邊　一", date(1965, 1, 1), Sex.MALE, name_kana="ワタナベ　ハジメ",
                 facts={"relationship": "child", "funeral_host": True})
    home = Household(address="北海道見本市北５条東２丁目１５番地", facts={"funeral_held": True})
    reception = Reception(LifeEvent.DEATH, date(2026, 4, 5), home, (deceased, widow, son), subject=("p1",),
                          applicant="p2")
    asked = asked_inputs(reception, book.plan(reception))
    proposed = input_proposals(reception, asked)
    assert proposed[("relation_to_insured", "p1")] == "妻"
    assert proposed[("relation_to_deceased", None)] == "子"
    typed = replace(reception, form_inputs={"relation_to_deceased": "長男"})
    assert ("relation_to_deceased", None) not in input_proposals(typed, asked)  # the clerk's own word stays
    outside = replace(reception, applicant="outside")  # a nephew living elsewhere files: typed, not proposed
    assert ("relation_to_insured", "p1") not in input_proposals(outside, asked_inputs(outside, book.plan(outside)))
