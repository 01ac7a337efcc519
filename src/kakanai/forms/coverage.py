"""Every box accounted for (`kakanai forms coverage`): each field of each form is filled from the reception,
asked as an input, or left for the resident by law, with the reason. A field that is none of these would
print empty merely because nobody asked; `kakanai forms check` refuses it.

Fields are the `field` items and the columns of `rows` items (the boxes a value is written in), signature
and office boxes, plain frames marked `resident:` (the 出生証明書), and tick boxes (`checkbox`, `choice`): a
tick box is decided by the reception (the event, the procedure, who filed, a fact), asked as a choice input
(`kind: choice`, kakanai.forms.choices), or left for someone by law (`resident:`: a consent only the
claimant gives, a document the office checks); one that is none of these is refused like a field."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kakanai.forms.definition import FormDefinition, Item
from kakanai.forms.inputs import input_of

SIGNATURE_REASON = "署名は本人が自署します（押印に代わる本人の意思表示）"
OFFICE_REASON = "※欄は職員が記入します"


class Coverage(StrEnum):
    RECEPTION = "reception"  # filled from the reception (card, QR, interview, plan, municipality)
    INPUT = "input"  # asked at the counter (forms/*.yaml inputs:)
    BY_LAW = "by_law"  # left for the resident, a witness, the doctor or the office, by law
    UNASKED = "unasked"  # a field or tick box nobody fills: refused by `forms check` and `forms coverage`


@dataclass(frozen=True)
class FieldCoverage:
    form: str
    field: str  # the field's label (a rows column: 「rows id: label」)
    kind: str  # field | column | checkbox | choice | signature | office
    status: Coverage
    binding: str = ""
    reason: str = ""


def _status(value: str, resident: str) -> tuple[Coverage, str]:
    if resident:
        return Coverage.BY_LAW, resident
    if value and value != "blank":
        return (Coverage.INPUT if input_of(value) else Coverage.RECEPTION), ""
    return Coverage.UNASKED, ""


def _frame_label(form: FormDefinition, frame: Item) -> str:
    """A plain frame's label: the text printed at its top-left corner (the layout convention of labels)."""
    for item in form.items:
        if item.kind == "text" and frame.x <= item.x <= frame.x + 2 and frame.y <= item.y <= frame.y + 1.5:
            return item.text
    return f"枠（x {frame.x:g}, y {frame.y:g} mm）"


def form_coverage(form: FormDefinition) -> list[FieldCoverage]:
    out: list[FieldCoverage] = []
    for item in form.items:
        name = item.label or item.text or item.id
        if item.kind == "rect" and item.resident:
            # A frame printed empty for someone else to write (the doctor's 出生証明書).
            out.append(FieldCoverage(form.id, _frame_label(form, item), "frame", Coverage.BY_LAW, "", item.resident))
        elif item.kind in ("signature", "office"):
            reason = item.resident or (SIGNATURE_REASON if item.kind == "signature" else OFFICE_REASON)
            out.append(FieldCoverage(form.id, name, item.kind, Coverage.BY_LAW, "", reason))
        elif item.kind in ("field", "checkbox", "choice"):
            status, reason = _status(item.value, item.resident)
            out.append(FieldCoverage(form.id, name, item.kind, status, item.value, reason))
        elif item.kind == "rows":
            for column in item.columns:
                status, reason = _status(column.value, column.resident)
                out.append(FieldCoverage(form.id, f"{item.id}: {column.label}", "column", status, column.value,
                                         reason))
    return out


def coverage_problems(form: FormDefinition) -> list[str]:
    """The fields `forms check` refuses: printed empty with nobody asked and no legal reason."""
    return [f"{form.source}: {'チェック欄' if c.kind in ('checkbox', 'choice') else '欄'}「{c.field}」は受付の情報にも"
            "入力にも結び付いていません。value: を結び付けるか（チェック欄は kind: choice の入力も使えます）、"
            "法令上住民が記入する欄なら resident: に理由を書いてください"
            for c in form_coverage(form) if c.status is Coverage.UNASKED]
