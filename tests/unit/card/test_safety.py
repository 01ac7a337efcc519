"""The safety properties of the read: each test fails if its property is broken.

DESIGN.md "Never harm the resident's card" and the issue's list: no VERIFY at 0 tries, none at 1 try
without an explicit confirmation, never a second VERIFY, never EF 0001 / 0014, the PIN nowhere.
"""

from __future__ import annotations

import contextlib
import logging

import pytest

from kakanai.card import (
    CardRemovedError,
    KeyKind,
    LastTryNeedsConfirmationError,
    PinAnswer,
    PinLockedError,
    PinRequest,
    StaticPin,
    WrongPinError,
    read_basic_info,
    read_card,
)
from kakanai.card.apdu import Fid, Ins
from kakanai.card.errors import CancelledError, InvalidPinFormatError
from kakanai.card.session import ForbiddenFileError, MyNumberCardSession
from kakanai.card.simulator import Faults, InProcessConnection, SimulatedCard
from kakanai.card.trace import TraceWriter
from tests.unit.card.helpers import PIN, ScriptedConnection, connection, kokutou


def verifies_with_data(conn: InProcessConnection) -> list[bytes]:
    return [a for a in conn.card.history if a[1] == Ins.VERIFY and len(a) > 4]


class RecordingHandler:
    def __init__(self, answer: PinAnswer | None) -> None:
        self.answer = answer
        self.requests: list[PinRequest] = []

    def request_pin(self, request: PinRequest) -> PinAnswer | None:
        self.requests.append(request)
        return self.answer


def test_never_verify_when_no_tries_left() -> None:
    conn = connection(pin_tries_left=0)
    handler = RecordingHandler(PinAnswer(PIN, confirmed_last_try=True))
    with pytest.raises(PinLockedError) as raised:
        read_basic_info(conn, handler)
    assert verifies_with_data(conn) == []
    assert handler.requests == []  # the clerk is not even asked
    assert raised.value.tries_left == 0
    assert conn.card.card.tries_left() == 0


def test_never_verify_when_query_says_63c0() -> None:
    conn = ScriptedConnection(
        [("00a4040c0ad3921000310001010408", "9000"), ("00a4020c020011", "9000"), ("00200080", "63c0")]
    )
    with pytest.raises(PinLockedError):
        read_basic_info(conn, StaticPin(PIN, confirm_last_try=True))
    assert conn.finished()  # any VERIFY after this would have failed the script


@pytest.mark.parametrize("sw", ["6983", "6984"])
def test_blocked_query_is_locked(sw: str) -> None:
    conn = ScriptedConnection(
        [("00a4040c0ad3921000310001010408", "9000"), ("00a4020c020011", "9000"), ("00200080", sw)]
    )
    with pytest.raises(PinLockedError):
        read_basic_info(conn, StaticPin(PIN, confirm_last_try=True))


def test_last_try_needs_explicit_confirmation() -> None:
    conn = connection(pin_tries_left=1)
    handler = RecordingHandler(PinAnswer(PIN))  # right PIN, but not confirmed
    with pytest.raises(LastTryNeedsConfirmationError) as raised:
        read_basic_info(conn, handler)
    assert verifies_with_data(conn) == []
    assert handler.requests == [PinRequest(KeyKind.PIN, 1, last_try=True)]
    assert raised.value.tries_left == 1
    assert conn.card.card.tries_left() == 1


def test_last_try_confirmed_verifies_once() -> None:
    conn = connection(pin_tries_left=1)
    info = read_basic_info(conn, StaticPin(PIN, confirm_last_try=True))
    assert info.name.startswith("黒桐")
    assert len(verifies_with_data(conn)) == 1
    assert conn.card.card.tries_left() == 3


def test_wrong_pin_on_the_confirmed_last_try_locks_and_says_so() -> None:
    conn = connection(pin_tries_left=1)
    with pytest.raises(PinLockedError):
        read_basic_info(conn, StaticPin("0000", confirm_last_try=True))
    assert len(verifies_with_data(conn)) == 1


def test_confirmation_flag_is_ignored_above_one_try() -> None:
    handler = RecordingHandler(PinAnswer(PIN))
    read_basic_info(connection(pin_tries_left=2), handler)
    assert handler.requests == [PinRequest(KeyKind.PIN, 2, last_try=False)]


def test_never_a_second_verify_after_a_wrong_pin() -> None:
    conn = connection()
    handler = RecordingHandler(PinAnswer("9999"))
    with pytest.raises(WrongPinError) as raised:
        read_basic_info(conn, handler)
    assert raised.value.tries_left == 2
    assert len(verifies_with_data(conn)) == 1
    assert len(handler.requests) == 1
    # The read stopped at the VERIFY: nothing after it.
    assert conn.card.history[-1][1] == Ins.VERIFY


