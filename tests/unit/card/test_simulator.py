"""The simulated card answers exactly as mynumber-card.md says a real one does."""

from __future__ import annotations

import json

import pytest

from kakanai.card.simulator import (
    ATR,
    Faults,
    InProcessReader,
    ProfileError,
    SimulatedCard,
    VirtualMyNumberCard,
    load_profile,
    profile_from_dict,
)
from kakanai.card.simulator.card import build_basic_info_file
from tests.unit.card.helpers import MATCH_B, PIN, REAL_DUMP, REPO, kokutou

SELECT_AP = "00a4040c0ad3921000310001010408"


def run(card: VirtualMyNumberCard, *apdus: str) -> list[str]:
    out = []
    for a in apdus:
        data, sw = card.process(bytes.fromhex(a))
        out.append(data.hex() + f"{sw:04x}")
    return out


def verify_hex(secret: str) -> str:
    return f"00200080{len(secret):02x}" + secret.encode().hex()


@pytest.fixture
def card() -> VirtualMyNumberCard:
    return VirtualMyNumberCard(kokutou())


def test_select_by_aid_and_fid_with_p2_0c(card: VirtualMyNumberCard) -> None:
    assert run(card, SELECT_AP, "00a4020c020011", "00a4020c020002") == ["9000"] * 3


def test_select_needs_p2_0c(card: VirtualMyNumberCard) -> None:
    assert run(card, "00a404000ad3921000310001010408") == ["6a86"]
    assert run(card, "00a4040c0ad3921000310001010408", "00a40200020011") == ["9000", "6a86"]


def test_unknown_files_and_wrong_aid(card: VirtualMyNumberCard) -> None:
    assert run(card, "00a4040c0ad392f000260100000001") == ["6a82"]  # JPKI AP is not on this card
    assert run(card, "00a4020c020002") == ["6a82"]  # no AP selected
    assert run(card, SELECT_AP, "00a4020c020099") == ["9000", "6a82"]


def test_tries_query_and_pin_counter(card: VirtualMyNumberCard) -> None:
    assert run(card, SELECT_AP, "00a4020c020011", "00200080") == ["9000", "9000", "63c3"]
    assert run(card, verify_hex("0000"), "00200080") == ["63c2", "63c2"]
    assert run(card, verify_hex("1111")) == ["63c1"]
    assert run(card, verify_hex("2222")) == ["63c0"]  # the try that locks it
    assert run(card, verify_hex(PIN), "00200080") == ["6984", "6984"]  # every VERIFY after the lock


def test_right_pin_resets_the_counter_and_query_then_says_9000(card: VirtualMyNumberCard) -> None:
    run(card, SELECT_AP, "00a4020c020011", verify_hex("0000"))
    assert run(card, verify_hex(PIN), "00200080") == ["9000", "9000"]
    assert card.tries_left() == 3


def test_read_before_verify_is_refused(card: VirtualMyNumberCard) -> None:
    assert run(card, SELECT_AP, "00a4020c020002", "00b0000007") == ["9000", "9000", "6982"]


def test_read_basic_info_and_past_the_end(card: VirtualMyNumberCard) -> None:
    size = len(build_basic_info_file(kokutou()))
    run(card, SELECT_AP, "00a4020c020011", verify_hex(PIN), "00a4020c020002")
    assert run(card, "00b0000007") == [REAL_DUMP[:7].hex() + "9000"]
    assert run(card, f"00b0{size:04x}01") == ["6b00"]
    assert run(card, f"00b0{size - 4:04x}10") == ["6c04"]
    assert run(card, "00b00000") == ["6700"]


def test_ef0001_holds_the_my_number(card: VirtualMyNumberCard) -> None:
    run(card, SELECT_AP, "00a4020c020001")
    assert run(card, "00b0000011") == ["6982"]
    run(card, "00a4020c020011", verify_hex(PIN), "00a4020c020001")
    assert run(card, "00b000000f") == ["ff100c" + b"123456789018".hex() + "9000"]


def test_match_b_opens_ef0002_but_not_ef0001(card: VirtualMyNumberCard) -> None:
    assert run(card, SELECT_AP, "00a4020c020015", "00200080", verify_hex(MATCH_B)) == [
        "9000",
        "9000",
        "63ca",
        "9000",
    ]
    assert run(card, "00a4020c020002", "00b0000003") == ["9000", "ff20659000"]
    assert run(card, "00a4020c020001", "00b0000003") == ["9000", "6982"]


def test_match_b_wrong_counts_down_from_ten(card: VirtualMyNumberCard) -> None:
    assert run(card, SELECT_AP, "00a4020c020015", verify_hex("0" * 14)) == ["9000", "9000", "63c9"]


