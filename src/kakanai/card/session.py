"""The read of the basic 4 information, over any CardConnection (never pyscard directly).

Minimal sequence (mynumber-card.md, "Command sequence"), 7 APDUs for a record under 263 bytes:
SELECT AP, SELECT key EF, VERIFY query (tries left, spends nothing), VERIFY, SELECT EF 0002,
READ BINARY header (7 bytes), READ BINARY rest (chunks of at most 256 bytes).

Safety (DESIGN.md "Never harm the resident's card"): no VERIFY with 0 tries left; with 1 try left
only after an explicit confirmation; at most one VERIFY per session; EF 0001 (the My Number) and
EF 0014 are never selected (the allow-list below); the secret never reaches a log or an error.
"""

from __future__ import annotations

import logging

from kakanai.card import apdu
from kakanai.card.apdu import AID_CARD_INFO_AP, MAX_SHORT_LE, Fid, StatusWord
from kakanai.card.basicinfo import HEADER_READ_LENGTH, BasicInfo, locate_record, parse_basic_info
from kakanai.card.channel import Channel
from kakanai.card.connection import CardConnection
from kakanai.card.errors import (
    CancelledError,
    CardError,
    EndOfFileError,
    InvalidPinFormatError,
    LastTryNeedsConfirmationError,
    MalformedDataError,
    NotMyNumberCardError,
    PinLockedError,
    SecurityStatusError,
    UnexpectedStatusError,
    WrongLengthError,
    WrongPinError,
)
from kakanai.card.pin import KeyKind, PinHandler, PinRequest, is_well_formed

log = logging.getLogger(__name__)

# The only files this module may ever SELECT. EF 0001 (個人番号) and EF 0014 (照合番号A) are absent
# on purpose: the counter has no legal basis to hold the My Number (mynumber-card.md).
ALLOWED_FILES = frozenset({Fid.PIN, Fid.MATCH_B, Fid.BASIC_INFO})
KEY_FILES = {KeyKind.PIN: Fid.PIN, KeyKind.MATCH_B: Fid.MATCH_B}
_LOCKED = frozenset({StatusWord.REFERENCE_DATA_BLOCKED, StatusWord.AUTH_BLOCKED})

MATCH_B_LOCKED_MESSAGE = "照合番号Bがロックされています。市区町村の窓口での手続が必要です。"


class ForbiddenFileError(RuntimeError):
    """A programming error: an attempt to select a file outside ALLOWED_FILES."""


class MyNumberCardSession(Channel):
    """One card, one connection: the steps of the read, each checked against its status word."""

    def __init__(self, connection: CardConnection) -> None:
        super().__init__(connection)
        self._verify_sent = False

    def select_ap(self) -> None:
        _, sw = self.transmit(apdu.select_aid(AID_CARD_INFO_AP))
        if sw in (StatusWord.FILE_NOT_FOUND, StatusWord.FUNCTION_NOT_SUPPORTED, StatusWord.WRONG_PARAMETERS):
            raise NotMyNumberCardError(sw=sw)
        check_sw(sw, "SELECT AP")

    def select_file(self, fid: Fid) -> None:
        if fid not in ALLOWED_FILES:
            raise ForbiddenFileError(f"EF {fid:04X} is not on the allow-list")
        _, sw = self.transmit(apdu.select_fid(fid))
        if sw == StatusWord.FILE_NOT_FOUND:
            raise NotMyNumberCardError(sw=sw)
        check_sw(sw, f"SELECT EF {fid:04X}")

    def tries_left(self, kind: KeyKind) -> int | None:
        """Select the key EF and ask its retry counter; None when the card says it is already verified."""
        self.select_file(KEY_FILES[kind])
        _, sw = self.transmit(apdu.verify_query())
        tries = tries_from_query(sw)
        log.debug("%s: %s tries left", kind.value, tries)
        return tries

    def verify(self, kind: KeyKind, secret: str) -> None:
        """One VERIFY of the key EF selected by tries_left(); at most once per session."""
        if self._verify_sent:
            raise RuntimeError("a second VERIFY in one session is never allowed")
        if not is_well_formed(kind, secret):
            raise InvalidPinFormatError(kind.digits)
        self._verify_sent = True
        _, sw = self.transmit(apdu.verify(secret.encode("ascii")))
        check_verify(sw, MATCH_B_LOCKED_MESSAGE if kind is KeyKind.MATCH_B else None, kind)

    def read_basic_info(self) -> BasicInfo:
        self.select_file(Fid.BASIC_INFO)
        head = self.read_binary(0, HEADER_READ_LENGTH)
        header = locate_record(head)
        data = bytearray(head)
        while len(data) < header.total_length:
            want = min(MAX_SHORT_LE, header.total_length - len(data))
            data += self.read_binary(len(data), want)
        return parse_basic_info(bytes(data[: header.total_length]))

    def read_binary(self, offset: int, length: int) -> bytes:
        data, sw = self.transmit(apdu.read_binary(offset, length))
        if sw == StatusWord.WRONG_P1P2:
            raise EndOfFileError(sw=sw)
        if sw not in (StatusWord.OK, StatusWord.END_OF_FILE_WARNING):
            check_sw(sw, "READ BINARY")
        if not data or len(data) > length:
            raise MalformedDataError(
                f"カードが要求と異なる長さを返しました（{length}バイト要求、{len(data)}バイト受信）。", sw=sw
            )
        return data


