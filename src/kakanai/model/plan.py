"""The plan: what the rule engine decided for a reception, with reasons, and what it still needs to ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from kakanai.model.ids import LifeEvent, Mode


@dataclass(frozen=True)
class PlannedProcedure:
    id: str
    title: str
    person: str | None  # member id for per-person procedures; None for household ones
    mode: Mode
    reason: str
    department: str  # department key in the municipality parameters
    department_name: str
    counter: str
    deadline: date | None
    deadline_note: str  # how the deadline was computed, in Japanese ("異動日の翌日から14日以内" …)
    bring: tuple[str, ...]
    forms: tuple[str, ...]
    legal_basis: str = ""
    added_by_clerk: bool = False
    # The member the law makes the claimant (請求者・届出義務者), where the procedure's rules say `claimant:`
    # (児童手当法4条 the parent, 国保法9条 the 世帯主, the 喪主 for 葬祭費) and the facts decide it; the
    # forms print this person as 請求者/申請者. "": the law's claimant is nobody listed (a 喪主 living
    # elsewhere): the forms leave the 申請者 for that person to write. None: the 届出人 (choose_applicant).
    claimant: str | None = None
    # The members the reason's {members} names (the household quantifier's witnesses: 国民健康保険に加入している
    # 花子さん…): a household procedure's form lists these as its persons (rows `persons: named`).
    members: tuple[str, ...] = ()

    @classmethod
    def build(cls, id: str, title: str, person: str | None, mode: Mode, reason: str, department: str,
              department_name: str, counter: str, deadline: date | None, deadline_note: str,
              bring: tuple[str, ...], forms: tuple[str, ...], legal_basis: str,
              claimant: str | None = None, members: tuple[str, ...] = ()) -> PlannedProcedure:
        """The same object as the constructor gives, built without the frozen dataclass's per-field
        object.__setattr__ (7 µs for these 15 fields; a plan builds dozens and must stay well under 1 ms)."""
        item = object.__new__(cls)
        item.__dict__.update(id=id, title=title, person=person, mode=mode, reason=reason, department=department,
                             department_name=department_name, counter=counter, deadline=deadline,
                             deadline_note=deadline_note, bring=bring, forms=forms, legal_basis=legal_basis,
                             added_by_clerk=False, claimant=claimant, members=members)
        return item


@dataclass(frozen=True)
class Question:
    """A fact the rules need and the reception does not give (person None = a household fact)."""

    fact: str
    person: str | None
    prompt: str
    values: tuple[str, ...]
    value_labels: tuple[str, ...]
    kind: str  # "bool", "choice", "multi", "int", "date"
    asked_for: tuple[str, ...]  # procedure ids whose decision waits on this answer


class TraceEntry(NamedTuple):
    """One line of the explanation: which rule was evaluated for whom, and what came of it.

    A NamedTuple (immutable, like the frozen dataclasses) because a plan makes hundreds of them and a
    tuple is several times cheaper to build, which keeps a whole plan well under a millisecond."""

    procedure: str
    person: str | None
    outcome: str  # "planned", "not_applicable", "needs_answer", "disabled", "removed_by_clerk", "added_by_clerk"
    detail: str


@dataclass(frozen=True)
class RemovedProcedure:
    procedure: str
    person: str | None
    reason: str


@dataclass(frozen=True)
class Plan:
    event: LifeEvent
    event_date: date
    procedures: tuple[PlannedProcedure, ...]
    questions: tuple[Question, ...]
    trace: tuple[TraceEntry, ...]
    removed: tuple[RemovedProcedure, ...]
    rules_version: str

    @property
    def complete(self) -> bool:
        return not self.questions

    def forms_to_print(self) -> tuple[tuple[str, PlannedProcedure], ...]:
        return tuple((form, p) for p in self.procedures if p.mode is Mode.HERE for form in p.forms)
