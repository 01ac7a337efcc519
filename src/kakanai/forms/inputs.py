"""What the counter asks before printing: exactly the inputs of the forms the plan prints.

A form's inputs are declared only in forms/<id>.yaml `inputs:` (id, label, scope, kind, events). For each
document the plan prints (kakanai.forms.documents) every declared input that the document binds is asked:

- `reception` scope: once (電話番号); the value goes to `Reception.form_inputs[id]`.
- `household` scope: once for everyone (本籍・筆頭者); a member whose value differs has it in their own
  `Person.form_inputs[id]`, which the forms print instead (kakanai.forms.bindings).
- `person` scope: once per member the document prints it for (a `row.input.*` column: the persons of the
  rows; `person.input.*`/`input.*`: the form's person or the 届出人; `subject.input.*` …: that person),
  into that member's `Person.form_inputs[id]`.

Besides the form inputs the counter completes two fields of the reception itself where a printed form shows
them: the フリガナ of each member a form prints it for (`Person.name_kana`) and, for a move in or within the
municipality, the new address (`Household.address`). In a reception JSON these are `members[].name_kana` and
`household.address`, not `form_inputs`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from kakanai.forms.binding_paths import ADDRESS_ROLES, PERSON_ROOTS
from kakanai.forms.bindings import FormContext, MunicipalityInfo
from kakanai.forms.choices import join_choices, split_choices
from kakanai.forms.counter_boxes import (
    ABSENT_MOTHER,
    COUNTER_LABELS,
    KANA,
    NEW_HEAD,
    NEW_KANA,
    NEW_NAME,
    OUTSIDE_FILER,
    RELATION_DETAIL,
)
from kakanai.forms.definition import (
    COURT_DATE,
    CUSTODY_FATHER,
    CUSTODY_MOTHER,
    DIVORCE_KIND,
    END_BY_DIVORCE,
    FILER_RELATION,
    GUARDIAN_CHANGE,
    GUARDIAN_RELATION,
    HEAD_BEFORE,
    OTHER_PARENT,
    OTHER_PARENT_ADDRESS,
    OTHER_PARENT_BIRTH,
    PARTNER,
    PARTNER_ADDRESS,
    FormDefinition,
    FormInput,
    Item,
)
from kakanai.forms.documents import PlannedDocument, plan_documents
from kakanai.forms.household_members import change_kind, event_couple, listed_head
from kakanai.forms.library import FormLibrary
from kakanai.forms.names import AFTER, changed_asked, name_changes
from kakanai.forms.new_head import sheet_applicant
from kakanai.model import LifeEvent, Person, Plan, Reception
from kakanai.model.addresses import MOVES_HERE, AddressRole, AddressValue, household_address, to_ask
from kakanai.model.agelaw import age_on
from kakanai.model.applicant import ADULT_AGE, CUSTODY_FACT
from kakanai.model.input_values import InputValueError, check_input_value
from kakanai.model.wareki import format_wareki


class InputTarget(StrEnum):
    FORM_INPUT = "form_input"  # Reception.form_inputs[id] / Person.form_inputs[id]
    NAME_KANA = "name_kana"  # Person.name_kana
    HOUSEHOLD_ADDRESS = "household_address"  # Household.address (the new address of a move, the 転出先)
    HOUSEHOLD_PREVIOUS_ADDRESS = "household_previous_address"  # Household.previous_address (no card shows it)


@dataclass(frozen=True)
class AskedInput:
    id: str
    label: str
    scope: str  # reception | household | person
    kind: str  # text | kana | digits | phone | address | date | choice
    person: str | None  # member id for a person-scoped input, else None
    forms: tuple[str, ...]  # the form ids that print it
    hint: str = ""
    target: InputTarget = InputTarget.FORM_INPUT
    persons: tuple[str, ...] = ()  # household scope: the members it prints for (each may have their own)
    options: tuple[str, ...] = ()  # kind choice: what the clerk picks from (forms/*.yaml, one source)
    multiple: bool = False  # kind choice: several options may be picked (kakanai.forms.choices)
    proposal: str = ""  # what the counter proposes (FormInput.proposed, worked out for the sheet); "": none

    def picked(self, value: str) -> tuple[str, ...]:
        """The options a stored choice value picks (the counter's editor shows them)."""
        return tuple(v for v in split_choices(value) if v in self.options)

    def value_of(self, picked: Iterable[str]) -> str:
        """The stored value of these picked options, in the declared order."""
        chosen = set(picked)
        return join_choices(o for o in self.options if o in chosen)


_KANA = FormInput(KANA[0], KANA[1], "person", "kana")
BY_COURT = "divorce_by_court"  # resources/rules/facts.yaml: 調停・審判・和解・判決 (else 協議離婚)
_RELATION_DETAIL = FormInput(RELATION_DETAIL[0], RELATION_DETAIL[1], "person", "text", hint="子の妻・孫・兄・祖母など")
_NEW_NAME = FormInput(NEW_NAME[0], NEW_NAME[1], "person", "text", hint="離婚で婚姻前の氏に戻る場合など（氏と名の間は空白）")
_NEW_KANA = FormInput(NEW_KANA[0], NEW_KANA[1], "person", "kana", hint="変更後の氏名の読み（カタカナ）")
# The 届出人's boxes when the 届出人 comes from outside the household (kakanai.forms.counter_boxes.OUTSIDE_FILER).
_FILER = {input_id: FormInput(input_id, label, "reception", kind)
          for input_id, label, kind in (*OUTSIDE_FILER.values(), *ABSENT_MOTHER.values())}
_NO_MUNICIPALITY = MunicipalityInfo("", "")


def _address_input(value: AddressValue, event: LifeEvent) -> tuple[FormInput, InputTarget]:
    """The counter's field for a household address a form prints and nothing else gives (model.addresses)."""
    if value is AddressValue.PREVIOUS:
        label = "今の住所（転出前、方書まで）" if event is LifeEvent.MOVING_OUT else "前の住所（方書まで）"
        return FormInput("previous_address", label, "reception", "address"), InputTarget.HOUSEHOLD_PREVIOUS_ADDRESS
    label = ("新しい住所（方書まで）" if event in MOVES_HERE else "転出先の住所（方書まで）"
             if event is LifeEvent.MOVING_OUT else "住所（方書まで）")
    return FormInput("address", label, "reception", "address"), InputTarget.HOUSEHOLD_ADDRESS


def _address_role(binding: str) -> AddressRole | None:
    """The household address a binding prints: household.<role>, or a person's address (the household's
    address here)."""
    root, _, key = binding.partition(".")
    if root == "household" and key in ADDRESS_ROLES:
        return AddressRole(key)
    return AddressRole.HERE if root in PERSON_ROOTS and key == "address" else None


def item_bindings(item: Item) -> Iterator[tuple[str, bool]]:
    """(binding, inside a rows column) of every value an item prints or tests."""
    if item.value:
        yield item.value, False
    for binding, _ in item.also:
        yield binding, False
    for column in item.columns:
        yield column.value, True


def form_bindings(form: FormDefinition) -> Iterator[tuple[str, bool]]:
    for item in form.items:
        yield from item_bindings(item)


def input_of(binding: str) -> str | None:
    """The input id a binding reads (`input.x`, `person.input.x`, `row.input.x` …), else None."""
    parts = binding.split(".")
    if len(parts) == 2 and parts[0] == "input":
        return parts[1]
    if len(parts) == 3 and parts[1] == "input":
        return parts[2]
    return None


def _filer_input(binding: str, context: FormContext) -> FormInput | None:
    """The counter's field for a 届出人 box when the 届出人 comes from outside the household, or for a 母 box
    when the household does not list the newborn's mother."""
    input_id = context.outside_filer_input(binding) or context.absent_mother_input(binding)
    return _FILER[input_id] if input_id is not None else None


def _who(binding: str, document: PlannedDocument, context: FormContext) -> tuple[Person, ...]:
    """The members a person-level binding of this document reads."""
    root = binding.split(".")[0]
    if root == "row":
        return document.persons
    person = context.person_root("person" if root in ("input", "fact") else root)
    return (person,) if person is not None else ()


GUARDIAN_WORDS = ("父", "母", "祖父", "祖母")  # a 保護者's relation to a child (親権者・後見人 are typed)
NO_CARE = "児童を監護・養育しなくなった"  # forms/child_allowance_end.yaml: the option END_BY_DIVORCE proposes


def _proposal(spec: FormInput, context: FormContext, person: Person | None) -> str:
    """What the counter proposes for `spec` on this sheet (FormInput.proposed), for `person` (a person
    input) or the sheet's person / the event's subject."""
    if spec.proposed == DIVORCE_KIND:  # 民法763条: not by a court, so by agreement
        return "協議離婚" if context.reception.household.facts.get(BY_COURT) is False else ""
    if spec.proposed == COURT_DATE:  # a court's divorce: the event date is the day it was made
        by_court = context.reception.household.facts.get(BY_COURT) is True
        return context.reception.event_date.isoformat() if by_court else ""
    if spec.proposed in (PARTNER, PARTNER_ADDRESS):
        partner = _partner(context, person)
        if partner is None:
            return ""
        return partner.name if spec.proposed == PARTNER else household_address(context.reception, AddressRole.HERE)
    if spec.proposed in (OTHER_PARENT, OTHER_PARENT_BIRTH, OTHER_PARENT_ADDRESS):
        return _other_parent(context, spec.proposed)
    if spec.proposed == GUARDIAN_CHANGE:  # the 保護者's 氏 changed, the child's did not (40_child.yaml's reason)
        child, r = person or context.person, context.reception
        by_marriage = r.event in (LifeEvent.MARRIAGE, LifeEvent.DIVORCE)
        return "保護者の変更" if by_marriage and child is not None and not name_changes(r, child) else ""
    if spec.proposed == END_BY_DIVORCE:  # planned at a divorce only when the recipient keeps no child (40_child.yaml)
        return NO_CARE if context.reception.event is LifeEvent.DIVORCE else ""
    if spec.proposed == HEAD_BEFORE:  # the member whose 続柄 is 世帯主 (never a stand-in for one) …
        if change_kind(context.reception) == "merger":
            return ""  # … but at a 世帯合併 the listed 世帯主 is the one the leavers join: theirs is not listed
        return head.name if (head := listed_head(context.reception)) is not None else ""
    if spec.proposed in (CUSTODY_FATHER, CUSTODY_MOTHER):
        return _custody(context, "male" if spec.proposed == CUSTODY_FATHER else "female")
    if spec.proposed not in (FILER_RELATION, GUARDIAN_RELATION):
        return ""
    filer, concerned = context.applicant, person or context.person or context.subject()
    if filer is None or concerned is None:
        return ""  # an outside 届出人 or 請求者 (typed at the counter), or nobody the sheet is about
    word = context.relation_of(filer, concerned)
    return word if spec.proposed == FILER_RELATION or word in GUARDIAN_WORDS else ""


def _partner(context: FormContext, person: Person | None) -> Person | None:
    """The other of the couple a marriage or divorce is about, to the sheet's person (or its 届出人), when
    both are listed."""
    concerned = person or context.person or context.applicant
    couple = event_couple(context.reception)
    if concerned is None or all(m.id != concerned.id for m in couple):
        return None
    others = [m for m in couple if m.id != concerned.id]
    return others[0] if len(others) == 1 else None


def _other_parent(context: FormContext, proposed: str) -> str:
    """The children's other parent, to the claimant, where the reception lists them: at a death the one who
    died (of the 世帯主 and spouse; its address box: the day of death), at a divorce the other of the couple
    (its address: where they are listed, the household's, before they move); "" otherwise."""
    r = context.reception
    if r.event is LifeEvent.DEATH:
        died = [m for m in r.subject_members() if m.facts.get("relationship") in ("head", "spouse")]
        other = died[0] if len(died) == 1 and died[0] is not context.applicant else None
        where = f"{format_wareki(r.event_date)} 死亡"
    elif r.event is LifeEvent.DIVORCE:
        other, where = _partner(context, context.applicant), household_address(r, AddressRole.HERE)
    else:
        return ""
    if other is None:
        return ""
    return {OTHER_PARENT: other.name, OTHER_PARENT_BIRTH: other.birth_date.isoformat()}.get(proposed, where)


def _custody(context: FormContext, sex: str) -> str:
    """The minors (民法4条: under 18) whose 親権者 is the parent of `sex` of the couple divorcing, the one who
    answered custodial_parent (民法819条1項: the 協議離婚 names one for every minor child), joined 「、」."""
    r = context.reception
    keeper = next((m for m in event_couple(r) if m.sex.value == sex and m.facts.get(CUSTODY_FACT) is True), None)
    if keeper is None:
        return ""
    minors = [m for m in r.members if m is not keeper and age_on(m.birth_date, r.event_date) < ADULT_AGE
              and context.relation_of(m, keeper) == "子"]
    return "、".join(m.name for m in minors)


def _context(document: PlannedDocument, reception: Reception) -> FormContext:
    return FormContext(reception=reception, procedure=document.procedure, person=document.person,
                       applicant=sheet_applicant(reception, document.procedure), municipality=_NO_MUNICIPALITY,
                       today=date.min, relationship_words={})


def inputs_to_ask(library: FormLibrary, reception: Reception, plan: Plan) -> tuple[AskedInput, ...]:
    """The inputs of every document this plan prints, each asked once: the reception's and household's
    first, then each member's in member order; in order of first appearance within each."""
    found: dict[tuple[str, str | None], AskedInput] = {}

    def add(spec: FormInput, person: str | None, form_id: str, target: InputTarget,
            persons: tuple[str, ...] = (), proposal: str = "") -> None:
        key = (spec.id, person)
        old = found.get(key)
        if old is None:
            found[key] = AskedInput(spec.id, spec.label, spec.scope, spec.kind, person, (form_id,), spec.hint,
                                    target, persons, spec.options, spec.multiple, proposal)
            return
        found[key] = replace(old, forms=old.forms if form_id in old.forms else (*old.forms, form_id),
                             persons=old.persons + tuple(p for p in persons if p not in old.persons),
                             proposal=old.proposal or proposal)

    for document in plan_documents(library, reception, plan):
        form = document.form
        if form is None:
            continue
        context = _context(document, reception)
        declared = {i.id: i for i in form.inputs}
        for binding, _ in form_bindings(form):
            input_id = input_of(binding)
            if input_id is not None:
                spec = declared[input_id]  # the loader refuses a binding to an undeclared input
                if not spec.asked_for(reception.event.value, document.procedure.id):
                    continue
                people = _who(binding, document, context)
                if spec.family_register:  # 本籍・筆頭者: a foreign member is in no 戸籍 (nothing to ask them) …
                    foreign = [p for p in people if p.facts.get("nationality") == "foreign"]
                    people = tuple(p for p in people if p not in foreign)
                    if spec.foreign_label:  # … unless the box takes their 国籍 (婚姻届): their own value
                        for p in foreign:
                            add(replace(spec, label=spec.foreign_label, scope="person"), p.id, form.id,
                                InputTarget.FORM_INPUT)
                    if not people:
                        continue
                members = tuple(p.id for p in people)
                if spec.scope == "person":
                    for member in people:
                        add(spec, member.id, form.id, InputTarget.FORM_INPUT,
                            proposal=_proposal(spec, context, member))
                else:
                    add(spec, None, form.id, InputTarget.FORM_INPUT,
                        members if spec.scope == "household" else (), _proposal(spec, context, None))
            elif (filer := _filer_input(binding, context)) is not None:
                add(filer, None, form.id, InputTarget.FORM_INPUT)
            elif context.new_head_input(binding) is not None:
                names = tuple(dict.fromkeys(m.name for m in context.head_change_candidates()))
                # One who may head it (one who moves apart from the 世帯主) is proposed, to confirm: they may
                # still join a household already at the new address, the choice then left for the resident.
                add(FormInput(NEW_HEAD[0], NEW_HEAD[1], "reception", "choice", options=names), None, form.id,
                    InputTarget.FORM_INPUT, proposal=names[0] if len(names) == 1 else "")
            elif binding.endswith(".name_kana"):
                for person in _who(binding, document, context):
                    add(_KANA, person.id, form.id, InputTarget.NAME_KANA)
            elif (after := AFTER.get(binding.rpartition(".")[2])) and binding.split(".")[0] in PERSON_ROOTS:
                for person in _who(binding, document, context):
                    if changed_asked(reception, person, after) is not None:
                        add(_NEW_NAME if after == "name" else _NEW_KANA, person.id, form.id, InputTarget.FORM_INPUT)
                    elif after == "name_kana":  # the フリガナ of the name as it is, or the married one's parts
                        add(_KANA, person.id, form.id, InputTarget.NAME_KANA)
            elif binding.endswith(".relationship") and binding.split(".")[0] in PERSON_ROOTS:
                for person in _who(binding, document, context):
                    if context.relation_detail_asked(person):
                        add(_RELATION_DETAIL, person.id, form.id, InputTarget.FORM_INPUT)
            elif (role := _address_role(binding)) is not None and (value := to_ask(reception, role)) is not None:
                spec, target = _address_input(value, reception.event)
                add(spec, None, form.id, target)
    order = {m.id: i for i, m in enumerate(reception.members)}
    place: dict[tuple[str, str | None], float] = {key: n for n, key in enumerate(found)}
    # An outside 届出人's fields together, in their own order (氏名, フリガナ, 住所), where the first was asked.
    outside = [(spec.id, None) for spec in _FILER.values() if (spec.id, None) in place]
    first = min((place[key] for key in outside), default=0)
    for n, key in enumerate(outside):
        place[key] = first + n / len(outside)
    return tuple(sorted(found.values(), key=lambda f: (-1 if f.person is None else order.get(f.person, 0),
                                                       place[(f.id, f.person)])))


def form_inputs_to_ask(library: FormLibrary, reception: Reception, plan: Plan) -> tuple[AskedInput, ...]:
    """The asked inputs stored in `form_inputs` (what `kakanai forms inputs` lists)."""
    return tuple(a for a in inputs_to_ask(library, reception, plan) if a.target is InputTarget.FORM_INPUT)


def declared_inputs(library: FormLibrary, kind: str) -> tuple[str, ...]:
    """The ids of the inputs the forms declare with this kind (every form's 申請者 block declares the phone)."""
    return tuple(sorted({i.id for form_id in library.ids() for i in library.get(form_id).inputs if i.kind == kind}))


def input_labels(library: FormLibrary) -> dict[str, str]:
    """input id -> its label (the first form's that declares it), for messages naming an input."""
    labels = dict(COUNTER_LABELS)
    for form_id in library.ids():
        for i in library.get(form_id).inputs:
            labels.setdefault(i.id, i.label)
    return labels


@dataclass(frozen=True)
class InputProblem:
    field: str  # where the value is in the reception JSON: form_inputs.x / members[i].form_inputs.x
    message: str


def input_problems(library: FormLibrary, reception: Reception, plan: Plan) -> tuple[InputProblem, ...]:
    """Values the forms could not print as meant, each named with where it is and why:
    - a choice input given a value that is not one of its options (or several for a single choice) would
      tick nothing: refused with the options named, rather than printed as if nobody had answered;
    - a phone number or a count that is not one (kakanai.model.input_values: a digit dropped from a phone
      number, 「三」 for a count), as the counter refuses it when typed."""
    out: list[InputProblem] = []
    index = {m.id: i for i, m in enumerate(reception.members)}
    for a in inputs_to_ask(library, reception, plan):
        # A member's own value prints instead of the reception's; the reception's prints for the others.
        owners = [p for p in ((a.person,) if a.person else a.persons) if a.id in reception.member(p).form_inputs]
        values = {f"members[{index[p]}].form_inputs.{a.id}": reception.member(p).form_inputs[a.id] for p in owners}
        if a.person is None or not owners:
            values[f"form_inputs.{a.id}"] = reception.form_inputs.get(a.id, "")
        for where, value in values.items():
            what = _choice_problem(a, value) if a.kind == "choice" else _kind_problem(a.kind, value)
            if what:
                out.append(InputProblem(where, f"{where}（{a.label}）: {what}"))
    return tuple(dict.fromkeys(out))  # an input asked for several forms or members: named once


def _choice_problem(a: AskedInput, value: str) -> str:
    picked = split_choices(value)
    wrong = [v for v in picked if v not in a.options]
    if not wrong and (a.multiple or len(picked) <= 1):
        return ""
    what = f"「{wrong[0]}」は選択肢にありません" if wrong else "選べるのは1つだけです"
    return f"{what}（{'、'.join(a.options)}）"


def _kind_problem(kind: str, value: str) -> str:
    try:
        check_input_value(kind, value)
    except InputValueError as exc:
        return str(exc)
    return ""
