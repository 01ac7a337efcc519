"""The rules' side of the resident's language: every procedure's reason templates and deadline notes and
the municipality's departments, handed to kakanai.model.i18n.ResidentTexts (which reads the catalog)."""

from __future__ import annotations

from kakanai.model.i18n import ResidentTexts, load_catalog
from kakanai.model.i18n.resident import Department
from kakanai.rules.book import RuleBook


def resident_texts(book: RuleBook, language: str) -> ResidentTexts:
    """Raises kakanai.model.i18n.UnknownLanguageError for a language without a catalog."""
    reasons: dict[str, dict[str, None]] = {}
    notes: dict[str, dict[str, None]] = {}
    for proc in book.catalog.procedures:  # every version of a procedure (valid_from/valid_to)
        reasons.setdefault(proc.id, {}).update(dict.fromkeys(t.reason for t in proc.triggers))
        found = notes.setdefault(proc.id, {})
        for rule in (proc.deadline, *(t.deadline for t in proc.triggers)):
            if rule is not None and rule.note:
                found[rule.note] = None
    departments = {key: Department(d.name, d.counter, d.place) for key, d in book.municipality.departments.items()}
    return ResidentTexts(load_catalog(language), {k: tuple(v) for k, v in reasons.items()},
                         {k: tuple(v) for k, v in notes.items()}, departments)
