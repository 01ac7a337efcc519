"""The offices (本庁・支所) part of the municipality parameters editor, without Qt.

A branch office (支所) handles at its own counter only the procedures listed in its `accepts:`; the
planner turns every other one into guidance to the main office (kakanai.rules.engine). The main office
accepts everything, so it has no list. The operations edit the plain YAML data of the editor and record
what changed, so the audit entry of the save names the office.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, NoReturn

from kakanai.rules.book import RuleBook
from kakanai.rules.municipality_schema import ID_PATTERN

OFFICE_ID = re.compile(ID_PATTERN)  # what the municipality schema accepts for an office id
MAIN_ACCEPTS_ALL = "本庁ではすべての手続を受け付けます"
# What the loader assumes when the file has no `offices:` (kakanai.rules.municipality._offices).
DEFAULT_OFFICES: tuple[dict[str, Any], ...] = ({"id": "main", "name": "本庁", "kind": "main"},)


class OfficeKind(Enum):
    MAIN = "main"
    BRANCH = "branch"

    @property
    def label(self) -> str:
        return "本庁" if self is OfficeKind.MAIN else "支所"


@dataclass(frozen=True)
class OfficeRow:
    id: str
    name: str
    kind: OfficeKind
    accepts: tuple[str, ...]  # procedure ids a branch office handles itself; () for the main office


@dataclass(frozen=True)
class ProcedureChoice:
    id: str
    title: str


def _refuse(text: str) -> NoReturn:
    # Imported here: municipality_edit builds its editor on OfficeOperations (an import cycle otherwise).
    from kakanai.rules.municipality_edit import MunicipalityEditError

    raise MunicipalityEditError(text)


def check_new_office(existing: Iterable[OfficeRow], office_id: str, name: str) -> None:
    """Refuse (MunicipalityEditError) an id or a name a new branch office cannot have. Shared by the
    editor and the dialog, which asks before the save so the administrator can correct it at once."""
    rows = tuple(existing)
    if not OFFICE_ID.fullmatch(office_id):
        _refuse(
            f"支所のID「{office_id}」は使えません。半角の英小文字で始め、英小文字・数字・アンダースコア（_）の60文字までで入力してください")
    if any(row.id == office_id for row in rows):
        _refuse(f"支所のID「{office_id}」はすでにあります")
    _check_name(rows, office_id, name)


def _check_name(rows: tuple[OfficeRow, ...], office_id: str, name: str) -> None:
    if not name.strip():
        _refuse(f"庁舎 {office_id}: 名前を入力してください")
    # Two offices of the same name could not be told apart in the counter settings or on a sheet.
    if any(row.name == name.strip() and row.id != office_id for row in rows):
        _refuse(f"庁舎名「{name.strip()}」はほかの庁舎で使われています")


def check_removable(row: OfficeRow, counter_office: str) -> None:
    """Refuse (MunicipalityEditError) removing the main office, or the office this counter's own settings
    use: after the restart the counter would plan at an office the file no longer has. Shared by the
    editor and the dialog, which asks before its confirmation."""
    if row.kind is OfficeKind.MAIN:
        _refuse(f"{row.name}は本庁のため削除できません")
    if row.id == counter_office:
        _refuse(f"{row.name}はこの窓口端末の設定（庁舎）で使われているため削除できません。"
                "先に設定の庁舎を変更して保存してください")


class OfficeOperations:
    """Mixed into MunicipalityEditor: the offices accessor and operations."""

    data: dict[str, Any]
    book: RuleBook
    _changed: set[str]
    counter_office: str
    today: Callable[[], date]

    # -- what the dialog shows -------------------------------------------------------------------------
    def offices(self) -> tuple[OfficeRow, ...]:
        return tuple(OfficeRow(str(spec["id"]), str(spec.get("name") or ""),
                               OfficeKind.MAIN if spec.get("kind", "branch") == "main" else OfficeKind.BRANCH,
                               tuple(str(a) for a in spec.get("accepts") or ()))
                     for spec in self._office_specs())

    def office(self, office_id: str) -> OfficeRow:
        for row in self.offices():
            if row.id == office_id:
                return row
        _refuse(f"庁舎 {office_id} はありません")

    def procedure_choices(self, day: date | None = None) -> tuple[ProcedureChoice, ...]:
        """Every procedure of the rule book once, in its order: a branch may accept a procedure not yet in
        force (its counter is prepared before the 施行日). The title is the one in force on the day."""
        day = day or self.today()
        titles: dict[str, str] = {}
        for proc in self.book.catalog.procedures:
            if proc.id not in titles or proc.in_force(day):
                titles[proc.id] = proc.title
        return tuple(ProcedureChoice(pid, title) for pid, title in titles.items())

    # -- edits -----------------------------------------------------------------------------------------
    def rename_office(self, office_id: str, name: str) -> None:
        row = self.office(office_id)
        _check_name(self.offices(), office_id, name)
        if row.name != name.strip():
            self._spec(office_id)["name"] = name.strip()
            self._changed.add(f"offices.{office_id}.name")

    def set_office_accepts(self, office_id: str, procedure_ids: Iterable[str]) -> None:
        row = self.office(office_id)
        if row.kind is OfficeKind.MAIN:
            _refuse(f"{row.name}: {MAIN_ACCEPTS_ALL}（受付範囲は支所に設定します）")
        wanted = self._accepts(row, procedure_ids, keep=row.accepts)
        if set(wanted) != set(row.accepts):
            self._spec(office_id)["accepts"] = list(wanted)
            self._changed.add(f"offices.{office_id}.accepts")

    def add_branch_office(self, office_id: str, name: str, accepts: Iterable[str] = ()) -> None:
        check_new_office(self.offices(), office_id, name)
        row = OfficeRow(office_id, name.strip(), OfficeKind.BRANCH, ())
        wanted = self._accepts(row, accepts, keep=())
        self._office_list().append({"id": office_id, "name": row.name, "kind": "branch", "accepts": list(wanted)})
        self._changed.add(f"offices.{office_id}.added")

    def remove_branch_office(self, office_id: str) -> None:
        check_removable(self.office(office_id), self.counter_office)
        specs = self._office_list()
        specs[:] = [spec for spec in specs if str(spec.get("id")) != office_id]
        # Added and removed in the same edit: the file does not change for this office, nor does the trail.
        added = f"offices.{office_id}.added" in self._changed
        self._changed -= {c for c in self._changed if c.startswith(f"offices.{office_id}.")}
        if not added:
            self._changed.add(f"offices.{office_id}.removed")

    # -- the data --------------------------------------------------------------------------------------
    def _accepts(self, row: OfficeRow, procedure_ids: Iterable[str], *, keep: tuple[str, ...]) -> tuple[str, ...]:
        """The ids in the rule book's order, each once. An id the rule book does not know is refused,
        unless the file already had it (a procedure since removed from the rules: not silently lost)."""
        order = {choice.id: i for i, choice in enumerate(self.procedure_choices())}
        wanted = list(dict.fromkeys(str(p) for p in procedure_ids))
        unknown = [p for p in wanted if p not in order and p not in keep]
        if unknown:
            _refuse(f"{row.name}: 手続ID {unknown[0]} は規則にありません")
        return tuple(sorted(wanted, key=lambda p: order.get(p, len(order))))

    def _office_specs(self) -> list[dict[str, Any]]:
        raw = self.data.get("offices")
        return raw if isinstance(raw, list) else [dict(spec) for spec in DEFAULT_OFFICES]

    def _office_list(self) -> list[dict[str, Any]]:
        """The `offices:` list of the document, written out (with the implied main office) on the first
        edit of a file that had none."""
        specs = self._office_specs()
        self.data["offices"] = specs
        return specs

    def _spec(self, office_id: str) -> dict[str, Any]:
        return next(spec for spec in self._office_list() if str(spec.get("id")) == office_id)
