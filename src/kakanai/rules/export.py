"""The catalog as plain JSON data, for programs outside Python that must decide exactly as the engine
does: the resident's pre-entry page evaluates these same conditions in JavaScript, so its questions and
its list of probable procedures never drift from the rules (issue 8)."""

from __future__ import annotations

from datetime import date
from typing import Any

from kakanai.rules.book import RuleBook
from kakanai.rules.catalog import DeadlineRule


def _deadline(rule: DeadlineRule | None) -> dict[str, Any] | None:
    if rule is None:
        return None
    return {"days": rule.days, "from": rule.base, "counting": rule.counting.value, "note": rule.note}


def _iso(day: date) -> str | None:
    return None if day in (date.min, date.max) else day.isoformat()


def export_catalog(book: RuleBook) -> dict[str, Any]:
    """Everything the conditions need: facts, procedures with their triggers as written, dated
    parameters, departments and offices. Conditions keep the language of docs/rules-format.md."""
    m = book.municipality
    return {
        "version": book.version,
        "municipality": {"name": m.name, "mayor_title": m.mayor_title, "prefecture": m.prefecture},
        "facts": [
            {"id": f.id, "scope": f.scope.value, "kind": f.kind.value, "prompt": f.prompt, "help": f.help,
             "values": list(f.values), "value_labels": list(f.value_labels), "none_value": f.none_value,
             "min": f.minimum, "max": f.maximum, "late_elderly_values": list(f.late_elderly_values)}
            for f in book.catalog.facts.values()
        ],
        "derivations": [
            {"fact": d.fact, "value": d.value, "events": sorted(e.value for e in d.events), "when": d.when_source,
             "basis": d.basis, "reason": d.reason}
            for d in book.catalog.derivations
        ],
        "params": {name: [[_iso(start) or "0001-01-01", value] for start, value in p.changes]
                   for name, p in m.params.items()},
        "departments": {k: {"name": d.name, "counter": d.full_counter} for k, d in m.departments.items()},
        "procedures": [
            {
                "id": p.id, "title": p.title, "department": p.department, "who": p.who.value, "mode": p.mode.value,
                "forms": list(p.forms), "bring": list(p.bring), "legal_basis": p.legal_basis,
                "deadline": _deadline(p.deadline), "valid_from": _iso(p.valid_from), "valid_to": _iso(p.valid_to),
                "judged_on": {"date": p.judged_on.date, "basis": p.judged_on.basis},
                "claimant": {"rule": p.claimant.rule, "basis": p.claimant.basis},
                "enabled": m.overrides[p.id].enabled if p.id in m.overrides else True,
                "triggers": [
                    {"events": sorted(e.value for e in t.events), "about": t.about, "when": t.when_source,
                     "reason": t.reason, "mode": t.mode.value if t.mode else None, "deadline": _deadline(t.deadline),
                     "bring": list(t.bring)}
                    for t in p.triggers
                ],
            }
            for p in book.catalog.procedures
        ],
    }
