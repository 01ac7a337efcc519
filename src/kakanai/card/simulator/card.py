"""A virtual My Number card (券面事項入力補助AP) answering exactly as mynumber-card.md describes.

`VirtualMyNumberCard` is the card logic (files, keys, retry counters, security state);
`SimulatedCard` adds what happens between the card and a reader: power cycles, the APDU counter
and the injected faults. Both transports (in-process and vpcd) drive a SimulatedCard.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from kakanai.card.apdu import (
    AID_CARD_INFO_AP,
    MAX_OFFSET,
    MAX_SHORT_LE,
    P2,
    Cla,
    Command,
    Fid,
    Ins,
    SelectBy,
    StatusWord,
    SwFamily,
    counter_sw,
    sw_bytes,
)
from kakanai.card.basicinfo import Tag
from kakanai.card.ber import encode_length, encode_tag, encode_tlv
from kakanai.card.pin import match_b_secret
from kakanai.card.simulator.profile import MATCH_MAX_TRIES, PIN_MAX_TRIES, CardProfile, Faults
from kakanai.model import Sex

# Known contact ATR of the card (mynumber-card.md, "Identifying the card").
ATR = bytes.fromhex("3BE000FF8131FE4514")
STRAY_BYTES = b"\x00\x00"
# Simulator assumption (not in the reference): EF 0001 as FF 10 0C + the 12 ASCII digits.
_MY_NUMBER_TAG = 0xFF10
_SEX_DIGITS = {Sex.MALE: b"1", Sex.FEMALE: b"2", Sex.NOT_APPLICABLE: b"9"}
_FILE_ALIGN = 64
_READ_SFI_BIT = 0x80


class CardGone(Exception):
    """The simulated card has left the reader (fault injection or an explicit removal)."""



def answer_iso(raw: bytes, select: Callable[[Command], int], verify: Callable[[Command], int],
               read_binary: Callable[[Command], tuple[bytes, int]]) -> tuple[bytes, int]:
    """The ISO 7816-4 commands in the plain class (CLA 00) that the My Number card's 券面事項入力補助AP and
    the IC licence both answer: SELECT, VERIFY and READ BINARY; the rest is refused as a card does."""
    try:
        cmd = Command.parse(raw)
    except ValueError:
        return b"", StatusWord.WRONG_LENGTH
    if cmd.cla != Cla.ISO:
        return b"", StatusWord.CLA_NOT_SUPPORTED
    if cmd.ins == Ins.SELECT:
        return b"", select(cmd)
    if cmd.ins == Ins.VERIFY:
        return b"", verify(cmd)
    if cmd.ins == Ins.READ_BINARY:
        return read_binary(cmd)
    return b"", StatusWord.INS_NOT_SUPPORTED

@dataclass
class _Key:
    secret: bytes = field(repr=False)
    max_tries: int
    tries: int
    verified: bool = False


def build_basic_info_file(profile: CardProfile) -> bytes:
    """EF 0002: FF 20 L {DF 21 offsets, DF 22..DF 25} with BER lengths, then filler."""
    fields = [
        encode_tlv(Tag.NAME, profile.name.encode("utf-8")),
        encode_tlv(Tag.ADDRESS, profile.address.encode("utf-8")),
        encode_tlv(Tag.BIRTH_DATE, profile.birth_date.strftime("%Y%m%d").encode("ascii")),
        encode_tlv(Tag.SEX, _SEX_DIGITS[profile.sex]),
    ]
    offsets_tlv_length = 2 + 1 + 8
    inner_length = offsets_tlv_length + sum(len(f) for f in fields)
    lead = STRAY_BYTES if profile.faults.stray_bytes else b""
    value_start = len(lead) + len(encode_tag(Tag.BASIC_INFO)) + len(encode_length(inner_length))
    offsets = bytearray()
    position = value_start + offsets_tlv_length
    for f in fields:
        offsets += position.to_bytes(2, "big")
        position += len(f)
    inner = encode_tlv(Tag.OFFSETS, bytes(offsets)) + b"".join(fields)
    record = lead + encode_tlv(Tag.BASIC_INFO, inner)
    size = -(-(len(record) + 16) // _FILE_ALIGN) * _FILE_ALIGN
    return record + bytes([profile.faults.filler]) * (size - len(record))


class VirtualMyNumberCard:
    """The card logic. Retry counters persist across power cycles; the security state does not."""

    def __init__(self, profile: CardProfile) -> None:
        self.profile = profile
        self._files: dict[int, bytes] = {
            Fid.MY_NUMBER: encode_tlv(_MY_NUMBER_TAG, profile.mynumber.encode("ascii")),
            Fid.BASIC_INFO: build_basic_info_file(profile),
            Fid.INTEGRITY: encode_tlv(0x30, b"") + b"\xff" * 30,
        }
        secret_b = match_b_secret(profile.birth_date, profile.expiry_year, profile.security_code)
        self._keys: dict[int, _Key] = {
            Fid.PIN: _Key(profile.pin.encode("ascii"), PIN_MAX_TRIES, profile.pin_tries_left),
            Fid.MATCH_A: _Key(profile.mynumber.encode("ascii"), MATCH_MAX_TRIES, MATCH_MAX_TRIES),
            Fid.MATCH_B: _Key(secret_b.encode("ascii"), MATCH_MAX_TRIES, MATCH_MAX_TRIES),
        }
        # Which keys open which file (mynumber-card.md, table of EFs).
        self._access: dict[int, tuple[Fid, ...]] = {
            Fid.MY_NUMBER: (Fid.PIN, Fid.MATCH_A),
            Fid.BASIC_INFO: (Fid.PIN, Fid.MATCH_B),
            Fid.INTEGRITY: (Fid.PIN, Fid.MATCH_A, Fid.MATCH_B),
        }
        self._ap_selected = False
        self._current: int | None = None
        self.selected_files: list[int] = []  # every EF ever selected, for tests

    def tries_left(self, fid: Fid = Fid.PIN) -> int:
        return self._keys[fid].tries

    def reset(self) -> None:
        """Power off / reset: the selection and every verified state are lost."""
        self._ap_selected = False
        self._current = None
        for key in self._keys.values():
            key.verified = False

    def process(self, raw: bytes) -> tuple[bytes, int]:
        return answer_iso(raw, self._select, self._verify, self._read_binary)

    def _select(self, cmd: Command) -> int:
        if cmd.p2 != P2.NO_RESPONSE:
            return StatusWord.WRONG_PARAMETERS
        if cmd.p1 == SelectBy.AID:
            self._current = None
            self._ap_selected = cmd.data == AID_CARD_INFO_AP
            return StatusWord.OK if self._ap_selected else StatusWord.FILE_NOT_FOUND
        if cmd.p1 != SelectBy.FID:
            return StatusWord.WRONG_PARAMETERS
        if len(cmd.data) != 2:
            return StatusWord.WRONG_LENGTH
        fid = int.from_bytes(cmd.data, "big")
        if not self._ap_selected or (fid not in self._files and fid not in self._keys):
            return StatusWord.FILE_NOT_FOUND
        self._current = fid
        self.selected_files.append(fid)
        return StatusWord.OK

    def _verify(self, cmd: Command) -> int:
        if cmd.p1 != 0 or cmd.p2 != P2.SPECIFIC_KEY:
            return StatusWord.WRONG_PARAMETERS
        key = self._keys.get(self._current) if self._current is not None else None
        if key is None:
            return StatusWord.COMMAND_NOT_ALLOWED
        if not cmd.data:  # the query: spends nothing
            if key.verified:
                return StatusWord.OK
            return StatusWord.REFERENCE_DATA_BLOCKED if key.tries == 0 else counter_sw(key.tries)
        if key.tries == 0:
            return StatusWord.REFERENCE_DATA_BLOCKED
        if len(cmd.data) != len(key.secret):
            return StatusWord.WRONG_LENGTH
        if cmd.data == key.secret:
            key.tries = key.max_tries
            key.verified = True
            return StatusWord.OK
        key.tries -= 1
        key.verified = False
        return counter_sw(key.tries)  # 63 C0 on the try that locks it

    def _read_binary(self, cmd: Command) -> tuple[bytes, int]:
        if cmd.p1 & _READ_SFI_BIT:
            return b"", StatusWord.WRONG_PARAMETERS
        if self._current is None:
            return b"", StatusWord.COMMAND_NOT_ALLOWED
        content = self._files.get(self._current)
        if content is None:
            return b"", StatusWord.INCOMPATIBLE_FILE
        if not any(self._keys[k].verified for k in self._access[self._current]):
            return b"", StatusWord.SECURITY_NOT_SATISFIED
        if cmd.le is None:
            return b"", StatusWord.WRONG_LENGTH
        offset = ((cmd.p1 << 8) | cmd.p2) & MAX_OFFSET
        if offset >= len(content):
            return b"", StatusWord.WRONG_P1P2
        available = len(content) - offset
        if cmd.le > available:
            return b"", (SwFamily.WRONG_LE << 8) | (available % MAX_SHORT_LE)
        return content[offset : offset + cmd.le], StatusWord.OK


class CardLogic(Protocol):
    """Any simulated card kind (licence, 在留カード): the same faults apply around it."""

    atr: bytes

    def process(self, raw: bytes) -> tuple[bytes, int]: ...

    def reset(self) -> None: ...


class OtherCardProfile(Protocol):
    """A profile of another card kind (simulator/licence.py, simulator/residence.py)."""

    @property
    def faults(self) -> Faults: ...

    def make_card(self) -> CardLogic: ...


class SimulatedCard:
    """The card in a reader: counts APDUs since power-on and applies the profile's faults."""

    def __init__(self, profile: CardProfile | OtherCardProfile, faults: Faults | None = None) -> None:
        self.card: VirtualMyNumberCard | CardLogic = (
            VirtualMyNumberCard(profile) if isinstance(profile, CardProfile) else profile.make_card()
        )
        self.faults = profile.faults if faults is None else faults
        self.count = 0
        self.gone = False
        self.history: list[bytes] = []  # every command APDU received, for tests
        self._pending = b""

    @property
    def atr(self) -> bytes:
        return ATR if isinstance(self.card, VirtualMyNumberCard) else self.card.atr

    def power_on(self) -> None:
        """Insertion, power-on or reset: the fault counter restarts, the security state is lost."""
        self.card.reset()
        self.count = 0
        self._pending = b""

    def power_off(self) -> None:
        self.card.reset()
        self._pending = b""

    def exchange(self, command: bytes) -> bytes:
        """The response APDU (data + SW1 SW2); raises CardGone when the card has been removed."""
        faults = self.faults
        if self.gone:
            raise CardGone
        if faults.remove_after is not None and self.count >= faults.remove_after:
            self.gone = True
            raise CardGone
        self.count += 1
        self.history.append(bytes(command))
        if faults.delay_ms:
            time.sleep(faults.delay_ms / 1000)
        if faults.sw_at is not None and faults.sw_at[0] == self.count:
            return sw_bytes(faults.sw_at[1])
        data, sw = self._process(command)
        if faults.corrupt_at == self.count:
            data, sw = _corrupt(data, sw)
        return data + sw_bytes(sw)

    def _process(self, command: bytes) -> tuple[bytes, int]:
        if self.faults.get_response and len(command) == 5 and command[1] == Ins.GET_RESPONSE:
            if not self._pending:
                return b"", StatusWord.COMMAND_NOT_ALLOWED
            le = command[4] or MAX_SHORT_LE
            data, self._pending = self._pending[:le], self._pending[le:]
            return data, _more_or_ok(self._pending)
        self._pending = b""
        data, sw = self.card.process(command)
        if self.faults.get_response and data:
            self._pending = data
            return b"", _more_or_ok(data)
        return data, sw


def _more_or_ok(pending: bytes) -> int:
    if not pending:
        return StatusWord.OK
    return (SwFamily.MORE_DATA << 8) | (min(len(pending), MAX_SHORT_LE) % MAX_SHORT_LE)


def _corrupt(data: bytes, sw: int) -> tuple[bytes, int]:
    """Flip every data bit (so tags and lengths break); a bare SW becomes 6F 00."""
    if data:
        return bytes(b ^ 0xFF for b in data), sw
    return b"", StatusWord.NO_PRECISE_DIAGNOSIS


__all__ = ["ATR", "CardGone", "SimulatedCard", "VirtualMyNumberCard", "build_basic_info_file"]
