"""Scan routing, in one place (issue 15): every code's text from the scanner, the camera or the demo
tray is a guidance sheet's reception code (北見: continue that reception), a part of a resident's
pre-entry (collected until the set is complete), or neither (a clear Japanese message)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kakanai.model import Reception
from kakanai.qr import Intake, PartProgress, QrError, Validator, guidance_reception_id


class ScanKind(StrEnum):
    CONTINUE = "continue"  # a guidance sheet's code: open that earlier reception
    PART = "part"  # a pre-entry part; more parts are missing
    PREENTRY = "preentry"  # the pre-entry is complete
    ERROR = "error"  # not a code the counter knows, or a broken pre-entry


@dataclass(frozen=True)
class Scan:
    kind: ScanKind
    message: str = ""  # Japanese, for the clerk
    reception_id: str | None = None  # CONTINUE
    reception: Reception | None = None  # PREENTRY
    progress: PartProgress | None = None  # PART and PREENTRY


class ScanRouter:
    def __init__(self, validate: Validator | None = None) -> None:
        self._intake = Intake(validate=validate)

    def route(self, text: str) -> Scan:
        reception_id = guidance_reception_id(text)
        if reception_id is not None:
            return Scan(ScanKind.CONTINUE, reception_id=reception_id)
        try:
            result = self._intake.add_text(text)
        except QrError as exc:
            return Scan(ScanKind.ERROR, exc.message)
        progress = result.progress
        if result.reception is None:
            missing = "、".join(f"{n}枚目" for n in progress.missing)
            return Scan(ScanKind.PART, f"QRコード {progress.count}枚中{len(progress.received)}枚目まで読みました。残り: {missing}",
                        progress=progress)
        return Scan(ScanKind.PREENTRY, "事前入力のQRコードを読み取りました", reception=result.reception, progress=progress)

    def reset(self) -> None:
        self._intake.reset()
