"""Whom the law makes the claimant (kakanai.model.applicant.claimant_by_law), on the facts as a reception
gives them — the way a form would call it — so that a form can print the person the plan's reason names."""

from __future__ import annotations

from datetime import date
from typing import Any

from kakanai.model import FactValue, Person, Reception, Sex, choose_applicant, reception_from_dict
from kakanai.model.applicant import claimant_by_law
from kakanai.rules import load_rulebook
from kakanai.rules.claimants import Claimant
from kakanai.rules.engine import claimant_id

Member = tuple[str, str, str, dict[str, Any]]


def reception(event: str, members: list[Member], **over: Any) -> Reception:
    data: dict[str, Any] = {
        "event": event, "event_date": "2026-06-10", "household": {"address": "見本市本町１番地", "facts": {}},
        "members": [{"id": i, "name": n, "birth_date": b, "sex": "female", "facts": f} for i, n, b, f in members],
    }
    data.update(over)
    return reception_from_dict(data)


def given(m: Person, fact: str) -> FactValue | None:
    return m.facts.get(fact)


def who(rule: str, r: Reception) -> tuple[str | None, tuple[str, ...], tuple[tuple[str, str | None], ...], bool]:
    c = claimant_by_law(rule, r, given, choose_applicant(r))
    return (c.person.id if c.person else None, tuple(m.id for m in c.candidates), c.missing, c.outside)


THREE_GENERATIONS: list[Member] = [
    ("p1", "高橋　茂", "1958-04-04", {"relationship": "head"}),
    ("p2", "高橋　和子", "1960-05-05", {"relationship": "spouse"}),
    ("p3", "高橋　美咲", "1995-08-08", {"relationship": "child"}),
    ("p4", "高橋　湊", "2021-03-03", {"relationship": "other"}),
]


def test_parent_of_grandchildren_not_the_head() -> None:
    # 児童手当法4条1項1号: the child's mother, not the 世帯主 grandfather the 届出人 rule picks.
    r = reception("moving_in", THREE_GENERATIONS)
    applicant = choose_applicant(r)
    assert applicant is not None and applicant.id == "p1"
    # The 続柄 子 does not say the daughter is the grandchild's mother (an aunt is 子 too): asked; the
    # grandfather who cares for it claims if she is not (児童手当法4条1項4号).
    assert who("parent", r) == (None, ("p3", "p1"), (("child_parent", "p3"),), False)
    mother = [(i, n, b, {**f, "child_parent": True} if i == "p3" else f) for i, n, b, f in THREE_GENERATIONS]
    assert who("parent", reception("moving_in", mother)) == ("p3", (), (), False)
    aunt = [(i, n, b, {**f, "child_parent": False} if i == "p3" else f) for i, n, b, f in THREE_GENERATIONS]
    assert who("parent", reception("moving_in", aunt)) == ("p1", (), (), False)
    assert who("head", r) == ("p1", (), (), False)
    assert who("applicant", r) == ("p1", (), (), False)


def test_two_parents_the_higher_income_or_asked() -> None:
    family: list[Member] = [("p1", "山田　太郎", "1985-06-15", {"relationship": "head"}),
              ("p2", "山田　花子", "1987-11-03", {"relationship": "spouse"}),
              ("p3", "山田　葵", "2018-09-20", {"relationship": "child"})]
    assert who("parent", reception("moving_in", family)) == (
        None, ("p1", "p2"), (("main_earner", "p1"), ("main_earner", "p2")), False)
    family[1][3]["main_earner"] = True
    assert who("parent", reception("moving_in", family)) == ("p2", (), (), False)
    del family[1][3]["main_earner"]
    family[0][3]["main_earner"] = False  # 4条3項: the other parent is then the one with the higher income
    assert who("parent", reception("moving_in", family)) == ("p2", (), (), False)


def test_after_a_death_the_surviving_parent() -> None:
    family: list[Member] = [("p1", "山田　太郎", "1985-06-15", {"relationship": "head"}),
              ("p2", "山田　花子", "1987-11-03", {"relationship": "spouse"}),
              ("p3", "山田　葵", "2018-09-20", {"relationship": "child"})]
    assert who("parent", reception("death", family, subject=["p1"])) == ("p2", (), (), False)
    assert who("head", reception("death", family, subject=["p1"], applicant="p2")) == ("p2", (), (), False)


