"""Reading a pre-entry one code at a time, as a camera or a handheld scanner delivers them.

Parts accumulate until a set is complete; a part read again is reported as not new and otherwise ignored.
Codes of another pre-entry may appear meanwhile (the next resident's phone): each set is kept apart and
the first one completed wins. A set whose content fails validation is dropped, so the resident can fix the
entry and show a new code.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from kakanai.model import Reception
from kakanai.qr.errors import QrError
from kakanai.qr.frame import Part, parse_part
from kakanai.qr.payload import Assembler, PartProgress, Validator, decode_stream


@dataclass(frozen=True)
class IntakeResult:
    progress: PartProgress
    reception: Reception | None  # set when this part completed its pre-entry


class Intake:
    """Thread-safe: the scanner input (UI thread) and the camera loop (its worker) may share one, so the
    parts of one pre-entry can come from either."""

    def __init__(self, *, validate: Validator | None = None) -> None:
        self._validate = validate
        self._assembler = Assembler()
        self._lock = threading.Lock()

    def add_text(self, text: str) -> IntakeResult:
        """One code's text; QrError for a text that is not a valid part or completes an invalid set."""
        part = parse_part(text)
        with self._lock:
            return self._add(part)

    def _add(self, part: Part) -> IntakeResult:
        progress = self._assembler.add(part)
        if progress.missing:
            return IntakeResult(progress, None)
        try:
            reception = decode_stream(self._assembler.stream(part.set_id), validate=self._validate)
        except QrError:
            self._assembler.discard(part.set_id)
            raise
        self._assembler = Assembler()  # done: the next reception starts empty
        return IntakeResult(progress, reception)

    def reset(self) -> None:
        with self._lock:
            self._assembler = Assembler()
