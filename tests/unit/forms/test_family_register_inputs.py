"""本籍・筆頭者 are 戸籍 items: only Japanese nationals have them (戸籍法6条; a foreign resident's record holds
the 国籍・地域 instead, 住民基本台帳法30条の45). The household's 本籍 typed once is printed for every Japanese
member, never in the row of a foreign member (a Japanese resident's foreign spouse is in no 戸籍), who shows
only a value of their own (the 婚姻届's 「本籍（外国人は国籍）」)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kakanai.forms import render_form
from kakanai.forms.library import form_library
from kakanai.model import Reception
from tests.unit.forms.conftest import MUNICIPALITY, TODAY, example_raw, reception_with, words_inside, words_mm

HONSEKI = "北海道見本市北５条東２丁目１５番地"


def _household(spouse_inputs: dict[str, str] | None = None) -> Reception:
    members: list[dict[str, Any]] = [dict(m) for m in example_raw()["members"]]  # type: ignore[attr-defined]
    members[1] = {**members[1], "name": "WILLIAMS MARGARET", "facts": {**members[1]["facts"], "nationality": "foreign"},
                  "form_inputs": spouse_inputs or {}}
    return reception_with(members=members, form_inputs={"phone": "090-1234-5678", "honseki": HONSEKI,
                                                        "hittousha": "山田　太郎"})


def _cells(reception: Reception, tmp_path: Path, row: int) -> tuple[str, str]:
    """住民異動届: the 本籍 (x 111-153 mm) and 筆頭者 (x 153-176 mm) cells of a mover row (15 mm from y 89)."""
    pdf = render_form(form_library().get("resident_move_notice"), reception, None, None, list(reception.members),
                      MUNICIPALITY, TODAY).pdf
    words = words_mm(pdf, tmp_path)
    y = 89 + 15 * (row - 1)
    return "".join(words_inside(words, 111, y, 42, 15)), "".join(words_inside(words, 153, y, 23, 15))


def test_a_foreign_member_does_not_take_the_households_honseki(tmp_path: Path) -> None:
    reception = _household()
    assert _cells(reception, tmp_path, 1) == (HONSEKI, "山田太郎")
    assert _cells(reception, tmp_path, 2) == ("", "")
    assert _cells(reception, tmp_path, 3) == (HONSEKI, "山田太郎")


def test_a_foreign_member_shows_a_value_of_their_own(tmp_path: Path) -> None:
    assert _cells(_household({"honseki": "アメリカ合衆国"}), tmp_path, 2) == ("アメリカ合衆国", "")


def test_a_foreign_members_empty_box_is_listed_as_their_nationality_not_a_honseki() -> None:
    """住基法30条の45: the 住民異動届 of a foreign resident carries the 国籍・地域 in the 本籍 column (「本籍（外国人は
    国籍・地域）」); not typed, it is listed under that label. The 筆頭者 is nothing of theirs: not listed."""
    reception = _household()
    doc = render_form(form_library().get("resident_move_notice"), reception, None, None, list(reception.members),
                      MUNICIPALITY, TODAY)
    assert "国籍・地域" in doc.blank_inputs and "本籍" not in doc.blank_inputs and "筆頭者" not in doc.blank_inputs
    bare = reception_with(members=[dict(m) for m in example_raw()["members"]],  # type: ignore[attr-defined]
                          form_inputs={"phone": "090-1234-5678"})
    blank = render_form(form_library().get("resident_move_notice"), bare, None, None, list(bare.members),
                        MUNICIPALITY, TODAY).blank_inputs
    assert "本籍" in blank and "筆頭者" in blank  # not given at all: the Japanese members' boxes are to write


def test_an_all_foreign_household_is_not_asked_a_honseki() -> None:
    """Nobody in a 戸籍: the counter does not ask the household's 本籍・筆頭者 (it asked them of a household of four
    foreign residents, for boxes nobody fills), but each one's 国籍・地域; a household with one Japanese member is
    asked the 本籍 for that member."""
    from kakanai.forms.inputs import inputs_to_ask
    from kakanai.rules import load_rulebook

    members: list[dict[str, Any]] = [
        {**m, "facts": {**m["facts"], "nationality": "foreign"}} for m in example_raw()["members"]]  # type: ignore[attr-defined]
    foreign = reception_with(members=members, form_inputs={"phone": "090-1234-5678"})
    asked = {(a.id, a.person): a for a in inputs_to_ask(form_library(), foreign, load_rulebook().plan(foreign))}
    assert ("honseki", None) not in asked and not any(key[0] == "hittousha" for key in asked)
    # Each is asked their 国籍・地域 instead (住基法30条の45), for the 住民異動届's 本籍 column.
    assert {person for (input_id, person), a in asked.items() if input_id == "honseki" and a.label == "国籍・地域"} == {
        m.id for m in foreign.members}
    mixed = _household()
    asked_mixed = {(a.id, a.person): a for a in inputs_to_ask(form_library(), mixed, load_rulebook().plan(mixed))}
    household = asked_mixed[("honseki", None)]
    assert "p2" not in household.persons and "p1" in household.persons
    assert asked_mixed[("honseki", "p2")].label == "国籍・地域"