def test_funeral_host_among_the_living_adults() -> None:
    # 国民健康保険法58条1項: 葬祭を行う者. Never the deceased, never a child.
    family: list[Member] = [("p1", "松本　清", "1955-03-03", {"relationship": "head", "funeral_host": True}),
              ("p2", "松本　幸子", "1957-04-04", {"relationship": "spouse"}),
              ("p3", "松本　葵", "2012-04-04", {"relationship": "child"})]
    assert who("funeral_host", reception("death", family, subject=["p1"])) == (
        None, ("p2",), (("funeral_host", "p2"),), True)
    family[1][3]["funeral_host"] = False
    assert who("funeral_host", reception("death", family, subject=["p1"])) == (None, (), (), True)
    family.append(("p4", "松本　大樹", "1985-05-05", {"relationship": "child"}))
    # The 喪主 may live elsewhere: the wife's "no" does not make the son the 喪主; he is asked.
    assert who("funeral_host", reception("death", family, subject=["p1"])) == (
        None, ("p4",), (("funeral_host", "p4"),), True)


def test_the_plan_carries_the_claimant_by_law_per_procedure() -> None:
    """PlannedProcedure.claimant: set where the procedure says `claimant:` (国保 the 世帯主 even when the
    mother is at the counter), None for the 届出人's own procedures, "" for a 喪主 outside the household,
    None while the facts do not decide."""
    members: list[Member] = [
        ("p1", "中島　健", "1990-01-01", {"relationship": "head", "health_insurance": "national",
                                       "public_servant": False}),
        ("p2", "中島　彩", "1992-02-02", {"relationship": "spouse", "health_insurance": "national",
                                       "public_servant": False}),
        ("p3", "中島　陽", "2026-06-10", {"relationship": "child", "health_insurance": "national"}),
    ]
    plan = load_rulebook().plan(reception("birth", members, applicant="p2", subject=["p3"]))
    by_id = {p.id: p.claimant for p in plan.procedures}
    assert by_id["nhi_enroll"] == "p1" and by_id["nhi_childbirth_lump_sum"] == "p1"  # 国保法9条・58条
    assert by_id["birth_registration"] is None  # the 届出人 at the counter files
    mourner = Person("p9", "松本　幸子", date(1957, 4, 4), Sex.FEMALE)
    assert claimant_id(Claimant(mourner)) == "p9"
    assert claimant_id(Claimant(None, outside=True)) == ""
    assert claimant_id(Claimant(None, (mourner,), (("funeral_host", "p9"),), outside=True)) is None


ORPHANED: list[Member] = [
    ("p1", "片山　誠", "1980-01-01", {"relationship": "head"}),
    ("p2", "片山　陸", "2010-01-01", {"relationship": "child"}),
    ("p3", "片山　海", "2014-01-01", {"relationship": "child"}),
]


def test_after_the_death_of_a_single_parent_the_claimant_is_the_carer_outside_never_a_child() -> None:
    # 児童扶養手当法4条1項3号 (父母がないときは養育者), 児童手当法4条1項: nobody listed is a parent or an
    # adult who could care for the children; the 16-year-old is the 届出人 at the counter, not the claimant.
    r = reception("death", ORPHANED, subject=["p1"])
    applicant = choose_applicant(r)
    assert applicant is not None and applicant.id == "p2"
    assert who("parent", r) == (None, (), (), True)


def test_an_adult_member_left_with_the_children_is_their_carer() -> None:
    r = reception("death", [*ORPHANED, ("p4", "片山　トシ", "1950-01-01", {"relationship": "parent"})], subject=["p1"])
    assert who("parent", r) == ("p4", (), (), False)


def test_the_deceased_is_never_the_claimant_even_when_nobody_else_is_listed() -> None:
    # 国民健康保険法9条1項: the 世帯主 files; an elderly person living alone dies and the 届出人 (a child
    # living elsewhere) is not listed. The engine's 届出人 falls back to the only member, the deceased.
    alone: list[Member] = [("p1", "山田　トメ", "1955-05-05", {"relationship": "head"})]
    r = reception("death", alone, subject=["p1"])
    assert choose_applicant(r) is None
    deceased = r.members[0]
    for rule in ("head", "parent"):
        c = claimant_by_law(rule, r, given, deceased)
        assert (c.person, c.candidates, c.outside) == (None, (), True)


