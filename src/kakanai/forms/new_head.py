"""Who heads the household a sheet shows, where the reception changes it (住基法25条: the 世帯主変更届 and the
世帯分離's 住民異動届 record the new 世帯主, and each member's 続柄 to that one, 7条4号; the 国保 記載事項変更 of
the same 世帯変更 is that 世帯主's to file, 国保法9条)."""

from __future__ import annotations

from kakanai.forms.counter_boxes import HEAD_CHANGE, MOVE_NOTICE, NEW_HEAD, NHI_CHANGE
from kakanai.forms.household_members import (
    change_kind,
    leavers,
    listed_head,
    moving_apart,
    remaining_members,
    separating,
)
from kakanai.model import LifeEvent, Person, PlannedProcedure, Reception
from kakanai.model.applicant import printed_applicant
from kakanai.model.relationship import relation_to

# reception.head_event of a 転居 apart from the 世帯主 (forms/nhi_notice.yaml ticks 変更の内容 世帯主 on it).
APART = "転居（世帯主と別の世帯へ）"


def head_candidates(reception: Reception, planned: PlannedProcedure | None) -> tuple[Person, ...]:
    """On the 世帯主変更届's sheet, the members who may head the household now: those its reason names
    (15 or more, who remain), at a 世帯変更 of the 世帯主 alone anyone but him; on a 世帯分離's sheet the
    members who leave, when they are several; on the sheets of those who move apart from the 世帯主 (転居・
    転出), the movers, even one: they may head a household of their own or join one at the new address (the
    clerk leaves it unchosen then, for the resident to write); () on any other sheet."""
    if planned is None:
        return ()
    if planned.id in (MOVE_NOTICE, NHI_CHANGE) and (len(movers := separating(reception)) > 1
                                                   or (movers := moving_apart(reception))):
        return movers
    if (planned.id == HEAD_CHANGE and reception.event is LifeEvent.HOUSEHOLD_CHANGE) or (
            planned.id == NHI_CHANGE and change_kind(reception) == "head_change"):
        return tuple(m for m in reception.members if m is not listed_head(reception))
    if planned.id != HEAD_CHANGE:
        return ()
    named = [m for m in reception.members if m.id in planned.members]
    return tuple(named) or remaining_members(reception)


def separated_head(reception: Reception, planned: PlannedProcedure | None) -> Person | None:
    """On a 世帯分離's 住民異動届, the 世帯主 of the household the leavers form: the one who leaves, or the one
    chosen of several (NEW_HEAD); None elsewhere and before the choice."""
    movers = separating(reception) if planned is not None and planned.id in (MOVE_NOTICE, NHI_CHANGE) else ()
    return movers[0] if len(movers) == 1 else _chosen(reception, movers)


def new_head_relationship(reception: Reception, planned: PlannedProcedure | None, person: Person) -> str | None:
    """A member's 続柄 to the new 世帯主 where the sheet has one: 世帯主 for that one, what the old 続柄 say of
    the others (the widow's son: 子), "" before the choice or where they do not say (a daughter-in-law:
    written at the counter); None on a sheet whose 世帯主 does not change."""
    if (movers := leavers(reception)) and all(m.id != person.id for m in movers):
        return None  # one who stays in the household a 世帯分離 or a move leaves: its 世帯主 as before
    candidates = head_candidates(reception, planned)
    head = _new_head(reception, planned, candidates)
    if head is None:
        return "" if candidates else None
    return "世帯主" if person.id == head.id else relation_to(person, head, reception.members)


def sheet_applicant(reception: Reception, planned: PlannedProcedure | None) -> Person | None:
    """The 届出人 a sheet names (model.applicant.printed_applicant), except that the 国保 記載事項変更 of a 世帯変更
    is the new 世帯主's to file (国保法9条) once the household has one: the one who leaves to head the
    household they form, or the one chosen. (A sheet for those a leaving 世帯主 leaves behind: as printed.)"""
    kind = change_kind(reception)
    if planned is not None and planned.id == NHI_CHANGE and (kind == "head_change" or (
            planned.members and {*planned.members} <= {m.id for m in leavers(reception)})):
        return chosen_new_head(reception, planned) or printed_applicant(reception, planned)
    return printed_applicant(reception, planned)


def chosen_new_head(reception: Reception, planned: PlannedProcedure | None) -> Person | None:
    """The new 世帯主 of a sheet whose 世帯主 changes, once known (the one who leaves, or the one chosen)."""
    return _new_head(reception, planned, head_candidates(reception, planned))


def _new_head(reception: Reception, planned: PlannedProcedure | None, candidates: tuple[Person, ...]) -> Person | None:
    return _chosen(reception, candidates) if candidates else separated_head(reception, planned)


def _chosen(reception: Reception, candidates: tuple[Person, ...]) -> Person | None:
    chosen = reception.form_inputs.get(NEW_HEAD[0], "")
    return next((m for m in candidates if m.name == chosen), None)


def new_head_name(reception: Reception, planned: PlannedProcedure | None, head: Person | None) -> str:
    """The 住民異動届's 「新しい世帯主」: where the sheet's 世帯主 changes, the one chosen (asked: NEW_HEAD) or the
    one who leaves to head the separated household; else the 世帯主's (`head`) name, except at a 転出・転居 the
    世帯主 does not make — the members who move alone form or join a household at their new address the
    reception does not know (blank for the resident, never the head left behind) — and never a 世帯主 who
    died."""
    if head_candidates(reception, planned):
        return reception.form_inputs.get(NEW_HEAD[0], "")
    if (separated := separated_head(reception, planned)) is not None:
        return separated.name
    moved_alone = reception.event in (LifeEvent.MOVING_OUT, LifeEvent.MOVING_WITHIN)
    if head is None or (moved_alone and not reception.is_subject(head.id)):
        return ""
    return "" if reception.event is LifeEvent.DEATH and reception.is_subject(head.id) else head.name
