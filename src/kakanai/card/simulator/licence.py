"""A virtual IC 運転免許証 (id-cards.md §1), with PIN1/PIN2, DF1/DF2 and the files as a card holds them.

Profile ("kind": "driving_licence"): name, address, birth_date, pin1, pin_tries_left, pin_set (false = the
holder set no PIN: the card answers 05 01 00 and takes the DPIN ****), licence_number, optional
address_changes [{date, address}] (裏書, DF1/EF04), optional expiry, faults (as the My Number card).
Characters outside JIS X 0208 become 外字 (FF F1.., bitmaps in DF1/EF03 and EF05).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kakanai.card import jisx0208, licence, licence_data
from kakanai.card.apdu import (
    MAX_OFFSET,
    MAX_SHORT_LE,
    Command,
    SelectBy,
    StatusWord,
    SwFamily,
    counter_sw,
)
from kakanai.card.licence_data import Ef01Tag
from kakanai.card.simulator import glyphs
from kakanai.card.simulator.card import answer_iso
from kakanai.card.simulator.profile import FAULTS_KEY, Faults, ProfileError, checked, faults_from_dict
from kakanai.model.reception_schema import BIRTH_DAY
from kakanai.model.schema import Choice, Day, Flag, Int, Key, ListOf, Locator, Obj, Text
from kakanai.model.wareki import to_wareki

PIN_MAX_TRIES = 3
AID_DF2 = bytes.fromhex("A0000002310200000000000000000000")
IEF_PIN2 = 0x0002
# Type B cards get an ATR built by the reader (PC/SC part 3): 3B 88 80 01 + ATQB data + TCK (simulator value).
ATR = bytes.fromhex("3B888001000000000000000009")
EF_SIZES = {0x0001: 880, 0x0002: 82, 0x0003: 264, 0x0004: 640, 0x0005: 663, 0x0006: 256, 0x0007: 578}
_ERA_DIGIT = {era: digit for digit, era in licence_data.ERA_DIGITS.items()}
AUTHORITY = "東京都公安"  # 公安委員会名 in the 裏書 entries (5 characters = 10 bytes)


@dataclass(frozen=True)
class AddressChangeEntry:
    changed_on: date
    address: str


@dataclass(frozen=True)
class LicenceProfile:
    name: str
    address: str
    birth_date: date
    pin1: str = field(repr=False)
    pin_tries_left: int = PIN_MAX_TRIES
    pin_set: bool = True
    licence_number: str = field(default="123456789012", repr=False)
    address_changes: tuple[AddressChangeEntry, ...] = ()
    expiry: date = date(2031, 1, 1)
    faults: Faults = field(default_factory=Faults)

    def make_card(self) -> VirtualLicenceCard:
        return VirtualLicenceCard(self)


_GAIJI_MAX = jisx0208.GAIJI_LAST - jisx0208.GAIJI_FIRST + 1

# The one schema of a licence profile (load_any_profile checks it; docs/files-you-can-edit.md shows it).
LICENCE_PROFILE = Obj(title="運転免許証の模擬プロファイル", keys=(
    Key("kind", Choice(values=("driving_licence",)), required=True, doc="カードの種類"),
    Key("name", Text(max_len=40, non_empty=True), required=True, doc="氏名（外字は7字まで）"),
    Key("address", Text(max_len=100, non_empty=True), required=True, doc="住所（券面）"),
    Key("birth_date", BIRTH_DAY, required=True, doc="生年月日"),
    Key("pin1", Text(max_len=4, pattern=r"[0-9]{4}", pattern_doc="4桁の数字"), doc="暗証番号1（既定 0000）"),
    Key("pin_tries_left", Int(lo=0, hi=PIN_MAX_TRIES), doc=f"暗証番号1の残り回数（既定 {PIN_MAX_TRIES}）"),
    Key("pin_set", Flag(), doc="暗証番号を設定したか（false: 設定なし、DPIN **** で照合）"),
    Key("licence_number", Text(max_len=12, pattern=r"[0-9]{12}", pattern_doc="12桁の数字"), required=True,
        doc="免許証番号"),
    Key("address_changes", ListOf(item=Obj(keys=(
        Key("date", Day(), required=True, doc="変更年月日"),
        Key("address", Text(max_len=100, non_empty=True), required=True, doc="新しい住所"),
    )), max_items=len(licence_data.NEW_ADDRESS_TAGS)), nullable=True, doc="裏書の住所変更（古い順）"),
    Key("expiry", Day(), doc="有効期間の末日（既定 2031-01-01）"),
    FAULTS_KEY,
))


def licence_profile_from_dict(raw: Any, source: str = "プロファイル",
                              locate: Locator | None = None) -> LicenceProfile:
    raw = checked(LICENCE_PROFILE, raw, source, locate)
    profile = LicenceProfile(
        name=raw["name"],
        address=raw["address"],
        birth_date=date.fromisoformat(raw["birth_date"]),
        pin1=raw.get("pin1", "0000"),
        pin_tries_left=raw.get("pin_tries_left", PIN_MAX_TRIES),
        pin_set=raw.get("pin_set", True),
        licence_number=raw["licence_number"],
        address_changes=tuple(AddressChangeEntry(date.fromisoformat(c["date"]), c["address"])
                              for c in raw.get("address_changes") or ()),
        expiry=date.fromisoformat(raw["expiry"]) if "expiry" in raw else date(2031, 1, 1),
        faults=faults_from_dict(raw.get("faults")),
    )
    if len(gaiji_table(profile)) > _GAIJI_MAX:
        raise ProfileError(f"カードのプロファイルの誤り: {source}: JIS X 0208 にない文字（外字）は{_GAIJI_MAX}字までです。")
    return profile


def gaiji_table(profile: LicenceProfile) -> dict[str, int]:
    """Characters outside JIS X 0208 → 外字 number, in order of appearance."""
    table: dict[str, int] = {}
    texts = [profile.name, profile.address, *(c.address for c in profile.address_changes)]
    for ch in "".join(texts):
        if ch not in table and not jisx0208.in_jis_x0208(ch):
            table[ch] = len(table) + 1
    return table


def _wareki_digits(day: date) -> bytes:
    w = to_wareki(day)
    return f"{_ERA_DIGIT[w.era]}{w.year:02d}{w.month:02d}{w.day:02d}".encode("ascii")


def _tlv(tag: int, value: bytes) -> bytes:
    if len(value) < 0x80:
        return bytes([tag, len(value)]) + value
    return bytes([tag, 0x82]) + len(value).to_bytes(2, "big") + value


def _file(fid: int, body: bytes) -> bytes:
    return body + bytes([licence_data.FILLER]) * (EF_SIZES[fid] - len(body))


def build_files(profile: LicenceProfile) -> dict[int, bytes]:
    """DF1's EFs as the card holds them (FF filler to the sizes SOFT lists)."""
    gaiji = gaiji_table(profile)

    def jis(text: str) -> bytes:
        return jisx0208.encode(text, gaiji)

    ef01 = b"".join(
        [
            _tlv(Ef01Tag.JIS_YEAR, b"2"),
            _tlv(Ef01Tag.NAME, jis(profile.name)),
            _tlv(Ef01Tag.CALL_NAME, b""),
            _tlv(Ef01Tag.ALIAS, b""),
            _tlv(Ef01Tag.UNIFIED_NAME, b""),
            _tlv(Ef01Tag.BIRTH_DATE, _wareki_digits(profile.birth_date)),
            _tlv(Ef01Tag.ADDRESS, jis(profile.address)),
            _tlv(Ef01Tag.ISSUE_DATE, _wareki_digits(date(2026, 1, 5))),
            _tlv(Ef01Tag.EXPIRY, _wareki_digits(profile.expiry)),
            _tlv(Ef01Tag.LICENCE_NUMBER, profile.licence_number.encode("ascii")),
        ]
    )
    entries = [_tlv(0x50, b"1" if profile.address_changes else b"0")]
    for tag, change in zip(licence_data.NEW_ADDRESS_TAGS, profile.address_changes, strict=False):
        stamp = _wareki_digits(change.changed_on)
        entries.append(_tlv(tag, b"2" + stamp + stamp + jis(change.address) + jisx0208.encode(AUTHORITY)))
    bitmaps: list[bytes] = [b"", b""]
    for ch, number in gaiji.items():
        record = _tlv(
            licence_data.GAIJI_TAG_BASE + number,
            bytes([glyphs.GAIJI_DOTS]) + glyphs.pack_rows(glyphs.gaiji_bitmap(ch)),
        )
        bitmaps[0 if number <= licence_data.GAIJI_IN_EF03 else 1] += record
    return {
        0x0001: _file(0x0001, ef01),
        0x0002: _file(0x0002, _tlv(0x41, jisx0208.encode("本籍"))),
        0x0003: _file(0x0003, bitmaps[0]),
        0x0004: _file(0x0004, b"".join(entries)),
        0x0005: _file(0x0005, bitmaps[1]),
        0x0006: _file(0x0006, _tlv(0xAA, b"0")),
        0x0007: _file(0x0007, _tlv(0xB1, bytes(256))),
    }


