"""Pure edits of the reception value (issue 15): every clerk action at the counter returns a new
Reception built with these, and a resident's pre-entry is merged into the reception with
`merge_preentry`. No validation of typed text here (kakanai.model.members checks typed text)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import TypeVar

from kakanai.model.ids import LifeEvent
from kakanai.model.reception import OUTSIDE_APPLICANT, ClerkOverride, FactValue, Household, Person, Reception

# 続柄 (the relationship to the 世帯主, 住民基本台帳法施行令7条4号): asked for every member at the members
# step, whatever the member came from, because the 住民異動届 prints it for each of them (issue 15).
RELATIONSHIP_FACT = "relationship"
HEAD = "head"
T = TypeVar("T", Person, Household)
# Whom an event is about, as the clerk and the resident say it, and the honorific of the summary line.
SUBJECT_ROLES: Mapping[LifeEvent, tuple[str, str]] = {
    LifeEvent.DEATH: ("亡くなった方", "様"), LifeEvent.BIRTH: ("出生した子", "さん"),
    LifeEvent.MOVING_IN: ("転入する方", "さん"), LifeEvent.MOVING_WITHIN: ("転居する方", "さん"),
    LifeEvent.MOVING_OUT: ("転出する方", "さん"), LifeEvent.HOUSEHOLD_CHANGE: ("世帯を移る方", "さん")}
# A move is everyone's until the clerk leaves someone out (subject None = everyone): a husband moving out
# alone (単身赴任), a grandmother joining her son's household, a parent's 世帯分離. The rules then see who
# stays (`about: others`: 世帯主変更, the 国保 of those left, 住基法25条).
EVERYONE_BY_DEFAULT = frozenset({LifeEvent.MOVING_IN, LifeEvent.MOVING_WITHIN, LifeEvent.MOVING_OUT,
                                 LifeEvent.HOUSEHOLD_CHANGE})


def next_member_id(taken: Iterable[str]) -> str:
    used = set(taken)
    n = 1
    while f"p{n}" in used:
        n += 1
    return f"p{n}"

@dataclass(frozen=True)
class Merged:
    reception: Reception
    added: tuple[Person, ...]  # the pre-entry's members, with the ids they got at the counter


def merge_preentry(current: Reception | None, pre: Reception, reception_id: str) -> Merged:
    """A resident's pre-entry merged into the reception at the counter (None: it starts the reception):
    its members get ids that do not clash with those already here; its addresses, answers and inputs
    fill in (the resident's answers win over the counter's defaults); the subject and the applicant
    follow the new ids."""
    base = current or Reception(event=pre.event, event_date=pre.event_date, household=Household(), members=(),
                                id=reception_id)
    used = {p.id for p in base.members}
    mapping: dict[str, str] = {}
    people: list[Person] = []
    for person in pre.members:
        mapping[person.id] = new_id = next_member_id(used)
        used.add(new_id)
        people.append(replace(person, id=new_id))
    household = Household(address=pre.household.address or base.household.address,
                          previous_address=pre.household.previous_address or base.household.previous_address,
                          facts={**base.household.facts, **pre.household.facts})
    subject = ((base.subject or ()) + tuple(mapping[s] for s in pre.subject) if pre.subject is not None
               else base.subject)
    applicant = (base.applicant if pre.applicant is None
                 else pre.applicant if pre.applicant == OUTSIDE_APPLICANT  # no member: kept as it is
                 else mapping[pre.applicant])
    merged = replace(base, event=pre.event, event_date=pre.event_date, household=household,
                     members=(*base.members, *people), form_inputs={**base.form_inputs, **pre.form_inputs},
                     subject=subject, applicant=applicant)
    return Merged(merged, tuple(people))


def with_newborn(reception: Reception, person: Person) -> tuple[Reception, Person]:
    """A child typed at a birth reception: its birth date is the event date (戸籍法49条 counts the 14 days
    from it), and it is derived as 子 (the clerk may change it, e.g. to その他 for a grandchild). The newborn
    is the birth's subject, derived from the same fact (shown, never hidden); a twin born the same day is one
    too: each child has its own 出生届 (戸籍法49条)."""
    person = with_fact(person, RELATIONSHIP_FACT, "child")
    subject = reception.subject
    twins = subject is not None and all(reception.member(i).birth_date == person.birth_date for i in subject)
    if subject is None or twins:
        subject = (*(subject or ()), person.id)
    return replace(reception, event_date=person.birth_date, subject=subject), person


def with_fact(target: T, fact: str, value: FactValue | None) -> T:
    """A person's or the household's facts with one answer set (None forgets it)."""
    facts = dict(target.facts)
    if value is None:
        facts.pop(fact, None)
    else:
        facts[fact] = value
    return replace(target, facts=facts)


def with_input(inputs: Mapping[str, str], key: str, value: str) -> dict[str, str]:
    out = dict(inputs)
    if value:
        out[key] = value
    else:
        out.pop(key, None)
    return out


def with_person(reception: Reception, member_id: str, change: Callable[[Person], Person]) -> Reception:
    """One member changed (the caller has checked that the member is there)."""
    return replace(reception, members=tuple(change(p) if p.id == member_id else p for p in reception.members))


def with_form_input(reception: Reception, key: str, text: str, person: str | None) -> Reception:
    """Where an input lands, in one place (issue 15): a person's own inputs, or the reception's."""
    if person is None:
        return replace(reception, form_inputs=with_input(reception.form_inputs, key, text))
    return with_person(reception, person, lambda p: replace(p, form_inputs=with_input(p.form_inputs, key, text)))


def with_answers(reception: Reception, answers: Iterable[tuple[str, str | None, FactValue | None]]) -> Reception:
    """Answers (fact, member id or None for the household, value; None forgets it), each its own fact."""
    for fact, person, value in answers:
        if person is None:
            reception = replace(reception, household=with_fact(reception.household, fact, value))
        else:
            reception = with_person(reception, person, partial(with_fact, fact=fact, value=value))
    return reception


def without_member(reception: Reception, member_id: str) -> Reception:
    """A member removed with everything that names them: the subject, the applicant, the clerk's overrides."""
    subject = tuple(s for s in reception.subject or () if s != member_id) or None
    return replace(reception, members=tuple(p for p in reception.members if p.id != member_id), subject=subject,
                   applicant=None if reception.applicant == member_id else reception.applicant,
                   overrides=tuple(o for o in reception.overrides if o.person != member_id))


