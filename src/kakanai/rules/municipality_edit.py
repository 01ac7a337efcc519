"""The administrator's editor of the municipality parameters (issue 7: "the administrator edits
municipality parameters"), without Qt.

The file is edited as plain data (yaml.safe_load; dates stay dates) through a few operations, then
saved only after the whole rule book validates with it: a counter must never start on a file that
`load_rulebook` refuses. An ordinance value is never overwritten in the past: a change is a new dated
value (values: {施行日: 値}) from the effective date the administrator chooses, so the plan of an
earlier visit stays explainable. Every save names its staff member in the audit trail.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from kakanai import paths
from kakanai.model.reception_log import RecordError
from kakanai.model.reception_schema import EARLIEST_EVENT_DATE
from kakanai.model.schema import Flag, Int
from kakanai.rules.book import RuleBook, load_rulebook
from kakanai.rules.municipality import DatedValue
from kakanai.rules.municipality_offices import OfficeOperations
from kakanai.rules.municipality_schema import PARAMS
from kakanai.rules.yamlfile import RuleFileError

EDITED_FILE = "municipality.yaml"
AUDIT_ACTION = "municipality_parameters_saved"
HEADER_MARK = "# kakanai:"  # our own header line; replaced, never repeated, on the next save
DUMP_WIDTH = 110


class MunicipalityEditError(ValueError):
    """An edit or a save refused, with a Japanese message for the administrator."""


class ParamKind(Enum):
    INT = "int"
    BOOL = "bool"
    TEXT = "str"


@dataclass(frozen=True)
class Identity:
    name: str
    prefecture: str
    mayor_title: str


@dataclass(frozen=True)
class DepartmentRow:
    key: str  # used by the rule files: fixed
    name: str
    counter: str
    place: str


@dataclass(frozen=True)
class ParamRow:
    name: str
    description: str
    legal_basis: str
    values: tuple[tuple[date, Any], ...]  # sorted by 施行日
    current: Any  # in force on the day asked
    kind: ParamKind | None  # None: a kind this editor does not change (a list, a float…)
    lo: int = 0  # INT: the range the municipality schema allows (municipality_schema.PARAMS)
    hi: int = 2**31 - 1


@dataclass(frozen=True)
class ProcedureSwitch:
    id: str
    title: str
    enabled: bool


@dataclass(frozen=True)
class SavedParameters:
    path: Path
    sha256: str
    changed: tuple[str, ...]
    settings_must_point_here: bool  # a new file in the config folder: the counter settings must name it
    backup: Path | None
    audit_problem: str | None = None  # Japanese: the audit entry could not be written (the file was saved)


AuditNote = Callable[[str, dict[str, Any]], None]


def save_target(municipality_file: str, config_folder: Path) -> tuple[Path, bool]:
    """Where an edit is saved, and whether the settings must then point there. The bundled default is
    never written (an update of the program would silently replace it): the first edit goes to the
    counter's config folder."""
    if municipality_file:
        return Path(municipality_file), False
    return config_folder / EDITED_FILE, True


def _kind(name: str, values: Mapping[date, Any]) -> tuple[ParamKind | None, int, int]:
    """The kind (and an integer's range) the municipality schema declares for a known parameter; for a
    parameter the schema does not know (a municipality's own addition), the kind its values share."""
    known = PARAMS.get(name)
    if known is not None:
        spec = known.spec
        if isinstance(spec, Int):
            return ParamKind.INT, spec.lo, spec.hi
        if isinstance(spec, Flag):
            return ParamKind.BOOL, 0, 0
    kinds = set()
    for value in values.values():
        # bool before int: YAML's true is also an int to Python.
        kinds.add(ParamKind.BOOL if isinstance(value, bool) else ParamKind.INT if isinstance(value, int)
                  else ParamKind.TEXT if isinstance(value, str) else None)
    return (kinds.pop() if len(kinds) == 1 else None), 0, 2**31 - 1


def _comments(text: str) -> dict[str, list[str]]:
    """The comment lines right above each top-level key, so a save keeps the municipality's notes."""
    out: dict[str, list[str]] = {}
    pending: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            if not line.startswith(HEADER_MARK):
                pending.append(line)
            continue
        match = re.match(r"^([A-Za-z_][\w]*):", line)
        if match:
            out[match.group(1)] = pending
        if line.strip():
            pending = []
    return out