class VirtualLicenceCard:
    """MF (EF 2F01, EF 000A, IEF 0001/0002), DF1 (EF01–EF07), DF2 (photo). Counters survive resets."""

    atr = ATR

    def __init__(self, profile: LicenceProfile) -> None:
        self.profile = profile
        self._df1 = build_files(profile)
        self._mf = {0x000A: licence_data.PIN_SET if profile.pin_set else licence_data.PIN_NOT_SET}
        self._pins = {
            licence.IEF_PIN1: profile.pin1.encode() if profile.pin_set else licence.DPIN,
            IEF_PIN2: b"0000",
        }
        self.tries = {licence.IEF_PIN1: profile.pin_tries_left, IEF_PIN2: PIN_MAX_TRIES}
        self.verified: set[int] = set()
        self.selected: list[tuple[str, int]] = []  # (DF, EF) ever selected, for the safety tests
        self.verify_p2: list[int] = []
        self.reset()

    def reset(self) -> None:
        self._df = "MF"
        self._ef: int | None = None
        self.verified = set()

    def process(self, raw: bytes) -> tuple[bytes, int]:
        return answer_iso(raw, self._select, self._verify, self._read)

    def _select(self, cmd: Command) -> int:
        if cmd.p1 == 0x00:  # MF (00 A4 00 00, or with 3F 00)
            self._df, self._ef = "MF", None
            return StatusWord.OK
        if cmd.p1 == SelectBy.AID:
            names = {licence.AID_DF1: "DF1", AID_DF2: "DF2"}
            if cmd.data not in names:
                return StatusWord.FILE_NOT_FOUND
            self._df, self._ef = names[cmd.data], None
            return StatusWord.OK
        fid = int.from_bytes(cmd.data, "big")
        known = {"MF": {0x2F01, 0x000A, *self._pins}, "DF1": set(self._df1), "DF2": {0x0001}}[self._df]
        if cmd.p1 != SelectBy.FID or fid not in known:
            return StatusWord.FILE_NOT_FOUND
        self._ef = fid
        self.selected.append((self._df, fid))
        return StatusWord.OK

    def _verify(self, cmd: Command) -> int:
        self.verify_p2.append(cmd.p2)
        key = self._ef if self._df == "MF" and self._ef in self._pins else None
        if key is None or cmd.p2 != 0x80:
            return StatusWord.COMMAND_NOT_ALLOWED
        tries = self.tries[key]
        if not cmd.data:
            return StatusWord.OK if key in self.verified else counter_sw(tries)
        if tries == 0:
            return StatusWord.REFERENCE_DATA_BLOCKED
        if cmd.data == self._pins[key]:
            self.tries[key] = PIN_MAX_TRIES
            self.verified.add(key)
            return StatusWord.OK
        self.tries[key] = tries - 1
        return counter_sw(tries - 1)

    def _read(self, cmd: Command) -> tuple[bytes, int]:
        if self._ef is None or cmd.p1 & 0x80:
            return b"", StatusWord.COMMAND_NOT_ALLOWED
        if self._df == "MF":
            content = self._mf.get(self._ef)
            needs: set[int] = set()
        else:
            content = self._df1.get(self._ef) if self._df == "DF1" else bytes(2000)
            both = self._df == "DF2" or self._ef in (0x0002, 0x0006)
            needs = {licence.IEF_PIN1, IEF_PIN2} if both else {licence.IEF_PIN1}
        if content is None:
            return b"", StatusWord.INCOMPATIBLE_FILE
        if not needs <= self.verified:
            return b"", StatusWord.SECURITY_NOT_SATISFIED
        offset = ((cmd.p1 << 8) | cmd.p2) & MAX_OFFSET
        if offset >= len(content) or cmd.le is None:
            return b"", StatusWord.WRONG_P1P2 if cmd.le else StatusWord.WRONG_LENGTH
        available = len(content) - offset
        if cmd.le > available:
            return b"", (SwFamily.WRONG_LE << 8) | (available % MAX_SHORT_LE)
        return content[offset : offset + cmd.le], StatusWord.OK
