"""Scripted APDU transcripts: the exact bytes the session sends, and how it reads each answer."""

from __future__ import annotations

from datetime import date

import pytest

from kakanai.card import (
    CardError,
    KeyKind,
    MalformedDataError,
    NotMyNumberCardError,
    StaticPin,
    read_basic_info,
)
from kakanai.card.errors import (
    EndOfFileError,
    SecurityStatusError,
    UnexpectedStatusError,
    WrongLengthError,
    WrongPinError,
)
from kakanai.card.session import MyNumberCardSession
from kakanai.model import Sex
from tests.unit.card.helpers import FULL_READ, MATCH_B, PIN, REAL_DUMP, ScriptedConnection

SELECT_AP, SELECT_PIN, QUERY, VERIFY, SELECT_EF2, READ_HEAD, READ_REST = FULL_READ


def test_full_read_exact_bytes_and_seven_apdus() -> None:
    conn = ScriptedConnection(FULL_READ)
    info = read_basic_info(conn, StaticPin(PIN))
    assert conn.finished() and len(conn.sent) == 7
    assert info.name == "黒桐\u3000幹也"
    assert info.birth_date == date(1980, 2, 17)
    assert info.sex is Sex.MALE


def test_match_b_transcript() -> None:
    conn = ScriptedConnection(
        [
            SELECT_AP,
            ("00a4020c020015", "9000"),
            ("00200080", "63ca"),
            ("002000800e" + MATCH_B.encode().hex(), "9000"),
            SELECT_EF2,
            READ_HEAD,
            READ_REST,
        ]
    )
    assert read_basic_info(conn, StaticPin(MATCH_B), kind=KeyKind.MATCH_B).address.startswith("東京都清瀬市")
    assert conn.finished()


def test_a_wrong_match_b_is_named_as_such() -> None:
    """The clerk reads the message to the resident: a wrong 照合番号B is not "暗証番号が違います" (the
    resident typed no PIN). One VERIFY, then nothing more (never retried)."""
    wrong = "55021720350000"
    conn = ScriptedConnection(
        [SELECT_AP, ("00a4020c020015", "9000"), ("00200080", "63ca"), ("002000800e" + wrong.encode().hex(), "63c9")]
    )
    with pytest.raises(WrongPinError) as raised:
        read_basic_info(conn, StaticPin(wrong), kind=KeyKind.MATCH_B)
    assert (raised.value.message, raised.value.tries_left) == ("照合番号Bが違います。残り9回です。", 9)
    assert conn.finished()


def test_already_verified_card_spends_nothing() -> None:
    """Some cards answer the query with 90 00 when already verified: no VERIFY, no PIN asked."""
    asked = []
    conn = ScriptedConnection([SELECT_AP, SELECT_PIN, ("00200080", "9000"), SELECT_EF2, READ_HEAD, READ_REST])

    class Handler:
        def request_pin(self, request: object) -> None:
            asked.append(request)

    read_basic_info(conn, Handler())
    assert conn.finished() and not asked


def test_61xx_is_followed_by_get_response() -> None:
    rest = REAL_DUMP[7:]
    conn = ScriptedConnection(
        [
            SELECT_AP, SELECT_PIN, QUERY, VERIFY, SELECT_EF2,
            ("00b0000007", "6107"),
            ("00c0000007", REAL_DUMP[:7].hex() + "9000"),
            ("00b0000761", "6161"),
            ("00c0000061", rest[:0x40].hex() + "6121"),
            ("00c0000021", rest[0x40:].hex() + "9000"),
        ]
    )  # fmt: skip
    assert read_basic_info(conn, StaticPin(PIN)).sex is Sex.MALE
    assert conn.finished()


def test_6cxx_resends_with_the_given_le() -> None:
    conn = ScriptedConnection(
        [
            SELECT_AP, SELECT_PIN, QUERY, VERIFY, SELECT_EF2,
            ("00b0000007", "6c07"),
            ("00b0000007", REAL_DUMP[:7].hex() + "9000"),
            READ_REST,
        ]
    )  # fmt: skip
    read_basic_info(conn, StaticPin(PIN))
    assert conn.finished()


def test_long_record_reads_in_chunks_of_at_most_256() -> None:
    inner_len = 600
    record = bytes.fromhex("ff20820258") + bytes(inner_len)
    conn = ScriptedConnection(
        [
            ("00a4020c020002", "9000"),
            ("00b0000007", record[:7].hex() + "9000"),
            ("00b0000700", record[7:263].hex() + "9000"),
            ("00b0010700", record[263:519].hex() + "9000"),
            ("00b0020756", record[519:].hex() + "9000"),
        ]
    )
    with pytest.raises(MalformedDataError):  # all zeros inside: no DF22
        MyNumberCardSession(conn).read_basic_info()
    assert conn.finished()
    assert len(record) == 605


def test_short_answer_continues_where_it_stopped() -> None:
    conn = ScriptedConnection(
        [
            ("00a4020c020002", "9000"),
            ("00b0000007", REAL_DUMP[:7].hex() + "9000"),
            ("00b0000761", REAL_DUMP[7:50].hex() + "6282"),
            ("00b0003236", REAL_DUMP[50:].hex() + "9000"),
        ]
    )
    assert MyNumberCardSession(conn).read_basic_info().name == "黒桐\u3000幹也"


@pytest.mark.parametrize(
    ("script", "error"),
    [
        ([("00a4040c0ad3921000310001010408", "6a82")], NotMyNumberCardError),
        ([SELECT_AP, ("00a4020c020011", "6a82")], NotMyNumberCardError),
        ([SELECT_AP, SELECT_PIN, ("00200080", "6f00")], UnexpectedStatusError),
        ([SELECT_AP, SELECT_PIN, QUERY, (VERIFY[0], "6700")], WrongLengthError),
        ([SELECT_AP, SELECT_PIN, QUERY, VERIFY, ("00a4020c020002", "6a82")], NotMyNumberCardError),
        ([SELECT_AP, SELECT_PIN, QUERY, VERIFY, SELECT_EF2, ("00b0000007", "6982")], SecurityStatusError),
        ([SELECT_AP, SELECT_PIN, QUERY, VERIFY, SELECT_EF2, ("00b0000007", "6b00")], EndOfFileError),
        ([SELECT_AP, SELECT_PIN, QUERY, VERIFY, SELECT_EF2, ("00b0000007", "9000")], MalformedDataError),
        (
            [SELECT_AP, SELECT_PIN, QUERY, VERIFY, SELECT_EF2, ("00b0000007", "00" * 9 + "9000")],
            MalformedDataError,
        ),
        (
            [SELECT_AP, SELECT_PIN, QUERY, VERIFY, SELECT_EF2, READ_HEAD, ("00b0000761", "6b00")],
            EndOfFileError,
        ),
    ],
)
def test_status_words_map_to_typed_errors(script: list[tuple[str, str]], error: type[CardError]) -> None:
    conn = ScriptedConnection(script)
    with pytest.raises(error) as raised:
        read_basic_info(conn, StaticPin(PIN))
    assert conn.finished()
    assert raised.value.code == error.code


def test_endless_61xx_is_malformed() -> None:
    conn = ScriptedConnection([("00b0000007", "6101")] + [("00c0000001", "00" + "6101")] * 64)
    with pytest.raises(MalformedDataError, match="61xx"):
        MyNumberCardSession(conn).read_binary(0, 7)
