"""Recording a finished reception (the plan, what was printed, the audit, timings) through whatever
kakanai.store offers; the counter works without a database (demo mode, a database that is down) and
says so instead of losing the reception silently."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kakanai.app.workflow import FinishedReception

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecordContext:
    counter: str
    office: str | None
    demo: bool


class ReceptionRecorder(Protocol):
    name: str

    def record(self, finished: FinishedReception, context: RecordContext) -> str | None:
        """Store the reception; return its record id, or raise RecordError with a Japanese message."""
        ...

    def note_printed(self, form_id: str, person: str | None, pdf: bytes) -> None:
        """A document handed to the printer during the current reception (goes with its record)."""
        ...

    def note_error(self, code: str, message: str) -> None:
        """An error shown to the clerk during the current reception (goes with its record)."""
        ...


class RecordError(RuntimeError):
    pass


class NullRecorder:
    """Demo and training mode: nothing is stored (the sample residents are fictitious)."""

    name = "記録なし（デモ・研修）"

    def record(self, finished: FinishedReception, context: RecordContext) -> str | None:
        return None

    def note_printed(self, form_id: str, person: str | None, pdf: bytes) -> None:
        return None

    def note_error(self, code: str, message: str) -> None:
        return None


class JsonLinesRecorder:
    """A local append-only file when no database is configured yet (no My Number, no PIN ever)."""

    name = "ローカルファイル"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._printed: list[dict[str, str | None]] = []
        self._errors: list[dict[str, str]] = []

    def note_printed(self, form_id: str, person: str | None, pdf: bytes) -> None:
        self._printed.append({"form": form_id, "person": person, "sha256": hashlib.sha256(pdf).hexdigest()})

    def note_error(self, code: str, message: str) -> None:
        self._errors.append({"code": code, "message": message})

    def record(self, finished: FinishedReception, context: RecordContext) -> str | None:
        entry = {
            "reception": finished.reception,
            "procedures": [{"id": p.id, "person": p.person, "mode": p.mode.value}
                           for p in (finished.plan.procedures if finished.plan else ())],
            "rules_version": finished.plan.rules_version if finished.plan else None,
            "audit": [a.to_dict() for a in finished.audit],
            "sources": finished.sources,
            "seconds": round(finished.seconds, 1),
            "counter": context.counter,
            "office": context.office,
            "printed": self._printed,
            "errors": self._errors,
        }
        self._printed, self._errors = [], []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise RecordError(f"受付の記録を保存できません（{self.path}: {exc.strerror}）") from None
        return None