def test_the_plan_never_names_the_deceased_as_the_claimant() -> None:
    data = {"event": "death", "event_date": "2026-06-10", "subject": ["p1"],
            "household": {"facts": {"funeral_held": False}},
            "members": [{"id": "p1", "name": "山田　トメ", "birth_date": "1955-05-05", "sex": "female",
                         "facts": {"relationship": "head", "health_insurance": "national"}}]}
    plan = load_rulebook().plan(reception_from_dict(data))
    assert [(p.id, p.claimant) for p in plan.procedures if p.id == "nhi_withdraw"] == [("nhi_withdraw", "")]


def sexed(event: str, members: list[tuple[str, str, str, str, dict[str, Any]]], **over: Any) -> Reception:
    data: dict[str, Any] = {
        "event": event, "event_date": "2026-06-10", "household": {"address": "見本市本町１番地", "facts": {}},
        "members": [{"id": i, "name": n, "birth_date": b, "sex": x, "facts": f} for i, n, b, x, f in members],
    }
    data.update(over)
    return reception_from_dict(data)


def grandchild_birth(son: dict[str, Any], wife: dict[str, Any], uncle: dict[str, Any]) -> Reception:
    return sexed("birth", [
        ("p1", "松田　茂", "1962-01-20", "male", {"relationship": "head"}),
        ("p2", "松田　和子", "1964-05-05", "female", {"relationship": "spouse"}),
        ("p3", "松田　健太", "1994-07-07", "male", {"relationship": "child", **son}),
        ("p4", "松田　愛", "1996-07-07", "female", {"relationship": "other", **wife}),
        ("p5", "松田　翔", "1999-03-03", "male", {"relationship": "child", **uncle}),
        ("p6", "松田　湊", "2026-06-10", "male", {"relationship": "other"}),
    ], subject=["p6"])


def test_a_grandchilds_claimant_is_its_parent_never_the_grandfather_or_the_uncle() -> None:
    """児童手当法4条1項1号・3項: the newborn grandchild's father or mother; which of the head's children (or
    their spouses) that is, is asked; a child has one father (民法779条): the uncle is not asked once the
    father is known; of the two parents the higher income."""
    assert who("parent", grandchild_birth({}, {}, {})) == (
        None, ("p3", "p4", "p5", "p1"), (("child_parent", "p3"), ("child_parent", "p4"), ("child_parent", "p5")),
        False)
    assert who("parent", grandchild_birth({"child_parent": True}, {}, {})) == (
        None, ("p3", "p4"), (("child_parent", "p4"),), False)
    both = grandchild_birth({"child_parent": True}, {"child_parent": True}, {})
    assert who("parent", both) == (None, ("p3", "p4"), (("main_earner", "p3"), ("main_earner", "p4")), False)
    assert who("parent", grandchild_birth({"child_parent": True, "main_earner": False}, {"child_parent": True},
                                          {})) == ("p4", (), (), False)
    # The uncle said no, the father yes, the mother no (she lives elsewhere): the father alone.
    assert who("parent", grandchild_birth({"child_parent": True}, {"child_parent": False},
                                          {"child_parent": False})) == ("p3", (), (), False)
    # Nobody of them a parent: the 世帯主 who cares for the child (児童手当法4条1項4号).
    assert who("parent", grandchild_birth({"child_parent": False}, {"child_parent": False},
                                          {"child_parent": False})) == ("p1", (), (), False)


def test_the_plan_names_the_single_mother_in_her_parents_household_for_both_allowances() -> None:
    """児童手当法4条1項1号, 児童扶養手当法4条1項1号: the daughter who gave birth, in her parents' household,
    claims both; the forms print her (PlannedProcedure.claimant), not the 世帯主 grandfather."""
    r = sexed("birth", [
        ("p1", "松田　茂", "1962-01-20", "male", {"relationship": "head", "public_servant": False,
                                              "health_insurance": "employee"}),
        ("p3", "松田　愛", "2001-07-07", "female", {"relationship": "child", "child_parent": True,
                                                "public_servant": False, "health_insurance": "employee"}),
        ("p4", "松田　湊", "2026-06-10", "male", {"relationship": "other", "health_insurance": "employee",
                                              "parents_married": False, "nationality": "japanese"}),
    ], subject=["p4"], household={"facts": {"receives_child_allowance": False, "single_parent": True,
                                            "receives_child_support_allowance": False}})
    by_id = {p.id: p.claimant for p in load_rulebook().plan(r).procedures}
    assert (by_id["child_allowance_claim"], by_id["child_support_allowance"]) == ("p3", "p3")


