"""What a form field can show: a binding is a dotted path into the reception, the plan and the municipality.

    person.name            the form's person (per-person forms) or the applicant (household forms)
    applicant.address      the 届出人/請求者
    head.name              the 世帯主 (the member whose relationship is head; else the applicant)
    subject.birth_date     the member the event is about: the sheet's person if a subject (each twin), else
                           the first subject (the deceased, the newborn)
    row.name_kana          inside a `rows` item: the person of that row
    spouse.name            the spouse of the form's person (the other of the 世帯主 and the spouse)
    father.name            the subject's father / mother.birth_date its mother (of the 世帯主 and spouse,
                           for the 世帯主's 子; blank for a grandchild)
    household.address      the household's address here (kakanai.model.addresses: household.new_address,
                           household.moving_to, household.previous_address, household.came_from are the
                           other roles), household.member_count, household.head_name,
                           household.mover_count (the event's subjects), household.new_head_name (the
                           世帯主 unless members move out or within the city without them)
    reception.event_date   reception.visit_date, reception.event, reception.id, reception.today,
                           reception.filer (本人/配偶者/父/母/子/同一世帯員), reception.births (単胎/多胎),
                           reception.surname_changes (夫/妻: whose surname the marriage or divorce changes)
    procedure.id           procedure.title, procedure.reason, procedure.deadline, procedure.counter
    municipality.name      municipality.mayor_title, municipality.prefecture
    input.phone            a form-only input (reception level, or the person's own for member inputs)
    fact.school            a fact of the person; household_fact.has_dog a household fact

Person fields: name, name_kana, birth_date, sex, address, relationship, age, nationality, ltc_class (第1号/第2号),
input.<id>, fact.<id>.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kakanai.forms.absent_mother import mother_input, mother_value
from kakanai.forms.binding_paths import ADDRESS_ROLES, PERSON_ROOTS
from kakanai.forms.choices import split_choices
from kakanai.forms.counter_boxes import (
    HEAD_CHANGE,
    KANA,
    NEW_HEAD,
    NEW_HEAD_BINDING,
    NHI_CHANGE,
    OUTSIDE_CLAIMANT,
    OUTSIDE_FILER,
    RELATION_DETAIL,
    foreign_blank,
)
from kakanai.forms.dates import effective_date, typed_day
from kakanai.forms.filer_words import filer_word, outside_filer_word
from kakanai.forms.household_members import (
    allowance_recipient,
    event_couple,
    household_couple,
    listed_head,
    moving_apart,
    newborns,
    parent_of,
    remaining_members,
    successor_head,
)
from kakanai.forms.names import AFTER, changed, changed_asked, name_before
from kakanai.forms.new_head import (
    APART,
    chosen_new_head,
    head_candidates,
    new_head_name,
    new_head_relationship,
)
from kakanai.model import LifeEvent, Person, PlannedProcedure, Reception
from kakanai.model.addresses import MOVES_HERE, AddressRole, household_address
from kakanai.model.agelaw import age_on
from kakanai.model.applicant import PARENT_FACT, choose_applicant, may_be_parent_of
from kakanai.model.relationship import relation_to

Value = str | date | bool | int | tuple[str, ...] | None  # a tuple: the options of a multiple choice input
# The sheets that record who heads a household whose 世帯主 died (dated the death day, forms.dates).
HEAD_RECORDS = frozenset({NHI_CHANGE})
OLD_HEAD = "old_head_name"  # the 住民異動届's 「前の世帯主」 input: on the 世帯主変更届, the reception's 世帯主


@dataclass(frozen=True)
class MunicipalityInfo:
    name: str
    mayor_title: str
    prefecture: str = ""


@dataclass(frozen=True)
class FormContext:
    """Everything one printed sheet can show."""

    reception: Reception
    procedure: PlannedProcedure | None
    person: Person | None
    applicant: Person | None
    municipality: MunicipalityInfo
    today: date
    relationship_words: Mapping[str, str]  # member id -> 世帯主 / 妻 / 長男 …
    multiple: frozenset[str] = frozenset()  # the form's multiple choice inputs (stored joined, read as options)
    family_register: frozenset[str] = frozenset()  # the form's 戸籍 inputs (本籍・筆頭者): none for a foreign member
    dates: frozenset[str] = frozenset()  # the form's date inputs (kind: date): printed in 和暦 however typed
    foreign_asked: frozenset[str] = frozenset()  # 戸籍 inputs whose box takes a foreign member's 国籍 (foreign_label)

    def outside_filer(self) -> bool:
        """The sheet's 届出人 is the one at the counter (not a claimant the law names, who may be elsewhere),
        and nobody of the household can be it: every member is the deceased or the newborn."""
        return (self.applicant is None and (self.procedure is None or self.procedure.claimant is None)
                and choose_applicant(self.reception) is None)

    def head(self) -> Person | None:
        return listed_head(self.reception) or self.applicant

    def head_leaves(self) -> bool:
        """The 世帯主変更届's sheet of a 世帯主 who moves away from the household (転居・転出 alone)."""
        moved = self.reception.event in (LifeEvent.MOVING_WITHIN, LifeEvent.MOVING_OUT)
        return moved and bool(self.head_change_candidates())

    def procedure_is(self, procedure: str) -> bool:
        return self.procedure is not None and self.procedure.id == procedure

    def head_change_candidates(self) -> tuple[Person, ...]:
        return head_candidates(self.reception, self.procedure)

    def after_the_heads_death(self, person: Person) -> bool:
        """A sheet dated the day after the 世帯主's death (forms.dates.effective_date), or one that records the
        change of the 世帯主 his death makes (the 国保 記載事項変更, 国保法9条), shows a living member's 続柄 to
        the one who heads the household then (successor_head); the deceased keeps his own."""
        r = self.reception
        if self.procedure is None or r.is_subject(person.id) or r.event is not LifeEvent.DEATH:
            return False
        if (head := listed_head(r)) is None or not r.is_subject(head.id):
            return False
        return self.procedure.id in HEAD_RECORDS or effective_date(r, self.procedure.id) > r.event_date

    def staying(self) -> tuple[Person, ...]:
        """Whom a sheet's 「異動する方」 are: on the 世帯主変更届 the members who remain (their 世帯主 changes),
        else the event's subjects."""
        if self.procedure_is(HEAD_CHANGE):
            return remaining_members(self.reception)
        return self.reception.subject_members()

    def relation_of(self, person: Person, other: Person) -> str:
        """What `person` is to `other` (model.relationship.relation_to), and where the 続柄 to the 世帯主 say
        only その他, a grandchild and the parent who answered so (PARENT_FACT): 子 of that parent, 父/母 to it."""
        word = relation_to(person, other, self.reception.members)
        if word:
            return word
        if (other.facts.get(PARENT_FACT) is True and person.facts.get("relationship") == "other"
                and may_be_parent_of(other, person)):
            return "子"
        if (person.facts.get(PARENT_FACT) is True and other.facts.get("relationship") == "other"
                and may_be_parent_of(person, other)):
            return {"male": "父", "female": "母"}.get(person.sex.value, "")
        return ""

    def relation_to_applicant(self, person: Person) -> str:
        """What a member is to the sheet's 請求者 (a claim's children table, 「請求者との続柄」: 児童手当法施行規則
        様式第一号); "" with no 請求者 or where nothing says."""
        return self.relation_of(person, self.applicant) if self.applicant is not None else ""

    def new_head_input(self, path: str) -> str | None:
        """The counter's input the 「新しい世帯主」 box reads on the 世帯主変更届 (NEW_HEAD); None elsewhere."""
        return NEW_HEAD[0] if path == NEW_HEAD_BINDING and self.head_change_candidates() else None

    def subject(self) -> Person | None:
        """The person the event is about: the sheet's own person when that is one of the subjects (each twin's
        出生届 names its own child, 戸籍法49条), else the first subject member."""
        members = self.reception.subject_members()
        if self.person is not None and any(m.id == self.person.id for m in members):
            return self.person
        return members[0] if members and self.reception.subject is not None else self.person

    def couple(self) -> tuple[Person, ...]:
        """The 世帯主 and the spouse (in the household's order): the parents of the household's children."""
        return household_couple(self.reception)

    def spouse(self) -> Person | None:
        """The spouse of the form's person (or of the applicant): the other one of the couple."""
        me = self.person or self.applicant
        couple = self.couple()
        if me is None or len(couple) != 2 or me not in couple:
            return None
        return couple[1] if couple[0] is me else couple[0]

    def current_spouse(self) -> Person | None:
        """The spouse now: not one the event ended the marriage with (the deceased at a death, the other at a
        divorce). A claim compares the living parents (児童手当法4条3項), whose 配偶者 the dead is not."""
        spouse = self.spouse()
        ended = self.reception.event in (LifeEvent.DEATH, LifeEvent.DIVORCE)
        return None if spouse is None or (ended and self.reception.is_subject(spouse.id)) else spouse

    def recipient(self) -> Person | None:
        """The 児童手当 recipient (受給者): household_members.allowance_recipient, else the 届出人."""
        return allowance_recipient(self.reception) or self.applicant

    def parent(self, sex: str) -> Person | None:
        """The father or the mother of the subject (the newborn, the child): household_members.parent_of."""
        return parent_of(self.reception, self.subject(), sex)

    def filer(self) -> str:
        """Who the 届出人 (the applicant) is to the person the sheet is about (the form's person, else the
        event's subjects): kakanai.forms.filer_words."""
        concerned = (self.person,) if self.person is not None else self.staying()
        if self.applicant is None:
            return outside_filer_word(self.reception, concerned) if self.outside_filer() else ""
        return filer_word(self.reception, self.applicant, concerned)

    def surname_changer(self) -> str:
        """Of the couple marrying or divorcing, the one whose surname changes (fact `surname_changes`): 夫 or
        妻; "" when the facts do not say or it is not a marriage or divorce. The couple takes the surname of
        the other (民法750条); on a divorce the one who changes returns to the former surname (民法767条1項),
        nobody when the 婚氏続称届 keeps it (767条2項)."""
        if self.reception.event not in (LifeEvent.MARRIAGE, LifeEvent.DIVORCE):
            return ""
        changing = [m for m in event_couple(self.reception) if m.facts.get("surname_changes") is True]
        return {"male": "夫", "female": "妻"}.get(changing[0].sex.value, "") if len(changing) == 1 else ""

    def _none_for(self, person: Person | None, input_id: str) -> bool:
        """A 戸籍 input (本籍・筆頭者) of a foreign member with no value of their own: nothing belongs there."""
        return (person is not None and input_id in self.family_register and input_id not in person.form_inputs
                and person.facts.get("nationality") == "foreign")

    def blank_input(self, path: str, row: Person | None = None) -> str | None:
        """The counter's input an empty box at `path` was left for (listed for the resident to fill): an
        `input.` binding's id, or the outside 届出人's (OUTSIDE_FILER) for the 届出人's boxes, or the new
        世帯主's (NEW_HEAD), or a member's フリガナ (KANA: asked for every member a form names, left
        empty when a proposal was not confirmed); None for a box where nothing belongs (`applies`) and for
        anything not asked at the counter."""
        asked = self.outside_filer_input(path) or self.new_head_input(path) or self.absent_mother_input(path)
        if asked is not None:
            return asked
        root, _, key = path.partition(".")
        if root == "applicant" and self.applicant is None and self.procedure is not None and self.procedure.claimant == "":
            return OUTSIDE_CLAIMANT[0]
        if key == KANA[0] and root in PERSON_ROOTS:
            return KANA[0]
        if key in AFTER and root in PERSON_ROOTS:
            person = self.person_root(root, row)
            return changed_asked(self.reception, person, AFTER[key]) if person is not None else None
        if key == "relationship" and root in PERSON_ROOTS:
            person = self.person_root(root, row)
            if self.relation_detail_asked(person):
                return RELATION_DETAIL[0]
            if person is not None and self.after_the_heads_death(person):
                return NEW_HEAD[0]  # empty until the household says who heads it
        if "input." not in path or not self.applies(path, row):
            return None
        parts = path.split(".")
        if parts[-1] in self.foreign_asked and self._none_for(self._input_person(parts, row), parts[-1]):
            return foreign_blank(parts[-1])  # listed under its foreign label (国籍・地域), not as a 本籍
        return parts[-1]

    def relation_detail_asked(self, person: Person | None) -> bool:
        """Whether the 続柄 box of `person` prints what the clerk typed (RELATION_DETAIL): a member `other` to
        the 世帯主, except on the sheets whose 続柄 are to a new 世帯主 (the 世帯主変更届, after his death)."""
        return (person is not None and person.facts.get("relationship") == "other"
                and not self.head_change_candidates() and not self.after_the_heads_death(person))

    def absent_mother_input(self, path: str) -> str | None:
        """The counter's input a 母 box reads when the household does not list the newborn's mother
        (forms.absent_mother)."""
        return mother_input(self.reception, path, self.parent("female"))

    def outside_filer_input(self, path: str) -> str | None:
        """The counter's input (OUTSIDE_FILER) that a 届出人 box (`applicant.name` …) reads when the 届出人
        comes from outside the household; None for any other binding or 届出人."""
        root, _, key = path.partition(".")
        return OUTSIDE_FILER[key][0] if root == "applicant" and key in OUTSIDE_FILER and self.outside_filer() else None

    def applies(self, path: str, row: Person | None = None) -> bool:
        """Whether an input binding's box is one to fill: not a foreign member's 本籍 (an empty one is not left
        for the resident to write), unless the box takes their 国籍 instead (`foreign_label`)."""
        parts = path.split(".")
        if len(parts) < 2 or parts[-2] != "input" or parts[-1] not in self.family_register:
            return True
        if parts[-1] in self.foreign_asked:
            return True  # the box takes a foreign member's 国籍: asked, and left to the resident when not given
        return not self._none_for(self._input_person(parts, row), parts[-1])

    def _input_person(self, parts: Sequence[str], row: Person | None) -> Person | None:
        """Whose value an input binding reads: `input.x` the sheet's person or the 届出人, `row.input.x` …"""
        return self.person or self.applicant if parts[0] == "input" else self.person_root(parts[0], row)

    def person_root(self, root: str, row: Person | None = None) -> Person | None:
        """The person a binding root names; only the one asked for is looked up (this runs per field)."""
        if root == "person":
            return self.person or self.applicant
        if root == "applicant":
            return self.applicant
        if root == "row":
            return row
        if root == "head":
            return self.head()
        if root == "subject":
            return self.subject()
        if root == "spouse":
            return self.spouse()
        if root == "current_spouse":
            return self.current_spouse()
        if root == "recipient":
            return self.recipient()
        if root == "leaver":  # 転出・死亡された方: nobody at another event (a divorce's 消滅届)
            return self.subject() if self.reception.event in (LifeEvent.MOVING_OUT, LifeEvent.DEATH) else None
        return self.parent("male" if root == "father" else "female")

    def resolve(self, path: str, row: Person | None = None) -> Value:
        if path == "blank":
            return None
        parts = path.split(".")
        root = parts[0]
        if root in PERSON_ROOTS:
            filer = self.outside_filer_input(path) if root == "applicant" else None
            if filer is not None:
                typed = self.reception.form_inputs.get(filer)
                return (typed_day(typed) if filer == OUTSIDE_FILER["birth_date"][0] else typed) if typed else None
            if (mother := self.absent_mother_input(path)) is not None:
                return mother_value(self.reception, mother, parts[1])
            return self._person_value(self.person_root(root, row), parts[1:])
        if root == "input":
            if parts[1] == OLD_HEAD and self.head_change_candidates() and (head := self.head()) is not None:
                return self.reception.form_inputs.get(OLD_HEAD) or head.name  # the 世帯主 who died or left
            return self._input(parts[1], self.person or self.applicant)
        if root == "fact":
            p = self.person or self.applicant
            return _plain(p.facts.get(parts[1])) if p else None
        if root == "household_fact":
            return _plain(self.reception.household.facts.get(parts[1]))
        r = self.reception
        key = parts[1]
        if root == "household":
            head = self.head()
            if key in ADDRESS_ROLES:
                if self.head_leaves() and key in (AddressRole.AFTER, AddressRole.BEFORE):
                    # The 世帯主変更届 of those who stay: nothing moved for them, they stay where they lived.
                    return household_address(r, AddressRole.BEFORE) if key == AddressRole.AFTER else ""
                return household_address(r, AddressRole(key))  # which address a box means: model.addresses
            if key == "mover_count":  # 異動する人数: the event's subjects (the household's size is member_count)
                return str(len(self.staying()))
            if key == "new_head_name":
                return new_head_name(self.reception, self.procedure, self.head())
            # 世帯の人数 after the event: the deceased is no longer one of them (国保の届 at a death); those who
            # move apart from the 世帯主 are their own household when one of them heads it, else unknown here.
            count = len(remaining_members(r) if r.event is LifeEvent.DEATH else r.members)
            if key == "member_count" and self.procedure_is(NHI_CHANGE) and (apart := moving_apart(r)):
                return str(len(apart)) if chosen_new_head(r, self.procedure) is not None else ""
            return {"member_count": str(count), "head_name": head.name if head else ""}[key]
        if root == "reception":
            if key == "filer":
                return self.filer()
            if key == "surname_changes":
                return self.surname_changer()
            if key == "births":  # 単胎・多胎
                births = len(newborns(r))
                return "" if not births else "単胎" if births == 1 else "多胎"
            reception_values: dict[str, Value] = {
                # The 世帯主変更届 is its own 届出の種類, whatever the event that made it needed.
                "event": "世帯主変更" if self.head_change_candidates() and self.procedure_is(HEAD_CHANGE) else r.event.label,
                # What changes the 世帯主 of a sheet's people: the event, or a 転居 apart from the 世帯主 (the
                # movers head or join a household at the new address: the 国保's 変更の内容 世帯主, 国保法9条).
                "head_event": APART if r.event is LifeEvent.MOVING_WITHIN and moving_apart(r) else r.event.label,
                "event_date": r.event_date, "visit_date": r.effective_visit_date,
                "id": r.id or "", "today": self.today}
            return reception_values[key]
        if root == "procedure":
            planned = self.procedure
            if planned is None:
                return r.event_date if key == "effective_date" else ""
            procedure_values: dict[str, Value] = {
                "id": planned.id, "title": planned.title, "reason": planned.reason,
                "deadline": planned.deadline, "counter": planned.counter,
                "department": planned.department_name,
                "effective_date": effective_date(r, planned.id)}
            return procedure_values[key]
        m = self.municipality
        return {"name": m.name, "mayor_title": m.mayor_title, "prefecture": m.prefecture}[key]

    def _person_value(self, person: Person | None, rest: Sequence[str]) -> Value:
        if person is None:
            return None
        key = rest[0]
        if key == "input":
            return self._input(rest[1], person)
        if key == "fact":
            return _plain(person.facts.get(rest[1]))
        if key == "is_head":  # the 届出人 box 世帯主 / 同一世帯員 (国保法9条: the 世帯主 files), as the 続柄 says
            return self._person_value(person, ("relationship",)) == "世帯主"
        if key == "relationship":
            if (word := new_head_relationship(self.reception, self.procedure, person)) is not None:
                return word
            if self.after_the_heads_death(person):
                successor = successor_head(self.reception, self.reception.form_inputs.get(NEW_HEAD[0], ""))
                if successor is None:
                    return None  # who heads it is the household's to say (the 世帯主変更届's choice)
                return "世帯主" if person is successor else self.relation_of(person, successor)
            if self.relation_detail_asked(person):
                return person.form_inputs.get(RELATION_DETAIL[0]) or None
            return self.relationship_words.get(person.id, "")
        if key == "relation_to_applicant":
            return self.relation_to_applicant(person)
        if key == "name_before":  # a marriage's or divorce's change of name (forms.names)
            return name_before(self.reception, person)
        if key == "changed_name" and name_before(self.reception, person) is None:
            return None  # nothing changes: no 変更後の氏名
        if key in AFTER:
            return changed(self.reception, person, AFTER[key])
        if key == "is_applicant":  # 受給者本人 or another who files (the 消滅届's 届出人の区分)
            return person is self.applicant
        if key == "age":  # the law's age on the event date: the one `ltc_class` and the rules' reasons use
            return str(age_on(person.birth_date, self.reception.event_date))
        if key == "age_during":  # 満年齢 at a moment of the event date: the age is reached as its eve ends
            return str(age_on(person.birth_date, self.reception.event_date - timedelta(days=1)))
        if key == "ltc_class":  # 介護保険法9条: 第1号 65歳以上, 第2号 40歳以上65歳未満 (医療保険加入者)
            age = age_on(person.birth_date, self.reception.event_date)
            return "第1号" if age >= 65 else "第2号" if age >= 40 else ""
        if key == "sex":
            return person.sex.value
        if key == "nationality":
            return _plain(person.facts.get("nationality"))
        if key == "address":
            # The address the form is about is the household's here (after a 転入・転居 the new one; a card
            # shows the one before the move, so it is no stand-in for a new address not typed yet: printed as
            # 「新しい住所」 it named the address being left): kakanai.model.addresses.
            here = household_address(self.reception, AddressRole.HERE)
            return here if here or self.reception.event in MOVES_HERE else person.address
        value: Value = getattr(person, key)
        return value

    def _input(self, input_id: str, person: Person | None) -> Value:
        if person is not None and input_id in person.form_inputs:
            value: str | None = person.form_inputs[input_id]
        elif self._none_for(person, input_id):
            value = None  # the household's 本籍 is not a foreign member's: they are in no 戸籍
        else:
            value = self.reception.form_inputs.get(input_id)
        if value and input_id in self.multiple:
            return split_choices(value)
        if value and input_id in self.dates:
            return typed_day(value)
        return value


def _plain(value: object) -> Value:
    if value is None or isinstance(value, str | bool | int | date):
        return value
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value)
    return str(value)
