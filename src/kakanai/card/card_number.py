"""The 12 characters printed on a 在留カード / 特別永住者証明書, asked of the clerk (issue 18).

The number is the key of the card's secure messaging (sm.access_key): a wrong one answers 63 00 to the
authentication and costs nothing (id-cards.md §3: no retry counter), so the clerk is simply asked again
with the card's message; kakanai never retries by itself. `read_counter_card` is the counter's one read of
whatever card is in the slot, asking the number only of a card that needs it."""

from __future__ import annotations

from collections.abc import Callable

from kakanai.card.anycard import read_any_card
from kakanai.card.errors import (
    CancelledError,
    InvalidCardNumberError,
    MissingCardNumberError,
    WrongCardNumberError,
)
from kakanai.card.handoff import Handoff
from kakanai.card.pin import KeyKind, PinHandler
from kakanai.card.polling import CardReaderPort
from kakanai.card.reading import CardKind, CardReading
from kakanai.card.sm import CARD_NUMBER_LENGTH

NUMBER_TIMEOUT_SECONDS = 300.0  # a card-number dialog left open this long cancels the read

# Asked on the worker thread: the previous attempt's message (None the first time) -> the number, or None
# when the clerk cancels.
CardNumberAsker = Callable[[str | None], str | None]


def card_number_problem(text: str) -> str | None:
    """The card number as it is being typed: None when it is complete and well-formed, else what is wrong
    (in Japanese, naming the position), so the dialog can say it at once and nothing is sent."""
    number = text.strip().upper()
    for i, ch in enumerate(number[:CARD_NUMBER_LENGTH]):
        want_letter = i < 2 or i >= 10
        if not ch.isascii() or (ch.isalpha() if not want_letter else not ch.isalpha()):
            kind = "英字" if want_letter else "数字"
            return f"{i + 1}文字目「{ch}」: ここは{kind}です（英字2・数字8・英字2の12文字、例 AB12345678CD）"
    if len(number) > CARD_NUMBER_LENGTH:
        return f"{CARD_NUMBER_LENGTH}文字より長くなっています（{len(number)}文字）"
    if len(number) < CARD_NUMBER_LENGTH:
        return f"あと{CARD_NUMBER_LENGTH - len(number)}文字です（英字2・数字8・英字2の12文字）"
    return None


class BlockingNumberPrompt:
    """The worker waits while the UI thread shows the card-number dialog (as pin.BlockingPinPrompt)."""

    def __init__(self, show: Callable[[str | None], None], timeout: float = NUMBER_TIMEOUT_SECONDS) -> None:
        self._handoff: Handoff[str | None, str] = Handoff(show, timeout)

    def __call__(self, problem: str | None) -> str | None:
        return self._handoff.ask(problem)

    def answer(self, number: str | None) -> None:
        self._handoff.give(number)


def read_counter_card(reader: CardReaderPort, pin_handler: PinHandler, ask_number: CardNumberAsker,
                      key_kind: KeyKind = KeyKind.PIN) -> CardReading:
    """One read of whatever card is in the slot (blocking: run it on a worker thread). Raises CardError."""
    try:
        # One connection: detection's SELECT of the My Number AP is the read's first APDU (the My Number
        # transcript is unchanged); a 在留カード stops before any authentication.
        return read_any_card(reader.open_connection, pin_handler, key_kind=key_kind)
    except MissingCardNumberError:
        pass  # a 在留カード or 特別永住者証明書: the read itself tells which, and the generation
    problem: str | None = None
    while True:
        number = ask_number(problem)
        if number is None:
            raise CancelledError()
        try:
            # The card layer checks the number's form itself (InvalidCardNumberError: nothing sent).
            return read_any_card(reader.open_connection, pin_handler, kind=CardKind.RESIDENCE_CARD,
                                 card_number=number)
        except WrongCardNumberError as exc:
            problem = exc.message
        except InvalidCardNumberError as exc:
            problem = card_number_problem(number) or exc.message
