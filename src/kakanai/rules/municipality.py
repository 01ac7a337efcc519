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
from kakanai.rules.yamlfile import Located, RuleFileError, load_yaml, where


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

    def params_on(self, day: date) -> dict[str, Any]:
        return {name: p.on(day) for name, p in self.params.items()}

    @property
    def main_office(self) -> Office:
        return next(o for o in self.offices.values() if o.main)

    def office(self, office_id: str | None) -> Office:
        if office_id is None:
            return self.main_office
        return self.offices[office_id]


_TOP = {"municipality", "departments", "params", "local_holidays", "procedures", "offices"}


def load_municipality(path: Path) -> Municipality:
    data = load_yaml(path)
    src = str(path)
    if not isinstance(data, Located):
        raise RuleFileError(src, "市町村パラメータはオブジェクトです")
    unknown = set(data) - _TOP
    if unknown:
        raise RuleFileError(data.where(), f"知らないキー {sorted(unknown)[0]!r}")
    info = data.get("municipality") or {}
    departments: dict[str, Department] = {}
    for key, spec in (data.get("departments") or {}).items():
        at = where(spec, src)
        if not isinstance(spec, dict) or "name" not in spec:
            raise RuleFileError(at, f"課 {key}: name: が必要です")
        extra_keys = set(spec) - {"name", "counter", "place"}
        if extra_keys:
            raise RuleFileError(at, f"課 {key}: 知らないキー {sorted(extra_keys)[0]!r}")
        departments[str(key)] = Department(str(key), str(spec["name"]), str(spec.get("counter") or ""),
                                           str(spec.get("place") or ""))
    params: dict[str, DatedValue] = {}
    for name, spec in (data.get("params") or {}).items():
        params[str(name)] = _dated(str(name), spec, where(spec, data.where()))
    holidays = data.get("local_holidays") or []
    if not isinstance(holidays, list) or not all(isinstance(d, date) for d in holidays):
        raise RuleFileError(data.where(), "local_holidays: は日付（YYYY-MM-DD）のリストです")
    overrides: dict[str, ProcedureOverride] = {}
    for proc_id, spec in (data.get("procedures") or {}).items():
        overrides[str(proc_id)] = _override(str(proc_id), spec, where(spec, src))
    offices = _offices(data.get("offices"), data.where())
    return Municipality(
        name=str(info.get("name") or ""),
        mayor_title=str(info.get("mayor_title") or f"{info.get('name', '')}長"),
        prefecture=str(info.get("prefecture") or ""),
        departments=departments, params=params, local_holidays=frozenset(holidays),
        overrides=overrides, offices=offices, source=src,
    )


def _dated(name: str, spec: object, at: str) -> DatedValue:
    if isinstance(spec, dict) and "values" in spec:
        extra = set(spec) - {"values", "legal_basis", "description"}
        if extra:
            raise RuleFileError(at, f"パラメータ {name}: 知らないキー {sorted(extra)[0]!r}")
        values = spec["values"]
        if not isinstance(values, dict) or not all(isinstance(k, date) for k in values):
            raise RuleFileError(at, f"パラメータ {name}: values: は 施行日: 値 の対応表です")
        return DatedValue(name, tuple(sorted(values.items())), str(spec.get("legal_basis") or ""))
    if isinstance(spec, dict):
        raise RuleFileError(at, f"パラメータ {name}: 値か values: {{施行日: 値}} を書きます")
    return DatedValue(name, ((date.min, spec),))


def _override(proc_id: str, spec: object, at: str) -> ProcedureOverride:
    if not isinstance(spec, dict):
        raise RuleFileError(at, f"手続 {proc_id}: 設定はオブジェクトです")
    extra = set(spec) - {"enabled", "mode", "department", "bring", "title"}
    if extra:
        raise RuleFileError(at, f"手続 {proc_id}: 知らないキー {sorted(extra)[0]!r}")
    try:
        mode = Mode(spec["mode"]) if "mode" in spec else None
    except ValueError:
        raise RuleFileError(at, f"手続 {proc_id}: mode は here / guidance / done です") from None
    bring = spec.get("bring")
    return ProcedureOverride(
        enabled=bool(spec.get("enabled", True)), mode=mode, department=spec.get("department"),
        bring=tuple(str(b) for b in bring) if isinstance(bring, list) else None, title=spec.get("title"),
    )


def _offices(raw: object, at: str) -> dict[str, Office]:
    if raw is None:
        return {"main": Office("main", "本庁", True, None)}
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(at, "offices: は庁舎のリストです")
    out: dict[str, Office] = {}
    for spec in raw:
        here = where(spec, at)
        if not isinstance(spec, dict) or "id" not in spec or "name" not in spec:
            raise RuleFileError(here, "庁舎には id: と name: が必要です")
        main = spec.get("kind", "branch") == "main"
        accepts = spec.get("accepts")
        if not main and not isinstance(accepts, list):
            raise RuleFileError(here, f"支所 {spec['id']}: accepts:（受け付ける手続IDのリスト）が必要です")
        out[str(spec["id"])] = Office(str(spec["id"]), str(spec["name"]), main,
                                      None if main else frozenset(str(a) for a in accepts or ()))
    if sum(o.main for o in out.values()) != 1:
        raise RuleFileError(at, "本庁（kind: main）はちょうど1つです")
    return out