class MunicipalityEditor(OfficeOperations):
    """The operations on identity, departments, params, procedure switches and local holidays; those on
    the offices (本庁・支所) come from OfficeOperations."""

    def __init__(self, source: Path, book: RuleBook, *, target: Path, new_file: bool, staff: str = "",
                 note: AuditNote | None = None, today: Callable[[], date] = date.today,
                 counter_office: str = "") -> None:
        text = source.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        if not isinstance(data, dict):
            raise MunicipalityEditError(f"市町村パラメータのファイルを読めません（{source.name}）")
        self.data: dict[str, Any] = data  # the document being edited (plain YAML data)
        self.source = source
        self.book = book
        self.target = target
        self.new_file = new_file
        self.staff = staff
        self.note = note
        self.today = today
        # The office id this counter's settings use ("" = the main office): never removed under it.
        self.counter_office = counter_office
        self._comments = _comments(text)
        self._changed: set[str] = set()

    @classmethod
    def for_counter(cls, book: RuleBook, municipality_file: str, *, config_folder: Path, staff: str = "",
                    note: AuditNote | None = None, today: Callable[[], date] = date.today,
                    counter_office: str = "") -> MunicipalityEditor:
        """The editor of the file this counter uses: the settings' file when it can be read (a previous
        edit not yet loaded by a restart), else the file the rule book was loaded from."""
        target, new_file = save_target(municipality_file, config_folder)
        source = Path(book.municipality.source or paths.default_municipality_file())
        if target.is_file():
            source = target
        try:
            return cls(source, book, target=target, new_file=new_file, staff=staff, note=note, today=today,
                       counter_office=counter_office)
        except (OSError, yaml.YAMLError, MunicipalityEditError):
            fallback = Path(book.municipality.source or paths.default_municipality_file())
            return cls(fallback, book, target=target, new_file=new_file, staff=staff, note=note, today=today,
                       counter_office=counter_office)

    # -- what the dialog shows -------------------------------------------------------------------------
    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(sorted(self._changed))

    def identity(self) -> Identity:
        info = self.data.get("municipality") or {}
        return Identity(str(info.get("name") or ""), str(info.get("prefecture") or ""),
                        str(info.get("mayor_title") or ""))

    def departments(self) -> tuple[DepartmentRow, ...]:
        return tuple(DepartmentRow(str(key), str(spec.get("name") or ""), str(spec.get("counter") or ""),
                                   str(spec.get("place") or ""))
                     for key, spec in (self.data.get("departments") or {}).items())

    def params(self, day: date | None = None) -> tuple[ParamRow, ...]:
        day = day or self.today()
        out = []
        for name, spec in (self.data.get("params") or {}).items():
            values = self._values(str(name))
            info = spec if isinstance(spec, dict) else {}
            out.append(ParamRow(str(name), str(info.get("description") or ""), str(info.get("legal_basis") or ""),
                                tuple(sorted(values.items())),
                                DatedValue(name, tuple(sorted(values.items()))).on(day), *_kind(str(name), values)))
        return tuple(out)

    def param(self, name: str, day: date | None = None) -> ParamRow:
        for row in self.params(day):
            if row.name == name:
                return row
        raise MunicipalityEditError(f"パラメータ {name} はありません")

    def procedures(self, day: date | None = None) -> tuple[ProcedureSwitch, ...]:
        overrides = self.data.get("procedures") or {}
        return tuple(ProcedureSwitch(p.id, p.title, bool((overrides.get(p.id) or {}).get("enabled", True)))
                     for p in self.book.procedures_on(day or self.today()))

    def local_holidays(self) -> tuple[date, ...]:
        return tuple(sorted(self.data.get("local_holidays") or []))

    # -- edits -----------------------------------------------------------------------------------------
    def set_identity(self, name: str, prefecture: str, mayor_title: str) -> None:
        if not name.strip():
            raise MunicipalityEditError("市町村名を入力してください")
        info = self.data.setdefault("municipality", {})
        for key, value in (("name", name), ("prefecture", prefecture), ("mayor_title", mayor_title)):
            if str(info.get(key) or "") != value.strip():
                info[key] = value.strip()
                self._changed.add(f"municipality.{key}")

    def set_department(self, key: str, name: str, counter: str, place: str) -> None:
        departments = self.data.get("departments") or {}
        if key not in departments:
            raise MunicipalityEditError(f"担当課 {key} はありません")
        if not name.strip():
            raise MunicipalityEditError(f"担当課 {key}: 名前を入力してください")
        spec = departments[key]
        new = {"name": name.strip(), "counter": counter.strip(), "place": place.strip()}
        if any(str(spec.get(k) or "") != v for k, v in new.items()):
            # Only the keys the loader knows; an empty place is left out as the default file does.
            departments[key] = {k: v for k, v in new.items() if v or k in spec}
            self._changed.add(f"departments.{key}")

    def set_param(self, name: str, value: Any, effective_from: date) -> bool:
        """Add (or replace) the value in force from `effective_from`; history before it stays. False when
        the value is already in force on that day (nothing to write)."""
        row = self.param(name, effective_from)
        label = f"パラメータ {name}" + (f"（{row.description}）" if row.description else "")
        if row.kind is None:
            raise MunicipalityEditError(f"{label} はこの画面では変更できません。ファイルを直接編集してください")
        if row.kind is ParamKind.BOOL and not isinstance(value, bool):
            raise MunicipalityEditError(f"{label} は「はい・いいえ」で指定します（{value!r}）")
        if row.kind is ParamKind.INT:
            if isinstance(value, bool) or not isinstance(value, int):
                raise MunicipalityEditError(f"{label} は整数で指定します（{value!r}）")
            if not row.lo <= value <= row.hi:
                # Ages, day counts and amounts: beyond the schema's range it is a typing mistake.
                raise MunicipalityEditError(f"{label} は {row.lo}〜{row.hi} の整数で指定します（{value}）")
        if row.kind is ParamKind.TEXT and not isinstance(value, str):
            raise MunicipalityEditError(f"{label} は文字で指定します（{value!r}）")
        values = self._values(name)
        if effective_from not in values and row.current == value:
            return False
        if values.get(effective_from, object()) == value:
            return False
        values[effective_from] = value
        spec = self.data["params"][name]
        if not isinstance(spec, dict):  # a plain value: becomes dated, the old one from the beginning
            spec = {}
            self.data["params"][name] = spec
        spec["values"] = dict(sorted(values.items()))
        self._changed.add(f"params.{name}@{effective_from.isoformat()}")
        return True

    def set_procedure_enabled(self, procedure_id: str, enabled: bool) -> None:
        overrides = self.data.get("procedures") or {}
        spec = dict(overrides.get(procedure_id) or {})
        if bool(spec.get("enabled", True)) == enabled:
            return
        if enabled:
            spec.pop("enabled", None)  # the default; the other overrides (mode, bring…) stay
        else:
            spec["enabled"] = False
        if spec:
            overrides[procedure_id] = spec
        else:
            overrides.pop(procedure_id, None)
        self.data["procedures"] = overrides
        self._changed.add(f"procedures.{procedure_id}.enabled")

    def add_local_holiday(self, day: date) -> None:
        holidays = list(self.data.get("local_holidays") or [])
        if day not in holidays:
            self.data["local_holidays"] = sorted([*holidays, day])
            self._changed.add("local_holidays")

    def remove_local_holiday(self, day: date) -> None:
        holidays = list(self.data.get("local_holidays") or [])
        if day in holidays:
            holidays.remove(day)
            self.data["local_holidays"] = holidays
            self._changed.add("local_holidays")

    def _values(self, name: str) -> dict[date, Any]:
        spec = (self.data.get("params") or {}).get(name)
        if isinstance(spec, dict) and isinstance(spec.get("values"), dict):
            return dict(spec["values"])
        # A plain value is in force since ever: from the first day a reception can have, which the
        # municipality schema requires every parameter to cover.
        return {EARLIEST_EVENT_DATE: spec}

    # -- saving ----------------------------------------------------------------------------------------
    def dump(self) -> str:
        when = self.today().isoformat()
        lines = [f"{HEADER_MARK} 市町村パラメータ編集画面で書き出し（{when}、職員 {self.staff or '不明'}）"]
        for key, value in self.data.items():
            lines.extend(self._comments.get(str(key), []))
            lines.append(yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False,
                                        default_flow_style=None, width=DUMP_WIDTH).rstrip("\n"))
            lines.append("")
        return "\n".join(lines)

    def save(self, target: Path | None = None) -> SavedParameters:
        """Validate with the whole rule book, then replace the file atomically (the old one kept as
        <name>.bak). Raises MunicipalityEditError (nothing written) when the result would not load."""
        target = target or self.target
        body = self.dump().encode("utf-8")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:
            raise MunicipalityEditError(f"保存先に書き込めません（{target.parent}: {exc}）") from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(body)
                out.flush()
                os.fsync(out.fileno())
            try:
                load_rulebook(self.book.rules_dir, municipality_file=tmp)
            except RuleFileError as exc:
                message = str(exc).replace(str(tmp), target.name)
                raise MunicipalityEditError(f"保存できません。規則として読めない内容です: {message}") from None
            backup = target.with_name(target.name + ".bak") if target.exists() else None
            if backup is not None:
                shutil.copy2(target, backup)
            os.replace(tmp, target)  # atomic: a counter never reads half a file
        except OSError as exc:
            raise MunicipalityEditError(f"保存できません（{target}: {exc}）") from None
        finally:
            tmp.unlink(missing_ok=True)
        digest = hashlib.sha256(body).hexdigest()
        changed = self.changed
        self.source = target
        self._changed.clear()
        return SavedParameters(target, digest, changed, self.new_file, backup, self._audit(target, digest, changed))

    def _audit(self, target: Path, digest: str, changed: tuple[str, ...]) -> str | None:
        if self.note is None:
            return None
        # Ids and hashes only: the trail outlives the retention purge and must hold no personal data.
        detail: dict[str, Any] = {"file": target.name, "sha256": digest, "changed": list(changed)}
        try:
            self.note(AUDIT_ACTION, detail)
        except RecordError as exc:  # the trail could not be written
            return f"保存しましたが、監査記録に書けませんでした: {exc}"
        return None