def test_session_refuses_a_second_verify() -> None:
    session = MyNumberCardSession(connection())
    session.select_ap()
    session.tries_left(KeyKind.PIN)
    with pytest.raises(WrongPinError):
        session.verify(KeyKind.PIN, "0000")
    with pytest.raises(RuntimeError, match="second VERIFY"):
        session.verify(KeyKind.PIN, PIN)


@pytest.mark.parametrize("fid", [Fid.MY_NUMBER, Fid.MATCH_A, Fid.INTEGRITY])
def test_forbidden_files_cannot_be_selected(fid: Fid) -> None:
    conn = connection()
    session = MyNumberCardSession(conn)
    session.select_ap()
    with pytest.raises(ForbiddenFileError):
        session.select_file(fid)
    assert len(conn.card.history) == 1


@pytest.mark.parametrize(
    "profile_changes",
    [{}, {"pin_tries_left": 1}, {"pin_tries_left": 0}],
)
@pytest.mark.parametrize("pin", [PIN, "0000"])
def test_ef0001_and_0014_are_never_touched(profile_changes: dict[str, int], pin: str) -> None:
    conn = connection(**profile_changes)
    with contextlib.suppress(Exception):
        read_basic_info(conn, StaticPin(pin, confirm_last_try=True))
    for apdu in conn.card.history:
        assert apdu[1] != Ins.SELECT or apdu[5:7] not in (b"\x00\x01", b"\x00\x14")
        assert apdu[1] != Ins.READ_BINARY or not apdu[2] & 0x80  # no short-EF-id read either
    assert Fid.MY_NUMBER not in conn.card.card.selected_files
    assert Fid.MATCH_A not in conn.card.card.selected_files


def test_cancel_sends_nothing() -> None:
    conn = connection()
    with pytest.raises(CancelledError):
        read_basic_info(conn, RecordingHandler(None))
    assert verifies_with_data(conn) == []


@pytest.mark.parametrize("pin", ["123", "12345", "12a4", "１２３４", ""])
def test_malformed_pin_is_never_sent(pin: str) -> None:
    conn = connection()
    with pytest.raises(InvalidPinFormatError):
        read_basic_info(conn, StaticPin(pin))
    assert verifies_with_data(conn) == []
    assert conn.card.card.tries_left() == 3


def test_verify_and_reads_share_one_connection() -> None:
    """Closing powers the card off; a read on a new connection after VERIFY would be refused."""
    card = SimulatedCard(kokutou())
    first = InProcessConnection(card)
    session = MyNumberCardSession(first)
    session.select_ap()
    session.tries_left(KeyKind.PIN)
    session.verify(KeyKind.PIN, PIN)
    first.close()
    second = MyNumberCardSession(InProcessConnection(card))
    second.select_ap()
    with pytest.raises(Exception, match="認証状態"):
        second.read_basic_info()


def test_removal_at_the_verify_gives_no_result() -> None:
    conn = connection(Faults(remove_after=3))
    with pytest.raises(CardRemovedError):
        read_basic_info(conn, StaticPin(PIN))


def _all_text(exc: BaseException) -> str:
    return " ".join([str(exc), repr(exc), repr(exc.args), repr(getattr(exc, "__dict__", {}))])


@pytest.mark.parametrize(
    ("changes", "pin"),
    [({}, "9876"), ({"pin_tries_left": 1}, "9876"), ({"pin_tries_left": 0}, "9876"), ({}, "98765")],
)
def test_pin_never_in_exceptions_logs_or_traces(
    changes: dict[str, int], pin: str, caplog: pytest.LogCaptureFixture, tmp_path: object
) -> None:
    import io

    caplog.set_level(logging.DEBUG)
    stream = io.StringIO()
    profile = kokutou(**changes)
    with pytest.raises(Exception) as raised:
        read_card(lambda: InProcessConnection(profile), StaticPin(pin), trace=TraceWriter(stream))
    assert pin not in _all_text(raised.value)
    assert pin.encode().hex() not in stream.getvalue().lower()
    assert pin not in caplog.text
    assert (
        pin not in repr(StaticPin(pin)) and pin not in repr(PinAnswer(pin)) and pin not in str(PinAnswer(pin))
    )
    assert "1234" not in repr(profile)  # the simulated card's PIN


def test_successful_trace_masks_the_pin() -> None:
    import io

    stream = io.StringIO()
    read_card(lambda: connection(), StaticPin(PIN), trace=TraceWriter(stream))
    lines = stream.getvalue().splitlines()
    assert "0020008004** -> 9000" in lines
    assert "31323334" not in stream.getvalue()
