"""A foreign resident's 住民異動届 carries their 国籍・地域 (住民基本台帳法30条の45: the record of a foreign
resident holds the 国籍等 instead of a 本籍): the counter asks it per foreign member and the 本籍 column prints
it. Before, the column was empty for them, and not listed, because a foreign resident has no 本籍."""

from __future__ import annotations

from typing import Any

from kakanai.forms import FormLibrary
from kakanai.forms.inputs import inputs_to_ask
from kakanai.forms.render import render_plan_forms
from kakanai.model import reception_from_dict
from kakanai.paths import forms_dir
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY

FACTS = {"health_insurance": "employee", "pension_category": "2", "has_mynumber_card": False,
         "disability_handbook": [], "public_servant": False, "school": "none"}
COUPLE: dict[str, Any] = {
    "event": "moving_in", "event_date": "2026-06-10",
    "household": {"address": "北海道見本市北５条東２丁目１５番地", "facts": {
        "planned_moveout_date": "2026-06-05", "from_abroad": False, "has_dog": False, "has_moped": False,
        "wants_seal_registration": False, "wants_certificates": False, "single_parent": False}},
    "members": [
        {"id": "p1", "name": "NGUYEN VAN AN", "name_kana": "グエン　ヴァン　アン", "birth_date": "1995-03-03",
         "sex": "male", "facts": {**FACTS, "relationship": "head", "nationality": "foreign"}},
        {"id": "p2", "name": "山田　花子", "name_kana": "ヤマダ　ハナコ", "birth_date": "1996-04-04", "sex": "female",
         "facts": {**FACTS, "relationship": "spouse", "nationality": "japanese", "pregnant": False}}],
    "form_inputs": {"phone": "09012345678", "honseki": "東京都清瀬市元町１丁目２番"}}


def _rows(data: dict[str, Any]) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    reception = reception_from_dict(data)
    plan = load_rulebook().plan(reception)
    move = next(d for d in render_plan_forms(FormLibrary(forms_dir()), reception, plan, MUNICIPALITY, TODAY)
                if d.form == "resident_move_notice")
    rows = [r.split("\x1f") for r in move.sheets[0]["movers"].split("\x1e") if r.strip("\x1f")]
    return [(r[1], r[5]) for r in rows], move.blank_inputs


def test_the_foreign_members_nationality_is_asked_and_printed_in_the_honseki_column() -> None:
    reception = reception_from_dict(COUPLE)
    asked = {(a.id, a.person): a.label for a in inputs_to_ask(FormLibrary(forms_dir()), reception,
                                                               load_rulebook().plan(reception))}
    assert asked[("honseki", "p1")] == "国籍・地域"
    rows, blanks = _rows(COUPLE)
    assert rows == [("NGUYEN VAN AN", ""), ("山田　花子", "東京都清瀬市元町１丁目２番")] and "国籍・地域" in blanks
    typed = {**COUPLE, "members": [{**COUPLE["members"][0], "form_inputs": {"honseki": "ベトナム"}},
                                   COUPLE["members"][1]]}
    rows, blanks = _rows(typed)
    assert rows == [("NGUYEN VAN AN", "ベトナム"), ("山田　花子", "東京都清瀬市元町１丁目２番")]
    assert "国籍・地域" not in blanks
