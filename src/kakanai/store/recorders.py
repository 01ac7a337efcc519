"""The counter's recorders: where a finished reception (the reception, its plan, its log: the audit, what
was printed, the errors shown, the step times) goes. The counter works without a database (demo mode, a
database that is down) and says so instead of losing the reception silently.

A recorder holds nothing between receptions: everything it writes comes in the FinishedReception it is
handed (issue 15: a reception cleared without a record can never leave its printed-PDF hash or its
errors in the next household's record)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kakanai.model import FinishedReception, reception_to_dict
from kakanai.model.reception_log import RecordError as RecordError  # re-exported: recorders raise it
from kakanai.oserror_text import os_reason

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


class JsonLinesRecorder:
    """A local append-only file when no database is configured yet (no My Number, no PIN ever)."""

    name = "ローカルファイル"

    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, finished: FinishedReception, context: RecordContext) -> str | None:
        entry = {
            "reception": reception_to_dict(finished.reception),
            "procedures": [{"id": p.id, "person": p.person, "mode": p.mode.value}
                           for p in (finished.plan.procedures if finished.plan else ())],
            "rules_version": finished.plan.rules_version if finished.plan else None,
            "audit": [a.to_dict() for a in finished.audit],
            "sources": finished.sources,
            "seconds": round(finished.seconds, 1),
            "counter": context.counter,
            "office": context.office,
            "printed": [{"form": d.form_id, "person": d.person, "sha256": d.sha256} for d in finished.log.printed],
            "errors": [{"code": e.code, "message": e.message} for e in finished.log.errors],
            "identity_document": finished.log.identity.value if finished.log.identity is not None else None,
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise RecordError(f"受付の記録を保存できません（{self.path}: {os_reason(exc, self.path)}）") from None
        return None
