"""RuleBook: the loaded catalog plus one municipality's parameters, ready to plan receptions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from kakanai import paths
from kakanai.model import Plan, Reception, Who
from kakanai.model.reception_schema import check_dates
from kakanai.model.schema import suggest
from kakanai.rules.catalog import CatalogLoader, ProcedureDef
from kakanai.rules.derivations import load_derivations
from kakanai.rules.engine import Catalog, Planner, canonical_facts, check_reception, resolve_subject
from kakanai.rules.facts import FactDef, load_facts
from kakanai.rules.municipality import Municipality, load_municipality
from kakanai.rules.yamlfile import RuleFileError


@dataclass(frozen=True)
class CatalogEntry:
    """A procedure the clerk may add to a plan."""

    id: str
    title: str
    per_person: bool
    department: str  # the department's name (its id when the municipality does not name it)


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
        """ReceptionError for dates outside the supported range (whatever built the reception)."""
        check_dates(reception)
        return self.planner.plan(reception)

    def validate_reception(self, reception: Reception) -> None:
        """Raise ReceptionError for an unknown fact id, a value outside the catalog, a missing subject, or a
        household the law makes impossible (kakanai.rules.household_checks)."""
        reception = resolve_subject(reception)
        check_reception(self.catalog.facts, reception, canonical_facts(self.catalog.facts, reception)[0])

    def procedures_on(self, day: date) -> list[ProcedureDef]:
        """The catalog in force on a day (for the clerk's "add a procedure" list)."""
        return [p for p in self.catalog.procedures if p.in_force(day)]

    def addable(self, day: date) -> list[CatalogEntry]:
        """The clerk's "add a procedure" list on a day: each procedure with its department's name."""
        departments = self.municipality.departments
        return [CatalogEntry(p.id, p.title, p.who is Who.PERSON,
                             departments[p.department].name if p.department in departments else p.department)
                for p in self.procedures_on(day)]


def _check_procedure_ids(municipality: Municipality, known: frozenset[str]) -> None:
    """A per-procedure setting naming a procedure the catalog does not have would silently do nothing (a
    typo in `enabled: false` leaves the procedure planned). (An unknown id in a branch office's accepts:
    changes no plan, and partial catalogs are loaded with the full office list: not checked.)"""
    for proc_id in municipality.overrides:
        if proc_id not in known:
            raise RuleFileError(municipality.locations.get(f"procedures.{proc_id}", municipality.source),
                                f"procedures.{proc_id}: 知らない手続IDです{suggest(proc_id, known)}")


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
    _check_procedure_ids(municipality, frozenset(p.id for p in procedures))
    derivations_file = rules_dir / "derivations.yaml"
    derivations = load_derivations(derivations_file, facts, frozenset(municipality.params))
    files = [rules_dir / "facts.yaml", *([derivations_file] if derivations_file.exists() else []), municipality_file,
             *sorted((rules_dir / "procedures").glob("*.yaml"))]
    return RuleBook(Catalog(facts, tuple(procedures), _fingerprint(files), derivations), municipality, rules_dir)