def tries_from_query(sw: int) -> int | None:
    """The answer to a VERIFY without data: tries left, 0 when locked, None when already verified."""
    tries = apdu.tries_from_sw(sw)
    if tries is not None:
        return tries
    if sw in _LOCKED:
        return 0
    if sw == StatusWord.OK:
        return None
    raise UnexpectedStatusError(sw, step="VERIFY (残り回数)")


def check_verify(sw: int, locked_message: str | None, kind: KeyKind) -> None:
    """The answer to a VERIFY with data: nothing on 90 00, else WrongPinError (naming the key `kind`) /
    PinLockedError / other."""
    if sw == StatusWord.OK:
        return
    tries = apdu.tries_from_sw(sw)
    if tries == 0 or sw in _LOCKED:
        raise PinLockedError(locked_message, sw=sw)
    if tries is not None:
        raise WrongPinError(tries, sw=sw, key=kind.noun)
    check_sw(sw, "VERIFY")


def check_sw(sw: int, step: str) -> None:
    if sw == StatusWord.OK:
        return
    if sw == StatusWord.SECURITY_NOT_SATISFIED:
        raise SecurityStatusError(sw=sw)
    if sw == StatusWord.WRONG_LENGTH:
        raise WrongLengthError(sw=sw)
    if sw in _LOCKED:
        raise PinLockedError(sw=sw)
    raise UnexpectedStatusError(sw, step=step)


def read_basic_info(
    connection: CardConnection, pin_handler: PinHandler, *, kind: KeyKind = KeyKind.PIN, ap_selected: bool = False
) -> BasicInfo:
    """The whole read in one connection (a disconnect powers the card off and drops the VERIFY).

    Raises a CardError subclass; on any failure nothing is returned, not even part of the record.
    The caller owns the connection and closes it.
    """
    session = MyNumberCardSession(connection)
    if not ap_selected:  # anycard.detect_kind has just selected it: keep the read at 7 APDUs
        session.select_ap()
    tries = session.tries_left(kind)
    if tries is not None:
        locked = MATCH_B_LOCKED_MESSAGE if kind is KeyKind.MATCH_B else None
        session.verify(kind, ask_secret(pin_handler, kind, tries, locked))
    return session.read_basic_info()


def ask_secret(handler: PinHandler, kind: KeyKind, tries: int, locked_message: str | None) -> str:
    """The one way every card asks for its PIN (DESIGN: never harm the resident's card): nothing is asked
    of a locked card, the tries left are shown with the request, a cancel or a malformed answer sends
    nothing, and the last try is sent only when the clerk confirmed it."""
    if tries == 0:
        raise PinLockedError(locked_message)
    last_try = tries == 1
    answer = handler.request_pin(PinRequest(kind, tries, last_try))
    if answer is None:
        raise CancelledError(tries_left=tries)
    if not is_well_formed(kind, answer.secret):
        raise InvalidPinFormatError(kind.digits, tries_left=tries)
    if last_try and not answer.confirmed_last_try:
        raise LastTryNeedsConfirmationError()
    return answer.secret


__all__ = ["ALLOWED_FILES", "CardError", "ForbiddenFileError", "MyNumberCardSession", "read_basic_info"]
