"""The 世帯主変更届 when the 世帯主 moves out of the household alone (a 転居 within the city): the sheet is a
世帯主変更 of the members who stay (住基法25条), at the address where they stay. Before, it ticked 転居 as well,
said 届出の種類 転居, and printed the head's new address as theirs."""

from __future__ import annotations

from tests.unit.forms.conftest import household, render_household

KINDS = ("kind_in", "kind_within", "kind_out", "kind_household", "kind_head")


def test_the_head_change_sheet_is_the_staying_households() -> None:
    documents = render_household(household("head_moves_alone"))
    move = next(d.sheets[0] for d in documents if d.procedure == "resident_move_notice")
    head = next(d.sheets[0] for d in documents if d.procedure == "head_of_household_change")
    # His own 転居届: 転居, his new address.
    assert {k: move[k] for k in KINDS} == {"kind_in": "0", "kind_within": "1", "kind_out": "0",
                                           "kind_household": "0", "kind_head": "0"}
    assert move["new_address"].startswith("北海道見本市東１条北３丁目５番地")
    # The 世帯主変更届 of those who stay: only 世帯主変更, at the address they stay at, nothing moved.
    assert {k: head[k] for k in KINDS} == {"kind_in": "0", "kind_within": "0", "kind_out": "0",
                                           "kind_household": "0", "kind_head": "1"}
    assert (head["event_label"], head["new_address"], head["old_address"], head["member_count"]) == (
        "世帯主変更", "北海道見本市北５条東２丁目１５番地", "", "3")


def test_the_former_head_is_proposed_as_the_registers_head() -> None:
    """住民異動届 「前の世帯主」 (旧世帯主, from this municipality's register): at a 転居・転出 it is the household's
    世帯主 before the move, whom the household lists — proposed (F6), not typed again."""
    from kakanai.forms import FormLibrary
    from kakanai.forms.inputs import inputs_to_ask
    from kakanai.model import reception_from_dict
    from kakanai.paths import forms_dir
    from kakanai.rules import load_rulebook

    reception = reception_from_dict(household("moving_abroad"))
    asked = {a.id: a.proposal for a in inputs_to_ask(FormLibrary(forms_dir()), reception,
                                                     load_rulebook().plan(reception))}
    head = next(m for m in reception.members if m.facts.get("relationship") == "head")
    assert asked["old_head_name"] == head.name
