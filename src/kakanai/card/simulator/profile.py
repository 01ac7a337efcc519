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
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kakanai.model import Sex

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


_SEX_NAMES = {"male": Sex.MALE, "female": Sex.FEMALE, "not_applicable": Sex.NOT_APPLICABLE}


def load_profile(path: str | Path) -> CardProfile:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"カードのプロファイルが見つかりません: {path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError(f"カードのプロファイルがJSONとして読めません: {path}（{exc}）") from None
    return profile_from_dict(raw)


def profile_from_dict(raw: Any) -> CardProfile:
    if not isinstance(raw, dict):
        raise ProfileError("カードのプロファイルはJSONオブジェクトでなければなりません。")
    name = _str(raw, "name")
    address = _str(raw, "address")
    try:
        birth = date.fromisoformat(_str(raw, "birth_date"))
    except ValueError:
        raise ProfileError("birth_date（生年月日）は YYYY-MM-DD で書いてください。") from None
    sex = _SEX_NAMES.get(_str(raw, "sex"))
    if sex is None:
        raise ProfileError("sex（性別）は male / female / not_applicable のいずれかです。")
    pin = _digits(raw, "pin", 4)
    tries = _int(raw, "pin_tries_left", PIN_MAX_TRIES)
    if not 0 <= tries <= PIN_MAX_TRIES:
        raise ProfileError(f"pin_tries_left（暗証番号の残り回数）は0〜{PIN_MAX_TRIES}です。")
    return CardProfile(
        name=name,
        address=address,
        birth_date=birth,
        sex=sex,
        pin=pin,
        pin_tries_left=tries,
        mynumber=_digits(raw, "mynumber", 12, "123456789018"),
        expiry_year=_int(raw, "expiry_year", 2035),
        security_code=_digits(raw, "security_code", 4, "0000"),
        faults=_faults(raw.get("faults") or {}),
    )


def _str(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise ProfileError(f"{key} が文字列で書かれていません。")
    return value


def _int(raw: dict[str, Any], key: str, default: int) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ProfileError(f"{key} は整数で書いてください。")
    return value


def _digits(raw: dict[str, Any], key: str, count: int, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or len(value) != count or not (value.isascii() and value.isdigit()):
        raise ProfileError(f"{key} は{count}桁の数字を文字列で書いてください。")
    return value


def _faults(raw: Any) -> Faults:
    if not isinstance(raw, dict):
        raise ProfileError("faults はJSONオブジェクトで書いてください。")
    unknown = set(raw) - {
        "remove_after",
        "delay_ms",
        "corrupt_at",
        "sw_at",
        "stray_bytes",
        "get_response",
        "filler",
    }
    if unknown:
        raise ProfileError(f"faults に不明な項目があります: {', '.join(sorted(unknown))}")
    sw_at = None
    if "sw_at" in raw:
        spec = raw["sw_at"]
        try:
            sw_at = (int(spec["apdu"]), int(str(spec["sw"]), 16))
        except (TypeError, KeyError, ValueError):
            raise ProfileError('faults.sw_at は {"apdu": 3, "sw": "6A82"} の形で書いてください。') from None
    filler = str(raw.get("filler", "FF")).upper()
    if filler not in ("00", "FF"):
        raise ProfileError('faults.filler は "00" か "FF" です。')
    delay = raw.get("delay_ms", 0.0)
    if not isinstance(delay, int | float) or delay < 0:
        raise ProfileError("faults.delay_ms は0以上の数です。")
    return Faults(
        remove_after=_optional_int(raw, "remove_after"),
        delay_ms=float(delay),
        corrupt_at=_optional_int(raw, "corrupt_at"),
        sw_at=sw_at,
        stray_bytes=bool(raw.get("stray_bytes", False)),
        get_response=bool(raw.get("get_response", False)),
        filler=int(filler, 16),
    )


def _optional_int(raw: dict[str, Any], key: str) -> int | None:
    if key not in raw or raw[key] is None:
        return None
    value = raw[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ProfileError(f"faults.{key} は0以上の整数です。")
    return value
