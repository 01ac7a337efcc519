"""A reception (受付): one visit for one life event of one household, and its JSON form.

The JSON shape is the headless contract of `kakanai plan` (issue 2); the QR pre-entry carries the same.
Parsing checks structure, types and dates here; fact ids and values are checked against the rule catalog
by `kakanai.rules`, which owns that vocabulary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kakanai.model.ids import LifeEvent, Sex

# A fact's value: yes/no, an enum value, a number (birth weight), a date, or a set (disability_handbook).
FactValue = bool | int | str | date | tuple[str, ...]


class ReceptionError(ValueError):
    """Bad reception input; `field` is the JSON path of what is wrong (e.g. `members[2].birth_date`)."""

    def __init__(self, field: str, message: str, *, source: str = "", line: int = 0) -> None:
        # With a file (reception_from_json): "file:line: key: message"; a dict built in memory has no file.
        where = f"{source}:{line}: " if source and line else f"{source}: " if source else ""
        super().__init__(f"{where}{field}: {message}")
        self.field = field
        self.message = message
        self.source = source
        self.line = line


class RefusedAnswer(ReceptionError):
    """An answer the law does not leave this member (国民健康保険 past the 75th birthday): the counter and
    the pre-entry page forget it and ask again with the values left."""

    def __init__(self, field: str, message: str, *, member: str, fact: str) -> None:
        super().__init__(field, message)
        self.member = member
        self.fact = fact


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    birth_date: date
    sex: Sex
    name_kana: str = ""
    address: str = ""  # as on the card; for a move-in usually the previous address
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    form_inputs: Mapping[str, str] = field(default_factory=dict)

    def fact(self, fact_id: str) -> FactValue | None:
        return self.facts.get(fact_id)


@dataclass(frozen=True)
class Household:
    address: str = ""
    previous_address: str = ""
    facts: Mapping[str, FactValue] = field(default_factory=dict)

    def fact(self, fact_id: str) -> FactValue | None:
        return self.facts.get(fact_id)


class OverrideAction(StrEnum):
    REMOVE = "remove"
    ADD = "add"


@dataclass(frozen=True)
class ClerkOverride:
    """The clerk removed a planned procedure, or added one from the catalog, with a recorded reason."""

    action: OverrideAction
    procedure: str
    person: str | None
    reason: str


# Reception.applicant of a 届出人 who is not in the household: a son living elsewhere files his father's
# death while the widow stays at home (戸籍法87条2項: 同居の親族以外の親族), an agent with a 委任状 files a move.
# No member's boxes then print as the 届出人: the counter asks the filer's own (kakanai.forms.bindings
# OUTSIDE_FILER). Reserved: never a member's id (kakanai.model.reception_json).
OUTSIDE_APPLICANT = "outside"


@dataclass(frozen=True)
class Reception:
    event: LifeEvent
    event_date: date
    household: Household
    members: tuple[Person, ...]
    visit_date: date | None = None
    subject: tuple[str, ...] | None = None  # member ids the event is about; None = everyone
    # 届出人: a member id, OUTSIDE_APPLICANT (someone not in the household), or None = decided by the rules
    # (the head among the living, else the oldest adult).
    applicant: str | None = None
    office: str | None = None  # office id from the municipality parameters; None = the main office
    form_inputs: Mapping[str, str] = field(default_factory=dict)
    overrides: tuple[ClerkOverride, ...] = ()
    id: str | None = None
    language: str = "ja"  # the resident's language (issue 19): the guidance sheet's; forms stay Japanese

    @property
    def effective_visit_date(self) -> date:
        return self.visit_date or self.event_date

    def member(self, member_id: str) -> Person:
        for m in self.members:
            if m.id == member_id:
                return m
        raise KeyError(member_id)

    def subject_members(self) -> tuple[Person, ...]:
        if self.subject is None:
            return self.members
        wanted = set(self.subject)
        return tuple(m for m in self.members if m.id in wanted)

    def is_subject(self, member_id: str) -> bool:
        return self.subject is None or member_id in self.subject