def test_the_unmarried_partner_and_the_head_may_both_be_the_parents() -> None:
    # 妻（未届）の子 (その他) of a head with no child of his own: the head may be the father (認知), asked too.
    r = sexed("birth", [
        ("p1", "中野　悠人", "1994-04-04", "male", {"relationship": "head"}),
        ("p2", "石田　彩花", "1996-06-06", "female", {"relationship": "other", "child_parent": True}),
        ("p3", "石田　陽葵", "2026-06-10", "female", {"relationship": "other"}),
    ], subject=["p3"])
    assert who("parent", r) == (None, ("p2", "p1"), (("child_parent", "p1"),), False)


def test_at_a_divorce_the_parent_who_keeps_the_children_claims_not_the_higher_income() -> None:
    """児童手当法4条1項1号, 児童扶養手当法4条1項: after the divorce the parent who keeps the children and lives
    with them; 4条3項 (the higher income) is for two parents who both keep them. Neither: a carer elsewhere."""
    def divorce(father: dict[str, Any], mother: dict[str, Any]) -> Reception:
        return sexed("divorce", [
            ("p1", "佐野　隆之", "1987-09-09", "male", {"relationship": "head", "main_earner": True, **father}),
            ("p2", "佐野　真理", "1989-09-09", "female", {"relationship": "spouse", **mother}),
            ("p3", "佐野　快", "2015-03-03", "male", {"relationship": "child"}),
        ])
    assert who("parent", divorce({}, {})) == (
        None, ("p1", "p2"), (("custodial_parent", "p1"), ("custodial_parent", "p2")), False)
    assert who("parent", divorce({}, {"custodial_parent": True})) == ("p2", (), (), False)
    assert who("parent", divorce({"custodial_parent": False}, {})) == ("p2", (), (), False)
    assert who("parent", divorce({"custodial_parent": False}, {"custodial_parent": False})) == (None, (), (), True)


def test_after_the_death_of_a_grandchilds_mother_the_grandparents_are_not_asked_whether_they_are_its_parents() -> None:
    # The deceased 子 was the generation between: the grandparents are no candidates for 父母; the head who
    # cares for the child claims (児童手当法4条1項4号) without a question.
    r = sexed("death", [
        ("p1", "松田　茂", "1962-01-20", "male", {"relationship": "head"}),
        ("p2", "松田　和子", "1964-05-05", "female", {"relationship": "spouse"}),
        ("p3", "松田　愛", "1996-07-07", "female", {"relationship": "child"}),
        ("p4", "松田　湊", "2020-06-10", "male", {"relationship": "other"}),
    ], subject=["p3"])
    assert who("parent", r) == ("p1", (), (), False)


def test_at_a_grandchilds_birth_its_teenage_sibling_is_not_asked_but_a_teenage_daughter_of_the_head_is() -> None:
    # 12 and over may have given birth (出産育児一時金's age); a minor その他 is the newborn's sibling or cousin.
    def birth(teen_relation: str) -> Reception:
        return sexed("birth", [
            ("p1", "松田　茂", "1972-01-20", "male", {"relationship": "head"}),
            ("p2", "松田　愛", "1995-07-07", "female", {"relationship": "child"}),
            ("p3", "松田　蓮", "2012-07-07", "female", {"relationship": teen_relation}),
            ("p4", "松田　湊", "2026-06-10", "male", {"relationship": "other"}),
        ], subject=["p4"])
    assert who("parent", birth("other")) == (None, ("p2", "p1"), (("child_parent", "p2"),), False)
    assert who("parent", birth("child")) == (
        None, ("p2", "p3", "p1"), (("child_parent", "p2"), ("child_parent", "p3")), False)


def test_at_a_daughters_divorce_in_her_parents_household_the_claimant_is_her_not_her_parents() -> None:
    """児童手当法4条1項1号: the children of the claim are the divorcing 子's own (孫: その他), not her young
    sister (the head's 子); the grandparents are not asked who keeps the children."""
    r = sexed("divorce", [
        ("p1", "松田　茂", "1962-01-20", "male", {"relationship": "head"}),
        ("p2", "松田　和子", "1964-05-05", "female", {"relationship": "spouse"}),
        ("p5", "松田　葵", "2011-03-03", "female", {"relationship": "child"}),
        ("p3", "佐藤　愛", "1996-07-07", "female", {"relationship": "child", "child_parent": True}),
        ("p4", "佐藤　湊", "2020-06-10", "male", {"relationship": "other"}),
    ], subject=["p3"])
    assert who("parent", r) == ("p3", (), (), False)
