"""Fault injection at every APDU position of a full read: an error, never a (partial) result."""

from __future__ import annotations

import time

import pytest

from kakanai.card import CardError, CardRemovedError, StaticPin, read_basic_info, read_card
from kakanai.card.errors import ErrorCode
from kakanai.card.simulator import Faults, InProcessConnection, SimulatedCard
from kakanai.model import Sex
from tests.unit.card.helpers import PIN, connection, kokutou

FULL_READ_APDUS = 7
LONG_ADDRESS = "神奈川県足柄上郡大井町金子字大久保山" + "１" * 100  # 3 READs: header + 256 + rest


def _count_apdus(**changes: object) -> int:
    conn = connection(**changes)
    read_basic_info(conn, StaticPin(PIN))
    return conn.card.count


def test_full_read_is_seven_apdus() -> None:
    assert _count_apdus() == FULL_READ_APDUS
    assert _count_apdus(address=LONG_ADDRESS) == FULL_READ_APDUS + 1


@pytest.mark.parametrize("address", [None, LONG_ADDRESS])
def test_removal_at_every_position(address: str | None) -> None:
    changes = {"address": address} if address else {}
    total = _count_apdus(**changes)
    for position in range(total):
        conn = connection(Faults(remove_after=position), **changes)
        with pytest.raises(CardRemovedError) as raised:
            read_basic_info(conn, StaticPin(PIN))
        assert raised.value.code is ErrorCode.CARD_REMOVED
        assert conn.card.count == position


@pytest.mark.parametrize("sw", [0x6F00, 0x6A82, 0x6982, 0x6700, 0x6B00, 0x6984, 0x6983, 0x63C1])
def test_status_word_at_every_position(sw: int) -> None:
    for position in range(1, FULL_READ_APDUS + 1):
        conn = connection(Faults(sw_at=(position, sw)))
        with pytest.raises(CardError):
            read_basic_info(conn, StaticPin(PIN))


def test_corrupt_response_at_every_position() -> None:
    for position in range(1, FULL_READ_APDUS + 1):
        with pytest.raises(CardError) as raised:
            read_basic_info(connection(Faults(corrupt_at=position)), StaticPin(PIN))
        if position >= 6:  # the READ BINARY answers
            assert raised.value.code is ErrorCode.MALFORMED_DATA


def test_corrupt_long_record_chunks() -> None:
    for position in (6, 7, 8):
        with pytest.raises(CardError):
            read_basic_info(connection(Faults(corrupt_at=position), address=LONG_ADDRESS), StaticPin(PIN))


def test_removal_through_read_card_closes_and_returns_nothing() -> None:
    card = SimulatedCard(kokutou(faults=Faults(remove_after=6)))
    results = []
    with pytest.raises(CardRemovedError):
        results.append(read_card(lambda: InProcessConnection(card), StaticPin(PIN)))
    assert results == []


def test_stray_bytes_and_get_response_still_read() -> None:
    conn = connection(Faults(stray_bytes=True, get_response=False))
    assert read_basic_info(conn, StaticPin(PIN)).sex is Sex.MALE
    conn = connection(Faults(get_response=True), address=LONG_ADDRESS)
    assert read_basic_info(conn, StaticPin(PIN)).address == LONG_ADDRESS
    assert conn.card.count == FULL_READ_APDUS + 1 + 3  # one GET RESPONSE per READ


def test_delay_per_apdu() -> None:
    conn = connection(Faults(delay_ms=2))
    start = time.perf_counter()
    read_basic_info(conn, StaticPin(PIN))
    assert time.perf_counter() - start >= FULL_READ_APDUS * 0.002
