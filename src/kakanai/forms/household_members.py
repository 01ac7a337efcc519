"""Who a household's event is about, by the shape of the household: the couple, the newborns, the members who
remain. One place for the forms' bindings (kakanai.forms.bindings), their rows (kakanai.forms.documents) and
the counter's proposals (kakanai.forms.proposals)."""

from __future__ import annotations

from kakanai.model import LifeEvent, Person, Reception


def remaining_members(reception: Reception) -> tuple[Person, ...]:
    """The members who remain in the household after its event (not the deceased, not those who leave): on
    the 世帯主変更届, whose 世帯主 changes (住基法25条)."""
    return tuple(m for m in reception.members if not reception.is_subject(m.id))


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
