"""在留カード / 特別永住者証明書: exact transcripts (the official MOJ vectors end to end), a wrong number costs
nothing, faults at every APDU, 1st and 2nd generation contents, OCR marked unconfirmed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kakanai.card import CardRemovedError, sm
from kakanai.card.ber import encode_tlv
from kakanai.card.errors import CardError, InvalidCardNumberError, UnknownCardError, WrongCardNumberError
from kakanai.card.reading import CardKind
from kakanai.card.residence import padded_tlvs, read_residence_card
from kakanai.card.signature import TrustStore, TrustStoreError, verifier
from kakanai.card.simulator import Faults, InProcessConnection, SimulatedCard, issuer
from kakanai.card.simulator.residence import (
    ResidenceProfile,
    VirtualResidenceCard,
    residence_profile_from_dict,
)
from kakanai.card.sm import Generation
from kakanai.model import Sex
from tests.unit.card.helpers import ScriptedConnection
from tests.unit.card.test_sm import (
    CARD_NUMBER,
    E_ICC,
    E_IFD,
    K_IFD,
    KS_ENC,
    M_ICC,
    M_IFD,
    RND_ICC,
    RND_IFD,
    VERIFY_CRYPTOGRAM,
)


def fixed_random(*chunks: bytes) -> Callable[[int], bytes]:
    queue = list(chunks)

    def take(n: int) -> bytes:
        chunk = queue.pop(0)
        assert len(chunk) == n
        return chunk

    return take


def fake_ocr(image: bytes, card_face: bool) -> tuple[str, float]:
    return ("FACE " if card_face else "NAME ") + str(len(image)), 90.0


def sm_answer(plain: bytes) -> str:
    cipher = sm.encrypt(Generation.SECOND, KS_ENC, sm.pad(plain, 16))
    return encode_tlv(0x86, b"\x01" + cipher).hex() + "9000"


TEXT_83 = b"".join(
    encode_tlv(tag, value)
    for tag, value in (
        (0xC5, b"20270930"),
        (0xC6, b"20040815"),
        (0xC7, b"1"),
        (0xC8, b"VNM"),
        (0xC9, "留学".encode()),
        (0xCD, b"20270930"),
    )
)
NAME_84 = encode_tlv(0xD0, b"\x89PNG-name") + encode_tlv(0xD1, b"\xff\x4f")
ADDRESS_86 = encode_tlv(0xDFD1, b"\x89PNG-address")
HEAD = [
    ("00b08b0002", "c0049000"),
    ("00b08b0006", "c004010000009000"),
    ("00b08a0002", "c1029000"),
    ("00b08a0004", "c10230359000"),
    ("00a4040c10d392f0004f0200000000000000000000", "9000"),
    ("0084000008", RND_ICC.hex() + "9000"),
    ("0082000028" + (E_IFD + M_IFD).hex() + "00", (E_ICC + M_ICC).hex() + "9000"),
    ("0820008613861101" + VERIFY_CRYPTOGRAM.hex(), "9000"),
]
SECOND_GENERATION = [
    *HEAD,
    ("08b08300000004960200000000", sm_answer(TEXT_83)),
    ("08b08400000004960200000000", sm_answer(NAME_84)),
    ("08b08600000004960200000000", sm_answer(ADDRESS_86)),
]


def test_second_generation_exact_transcript_with_the_official_vectors() -> None:
    conn = ScriptedConnection(SECOND_GENERATION)
    reading = read_residence_card(
        conn, "aa12345678bb", name_reader=fake_ocr, random=fixed_random(RND_IFD, K_IFD)
    )
    assert conn.finished() and CARD_NUMBER == "AA12345678BB"
    assert reading.to_dict() == {
        "kind": "residence_card",
        "name": "NAME 9",
        "address": None,
        "birth_date": "2004-08-15",
        "sex": "male",
        "nationality": "VNM",
        "unconfirmed": [{"field": "name", "reason": "ocr"}],
        "status": "留学",
        "expiry": "2027-09-30",
        "stay_expiry": "2027-09-30",
        "images": [
            {"role": "name", "media_type": "image/tiff", "bytes": 9},
            {"role": "address", "media_type": "image/tiff", "bytes": 12},
        ],
    }
    assert reading.images[0].data == b"\x89PNG-name"


def test_wrong_number_stops_at_mutual_authenticate() -> None:
    script = [*HEAD[:6], (HEAD[6][0], "6300")]
    conn = ScriptedConnection(script)
    with pytest.raises(WrongCardNumberError, match="一致しません") as info:
        read_residence_card(conn, "AA12345678BB", name_reader=fake_ocr, random=fixed_random(RND_IFD, K_IFD))
    assert conn.finished() and info.value.tries_left is None


def test_invalid_number_sends_nothing() -> None:
    conn = ScriptedConnection([])
    with pytest.raises(InvalidCardNumberError):
        read_residence_card(conn, "AA1234", name_reader=fake_ocr)
    assert conn.sent == []


@pytest.mark.parametrize("code", ["07", "08"])
def test_specified_cards_are_refused_before_any_authentication(code: str) -> None:
    conn = ScriptedConnection(
        [HEAD[0], HEAD[1], HEAD[2], ("00b08a0004", "c102" + code.encode().hex() + "9000")]
    )
    with pytest.raises(UnknownCardError, match="特定在留カード"):
        read_residence_card(conn, "AA12345678BB", name_reader=fake_ocr)
    assert conn.finished()


def profile(**changes: object) -> ResidenceProfile:
    base = ResidenceProfile(
        kind=CardKind.RESIDENCE_CARD,
        generation=Generation.SECOND,
        card_number="AB12345678CD",
        name="NGUYEN VAN AN",
        birth_date=date(2004, 8, 15),
        sex=Sex.MALE,
        nationality="VNM",
        address="三重県志摩市阿児町鵜方１０１２－１",
        status="留学",
        expiry=date(2027, 9, 30),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_wrong_number_costs_nothing_then_the_right_one_reads() -> None:
    sim = SimulatedCard(profile())
    for _ in range(5):
        with pytest.raises(WrongCardNumberError):
            read_residence_card(InProcessConnection(sim), "AB12345678CE", name_reader=fake_ocr)
    logic = sim.card
    assert isinstance(logic, VirtualResidenceCard) and logic.wrong_number_attempts == 5
    reading = read_residence_card(InProcessConnection(sim), "AB12345678CD", name_reader=fake_ocr)
    assert reading.birth_date == date(2004, 8, 15)


def test_second_generation_from_the_simulator() -> None:
    reading = read_residence_card(InProcessConnection(profile()), "AB12345678CD", name_reader=fake_ocr)
    assert (reading.sex, reading.nationality, dict(reading.extra)["status"]) == (Sex.MALE, "VNM", "留学")
    assert reading.address is None and [i.role for i in reading.images] == ["name", "address"]


def test_first_generation_special_permanent_resident() -> None:
    p = profile(
        kind=CardKind.SPECIAL_PERMANENT_RESIDENT, generation=Generation.FIRST, card_number="SP98765432XY"
    )
    conn = InProcessConnection(p)
    reading = read_residence_card(conn, "SP98765432XY", name_reader=fake_ocr)
    assert reading.kind is CardKind.SPECIAL_PERMANENT_RESIDENT
    assert reading.name is not None and reading.name.startswith("FACE ")
    assert (reading.birth_date, reading.sex, reading.nationality) == (None, None, None)
    assert reading.address == "三重県志摩市阿児町鵜方１０１２－１"
    assert reading.images[0].media_type == "image/tiff" and reading.images[0].data[:2] in (b"II", b"MM")
    assert [(u.field, u.reason.value) for u in reading.unconfirmed] == [("name", "ocr")]
    assert conn.card.count == 12


def test_first_generation_transcript_shape() -> None:
    p = profile(generation=Generation.FIRST)
    sim = SimulatedCard(p)
    read_residence_card(InProcessConnection(sim), "AB12345678CD", name_reader=fake_ocr)
    assert [c[:4].hex() for c in sim.history] == [
        "00b08b00",
        "00b08b00",
        "00b08a00",
        "00b08a00",
        "00a4040c",
        "00840000",
        "00820000",
        "08200086",
        "08b08500",
        "00a4040c",
        "00b08100",
        "00b00100",
    ]


def test_gen1_keys_on_a_gen2_card_fail_as_a_wrong_number() -> None:
    """Keys of the other generation give 63 00 (id-cards.md §5, "Card generation"): never data."""
    sim = SimulatedCard(profile())
    logic = sim.card
    assert isinstance(logic, VirtualResidenceCard)
    object.__setattr__(logic, "profile", replace(logic.profile, generation=Generation.FIRST))
    with pytest.raises(WrongCardNumberError):
        read_residence_card(InProcessConnection(sim), "AB12345678CD", name_reader=fake_ocr)


@pytest.mark.parametrize("position", range(1, 12))
def test_card_removed_at_every_apdu(position: int) -> None:
    conn = InProcessConnection(SimulatedCard(profile(), Faults(remove_after=position - 1)))
    with pytest.raises(CardRemovedError):
        read_residence_card(conn, "AB12345678CD", name_reader=fake_ocr)


@pytest.mark.parametrize("position", range(1, 12))
def test_corruption_at_every_apdu_is_an_error_never_wrong_data(position: int) -> None:
    conn = InProcessConnection(SimulatedCard(profile(), Faults(corrupt_at=position)))
    try:
        reading = read_residence_card(conn, "AB12345678CD", name_reader=fake_ocr)
    except CardError:
        return
    assert (reading.birth_date, reading.sex, reading.nationality) == (date(2004, 8, 15), Sex.MALE, "VNM")


def _store(tmp_path: Path, pem: bytes | None) -> TrustStore:
    if pem is not None:
        (tmp_path / "issuer.pem").write_bytes(pem)
    return TrustStore.load(tmp_path)


def test_first_generation_signature_verified(tmp_path: Path) -> None:
    sim = SimulatedCard(profile(generation=Generation.FIRST))
    store = _store(tmp_path, issuer.issuer_pem())
    reading = read_residence_card(
        InProcessConnection(sim), "AB12345678CD", name_reader=fake_ocr, verify_signature=verifier(store)
    )
    assert reading.signature is not None and reading.signature.status == "verified"
    assert reading.address == "三重県志摩市阿児町鵜方１０１２－１"  # DF2 still read after DF3
    assert [c[:4].hex() for c in sim.history][8:] == [
        "08b08500",
        "08b08600",
        "00a4040c",
        "00b08200",
        "00b00100",
        "00b00200",
        "00b00300",
        "00b00400",
        "00b00500",
        "00a4040c",
        "00b08100",
        "00b00100",
    ]


def test_tampered_face_fails_the_signature(tmp_path: Path) -> None:
    sim = SimulatedCard(profile(generation=Generation.FIRST))
    logic = sim.card
    assert isinstance(logic, VirtualResidenceCard)
    key = ("DF1", 0x85)
    logic.files[key] = logic.files[key][:-1] + bytes([logic.files[key][-1] ^ 1])
    reading = read_residence_card(
        InProcessConnection(sim),
        "AB12345678CD",
        name_reader=fake_ocr,
        verify_signature=verifier(_store(tmp_path, issuer.issuer_pem())),
    )
    assert reading.signature is not None and reading.signature.status == "invalid"
    assert "改ざん" in reading.signature.detail


def test_unknown_issuer_claims_nothing(tmp_path: Path) -> None:
    reading = read_residence_card(
        InProcessConnection(profile(generation=Generation.FIRST)),
        "AB12345678CD",
        name_reader=fake_ocr,
        verify_signature=verifier(_store(tmp_path, None)),
    )
    assert reading.signature is not None and reading.signature.status == "no_certificate"


def test_second_generation_signature_is_reported_unsupported(tmp_path: Path) -> None:
    reading = read_residence_card(
        InProcessConnection(profile()),
        "AB12345678CD",
        name_reader=fake_ocr,
        verify_signature=verifier(_store(tmp_path, issuer.issuer_pem())),
    )
    assert reading.signature is not None and reading.signature.status == "unsupported"


def test_trust_store_errors(tmp_path: Path) -> None:
    with pytest.raises(TrustStoreError, match="フォルダ"):
        TrustStore.load(tmp_path / "missing")
    (tmp_path / "bad.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----\n")
    with pytest.raises(TrustStoreError, match=r"bad\.pem"):
        TrustStore.load(tmp_path)


def test_two_byte_tag_dfd1_and_zero_padding() -> None:
    data = bytes.fromhex("C1023035") + bytes.fromhex("DFD103") + b"\x11\x22\x33" + bytes(5)
    assert padded_tlvs(data) == {0xC1: b"05", 0xDFD1: b"\x11\x22\x33"}


def test_second_generation_nationality_must_be_a_code() -> None:
    raw = {"kind": "residence_card", "generation": 2, "card_number": "AB12345678CD", "name": "A", "birth_date":
           "2000-01-01", "sex": "male", "nationality": "ベトナム", "address": "東京都", "status": "留学",
           "expiry": "2030-01-01"}  # fmt: skip
    with pytest.raises(ValueError, match="VNM"):
        residence_profile_from_dict(raw, CardKind.RESIDENCE_CARD)
