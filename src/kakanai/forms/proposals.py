"""What the inputs step may propose for the asked inputs the clerk has not filled in (issue 17, "Less
typing"): each member's フリガナ read from the name (and a 届出人's from outside the household, once their name
is in), the 筆頭者 as the 世帯主's name once the 本籍 is in (the household usually shares the 戸籍 of its head;
the clerk confirms, or types the real 筆頭者), a member's 配偶者の氏名 as the other of the household's
couple (the 年金の届; a divorce's ex-spouse is no member and is typed), and what a form's input declares
it proposes (`proposed:`, worked out per sheet by kakanai.forms.inputs: the 届出人's relation to the
deceased, 妻). A proposal is shown as one and is
never a value of the reception until the clerk confirms it.

The readings themselves are kakanai.text's (a dictionary this layer does not import): the caller passes
the reader, name -> best reading or "" (kakanai.app.readings composes the two)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kakanai.forms.counter_boxes import OUTSIDE_FILER
from kakanai.forms.household_members import household_couple, listed_head
from kakanai.forms.inputs import AskedInput, InputTarget
from kakanai.model import Reception

HONSEKI, HITTOUSHA, SPOUSE_NAME = "honseki", "hittousha", "spouse_name"  # the forms' input ids (forms/*.yaml `inputs:`)
FILER_NAME, FILER_KANA = OUTSIDE_FILER["name"][0], OUTSIDE_FILER["name_kana"][0]
Proposals = dict[tuple[str, str | None], str]


def input_proposals(reception: Reception, asked: Iterable[AskedInput], read_kana: Callable[[str], str]) -> Proposals:
    """(input id, member id or None) -> the value proposed, for the asked inputs still empty: a member's
    フリガナ (`read_kana` of the name), the household's 筆頭者 (the 世帯主's name, once the 本籍 is in) and a
    member's 配偶者の氏名 (the other of the 世帯主 and the spouse)."""
    out: Proposals = {}
    head = listed_head(reception)
    couple = household_couple(reception)
    for a in asked:
        if a.target is InputTarget.NAME_KANA and a.person is not None:
            person = reception.member(a.person)
            kana = "" if person.name_kana else read_kana(person.name)
            if kana:
                out[(a.id, a.person)] = kana
        elif a.id == FILER_KANA and not reception.form_inputs.get(FILER_KANA):
            kana = read_kana(name) if (name := reception.form_inputs.get(FILER_NAME)) else ""
            if kana:
                out[(a.id, None)] = kana
        elif (a.id == HITTOUSHA and a.person is None and head is not None
              and reception.form_inputs.get(HONSEKI) and not reception.form_inputs.get(HITTOUSHA)):
            out[(a.id, None)] = head.name
        elif (a.id == SPOUSE_NAME and a.person is not None and len(couple) == 2
              and a.person in (couple[0].id, couple[1].id) and not reception.member(a.person).form_inputs.get(a.id)):
            out[(a.id, a.person)] = (couple[1] if couple[0].id == a.person else couple[0]).name
        elif a.proposal and not (reception.member(a.person).form_inputs if a.person else reception.form_inputs).get(a.id):
            out[(a.id, a.person)] = a.proposal  # worked out for its sheet (FormInput.proposed: 妻, 子…)
    return out
