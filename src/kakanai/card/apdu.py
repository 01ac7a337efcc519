"""Command APDUs and status words of the 券面事項入力補助AP (docs: shared/reference/mynumber-card.md).

Only short APDUs (ISO 7816-4 5.1): many counter readers lack extended length, and the reference
says not to rely on it. Every constant the session and the simulator share lives here, so the two
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

# 券面事項入力補助AP (card-info input support AP).
AID_CARD_INFO_AP = bytes.fromhex("D3921000310001010408")

# The largest Ne of a short READ BINARY; Le 00 means 256 (ISO 7816-4 5.1).
MAX_SHORT_LE = 256
# READ BINARY P1P2 is a 15-bit offset when bit 8 of P1 is 0 (ISO 7816-4 11.2.3).
MAX_OFFSET = 0x7FFF


class Cla(IntEnum):
    ISO = 0x00


class Ins(IntEnum):
    VERIFY = 0x20
    MUTUAL_AUTHENTICATE = 0x82  # 在留カード secure messaging (id-cards.md §3)
    GET_CHALLENGE = 0x84
    SELECT = 0xA4
    READ_BINARY = 0xB0
    GET_RESPONSE = 0xC0


class SelectBy(IntEnum):
    """SELECT P1."""

    FID = 0x02  # elementary file under the current DF
    AID = 0x04  # DF name


class P2(IntEnum):
    NO_RESPONSE = 0x0C  # SELECT: return no FCI (the card answers 90 00 only)
    SPECIFIC_KEY = 0x80  # VERIFY: the key of the currently selected EF


class Fid(IntEnum):
    """Elementary files of the AP. Only the session's allow-list may be selected (see session)."""

    MY_NUMBER = 0x0001  # 個人番号: never selected or read by the counter
    BASIC_INFO = 0x0002  # 基本4情報
    INTEGRITY = 0x0003
    PIN = 0x0011  # 券面事項入力補助用暗証番号, 3 tries
    MATCH_A = 0x0014  # 照合番号A (the My Number as a key): never used by the counter
    MATCH_B = 0x0015  # 照合番号B, 14 digits


class StatusWord(IntEnum):
    OK = 0x9000
    END_OF_FILE_WARNING = 0x6282
    WRONG_LENGTH = 0x6700
    INCOMPATIBLE_FILE = 0x6981
    SECURITY_NOT_SATISFIED = 0x6982
    AUTH_BLOCKED = 0x6983  # generic ISO "authentication method blocked": treat as locked
    REFERENCE_DATA_BLOCKED = 0x6984  # every VERIFY after the PIN locked
    COMMAND_NOT_ALLOWED = 0x6986
    WRONG_PARAMETERS = 0x6A86
    FILE_NOT_FOUND = 0x6A82
    FUNCTION_NOT_SUPPORTED = 0x6A81
    WRONG_P1P2 = 0x6B00  # READ BINARY: offset beyond the end of the file
    INS_NOT_SUPPORTED = 0x6D00
    CLA_NOT_SUPPORTED = 0x6E00
    NO_PRECISE_DIAGNOSIS = 0x6F00


class SwFamily(IntEnum):
    """SW1 values whose SW2 carries a number rather than a meaning."""

    MORE_DATA = 0x61  # 61 xx: xx bytes waiting for GET RESPONSE
    WRONG_LE = 0x6C  # 6C xx: resend with Le = xx
    COUNTER = 0x63  # 63 Cx: x tries left


COUNTER_NIBBLE = 0xC0  # SW2 high nibble of 63 Cx


def sw_bytes(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


def sw1(sw: int) -> int:
    return sw >> 8


def sw2(sw: int) -> int:
    return sw & 0xFF


def tries_from_sw(sw: int) -> int | None:
    """x of 63 Cx, or None when sw is not a retry counter."""
    if sw1(sw) == SwFamily.COUNTER and sw2(sw) & 0xF0 == COUNTER_NIBBLE:
        return sw2(sw) & 0x0F
    return None


def counter_sw(tries_left: int) -> int:
    return (SwFamily.COUNTER << 8) | COUNTER_NIBBLE | (tries_left & 0x0F)


def encode_le(le: int) -> int:
    """Ne 1..256 as the Le byte (256 is 00)."""
    if not 1 <= le <= MAX_SHORT_LE:
        raise ValueError(f"Le out of range: {le}")
    return le % MAX_SHORT_LE


def decode_le(le_byte: int) -> int:
    return le_byte or MAX_SHORT_LE


def select_aid(aid: bytes) -> bytes:
    return bytes([Cla.ISO, Ins.SELECT, SelectBy.AID, P2.NO_RESPONSE, len(aid)]) + aid


def select_fid(fid: int) -> bytes:
    return bytes([Cla.ISO, Ins.SELECT, SelectBy.FID, P2.NO_RESPONSE, 2]) + fid.to_bytes(2, "big")


def verify_query() -> bytes:
    """VERIFY without data: the card answers 63 Cx (tries left) and spends nothing."""
    return bytes([Cla.ISO, Ins.VERIFY, 0x00, P2.SPECIFIC_KEY])


def verify(secret: bytes) -> bytes:
    return bytes([Cla.ISO, Ins.VERIFY, 0x00, P2.SPECIFIC_KEY, len(secret)]) + secret


def read_binary(offset: int, le: int) -> bytes:
    if not 0 <= offset <= MAX_OFFSET:
        raise ValueError(f"offset out of range: {offset}")
    return bytes([Cla.ISO, Ins.READ_BINARY, offset >> 8, offset & 0xFF, encode_le(le)])


def get_response(le: int) -> bytes:
    return bytes([Cla.ISO, Ins.GET_RESPONSE, 0x00, 0x00, encode_le(le)])


def with_le(apdu: bytes, le: int) -> bytes:
    """The same case-2 command with another Le (the answer to 6C xx)."""
    return apdu[:4] + bytes([encode_le(le)])


@dataclass(frozen=True)
class Command:
    """A parsed short command APDU (ISO 7816-4 5.1, cases 1 to 4)."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    le: int | None  # Ne (1..256), None when absent

    @classmethod
    def parse(cls, apdu: bytes) -> Command:
        if len(apdu) < 4:
            raise ValueError("APDU shorter than its header")
        cla, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        if not body:
            return cls(cla, ins, p1, p2, b"", None)
        if len(body) == 1:
            return cls(cla, ins, p1, p2, b"", decode_le(body[0]))
        lc = body[0]
        if lc == 0:
            raise ValueError("extended-length APDUs are not supported")
        if len(body) == 1 + lc:
            return cls(cla, ins, p1, p2, body[1:], None)
        if len(body) == 2 + lc:
            return cls(cla, ins, p1, p2, body[1:-1], decode_le(body[-1]))
        raise ValueError("Lc does not match the APDU length")
