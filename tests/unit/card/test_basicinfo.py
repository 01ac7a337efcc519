"""EF 0002 parsing: the real dump of the reference, BER lengths over 127, stray bytes, bad data."""

from __future__ import annotations

from datetime import date

import pytest

from kakanai.card import BasicInfo, MalformedDataError, parse_basic_info
from kakanai.card.basicinfo import Tag, locate_record
from kakanai.card.ber import encode_tlv
from kakanai.card.simulator import build_basic_info_file
from kakanai.card.simulator.profile import Faults
from kakanai.model import Sex
from tests.unit.card.helpers import REAL_DUMP, kokutou

KOKUTOU = BasicInfo("黒桐\u3000幹也", "東京都清瀬市観布子南１２－７－２０２", date(1980, 2, 17), Sex.MALE)


def test_real_dump_of_the_reference() -> None:
    assert parse_basic_info(REAL_DUMP) == KOKUTOU


@pytest.mark.parametrize("filler", [b"\x00" * 40, b"\xff" * 40, b""])
def test_filler_after_the_record_is_ignored(filler: bytes) -> None:
    assert parse_basic_info(REAL_DUMP + filler) == KOKUTOU


def test_two_stray_bytes_before_ff20() -> None:
    assert parse_basic_info(b"\x00\x00" + REAL_DUMP) == KOKUTOU


def test_simulator_builds_the_real_dump_byte_for_byte() -> None:
    built = build_basic_info_file(kokutou())
    assert built[: len(REAL_DUMP)] == REAL_DUMP
    assert set(built[len(REAL_DUMP) :]) == {0xFF}


@pytest.mark.parametrize("chars", [43, 60, 100, 200, 3000])
def test_long_addresses_use_long_form_lengths(chars: int) -> None:
    address = "東京都" + "１" * chars
    profile = kokutou(address=address, faults=Faults(filler=0x00))
    data = build_basic_info_file(profile)
    header = locate_record(data[:7])
    assert header.length > 127
    assert parse_basic_info(data).address == address


def test_outer_length_forms() -> None:
    assert locate_record(bytes.fromhex("ff207f")).value_offset == 3
    assert locate_record(bytes.fromhex("ff2081db")).value_offset == 4
    assert locate_record(bytes.fromhex("ff20820123")).length == 0x123
    assert locate_record(bytes.fromhex("0000ff20820123")).tag_offset == 2


def test_missing_ff20_is_a_clear_error() -> None:
    with pytest.raises(MalformedDataError, match="FF 20"):
        parse_basic_info(b"\x00" * 32)
    with pytest.raises(MalformedDataError, match="FF 20"):
        parse_basic_info(b"\x00\x00\x00" + REAL_DUMP)  # more than the 2 reported stray bytes


def _record(**fields: bytes) -> bytes:
    tags = {"name": Tag.NAME, "address": Tag.ADDRESS, "birth": Tag.BIRTH_DATE, "sex": Tag.SEX}
    values = {"name": "山田　花子".encode(), "address": "東京都".encode(), "birth": b"19900101", "sex": b"2"}
    values.update(fields)
    inner = b"".join(encode_tlv(tags[k], v) for k, v in values.items() if v is not None)
    return encode_tlv(Tag.BASIC_INFO, inner)


def test_without_offsets_table() -> None:
    info = parse_basic_info(_record())
    assert info == BasicInfo("山田\u3000花子", "東京都", date(1990, 1, 1), Sex.FEMALE)


@pytest.mark.parametrize(
    ("code", "sex"),
    [(b"1", Sex.MALE), (b"2", Sex.FEMALE), (b"9", Sex.NOT_APPLICABLE), (b"0", Sex.NOT_APPLICABLE)],
)
def test_sex_codes(code: bytes, sex: Sex) -> None:
    assert parse_basic_info(_record(sex=code)).sex is sex


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"sex": b"3"}, "性別"),
        ({"birth": b"19900231"}, "暦にない"),
        ({"birth": b"1990011"}, "8桁"),
        ({"name": b"\xe9\xbb"}, "氏名がUTF-8"),
        ({"address": b"\x01\x02"}, "住所が空か"),
        ({"address": b""}, "住所が空か"),
    ],
)
def test_bad_fields(fields: dict[str, bytes], match: str) -> None:
    with pytest.raises(MalformedDataError, match=match):
        parse_basic_info(_record(**fields))


def test_missing_field_is_named() -> None:
    inner = encode_tlv(Tag.NAME, b"x") + encode_tlv(Tag.SEX, b"1")
    with pytest.raises(MalformedDataError, match="住所、生年月日"):
        parse_basic_info(encode_tlv(Tag.BASIC_INFO, inner))


def test_offsets_table_must_match() -> None:
    broken = bytearray(REAL_DUMP)
    broken[7] = 0x0F  # DF22 claimed at 0x000F instead of 0x000E
    with pytest.raises(MalformedDataError, match="DF 21"):
        parse_basic_info(bytes(broken))


def test_truncated_record() -> None:
    with pytest.raises(MalformedDataError):
        parse_basic_info(REAL_DUMP[:-3])


def test_mj_characters_survive() -> None:
    name = "髙橋\u3000𠮷太郎"
    assert parse_basic_info(build_basic_info_file(kokutou(name=name))).name == name
