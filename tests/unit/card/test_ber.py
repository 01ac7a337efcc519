"""Generic BER-TLV: tags of any length and definite lengths of 1, 2 and 3 bytes."""

from __future__ import annotations

import pytest

from kakanai.card.ber import (
    BerError,
    encode_length,
    encode_tlv,
    find_tag,
    iter_tlvs,
    read_header,
    read_length,
    read_tag,
    read_tlv,
)


@pytest.mark.parametrize(
    ("raw", "length", "end"),
    [
        ("00", 0, 1),
        ("7f", 127, 1),
        ("8180", 128, 2),
        ("81ff", 255, 2),
        ("820100", 256, 3),
        ("82ffff", 65535, 3),
        ("83010000", 65536, 4),
    ],
)
def test_lengths(raw: str, length: int, end: int) -> None:
    assert read_length(bytes.fromhex(raw), 0) == (length, end)


@pytest.mark.parametrize("length", [0, 1, 127, 128, 255, 256, 1000, 65535, 65536])
def test_encode_length_round_trips(length: int) -> None:
    encoded = encode_length(length)
    assert read_length(encoded, 0) == (length, len(encoded))


@pytest.mark.parametrize("raw", ["", "80", "84010000 00", "81", "8201", "830100"])
def test_bad_lengths(raw: str) -> None:
    with pytest.raises(BerError):
        read_length(bytes.fromhex(raw.replace(" ", "")), 0)


def test_tags() -> None:
    assert read_tag(bytes.fromhex("ff20"), 0) == (0xFF20, 2)
    assert read_tag(bytes.fromhex("df21"), 0) == (0xDF21, 2)
    assert read_tag(bytes.fromhex("30"), 0) == (0x30, 1)
    assert read_tag(bytes.fromhex("5f8101"), 0) == (0x5F8101, 3)
    with pytest.raises(BerError):
        read_tag(bytes.fromhex("df"), 0)


def test_value_longer_than_data_is_an_error() -> None:
    with pytest.raises(BerError, match=r"^タグ DF22 の値に5バイト必要ですが、3バイト目からのデータが足りません$"):
        read_tlv(bytes.fromhex("df2205414243"))


def test_header_without_value() -> None:
    assert read_header(bytes.fromhex("ff2081db")) == (0xFF20, 0xDB, 4)


def test_iter_tlvs_and_long_value() -> None:
    long_value = bytes(300)
    buf = encode_tlv(0xDF22, b"ab") + encode_tlv(0xDF23, long_value)
    tlvs = list(iter_tlvs(buf))
    assert [t.tag for t in tlvs] == [0xDF22, 0xDF23]
    assert tlvs[1].value == long_value
    assert tlvs[1].header_length == 2 + 3
    assert tlvs[1].offset == 5


def test_find_tag_after_stray_bytes() -> None:
    assert find_tag(bytes.fromhex("ff20"), 0xFF20) == 0
    assert find_tag(bytes.fromhex("0000ff2065"), 0xFF20) == 2
    assert find_tag(bytes.fromhex("0000ff2065"), 0xFF20, limit=1) is None
    assert find_tag(bytes.fromhex("00000000"), 0xFF20) is None
