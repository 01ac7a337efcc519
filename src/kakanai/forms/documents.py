"""Which documents a plan prints: the one place for the grouping rules, used by `kakanai render`, the
counter (kakanai.forms.counter) and the inputs to ask (kakanai.forms.inputs).

- Only the plan's `here` procedures print; each names its forms (`forms: [...]` in the rules).
- A `per: person` form is one document per procedure and person.
- A `rows` item lists the persons of the procedure, every member, the 児童 (`persons: children`), or the
  couple marrying or divorcing (`persons: couple`: never their children).
- A `per: household` form is one document per procedure id, whatever the number of persons: its `rows`
  item lists them (the persons of every `here` entry of that procedure, else the newborns of a birth, else
  the event's subject members),
  continued on further sheets of the same document when they do not fit.
- A form printed for several procedures is one document per procedure (the tick boxes differ)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kakanai.forms.counter_boxes import HEAD_CHANGE
from kakanai.forms.definition import FormDefinition, FormDefinitionError
from kakanai.forms.household_members import event_couple, newborns, remaining_members
from kakanai.forms.library import FormLibrary
from kakanai.model import Mode, Person, Plan, PlannedProcedure, Reception
from kakanai.model.agelaw import age_on, end_of_first_march31_after_attaining


@dataclass(frozen=True)
class PlannedDocument:
    """One document to print. `form` is None when its definition is missing or broken (`problem` says why):
    the CLI stops on it, the counter prints its simple form instead."""

    form_id: str
    form: FormDefinition | None
    procedure: PlannedProcedure  # the procedure it is printed for (forms narrowed to this form)
    person: Person | None  # per-person forms: whose form it is
    persons: tuple[Person, ...]  # the persons listed in its rows (empty without a rows item)
    problem: str = ""


def row_persons(form: FormDefinition, reception: Reception, group: Sequence[PlannedProcedure]) -> tuple[Person, ...]:
    rows = form.rows_item
    if rows is None:
        return ()
    if rows.persons == "members":
        return tuple(reception.members)
    if rows.persons == "couple":
        return event_couple(reception)
    if rows.persons in ("children", "children_to_20"):
        # The 児童 of the child benefits: until the first March 31 after turning 18 (児童手当法3条1項,
        # 児童扶養手当法3条1項), whatever their relationship to the 世帯主 (a grandchild is `other`); a grown-up
        # son or daughter of the 世帯主 is not one, nor the claimant (a 16-year-old mother claims for her own
        # child, not for herself). `children_to_20` (児童扶養手当, ひとり親医療): a disabled child until 20 too
        # (児童扶養手当法3条1項: 20歳未満で政令で定める程度の障害の状態にある者).
        day = reception.event_date
        claimants = {p.claimant for p in group if p.claimant}
        to_20 = rows.persons == "children_to_20"
        return tuple(m for m in reception.members if m.id not in claimants and (
            day <= end_of_first_march31_after_attaining(m.birth_date, 18)
            or (to_20 and age_on(m.birth_date, day) < 20 and bool(m.facts.get("disability_handbook")))))
    if any(p.id == HEAD_CHANGE for p in group):
        # The 世帯主変更届 lists the members whose 世帯主 changes: all who remain (住基法25条), not the deceased.
        return remaining_members(reception)
    ids = [p.person for p in group if p.person]
    if ids:
        return tuple(reception.member(i) for i in dict.fromkeys(ids))
    named = {i for p in group for i in p.members} if rows.persons == "named" else set()
    if named:
        # Whom the reason names, in the household's order: the members in 国保 whose 世帯主 or address
        # changes, not every mover (one in a 被用者保険 is not on the 国保 notice).
        return tuple(m for m in reception.members if m.id in named)
    return newborns(reception) or tuple(reception.subject_members())


def plan_documents(library: FormLibrary, reception: Reception, plan: Plan) -> list[PlannedDocument]:
    """Every document of the plan, in plan order."""
    out: list[PlannedDocument] = []
    done: set[tuple[str, str, str | None]] = set()
    here = [p for p in plan.procedures if p.mode is Mode.HERE]
    for proc in here:
        for form_id in proc.forms:
            try:
                form: FormDefinition | None = library.get(form_id)
                problem = ""
            except FormDefinitionError as exc:
                form, problem = None, str(exc)
            except OSError as exc:  # an unreadable file: the counter prints the simple form, the CLI stops
                form, problem = None, f"{library.folder / form_id}.yaml を読めません（{exc.strerror}）"
            household = form is not None and form.per == "household"
            key = (form_id, proc.id, None if household else proc.person)
            if key in done:
                continue
            done.add(key)
            group = [p for p in here if p.id == proc.id] if household else [proc]
            person = None if household or not proc.person else reception.member(proc.person)
            persons = row_persons(form, reception, group) if form is not None else ()
            narrowed = replace(proc, forms=(form_id,))
            out.append(PlannedDocument(form_id, form, narrowed, person, persons, problem))
    return out