def with_override(reception: Reception, override: ClerkOverride | None, procedure: str, person: str | None) -> Reception:
    """The clerk's decision on (procedure, person) replaced by `override` (None: undone, the rules decide)."""
    kept = tuple(o for o in reception.overrides if not (o.procedure == procedure and o.person == person))
    return replace(reception, overrides=(*kept, override) if override is not None else kept)


def heads_problem(people: Iterable[Person]) -> tuple[int, str] | None:
    """Two 世帯主 or more (a household has one: 住民基本台帳法7条4号): the index of the second and the message
    naming them all, or None. The one check of the counter's members step (relationship_problem) and of a
    reception read from JSON or a pre-entry QR (reception_json refuses it). No 世帯主 at all is not its
    business: a member joining a household whose 世帯主 is not at the counter lists none."""
    heads = [(i, p.name) for i, p in enumerate(people) if p.facts.get(RELATIONSHIP_FACT) == HEAD]
    if len(heads) < 2:
        return None
    return heads[1][0], f"世帯主は1人だけ選んでください（{'、'.join(name for _, name in heads)}）"


def relationship_problem(people: Iterable[Person]) -> str | None:
    """What the clerk still has to choose: the 世帯主 (exactly one), then each member's 続柄 (Japanese), or
    None. Two heads are reported, not silently changed: the clerk may pass 世帯主 with the arrow keys."""
    people = list(people)
    if people and not any(p.facts.get(RELATIONSHIP_FACT) == HEAD for p in people):
        return "世帯主を選んでください（続柄の欄で「世帯主（本人）」を選びます）"
    two_heads = heads_problem(people)
    if two_heads is not None:
        return two_heads[1]
    for p in people:
        if p.facts.get(RELATIONSHIP_FACT) is None:
            return f"{p.name}さんの続柄を選んでください"
    return None


def subject_role(event: LifeEvent | None) -> str | None:
    """「亡くなった方」/「出生した子」, or None for an event about everyone."""
    roles = SUBJECT_ROLES.get(event) if event is not None else None
    return roles[0] if roles is not None else None


def chosen_subjects(reception: Reception) -> tuple[str, ...]:
    """The members the event is about as the clerk sees them chosen: a move's None is everyone."""
    if reception.subject is None and reception.event in EVERYONE_BY_DEFAULT:
        return tuple(p.id for p in reception.members)
    return reception.subject or ()


def toggled_subjects(reception: Reception, member_id: str) -> tuple[str, ...] | None:
    """The subject after the clerk toggles one member: None again when a move is everyone's (or would be
    nobody's: someone moves)."""
    current = [i for i in chosen_subjects(reception) if i != member_id]
    if len(current) == len(chosen_subjects(reception)):
        current = [p.id for p in reception.members if p.id in (*current, member_id)]
    if reception.event in EVERYONE_BY_DEFAULT and (not current or len(current) == len(reception.members)):
        return None
    return tuple(current) or None


def subject_summary(reception: Reception) -> str | None:
    """The line shown before the interview: 「亡くなった方: 渡邊 髙雄 様」 (None: no subject role)."""
    roles = SUBJECT_ROLES.get(reception.event)
    if roles is None:
        return None
    role, honorific = roles
    if reception.subject is None and reception.event in EVERYONE_BY_DEFAULT:
        return f"{role}: 全員"
    people = {p.id: p.name for p in reception.members}
    names = [people[i].replace("\u3000", " ") for i in reception.subject or () if i in people]
    if not names:
        return f"{role}: まだ選んでいません"
    return f"{role}: {'、'.join(names)} {honorific}"
