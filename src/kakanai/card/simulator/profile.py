"""The simulated resident (JSON profile) and the faults the simulated card injects.

    {"name": "黒桐　幹也", "address": "東京都清瀬市観布子南１２－７－２０２", "birth_date": "1980-02-17",
     "sex": "male", "pin": "1234", "pin_tries_left": 3, "mynumber": "123456789018",
     "expiry_year": 2035, "security_code": "2285", "faults": {}}

faults (all optional; APDU positions count from 1 since the card was powered/inserted):
    remove_after      int    the card disappears after answering this many APDUs
    delay_ms          float  sleep before every answer
    corrupt_at        int    the response to this APDU is corrupted (data bytes flipped, or SW 6F00)
    sw_at             {"apdu": int, "sw": "6A82"}  answer that APDU with this SW only
    stray_bytes       bool   2 stray bytes before FF 20 in EF 0002 (reported on recent cards)
    get_response      bool   answer data as 61 xx + GET RESPONSE, like a T=0 card
    filler            "00" | "FF"  filler after the record (default FF)

Every key, type and range: PROFILE below (docs/files-you-can-edit.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kakanai.model import Sex
from kakanai.model.jsonfile import FileTooLargeError, TextEncodingError, decode_utf8, load_json, read_limited
from kakanai.model.reception_schema import BIRTH_DAY
from kakanai.model.schema import (
    Choice,
    Flag,
    Int,
    Key,
    Locator,
    Number,
    Obj,
    SchemaError,
    Text,
    validate,
)
from kakanai.oserror_text import os_reason

PIN_MAX_TRIES = 3
MATCH_MAX_TRIES = 10  # 照合番号A/B report 10 (mynumber-card.md)


class ProfileError(ValueError):
    """A profile that cannot make a card; the message names the field (in Japanese)."""


@dataclass(frozen=True)
class Faults:
    remove_after: int | None = None
    delay_ms: float = 0.0
    corrupt_at: int | None = None
    sw_at: tuple[int, int] | None = None  # (APDU position, SW)
    stray_bytes: bool = False
    get_response: bool = False
    filler: int = 0xFF


@dataclass(frozen=True)
class CardProfile:
    name: str
    address: str
    birth_date: date
    sex: Sex
    pin: str = field(repr=False)
    pin_tries_left: int = PIN_MAX_TRIES
    mynumber: str = field(default="123456789018", repr=False)
    expiry_year: int = 2035
    security_code: str = field(default="0000", repr=False)
    faults: Faults = Faults()


_DIGITS4 = Text(max_len=4, pattern=r"[0-9]{4}", pattern_doc="4桁の数字")
_APDU = Int(lo=0, hi=100_000)  # APDU positions count from 1; 0 = at once

# Faults every simulated card kind injects the same way (licence and residence profiles use this too).
FAULTS = Obj(title="故障の注入", keys=(
    Key("remove_after", _APDU, nullable=True, doc="このAPDU数のあとカードが抜ける"),
    Key("delay_ms", Number(lo=0.0, hi=60_000.0), doc="応答ごとの遅延（ミリ秒）"),
    Key("corrupt_at", _APDU, nullable=True, doc="このAPDUの応答を壊す"),
    Key("sw_at", Obj(keys=(
        Key("apdu", _APDU, required=True, doc="何番目のAPDUか"),
        Key("sw", Text(max_len=4, pattern=r"[0-9A-Fa-f]{4}", pattern_doc="16進4桁"), required=True, doc="SW"),
    )), doc='そのAPDUにこのSWだけを返す（{"apdu": 3, "sw": "6A82"}）'),
    Key("stray_bytes", Flag(), doc="EF 0002 の FF 20 の前に2バイトの余り"),
    Key("get_response", Flag(), doc="T=0 のカードのように 61xx + GET RESPONSE で返す"),
    Key("filler", Choice(values=("00", "FF")), doc="レコードの後の詰め物（既定 FF）"),
))
FAULTS_KEY = Key("faults", FAULTS, nullable=True, doc="故障の注入（すべて省略可）")

# The one schema of a profile: load_profile checks it (so `card read --simulate` and `card simulate`
# refuse the same things) and docs/files-you-can-edit.md shows it.
PROFILE = Obj(title="カード模擬のプロファイル（cards/*.json）", keys=(
    Key("name", Text(max_len=100, non_empty=True), required=True, doc="氏名（券面事項）"),
    Key("address", Text(max_len=200, non_empty=True), required=True, doc="住所"),
    Key("birth_date", BIRTH_DAY, required=True, doc="生年月日"),
    Key("sex", Choice(values=tuple(s.value for s in Sex)), required=True, doc="性別"),
    Key("pin", _DIGITS4, required=True, doc="券面事項入力補助用の暗証番号"),
    Key("pin_tries_left", Int(lo=0, hi=PIN_MAX_TRIES), doc=f"暗証番号の残り回数（既定 {PIN_MAX_TRIES}）"),
    Key("mynumber", Text(max_len=12, pattern=r"[0-9]{12}", pattern_doc="12桁の数字"), doc="個人番号"),
    Key("expiry_year", Int(lo=2015, hi=2099), doc="有効期限の年（照合番号Bの一部）"),
    Key("security_code", _DIGITS4, doc="セキュリティコード（照合番号Bの一部）"),
    FAULTS_KEY,
    Key("kind", Choice(values=("mynumber",)), doc="カードの種類（省略時 mynumber）"),
))


def read_profile_json(path: str | Path) -> tuple[Any, str, Locator]:
    """The JSON document of a profile file, with its line locator; ProfileError naming the file."""
    source = str(path)
    try:
        text = decode_utf8(read_limited(path))
    except FileNotFoundError:
        raise ProfileError(f"カードのプロファイルが見つかりません: {path}") from None
    except FileTooLargeError as exc:  # /dev/zero, a log of gigabytes: refused before it is read whole
        raise ProfileError(f"カードのプロファイルが大きすぎます: {path}（{exc.detail}）") from None
    except TextEncodingError as exc:
        raise ProfileError(f"カードのプロファイルが読めません: {path}:{exc.line}: {exc.reason}") from None
    except OSError as exc:
        raise ProfileError(f"カードのプロファイルが読めません: {path}（{os_reason(exc, path)}）") from None
    try:
        raw, locate = load_json(text, source)
    except SchemaError as exc:
        raise ProfileError(f"カードのプロファイルの誤り: {exc}") from None
    return raw, source, locate


def checked(spec: Obj, raw: Any, source: str, locate: Locator | None) -> dict[str, Any]:
    """`raw` checked against a profile schema (file:line: key: message on failure)."""
    try:
        validate(spec, raw, source, locate)
    except SchemaError as exc:
        raise ProfileError(f"カードのプロファイルの誤り: {exc}") from None
    assert isinstance(raw, dict)
    return raw


def faults_from_dict(faults: Any) -> Faults:
    """The faults of a profile already checked against FAULTS (None or {} = none)."""
    faults = faults or {}
    sw_at = faults.get("sw_at")
    return Faults(
        remove_after=faults.get("remove_after"),
        delay_ms=float(faults.get("delay_ms", 0.0)),
        corrupt_at=faults.get("corrupt_at"),
        sw_at=(sw_at["apdu"], int(sw_at["sw"], 16)) if sw_at else None,
        stray_bytes=faults.get("stray_bytes", False),
        get_response=faults.get("get_response", False),
        filler=int(faults.get("filler", "FF"), 16),
    )


def load_profile(path: str | Path) -> CardProfile:
    raw, source, locate = read_profile_json(path)
    return profile_from_dict(raw, source, locate)


def profile_from_dict(raw: Any, source: str = "プロファイル", locate: Locator | None = None) -> CardProfile:
    raw = checked(PROFILE, raw, source, locate)
    return CardProfile(
        name=raw["name"],
        address=raw["address"],
        birth_date=date.fromisoformat(raw["birth_date"]),
        sex=Sex(raw["sex"]),
        pin=raw["pin"],
        pin_tries_left=raw.get("pin_tries_left", PIN_MAX_TRIES),
        mynumber=raw.get("mynumber", "123456789018"),
        expiry_year=raw.get("expiry_year", 2035),
        security_code=raw.get("security_code", "0000"),
        faults=faults_from_dict(raw.get("faults")),
    )
