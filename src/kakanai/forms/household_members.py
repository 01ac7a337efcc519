"""Who a household's event is about, by the shape of the household: the couple, the newborns, the members who
remain. One place for the forms' bindings (kakanai.forms.bindings), their rows (kakanai.forms.documents) and
the counter's proposals (kakanai.forms.proposals)."""

from __future__ import annotations

from kakanai.model import LifeEvent, Person, Reception
from kakanai.model.agelaw import age_on
from kakanai.model.applicant import PARENT_FACT, may_be_parent_of
from kakanai.model.applicant import allowance_recipient as recipient_among

HEAD_MIN_AGE = 15  # 住基法施行令: a 世帯主変更届 only when two or more of 15 or more remain


def remaining_members(reception: Reception) -> tuple[Person, ...]:
    """The members who remain in the household after its event (not the deceased, not those who leave): on
    the 世帯主変更届, whose 世帯主 changes (住基法25条). A 世帯変更 of the 世帯主 alone: everyone."""
    if change_kind(reception) == "head_change":
        return tuple(reception.members)
    return tuple(m for m in reception.members if not reception.is_subject(m.id))


def listed_head(reception: Reception) -> Person | None:
    """The member whose 続柄 is 世帯主, as the household lists them (None when nobody is yet)."""
    return next((m for m in reception.members if m.facts.get("relationship") == "head"), None)


def successor_head(reception: Reception, chosen: str) -> Person | None:
    """After the 世帯主's death, who heads the household: the only member of 15 or more who remains (no
    世帯主変更届 then, 住基法施行令), else the one the household chose (`chosen`, a name, asked as NEW_HEAD on
    the 世帯主変更届, 住基法25条); None before the choice, and at any other event."""
    head = listed_head(reception)
    if reception.event is not LifeEvent.DEATH or head is None or not reception.is_subject(head.id):
        return None
    able = [m for m in remaining_members(reception) if age_on(m.birth_date, reception.event_date) >= HEAD_MIN_AGE]
    if len(able) == 1:
        return able[0]
    return next((m for m in able if chosen and m.name == chosen), None)


def household_couple(reception: Reception) -> tuple[Person, ...]:
    """The 世帯主 and the spouse, in the household's order."""
    return tuple(m for m in reception.members if m.facts.get("relationship") in ("head", "spouse"))


def event_couple(reception: Reception) -> tuple[Person, ...]:
    """The couple a marriage or divorce is about: its subject members who are the 世帯主 or the spouse (the
    household's couple). A divorce at the counter lists the household that stays (the parent who keeps the
    children, rules/tests 82_divorce_marriage): the ex-spouse is no member, so one of the two is named and the
    other's row is left for their own hand — never a child, who is no party to it (民法763条). A couple who are
    not the 世帯主 and spouse (a son marrying in his parents' household) is the subjects the clerk named."""
    subjects = reception.subject_members()
    couple = tuple(m for m in subjects if m.facts.get("relationship") in ("head", "spouse"))
    return couple if couple or reception.subject is None else subjects


def newborns(reception: Reception) -> tuple[Person, ...]:
    """The children a birth reception is about: its subject members born on the event date (the day of birth,
    戸籍法49条); a reception that names no subject (everyone) still means only them, not the parents. Other
    events: none."""
    if reception.event is not LifeEvent.BIRTH:
        return ()
    subjects = reception.subject_members()
    return tuple(m for m in subjects if m.birth_date == reception.event_date) or subjects


def parent_of(reception: Reception, subject: Person | None, sex: str) -> Person | None:
    """The father or the mother of the subject (the newborn, the child): the one of the 世帯主 and spouse with
    that sex, when the subject is not one of them. A subject who is not the 世帯主's child (a grandchild,
    `other`) has parents the register does not name — the 世帯主 and spouse would be its grandparents — unless
    the member who is its parent answered so (PARENT_FACT: the 世帯主's daughter whose twins these are). None
    when the household does not say (printed blank)."""
    if subject is not None and subject.facts.get("relationship") == "other":
        named = [m for m in reception.members if m.facts.get(PARENT_FACT) is True and m.sex.value == sex
                 and m is not subject and may_be_parent_of(m, subject)]
        return named[0] if len(named) == 1 else None
    if subject is not None and subject.facts.get("relationship") not in (None, "child"):
        return None
    for m in household_couple(reception):
        if m.sex.value == sex and m is not subject:
            return m
    return None


def allowance_recipient(reception: Reception) -> Person | None:
    """The 児童手当 recipient (受給者): the member answered `child_allowance_recipient` (the deceased, at their
    own death; of two, the one whose 氏 changes: model.applicant.allowance_recipient); None when nobody did."""
    return recipient_among(reception.members, lambda m, fact: m.facts.get(fact))


CHANGE_KIND = "household_change_kind"  # resources/rules/facts.yaml: separation / merger / head_change (住基法25条)


def change_kind(reception: Reception) -> str | None:
    """Which 世帯変更 a household_change reception is (世帯分離, 世帯合併, 世帯主変更); None at other events."""
    if reception.event is not LifeEvent.HOUSEHOLD_CHANGE:
        return None
    kind = reception.household.facts.get(CHANGE_KIND)
    return kind if isinstance(kind, str) else None


def separating(reception: Reception) -> tuple[Person, ...]:
    """The members who leave the household to form one of their own at the same address (世帯分離): the
    subjects of a separation; () otherwise."""
    return reception.subject_members() if change_kind(reception) == "separation" else ()


def moving_apart(reception: Reception) -> tuple[Person, ...]:
    """The members who move (転居・転出) and leave the 世帯主 behind: at the new address they head a household of
    their own or join one, whose 世帯主 and their 続柄 to that one the 住民異動届 records (住基法7条4号・22条〜24条);
    () when the 世帯主 moves too, or nobody is listed as 世帯主."""
    if reception.event not in (LifeEvent.MOVING_WITHIN, LifeEvent.MOVING_OUT):
        return ()
    head = listed_head(reception)
    if head is None or reception.is_subject(head.id):
        return ()
    return reception.subject_members()


def leavers(reception: Reception) -> tuple[Person, ...]:
    """Those the event takes out of the listed 世帯主's household: a 世帯分離's, or those who move apart."""
    return separating(reception) or moving_apart(reception)
