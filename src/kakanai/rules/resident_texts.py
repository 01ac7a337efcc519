"""The rules' side of the resident's language: every procedure's reason templates and deadline notes and
the municipality's departments, handed to kakanai.model.i18n.ResidentTexts (which reads the catalog)."""

from __future__ import annotations

from kakanai.model.i18n import ResidentTexts, load_catalog
from kakanai.model.i18n.resident import Department
from kakanai.rules.book import RuleBook

# Built once per rule book and language: the resident screen asks on every change of the reception, the
# counter's renderer and `--lang` on every render. Few books live in a process; the oldest are dropped.
_BUILT: dict[tuple[int, str], tuple[RuleBook, ResidentTexts]] = {}
_KEEP = 16


def resident_texts(book: RuleBook, language: str) -> ResidentTexts:
    """Raises kakanai.model.i18n.UnknownLanguageError for a language without a catalog."""
    key = (id(book), language)
    hit = _BUILT.get(key)
    if hit is not None and hit[0] is book:
        return hit[1]
    texts = _build(book, language)
    while len(_BUILT) >= _KEEP:
        del _BUILT[next(iter(_BUILT))]
    _BUILT[key] = (book, texts)
    return texts


def _build(book: RuleBook, language: str) -> ResidentTexts:
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
