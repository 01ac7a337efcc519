"""What the law makes impossible in a household, refused before any rule runs (a ReceptionError naming
the member and the field, in Japanese): a plan made from such a reception would be wrong everywhere (a
婚姻届 planned for a 17-year-old, one person counted twice, a "newborn" six years old, two parents each the
one with the higher income). Two 世帯主 are not checked here: kakanai.model.reception_edit.heads_problem is
the counter's members step's blocker and refuses them when a reception is read (a JSON file, a pre-entry
QR: reception_json), naming them better than a plan could.

The checks look only at what was given: the parties to a marriage are its 世帯主 and 配偶者 as answered (a
続柄 not answered yet is not checked).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from kakanai.model import FactValue, LifeEvent, Person, Reception, ReceptionError, Sex
from kakanai.model.agelaw import age_on, attainment_date
from kakanai.model.members import person_key

# 民法731条 as revised by 平成30年法律第59号 (in force 2022-04-01): 婚姻は、十八歳にならなければ、することが
# できない. Before it: 男は十八歳に、女は十六歳に (旧731条). 改正法附則3条1項: a woman born on or before
# 2006-04-01 (平成18年4月1日) may still marry from 16 after the reform.
MARRIAGE_AGE_REFORM = date(2022, 4, 1)
MARRIAGE_AGE = 18
FORMER_WOMAN_MARRIAGE_AGE = 16
TRANSITIONAL_BORN_BY = date(2006, 4, 1)

_SPOUSES = ("head", "spouse")  # the two who marry: the 世帯主 and the 配偶者 of the reception


def check_household(reception: Reception, person_facts: Mapping[str, Mapping[str, FactValue]]) -> None:
    """Raise ReceptionError for a reception no plan can be right for (see the module's doc)."""
    _check_same_person_twice(reception)
    _check_one_higher_earner(reception, person_facts)
    if reception.event is LifeEvent.BIRTH:
        _check_newborns(reception)
    elif reception.event is LifeEvent.MARRIAGE:
        _check_marriage_age(reception, person_facts)


def _check_same_person_twice(reception: Reception) -> None:
    # Two members with one name, birth date and sex are one person entered twice (a card read and a typed
    # entry): siblings never share a given name in one 戸籍 (戸籍法50条, 同一戸籍内の同名は受理されない).
    seen: dict[tuple[str, date, Sex], int] = {}
    for i, member in enumerate(reception.members):
        key = (*person_key(member.name, member.birth_date), member.sex)
        if key in seen:
            raise ReceptionError(f"members[{i}]", f"members[{seen[key]}] と同じ方です（氏名・生年月日・性別が同じ）。"
                                 "1人は削除してください")
        seen[key] = i


def _check_one_higher_earner(reception: Reception, person_facts: Mapping[str, Mapping[str, FactValue]]) -> None:
    # 児童手当法4条3項: of two parents the one who maintains the children's livelihood more (所得の高い方)
    # claims. That is one person: two answered "yes" (a checklist ticked twice, a pre-entry answered by each
    # parent) would leave the claimant to the order of the members.
    first: int | None = None
    for i, member in enumerate(reception.members):
        if person_facts.get(member.id, {}).get("main_earner") is True:
            if first is not None:
                raise ReceptionError(f"members[{i}].facts.main_earner",
                                     f"所得の高い方（児童手当の請求者、児童手当法4条3項）は1人です。{reception.members[first].name}"
                                     f"さんと{member.name}さんのどちらか一方だけを「はい」にしてください")
            first = i


def _check_newborns(reception: Reception) -> None:
    # A birth's deadlines run from its day (戸籍法49条: 14 days counting the day of birth): a newborn born
    # on another day than the event date would get another child's deadline. Twins born on either side of
    # midnight have two birth days: one reception each.
    for i, member in enumerate(reception.members):
        if reception.is_subject(member.id) and member.birth_date != reception.event_date:
            raise ReceptionError(
                f"members[{i}].birth_date",
                f"出生した子の生年月日（{member.birth_date.isoformat()}）が出生日（event_date "
                f"{reception.event_date.isoformat()}）と違います。出生日の違う子は出生日ごとに受け付けてください")


def marriage_age_problem(person: Person, on: date) -> str | None:
    """Why `person` cannot marry on `on` under 民法731条 in force that day, or None."""
    if on >= MARRIAGE_AGE_REFORM:
        if person.sex is Sex.FEMALE and person.birth_date <= TRANSITIONAL_BORN_BY:
            minimum, basis = FORMER_WOMAN_MARRIAGE_AGE, "平成30年改正民法附則3条1項"
        else:
            minimum, basis = MARRIAGE_AGE, "民法731条"
    else:
        minimum = FORMER_WOMAN_MARRIAGE_AGE if person.sex is Sex.FEMALE else MARRIAGE_AGE
        basis = "改正前の民法731条"
    if age_on(person.birth_date, on) >= minimum:
        return None
    attains = attainment_date(person.birth_date, minimum)
    return (f"{person.name}さんは婚姻できる年齢（{minimum}歳、{basis}）に達していないため、婚姻届は受理できません"
            f"（{minimum}歳に達する日は {attains.isoformat()}）")


def _check_marriage_age(reception: Reception, person_facts: Mapping[str, Mapping[str, FactValue]]) -> None:
    for i, member in enumerate(reception.members):
        if not reception.is_subject(member.id) or person_facts.get(member.id, {}).get("relationship") not in _SPOUSES:
            continue
        problem = marriage_age_problem(member, reception.event_date)
        if problem is not None:
            raise ReceptionError(f"members[{i}].birth_date", problem)
