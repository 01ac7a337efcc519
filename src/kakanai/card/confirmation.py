"""What the clerk confirms of a card before its holder becomes a member (issue 18).

A reading may hold what the card could not give for certain (`CardReading.unconfirmed`: OCR of the
card-face name, 外字 bitmaps) and lack what the card does not hold (the licence has no sex; a
1st-generation 在留カード holds the birth date and sex only on its face image). `ConfirmedCard` is the
clerk's decision; the counter (kakanai.app.card_reads) adds the member from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kakanai.card.anycard import RESIDENCE_KINDS
from kakanai.card.reading import CardKind, CardReading, Reason
from kakanai.model import Sex
from kakanai.model.members import WorkflowError
from kakanai.model.reception_log import IdentityDocument


def needs_confirmation(reading: CardReading) -> bool:
    """The clerk must look before the member is added (a My Number card gives all four fields for certain)."""
    return bool(reading.unconfirmed) or reading.sex is None or reading.birth_date is None or not reading.name


def identity_document(kind: CardKind) -> IdentityDocument:
    """The identity document the reception log names for a card of `kind`."""
    if kind in RESIDENCE_KINDS:
        return IdentityDocument.RESIDENCE_CARD
    return IdentityDocument.DRIVERS_LICENSE if kind is CardKind.DRIVING_LICENCE else IdentityDocument.MYNUMBER_CARD


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


def without_confirmation(reading: CardReading) -> ConfirmedCard:
    """A reading that needs nothing from the clerk (a My Number card, a fully read 2nd-generation card…)."""
    if needs_confirmation(reading) or reading.name is None or reading.birth_date is None or reading.sex is None:
        raise ValueError("the reading needs the clerk's confirmation")
    return ConfirmedCard(reading, reading.name, reading.birth_date, reading.sex)
