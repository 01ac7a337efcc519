"""フリガナ proposed from a name (issue 17, "Less typing"): the readings of `kakanai.text.readings`, with this
layer's table of 異体字 standard forms (`app.characters`) used for the dictionary look-up only. The clerk
confirms or picks another candidate; nothing is written without them.

`input_proposals` gives the inputs step what it may propose for the asked inputs the clerk has not filled
in: each member's フリガナ read from the name, and the 筆頭者 as the 世帯主's name once the 本籍 is in (the
household usually shares the 戸籍 of its head; the clerk confirms, or types the real 筆頭者). A proposal is
shown as one and is never a value of the reception until the clerk confirms it."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from kakanai.model import Reception
from kakanai.model.characters import standard_form
from kakanai.model.reception_edit import HEAD, RELATIONSHIP_FACT
from kakanai.text.readings import DEFAULT_LIMIT, ReadingsUnavailable, read_name

if TYPE_CHECKING:
    from kakanai.app.forms_adapter import AskedInput

log = logging.getLogger(__name__)

HONSEKI, HITTOUSHA = "honseki", "hittousha"  # the forms' input ids (forms/*.yaml `inputs:`)
NAME_KANA_TARGET = "name_kana"  # kakanai.forms.inputs.InputTarget.NAME_KANA: the member's own フリガナ


def propose_kana(name: str, limit: int = DEFAULT_LIMIT) -> tuple[str, ...]:
    """Whole-name readings, best first, in full-width katakana with the ideographic space between family
    and given name (「ワタナベ　タカオ」 for 「渡邊　髙雄」); empty when the name cannot be read, and when the
    dictionary cannot be opened (logged: the clerk types the フリガナ as before, nothing else is lost)."""
    try:
        return read_name(name, standard_form).candidates(limit)
    except ReadingsUnavailable as exc:
        log.warning("%s", exc)
        return ()


@lru_cache(maxsize=64)
def _read_best(name: str) -> str:
    # The inputs step asks after every change of the reception: a household's names are read once (a few
    # receptions' worth kept; ReadingsUnavailable is raised, never kept, so a dictionary may open later).
    found = read_name(name, standard_form).candidates(1)
    return found[0] if found else ""


def _best_kana(name: str) -> str:
    try:
        return _read_best(name)
    except ReadingsUnavailable as exc:
        log.warning("%s", exc)
        return ""


def input_proposals(reception: Reception, asked: Iterable[AskedInput]) -> dict[tuple[str, str | None], str]:
    """(input id, member id or None) -> the value proposed, for the asked inputs still empty: a member's
    フリガナ (read from the name) and the household's 筆頭者 (the 世帯主's name, once the 本籍 is entered)."""
    out: dict[tuple[str, str | None], str] = {}
    head = next((p for p in reception.members if p.facts.get(RELATIONSHIP_FACT) == HEAD), None)
    for a in asked:
        if a.target == NAME_KANA_TARGET and a.person is not None:
            person = reception.member(a.person)
            kana = "" if person.name_kana else _best_kana(person.name)
            if kana:
                out[(a.id, a.person)] = kana
        elif (a.id == HITTOUSHA and a.person is None and head is not None
              and reception.form_inputs.get(HONSEKI) and not reception.form_inputs.get(HITTOUSHA)):
            out[(a.id, None)] = head.name
    return out
