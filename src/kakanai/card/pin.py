"""Asking for the PIN (Electrum style): the session tells a handler what it is about to spend.

The handler sees the tries left and whether this is the last try before the card locks, and may
refuse. On the last try it must answer with `confirmed_last_try=True`, set only after the clerk
explicitly confirmed; otherwise the session stops without sending VERIFY.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol

from kakanai.card.handoff import Handoff
from kakanai.model.wareki import era_year_yymmdd


class KeyKind(StrEnum):
    PIN = "pin"  # 券面事項入力補助用暗証番号 (EF 0011), 4 digits, 3 tries
    MATCH_B = "match_b"  # 照合番号B (EF 0015), 14 digits
    LICENCE_PIN1 = "licence_pin1"  # 運転免許証 暗証番号1 (MF/IEF01), 4 digits, 3 tries

    @property
    def digits(self) -> int:
        return {"pin": 4, "match_b": 14, "licence_pin1": 4}[self.value]

    @property
    def noun(self) -> str:
        """What the resident typed, as a message names it (「照合番号Bが違います」)."""
        return {"pin": "暗証番号", "match_b": "照合番号B", "licence_pin1": "暗証番号1"}[self.value]

    @property
    def label(self) -> str:
        return {
            "pin": "暗証番号（4桁）",
            "match_b": "照合番号B（14桁）",
            "licence_pin1": "運転免許証の暗証番号1（4桁）",
        }[self.value]


@dataclass(frozen=True)
class PinRequest:
    kind: KeyKind
    tries_left: int
    last_try: bool


@dataclass(frozen=True)
class PinAnswer:
    secret: str = field(repr=False)
    confirmed_last_try: bool = False

    def __str__(self) -> str:
        return "PinAnswer(***)"


class PinHandler(Protocol):
    def request_pin(self, request: PinRequest) -> PinAnswer | None:
        """The secret to VERIFY with, or None to cancel (nothing is sent to the card)."""
        ...


@dataclass(frozen=True)
class StaticPin:
    """A PIN known before the read (CLI `--pin-stdin`, tests). Confirms the last try only if told to."""

    secret: str = field(repr=False)
    confirm_last_try: bool = False

    def request_pin(self, request: PinRequest) -> PinAnswer | None:
        return PinAnswer(self.secret, confirmed_last_try=self.confirm_last_try)


@dataclass(frozen=True)
class CallbackPinHandler:
    """Adapts a plain function (request) -> answer | None."""

    callback: Callable[[PinRequest], PinAnswer | None]

    def request_pin(self, request: PinRequest) -> PinAnswer | None:
        return self.callback(request)


class BlockingPinPrompt:
    """For a read running on a worker thread: asks the UI thread and waits for its answer.

    `on_request(request)` is called on the worker thread; the UI shows its dialog (e.g. via a queued
    signal) and later calls `answer(...)` or `cancel()` from any thread.
    """

    def __init__(self, on_request: Callable[[PinRequest], None], timeout: float | None = None) -> None:
        self._handoff: Handoff[PinRequest, PinAnswer] = Handoff(on_request, timeout)

    def __repr__(self) -> str:
        return "BlockingPinPrompt()"

    def request_pin(self, request: PinRequest) -> PinAnswer | None:
        return self._handoff.ask(request)

    def answer(self, secret: str, *, confirmed_last_try: bool = False) -> None:
        self._handoff.give(PinAnswer(secret, confirmed_last_try))

    def cancel(self) -> None:
        self._handoff.give(None)


def match_b_secret(birth_date: date, expiry_year: int, security_code: str) -> str:
    """照合番号B: 和暦 YYMMDD of the birth date + the expiry year (western) + the 4-digit security code.

    mynumber-card.md: born 1980-02-17 (昭和55), expiry 2035, code 2285 -> 55021720352285.
    """
    return f"{era_year_yymmdd(birth_date)}{expiry_year:04d}{security_code}"


def is_well_formed(kind: KeyKind, secret: str) -> bool:
    return len(secret) == kind.digits and secret.isascii() and secret.isdigit()
