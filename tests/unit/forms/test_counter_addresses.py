"""The addresses the forms print for receptions made at the counter, where the cards give the address
registered before this visit and the household's own address fields are empty until the clerk types one
(kakanai.model.addresses). A death printed 「亡くなったときの住所」 blank; a 転出 printed both boxes of the
住民異動届 blank and asked the 転出先 only for two forms, as a second value."""

from __future__ import annotations

from kakanai.forms import render_form
from kakanai.forms.inputs import InputTarget, inputs_to_ask
from kakanai.forms.library import form_library
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY, example_raw, reception_with

CARD = "東京都清瀬市元町１丁目２番３号"
OSAKA = "大阪府大阪市北区梅田３丁目１番３号"


def _members() -> list[dict[str, object]]:
    members: list[dict[str, object]] = [dict(m) for m in example_raw()["members"]]  # type: ignore[attr-defined]
    for m in members[:3]:
        m["address"] = CARD  # read from their cards
    members[3]["address"] = ""  # typed
    return members


def test_a_death_prints_where_the_deceased_lived_from_the_cards() -> None:
    reception = reception_with(event="death", subject=["p1"], members=_members(),
                               household={"address": "", "previous_address": ""})
    doc = render_form(form_library().get("funeral_benefit"), reception, None, reception.members[0], [],
                      MUNICIPALITY, TODAY)
    assert doc.sheets[0]["deceased_address"] == CARD
    assert "address" not in {a.id for a in inputs_to_ask(form_library(), reception, load_rulebook().plan(reception))}


def test_a_move_out_prints_the_address_left_and_the_one_moved_to() -> None:
    reception = reception_with(event="moving_out", members=_members(),
                               household={"address": OSAKA, "previous_address": ""})
    library = form_library()
    notice = render_form(library.get("resident_move_notice"), reception, None, None, list(reception.members),
                         MUNICIPALITY, TODAY)
    assert (notice.sheets[0]["new_address"], notice.sheets[0]["old_address"]) == (OSAKA, CARD)
    ltc = render_form(library.get("ltc_notice"), reception, None, reception.members[0], [], MUNICIPALITY, TODAY)
    assert (ltc.sheets[0]["address"], ltc.sheets[0]["other_address"], ltc.sheets[0]["previous_address"]) == (
        CARD, OSAKA, "")  # 住所 is the one left; no 「従前の住所（転入・転居のとき）」 at a 転出


def test_a_move_out_asks_the_moving_out_address_once() -> None:
    reception = reception_with(event="moving_out", members=_members(),
                               household={"address": "", "previous_address": ""})
    asked = [a for a in inputs_to_ask(form_library(), reception, load_rulebook().plan(reception))
             if "address" in a.id]
    assert [(a.id, a.label, a.target) for a in asked] == [
        ("address", "転出先の住所（方書まで）", InputTarget.HOUSEHOLD_ADDRESS)]
    assert "resident_move_notice" in asked[0].forms


def test_without_a_card_the_address_before_the_move_is_asked() -> None:
    members = _members()
    for m in members:
        m["address"] = ""  # every member typed
    reception = reception_with(event="moving_in", members=members, household={"address": "", "previous_address": ""})
    asked = {a.id: (a.label, a.target) for a in inputs_to_ask(form_library(), reception, load_rulebook().plan(reception))}
    assert asked["address"] == ("新しい住所（方書まで）", InputTarget.HOUSEHOLD_ADDRESS)
    assert asked["previous_address"] == ("前の住所（方書まで）", InputTarget.HOUSEHOLD_PREVIOUS_ADDRESS)


def test_a_move_here_not_typed_yet_prints_no_new_address_from_the_card() -> None:
    """A 転居 whose new address the clerk has not typed: the マイナンバーカード 券面記載事項変更届's 「新しい住所」
    is left blank for the resident, not filled with the card's address — the address being left. It printed
    the old address as the new one (a defect hunt of the counter)."""
    reception = reception_with(event="moving_within", members=_members(),
                               household={"address": "", "previous_address": ""})
    doc = render_form(form_library().get("mynumber_card_update"), reception, None, reception.members[0], [],
                      MUNICIPALITY, TODAY)
    assert doc.sheets[0]["holder_address"] == ""
    typed = reception_with(event="moving_within", members=_members(),
                           household={"address": OSAKA, "previous_address": ""})
    doc = render_form(form_library().get("mynumber_card_update"), typed, None, typed.members[0], [],
                      MUNICIPALITY, TODAY)
    assert doc.sheets[0]["holder_address"] == OSAKA
