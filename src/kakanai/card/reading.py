"""What any card gives the counter: one `CardReading` per read, whatever the card kind.

`unconfirmed` lists what the clerk must confirm before the member is added (issue 18): "ocr" for text
read from a card-face image, "gaiji" for a 外字 shown as 〓 with its bitmap in `gaiji`. A card that holds
no sex (the licence, a 1st-generation 在留カード read without OCR of the sex) gives sex None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kakanai.card.basicinfo import BasicInfo
from kakanai.model import Sex

# Where the name is printed on the 1st-generation card face (x, y, width, height at 300 dpi), the same
# box the simulator prints into. ⚠ Taken from the published sample face, not measured on a real card.
# Here, not in kakanai.card.ocr: the simulator draws into it without loading pytesseract and numpy.
NAME_BOX = (40, 60, 940, 70)

class CardKind(StrEnum):
    MYNUMBER = "mynumber"
    DRIVING_LICENCE = "driving_licence"
    RESIDENCE_CARD = "residence_card"
    SPECIAL_PERMANENT_RESIDENT = "special_permanent_resident"

    @property
    def label(self) -> str:
        return {
            "mynumber": "マイナンバーカード",
            "driving_licence": "運転免許証",
            "residence_card": "在留カード",
            "special_permanent_resident": "特別永住者証明書",
        }[self.value]


class Reason(StrEnum):
    OCR = "ocr"
    GAIJI = "gaiji"


@dataclass(frozen=True)
class Unconfirmed:
    field: str
    reason: Reason


@dataclass(frozen=True)
class GaijiGlyph:
    """One 外字: where it is and its bitmap (rows of 0/1, row-major), for the clerk's character prompt."""

    field: str
    index: int
    number: int  # 外字1..7; 0 = 欠字 (no bitmap)
    size: int = 0
    rows: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"field": self.field, "index": self.index, "number": self.number, "bitmap": list(self.rows)}


@dataclass(frozen=True)
class CardImage:
    """An image the card holds (the card face, a name or address image); kept for the clerk to look at."""

    role: str  # "face" (card front), "address"
    media_type: str  # image/tiff, image/png
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class SignatureCheck:
    status: str  # "verified", "invalid", "no_certificate", "unsupported"
    detail: str = ""


@dataclass(frozen=True)
class CardReading:
    kind: CardKind
    name: str | None
    address: str | None
    birth_date: date | None
    sex: Sex | None
    nationality: str | None = None
    unconfirmed: tuple[Unconfirmed, ...] = ()
    notes: tuple[str, ...] = ()  # Japanese, shown to the clerk ("住所は裏書の最新（…）です")
    extra: tuple[tuple[str, str], ...] = ()  # kind-specific text fields (status, expiry, licence number…)
    gaiji: tuple[GaijiGlyph, ...] = ()
    images: tuple[CardImage, ...] = ()
    signature: SignatureCheck | None = None

    @classmethod
    def from_basic_info(cls, info: BasicInfo) -> CardReading:
        return cls(CardKind.MYNUMBER, info.name, info.address, info.birth_date, info.sex)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "kind": self.kind.value,
            "name": self.name,
            "address": self.address,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "sex": self.sex.value if self.sex else None,
            "nationality": self.nationality,
            "unconfirmed": [{"field": u.field, "reason": u.reason.value} for u in self.unconfirmed],
        }
        out.update(dict(self.extra))
        if self.notes:
            out["notes"] = list(self.notes)
        if self.gaiji:
            out["gaiji"] = [g.to_dict() for g in self.gaiji]
        if self.images:
            out["images"] = [
                {"role": i.role, "media_type": i.media_type, "bytes": len(i.data)} for i in self.images
            ]
        if self.signature is not None:
            out["signature"] = {"status": self.signature.status, "detail": self.signature.detail}
        return out
