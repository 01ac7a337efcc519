"""RuleBook: the loaded catalog plus one municipality's parameters, ready to plan receptions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from kakanai import paths
from kakanai.model import Plan, Reception
from kakanai.rules.catalog import CatalogLoader, ProcedureDef
from kakanai.rules.engine import Catalog, Planner, canonical_facts, resolve_subject
from kakanai.rules.facts import FactDef, load_facts
from kakanai.rules.municipality import Municipality, load_municipality


@dataclass(frozen=True)
class RuleBook:
    catalog: Catalog
    municipality: Municipality
    rules_dir: Path

    @cached_property
    def planner(self) -> Planner:
        return Planner(self.catalog, self.municipality)

    @property
    def version(self) -> str:
        return self.catalog.version

    @property
    def facts(self) -> dict[str, FactDef]:
        return dict(self.catalog.facts)

    def plan(self, reception: Reception) -> Plan:
        return self.planner.plan(reception)

    def validate_reception(self, reception: Reception) -> None:
        """Raise ReceptionError for an unknown fact id, a value outside the catalog, or a missing subject."""
        canonical_facts(self.catalog.facts, resolve_subject(reception))

    def procedures_on(self, day: date) -> list[ProcedureDef]:
        """The catalog in force on a day (for the clerk's "add a procedure" list)."""
        return [p for p in self.catalog.procedures if p.in_force(day)]


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


def load_rulebook(rules_dir: Path | None = None, municipality_file: Path | None = None,
                  forms_dir: Path | None = None, *, check_forms: bool = False) -> RuleBook:
    """Load and validate everything; RuleFileError (file:line, message) on the first problem.

    With `check_forms` (what `kakanai rules check` does) every form id a rule names must have its
    definition in forms/<id>.yaml; planning itself does not read the forms folder."""
    rules_dir = rules_dir or paths.rules_dir()
    municipality_file = municipality_file or paths.default_municipality_file()
    forms_dir = forms_dir or paths.forms_dir()
    facts = load_facts(rules_dir / "facts.yaml")
    municipality = load_municipality(municipality_file)
    form_ids = frozenset(p.stem for p in forms_dir.glob("*.yaml")) if check_forms else None
    if not form_ids:
        form_ids = None  # a rule set used without any form definitions (e.g. rules-only tooling)
    loader = CatalogLoader(facts, frozenset(municipality.params), frozenset(municipality.departments), form_ids)
    procedures = loader.load_dir(rules_dir / "procedures")
    files = [rules_dir / "facts.yaml", municipality_file, *sorted((rules_dir / "procedures").glob("*.yaml"))]
    return RuleBook(Catalog(facts, tuple(procedures), _fingerprint(files)), municipality, rules_dir)
