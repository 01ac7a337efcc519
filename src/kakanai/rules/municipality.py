"""Municipality parameters (resources/municipality/default.yaml): names, departments and counters, the
(param) values of the catalog keyed by effective date, local holidays, per-procedure switches and
overrides, and the offices (本庁 and 支所 with the procedures each accepts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kakanai.model import Mode
from kakanai.model.schema import Context, KeyPath, SchemaError, suggest, validate
from kakanai.rules.municipality_schema import MUNICIPALITY, PARAMS, missing_params
from kakanai.rules.yamlfile import load_yaml, locator, schema_error


@dataclass(frozen=True)
class Department:
    key: str
    name: str
    counter: str
    place: str = ""  # floor or building, for the guidance sheet

    @property
    def full_counter(self) -> str:
        return " ".join(x for x in (self.place, self.counter) if x)


@dataclass(frozen=True)
class DatedValue:
    """A parameter whose value changes on dates (ordinances are amended): value in force on a day."""

    name: str
    changes: tuple[tuple[date, Any], ...]  # sorted by date
    legal_basis: str = ""

    def on(self, day: date) -> Any:
        current = None
        for start, value in self.changes:
            if start <= day:
                current = value
        return current


@dataclass(frozen=True)
class ProcedureOverride:
    enabled: bool = True
    mode: Mode | None = None
    department: str | None = None
    bring: tuple[str, ...] | None = None
    title: str | None = None


@dataclass(frozen=True)
class Office:
    id: str
    name: str
    main: bool
    accepts: frozenset[str] | None  # None: everything (the main office)


@dataclass(frozen=True)
class Municipality:
    name: str
    mayor_title: str
    prefecture: str
    departments: Mapping[str, Department]
    params: Mapping[str, DatedValue]
    local_holidays: frozenset[date]
    overrides: Mapping[str, ProcedureOverride]
    offices: Mapping[str, Office]
    source: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    # "procedures.<id>" -> file:line, for the checks against the catalog (rules/book.py)
    locations: Mapping[str, str] = field(default_factory=dict)

    def params_on(self, day: date) -> dict[str, Any]:
        return {name: p.on(day) for name, p in self.params.items()}

    @property
    def main_office(self) -> Office:
        return next(o for o in self.offices.values() if o.main)

    def office(self, office_id: str | None) -> Office:
        if office_id is None:
            return self.main_office
        return self.offices[office_id]


def load_municipality(path: Path) -> Municipality:
    """Load and check against MUNICIPALITY (rules/municipality_schema.py); RuleFileError (file:line: key:
    message) on the first problem. `kakanai rules check` calls this same function."""
    data = load_yaml(path)
    src = str(path)
    locate = locator(data)
    try:
        validate(MUNICIPALITY, data, src, locate)
    except SchemaError as exc:
        raise schema_error(exc) from None
    ctx = Context(src, locate)
    missing = missing_params(data["params"])
    if missing:
        raise schema_error(ctx.fail(("params",), f"パラメータ {missing[0]} がありません（{PARAMS[missing[0]].doc}）"))
    info = data["municipality"]
    departments = {str(key): Department(str(key), spec["name"], spec.get("counter") or "", spec.get("place") or "")
                   for key, spec in data["departments"].items()}
    params = {str(name): _dated(str(name), spec) for name, spec in data["params"].items()}
    overrides: dict[str, ProcedureOverride] = {}
    locations: dict[str, str] = {}
    for proc_id, spec in (data.get("procedures") or {}).items():
        at: KeyPath = ("procedures", proc_id)
        department = spec.get("department")
        if department is not None and department not in departments:
            raise schema_error(ctx.fail((*at, "department"), f"担当課 {department} は departments: にありません"
                                                             f"{suggest(department, departments)}"))
        overrides[proc_id] = ProcedureOverride(
            enabled=spec.get("enabled", True), mode=Mode(spec["mode"]) if "mode" in spec else None,
            department=department, bring=tuple(spec["bring"]) if "bring" in spec else None, title=spec.get("title"))
        locations[f"procedures.{proc_id}"] = f"{src}:{locate(at)}"
    offices = _offices(data.get("offices"), ctx)
    return Municipality(
        name=info["name"], mayor_title=info.get("mayor_title") or f"{info['name']}長",
        prefecture=info.get("prefecture") or "", departments=departments, params=params,
        local_holidays=frozenset(data.get("local_holidays") or ()), overrides=overrides, offices=offices,
        source=src, locations=locations,
    )



def _dated(name: str, spec: object) -> DatedValue:
    if isinstance(spec, dict):
        return DatedValue(name, tuple(sorted(spec["values"].items())), spec.get("legal_basis") or "")
    return DatedValue(name, ((date.min, spec),))


def _offices(raw: object, ctx: Context) -> dict[str, Office]:
    if raw is None:
        return {"main": Office("main", "本庁", True, None)}
    assert isinstance(raw, list)  # checked by the schema
    out: dict[str, Office] = {}
    for i, spec in enumerate(raw):
        main = spec.get("kind", "branch") == "main"
        if spec["id"] in out:
            raise schema_error(ctx.fail(("offices", i, "id"), f"庁舎のID {spec['id']} が重複しています"))
        if not main and "accepts" not in spec:
            raise schema_error(ctx.fail(("offices", i), f"支所 {spec['id']}: accepts:（受け付ける手続IDのリスト）が必要です"))
        out[spec["id"]] = Office(spec["id"], spec["name"], main, None if main else frozenset(spec["accepts"]))
    if sum(o.main for o in out.values()) != 1:
        raise schema_error(ctx.fail(("offices",), "本庁（kind: main）はちょうど1つです"))
    return out
