"""運転免許証: exact APDU transcripts, PIN1 safety (tries first, DPIN only when unset, never PIN2), 外字, 裏書."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kakanai.card import (
    CancelledError,
    CardRemovedError,
    KeyKind,
    LastTryNeedsConfirmationError,
    PinLockedError,
    PinRequest,
    StaticPin,
    WrongPinError,
)
from kakanai.card.errors import CardError
from kakanai.card.jisx0208 import GETA, decode, encode
from kakanai.card.licence import read_driving_licence
from kakanai.card.pin import CallbackPinHandler, PinAnswer
from kakanai.card.reading import CardKind
from kakanai.card.simulator import Faults, InProcessConnection, SimulatedCard
from kakanai.card.simulator.licence import (
    AddressChangeEntry,
    LicenceProfile,
    VirtualLicenceCard,
    licence_profile_from_dict,
)
from tests.unit.card.helpers import ScriptedConnection

# 山田　太郎 / 東京都千代田区 in JIS X 0208 (row byte first), 昭和60年4月12日 = "3600412".
EF01 = (
    "110132"  # 11 制定年番号
    "120a3b334544212142404f3a"  # 12 氏名 山田　太郎
    "16073336303034313"
    "2"  # 16 生年月日 "3600412"
    "170e456c357e455440694265454436 68".replace(" ", "")  # 17 住所 東京都千代田区
    + "ff" * 216
)
EF04_EMPTY = "500130" + "ff" * 253
TRANSCRIPT = [
    ("00a40000", "9000"),
    ("00a4020c02000a", "9000"),
    ("00b0000003", "0501019000"),
    ("00a4020c020001", "9000"),
    ("00200080", "63c3"),
    ("002000800431323334", "9000"),
    ("00a4040c10a0000002310100000000000000000000", "9000"),
    ("00a4020c020001", "9000"),
    ("00b0000000", EF01 + "9000"),
    ("00a4020c020004", "9000"),
    ("00b0000000", EF04_EMPTY + "9000"),
]


def test_ef01_fixture_is_256_bytes() -> None:
    assert len(bytes.fromhex(EF01)) == 256 and len(bytes.fromhex(EF04_EMPTY)) == 256


def test_exact_transcript_pin_set() -> None:
    conn = ScriptedConnection(TRANSCRIPT)
    reading = read_driving_licence(conn, StaticPin("1234"))
    assert conn.finished()
    assert reading.to_dict() == {
        "kind": "driving_licence",
        "name": "山田\u3000太郎",
        "address": "東京都千代田区",
        "birth_date": "1985-04-12",
        "sex": None,
        "nationality": None,
        "unconfirmed": [],
    }


def test_exact_transcript_no_pin_set_sends_the_dpin_without_asking() -> None:
    script = list(TRANSCRIPT)
    script[2] = ("00b0000003", "0501009000")
    script[5] = ("00200080042a2a2a2a", "9000")
    asked: list[PinRequest] = []
    handler = CallbackPinHandler(lambda r: asked.append(r) or PinAnswer("1234"))  # type: ignore[func-returns-value]
    conn = ScriptedConnection(script)
    assert read_driving_licence(conn, handler).name == "山田\u3000太郎"
    assert conn.finished() and asked == []


def test_tries_shown_before_the_attempt() -> None:
    script = list(TRANSCRIPT)
    script[4] = ("00200080", "63c2")
    asked: list[PinRequest] = []

    def answer(request: PinRequest) -> PinAnswer:
        asked.append(request)
        return PinAnswer("1234")

    read_driving_licence(ScriptedConnection(script), CallbackPinHandler(answer))
    assert asked == [PinRequest(KeyKind.LICENCE_PIN1, 2, False)]


def profile(**changes: object) -> LicenceProfile:
    base = LicenceProfile(
        name="山田　太郎",
        address="東京都千代田区霞が関２－１－２",
        birth_date=date(1985, 4, 12),
        pin1="1234",
        licence_number="301234567890",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def card(**changes: object) -> tuple[InProcessConnection, VirtualLicenceCard]:
    conn = InProcessConnection(profile(**changes))
    logic = conn.card.card
    assert isinstance(logic, VirtualLicenceCard)
    return conn, logic


def test_last_try_needs_confirmation_and_sends_nothing() -> None:
    conn, logic = card(pin_tries_left=1)
    with pytest.raises(LastTryNeedsConfirmationError):
        read_driving_licence(conn, StaticPin("1234"))
    assert logic.tries[0x0001] == 1 and logic.verify_p2 == [0x80]  # the query only


def test_last_try_confirmed_reads() -> None:
    conn, logic = card(pin_tries_left=1)
    assert read_driving_licence(conn, StaticPin("1234", confirm_last_try=True)).birth_date == date(
        1985, 4, 12
    )
    assert logic.tries[0x0001] == 3


def test_locked_card_gets_no_verify() -> None:
    conn, logic = card(pin_tries_left=0)
    with pytest.raises(PinLockedError, match="運転免許センター"):
        read_driving_licence(conn, StaticPin("1234"))
    assert logic.verify_p2 == [0x80]


def test_wrong_pin_counts_down_once() -> None:
    conn, logic = card()
    with pytest.raises(WrongPinError) as info:
        read_driving_licence(conn, StaticPin("9999"))
    assert info.value.tries_left == 2 and logic.tries[0x0001] == 2
    assert info.value.message == "暗証番号1が違います。残り2回です。"  # the licence's own name of the key


def test_cancel_sends_nothing() -> None:
    conn, logic = card()
    with pytest.raises(CancelledError):
        read_driving_licence(conn, CallbackPinHandler(lambda r: None))
    assert logic.tries[0x0001] == 3 and logic.verify_p2 == [0x80]


def test_never_pin2_never_df2_or_honseki() -> None:
    conn, logic = card(address_changes=(AddressChangeEntry(date(2024, 3, 1), "東京都清瀬市中里１－２－３"),))
    read_driving_licence(conn, StaticPin("1234"))
    assert 0x0002 not in logic.tries or logic.tries[0x0002] == 3
    assert ("MF", 0x0002) not in logic.selected
    assert not any(df == "DF2" for df, _ in logic.selected)
    assert ("DF1", 0x0002) not in logic.selected and ("DF1", 0x0006) not in logic.selected


def test_newest_address_change_wins_and_is_said() -> None:
    changes = (
        AddressChangeEntry(date(2020, 1, 10), "東京都清瀬市中里１－２－３"),
        AddressChangeEntry(date(2025, 6, 10), "埼玉県所沢市並木１－１－１"),
    )
    conn, _ = card(address_changes=changes)
    reading = read_driving_licence(conn, StaticPin("1234"))
    assert reading.address == "埼玉県所沢市並木１－１－１"
    assert reading.notes == (
        "住所は裏書（2025-06-10 変更）の最新の住所です。券面の住所: 東京都千代田区霞が関２－１－２",
    )


def test_gaiji_become_geta_with_bitmaps_and_unconfirmed() -> None:
    conn, logic = card(name="𠮷田　髙志", address="東京都千代田区霞が関２－１－２")
    reading = read_driving_licence(conn, StaticPin("1234"))
    assert reading.name == f"{GETA}田\u3000{GETA}志"
    assert [(g.field, g.index, g.number, g.size) for g in reading.gaiji] == [
        ("name", 0, 1, 32),
        ("name", 3, 2, 32),
    ]
    assert all(len(g.rows) == 32 and any("1" in row for row in g.rows) for g in reading.gaiji)
    assert reading.gaiji[0].rows != reading.gaiji[1].rows
    assert [(u.field, u.reason.value) for u in reading.unconfirmed] == [("name", "gaiji")]
    assert ("DF1", 0x0003) in logic.selected and ("DF1", 0x0005) not in logic.selected


def test_third_gaiji_comes_from_ef05() -> None:
    conn, logic = card(name="𠮷田　髙志", address="東京都𡈽区霞が関")
    reading = read_driving_licence(conn, StaticPin("1234"))
    assert [(g.field, g.number) for g in reading.gaiji] == [("name", 1), ("name", 2), ("address", 3)]
    assert reading.gaiji[2].size == 32 and ("DF1", 0x0005) in logic.selected


def test_no_sex_on_a_licence_and_eleven_apdus() -> None:
    conn, _ = card()
    reading = read_driving_licence(conn, StaticPin("1234"))
    assert reading.sex is None and reading.kind is CardKind.DRIVING_LICENCE
    assert conn.card.count == 11


@pytest.mark.parametrize("position", range(1, 12))  # the read is 11 APDUs
def test_card_removed_at_every_apdu(position: int) -> None:
    conn = InProcessConnection(SimulatedCard(profile(), Faults(remove_after=position - 1)))
    with pytest.raises(CardRemovedError):
        read_driving_licence(conn, StaticPin("1234"))


@pytest.mark.parametrize("position", range(1, 12))  # the read is 11 APDUs
def test_corruption_at_every_apdu_is_an_error_never_wrong_data(position: int) -> None:
    conn = InProcessConnection(SimulatedCard(profile(), Faults(corrupt_at=position)))
    try:
        reading = read_driving_licence(conn, StaticPin("1234"))
    except CardError:
        return
    assert reading.name == "山田\u3000太郎" and reading.address == "東京都千代田区霞が関２－１－２"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("3b334544", "山田"),
        ("fff14544", GETA + "田"),
        ("f1ff4544", GETA + "田"),
        ("fffa", GETA),
        ("215d", "－"),
    ],
)
def test_jis_decoding_and_both_gaiji_byte_orders(raw: str, text: str) -> None:
    assert decode(bytes.fromhex(raw))[0] == text


def test_jis_round_trip() -> None:
    assert decode(encode("三重県志摩市阿児町鵜方３０９８－２２"))[0] == "三重県志摩市阿児町鵜方３０９８－２２"


def test_profile_from_dict_defaults_and_errors() -> None:
    raw = {
        "kind": "driving_licence",
        "name": "山田　太郎",
        "address": "東京都",
        "birth_date": "1985-04-12",
        "pin1": "1234",
        "licence_number": "301234567890",
    }
    assert licence_profile_from_dict(raw).pin_set is True
    with pytest.raises(ValueError, match="pin_tries_left"):
        licence_profile_from_dict({**raw, "pin_tries_left": 4})
    with pytest.raises(ValueError, match="address_changes"):
        licence_profile_from_dict({**raw, "address_changes": "x"})
