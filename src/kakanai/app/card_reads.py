"""Every card kind through the counter's one card slot (issue 18), without Qt.

The read: detect the kind (nothing personal, nothing spent), then read it. A 在留カード / 特別永住者証明書
needs the 12 characters printed on it: the clerk is asked (`CardNumberAsker`, blocking on the worker
thread) and a wrong number (the card answers 63 00 to the authentication) asks again with the card's
message: it costs nothing (id-cards.md §3: no retry counter), and kakanai never retries by itself.

Before the member is added the clerk confirms what the card could not give for certain
(`CardReading.unconfirmed`: OCR of the card-face name, 外字 bitmaps) and what it does not hold (the licence
has no sex; a 1st-generation card holds the birth date and sex only on its face image). `ConfirmedCard` is
that decision; `add_card_member` adds the member, fills `nationality` for a foreign resident's card and
records in the reception log that the clerk confirmed and which identity document was read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kakanai.app.workflow import ReceptionSession
from kakanai.card import BasicInfo, CardError, KeyKind, PinHandler
from kakanai.card.anycard import RESIDENCE_KINDS, read_any_card
from kakanai.card.errors import (
    CancelledError,
    InvalidCardNumberError,
    MissingCardNumberError,
    WrongCardNumberError,
)
from kakanai.card.polling import CardReaderPort
from kakanai.card.reading import CardKind, CardReading, GaijiGlyph, Reason
from kakanai.card.sm import CARD_NUMBER_LENGTH
from kakanai.model import Sex
from kakanai.model.members import Member, MemberSource, WorkflowError
from kakanai.model.reception_log import AuditKind, IdentityDocument

NATIONALITY_FACT = "nationality"  # resources/rules/facts.yaml: japanese | foreign
FOREIGN = "foreign"  # a 在留カード and a 特別永住者証明書 are held by foreign nationals only (入管法19条の3, 入管特例法7条)
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
    """The worker waits while the UI thread shows the card-number dialog (as BlockingPinPrompt)."""

    def __init__(self, show: Callable[[str | None], None], timeout: float = NUMBER_TIMEOUT_SECONDS) -> None:
        self._show = show
        self._timeout = timeout
        self._done = threading.Event()
        self._number: str | None = None

    def __call__(self, problem: str | None) -> str | None:
        self._done.clear()
        self._number = None
        self._show(problem)
        if not self._done.wait(self._timeout):
            return None
        return self._number

    def answer(self, number: str | None) -> None:
        self._number = number
        self._done.set()


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


def needs_confirmation(reading: CardReading) -> bool:
    """The clerk must look before the member is added (a My Number card gives all four fields for certain)."""
    return bool(reading.unconfirmed) or reading.sex is None or reading.birth_date is None or not reading.name


@dataclass(frozen=True)
class GaijiChoice:
    index: int  # position in the card's name text (the 〓)
    number: int  # the card's 外字 number (0: 欠字)
    char: str  # the character the clerk chose


@dataclass(frozen=True)
class ConfirmedCard:
    """What the clerk confirmed for one card, with the card reading it came from."""

    reading: CardReading
    name: str
    birth_date: date
    sex: Sex
    gaiji: tuple[GaijiChoice, ...] = ()

    @property
    def address(self) -> str:
        return self.reading.address or ""  # a 2nd-generation card holds the address as an image only

    def confirmed_detail(self) -> str:
        """The log's wording of what the clerk confirmed (never a card number, never a PIN)."""
        parts: list[str] = []
        reasons = {u.reason for u in self.reading.unconfirmed}
        if Reason.OCR in reasons:
            read = self.reading.name or "（読み取れず）"
            parts.append(f"氏名（券面画像の文字認識「{read}」→「{self.name}」）")
        if Reason.GAIJI in reasons:
            chosen = "、".join(f"外字{g.number or '欠字'}→「{g.char}」（U+{ord(g.char[0]):04X}）" for g in self.gaiji)
            parts.append(f"氏名の外字（{chosen}）")
        if self.reading.sex is None:
            parts.append(f"性別（{self.sex.label}、カードに記載なし）")
        if self.reading.birth_date is None:
            parts.append(f"生年月日（{self.birth_date.isoformat()}、券面画像から）")
        return f"{self.reading.kind.label}: 職員が確認 " + "・".join(parts)


def name_with_gaiji(name: str, choices: tuple[GaijiChoice, ...]) -> str:
    """The card's name with each 〓 replaced by the character the clerk chose (positions from the card)."""
    chars = list(name)
    for choice in choices:
        if not 0 <= choice.index < len(chars) or not choice.char:
            raise WorkflowError("外字の位置が氏名と合いません。カードをもう一度読み取ってください", "name")
        chars[choice.index] = choice.char
    return "".join(chars)


def add_card_member(session: ReceptionSession, confirmed: ConfirmedCard) -> Member:
    """Add the member the clerk confirmed; raises WorkflowError (nothing added) as add_member_from_card."""
    reading = confirmed.reading
    info = BasicInfo(confirmed.name, confirmed.address, confirmed.birth_date, confirmed.sex)
    identity = (IdentityDocument.RESIDENCE_CARD if reading.kind in RESIDENCE_KINDS
                else IdentityDocument.DRIVERS_LICENSE if reading.kind is CardKind.DRIVING_LICENCE
                else IdentityDocument.MYNUMBER_CARD)
    # The card itself shows the holder is a foreign national: the rules then put the 在留カード on the
    # 住民異動届's bring list (住民基本台帳法30条の46) without asking.
    facts = {NATIONALITY_FACT: FOREIGN} if reading.kind in RESIDENCE_KINDS else {}
    notes = [(AuditKind.IDENTITY_DOCUMENT, reading.kind.label)]
    if needs_confirmation(reading):
        notes.append((AuditKind.CLERK_CONFIRMED, confirmed.confirmed_detail()))
    return session.add_member_from_card(info, MemberSource.CARD, identity, facts=facts, notes=tuple(notes))


def without_confirmation(reading: CardReading) -> ConfirmedCard:
    """A reading that needs nothing from the clerk (a My Number card, a fully read 2nd-generation card…)."""
    if needs_confirmation(reading) or reading.name is None or reading.birth_date is None or reading.sex is None:
        raise ValueError("the reading needs the clerk's confirmation")
    return ConfirmedCard(reading, reading.name, reading.birth_date, reading.sex)


__all__ = [
    "FOREIGN",
    "NATIONALITY_FACT",
    "BlockingNumberPrompt",
    "CardError",
    "CardKind",
    "CardNumberAsker",
    "CardReading",
    "ConfirmedCard",
    "GaijiChoice",
    "GaijiGlyph",
    "Reason",
    "add_card_member",
    "card_number_problem",
    "name_with_gaiji",
    "needs_confirmation",
    "read_counter_card",
    "without_confirmation",
]