def test_wrong_length_pin_does_not_count(card: VirtualMyNumberCard) -> None:
    assert run(card, SELECT_AP, "00a4020c020011", verify_hex("123")) == ["9000", "9000", "6700"]
    assert card.tries_left() == 3


def test_misc_status_words(card: VirtualMyNumberCard) -> None:
    assert run(card, "80a4040c0ad3921000310001010408") == ["6e00"]
    assert run(card, "00ca000000") == ["6d00"]
    assert run(card, "00a4") == ["6700"]
    assert run(card, SELECT_AP, "00200080") == ["9000", "6986"]  # no key EF selected
    assert run(card, "00b0810004") == ["6a86"]  # short EF identifier reads are not offered


def test_power_cycle_drops_verification_but_keeps_counter() -> None:
    sim = SimulatedCard(kokutou())
    sim.power_on()
    for a in (SELECT_AP, "00a4020c020011", verify_hex("0000"), verify_hex(PIN)):
        sim.exchange(bytes.fromhex(a))
    sim.power_off()
    sim.power_on()
    responses = [sim.exchange(bytes.fromhex(a)).hex() for a in (SELECT_AP, "00a4020c020002", "00b0000001")]
    assert responses == ["9000", "9000", "6982"]
    assert sim.atr == ATR


def test_faults_stray_bytes_and_filler() -> None:
    data = build_basic_info_file(kokutou(faults=Faults(stray_bytes=True, filler=0x00)))
    assert data[:2] == b"\x00\x00" and data[2:4] == b"\xff\x20"
    assert data.endswith(b"\x00")


def test_example_profiles_load() -> None:
    paths = [
        REPO / "resources/examples/card-kokutou.json",
        *sorted((REPO / "resources/examples/cards").glob("*.json")),
    ]
    assert len(paths) >= 4
    # The other card kinds (issue 18) load through kinds.load_any_profile; see test_other_cards.py.
    profiles = [load_profile(p) for p in paths if '"kind"' not in p.read_text(encoding="utf-8")]
    assert any(len(p.address.encode()) > 127 for p in profiles)
    assert any("髙" in p.name or "𠮷" in p.name for p in profiles)
    assert any(p.birth_date.year < 1945 for p in profiles)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"pin": "12345"}, "pin"),
        ({"pin": 1234}, "pin"),
        ({"sex": "m"}, "sex"),
        ({"birth_date": "1980/02/17"}, "birth_date"),
        ({"name": ""}, "name"),
        ({"pin_tries_left": 4}, "pin_tries_left"),
        ({"mynumber": "12"}, "mynumber"),
        ({"faults": {"bogus": 1}}, "bogus"),
        ({"faults": {"sw_at": {"apdu": 1}}}, "sw_at"),
        ({"faults": {"filler": "AA"}}, "filler"),
        ({"faults": {"delay_ms": -1}}, "delay_ms"),
        ({"faults": {"remove_after": "x"}}, "remove_after"),
    ],
)
def test_profile_errors_name_the_field(change: dict[str, object], match: str) -> None:
    raw = json.loads((REPO / "resources/examples/card-kokutou.json").read_text(encoding="utf-8"))
    raw.update(change)
    with pytest.raises(ProfileError, match=match):
        profile_from_dict(raw)


def test_profile_faults_parse() -> None:
    raw = {
        "name": "a", "address": "b", "birth_date": "2000-01-01", "sex": "female", "pin": "0000",
        "faults": {"remove_after": 4, "delay_ms": 1.5, "corrupt_at": 6, "sw_at": {"apdu": 2, "sw": "6A82"},
                   "stray_bytes": True, "get_response": True, "filler": "00"},
    }  # fmt: skip
    faults = profile_from_dict(raw).faults
    assert faults == Faults(4, 1.5, 6, (2, 0x6A82), True, True, 0x00)


def test_missing_profile_file(tmp_path: object) -> None:
    with pytest.raises(ProfileError, match="見つかりません"):
        load_profile("/nonexistent/profile.json")


def test_in_process_reader_insert_remove() -> None:
    from kakanai.card import CardRemovedError, NoCardError

    reader = InProcessReader()
    with pytest.raises(NoCardError):
        reader.connect()
    reader.insert(kokutou())
    conn = reader.connect()
    assert conn.transmit(bytes.fromhex(SELECT_AP)) == (b"", 0x9000)
    reader.remove()
    with pytest.raises(CardRemovedError):
        conn.transmit(bytes.fromhex(SELECT_AP))
