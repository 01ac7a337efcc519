"""The schema of a municipality parameter file (resources/municipality/default.yaml): the one definition
that load_municipality (and so `kakanai rules check`, `plan`, `render` and the counter) checks, and that
docs/files-you-can-edit.md shows.

Every parameter the rules may use is declared here with its type and range: a parameter a rule does not
know would silently do nothing, a string or a float where a count is expected crashed the planner.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kakanai.model.reception_schema import EARLIEST_EVENT_DATE
from kakanai.model.schema import (
    Choice,
    Context,
    Day,
    Flag,
    Int,
    Key,
    KeyPath,
    ListOf,
    MapOf,
    Named,
    Obj,
    Spec,
    Text,
)

ID_PATTERN = r"[a-z][a-z0-9_]{0,59}"
_ID = Text(max_len=60, pattern=ID_PATTERN, pattern_doc="英小文字・数字・_ のID")
MODES = ("here", "guidance", "done")


@dataclass(frozen=True)
class Param:
    spec: Spec
    doc: str


# Ranges: what any municipality could really set; beyond them the value is a typing mistake (and a huge
# retention overflowed the date arithmetic of `purge`).
PARAMS: Mapping[str, Param] = {
    "child_medical_subsidy_age": Param(Int(lo=0, hi=22), "子ども医療費助成の対象年齢（N歳到達後最初の3月31日まで）"),
    "vaccination_ticket_age": Param(Int(lo=0, hi=20), "予防接種予診票を交付する子の年齢（この年齢未満）"),
    "child_allowance_change_on_moving_within": Param(Flag(), "転居時に児童手当の住所変更届が要る"),
    "head_change_automatic_on_death": Param(Flag(), "死亡届の受理で世帯主を自動的に変更する"),
    "nhi_funeral_benefit_yen": Param(Int(lo=0, hi=1_000_000), "国民健康保険 葬祭費の額（円）"),
    "retention_days": Param(Int(lo=0, hi=3650), "受付記録の個人情報を保存する日数（0は当日かぎり）"),
    "large_print_guidance": Param(Flag(), "窓口案内シートを大きな文字で印刷する"),
}

EFFECTIVE_DAY = Day(doc="施行日")


@dataclass(frozen=True)
class Dated(Spec):
    """A parameter: a plain value (in force on every date), or {values: {施行日: 値}} with a description
    and its legal basis. The first 施行日 must not be after the earliest event date a reception may have,
    or planning such a reception would find no value (issue 16: None reached the age arithmetic)."""

    value: Spec = field(default_factory=Spec)

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not isinstance(value, Mapping):
            self.value.check(value, ctx, path)
            return
        Obj(keys=(
            Key("values", MapOf(key=EFFECTIVE_DAY, value=self.value, min_items=1), required=True),
            Key("description", Text(max_len=200), nullable=True),
            Key("legal_basis", Text(max_len=200), nullable=True),
        )).check(value, ctx, path)
        first = min(value["values"])
        if first > EARLIEST_EVENT_DATE:
            raise ctx.fail((*path, "values"), (
                f"{first.isoformat()} より前の値がありません。受付は {EARLIEST_EVENT_DATE.isoformat()} 以降の"
                f"異動日を扱うので、その日以前の施行日の値を書いてください"))

    def kind(self) -> str:
        return f"{self.value.kind()}、または {{values: {{施行日: 値}}, description, legal_basis}}"


MUNICIPALITY = Obj(title="市町村パラメータ（municipality/*.yaml）", keys=(
    Key("municipality", Obj(title="市町村", keys=(
        Key("name", Text(max_len=40, non_empty=True), required=True, doc="市町村名"),
        Key("prefecture", Text(max_len=10), nullable=True, doc="都道府県"),
        Key("mayor_title", Text(max_len=40), nullable=True, doc="長の職名（省略時は 市町村名+長）"),
    )), required=True, doc="市町村名・都道府県・長の職名"),
    Key("departments", MapOf(key=_ID, min_items=1, value=Obj(title="担当課", keys=(
        Key("name", Text(max_len=60, non_empty=True), required=True, doc="課の名前"),
        Key("counter", Text(max_len=60), nullable=True, doc="窓口"),
        Key("place", Text(max_len=60), nullable=True, doc="場所（階・庁舎）"),
    ))), required=True, doc="担当課（キーは規則ファイルが使う課のID）"),
    Key("params", Named(specs={name: Dated(value=p.spec, doc=p.doc) for name, p in PARAMS.items()}),
        required=True, doc="パラメータ（下の表）"),
    Key("local_holidays", ListOf(item=Day(), max_items=366), nullable=True, doc="市町村独自の閉庁日"),
    Key("procedures", MapOf(key=_ID, value=Obj(title="手続ごとの設定", keys=(
        Key("enabled", Flag(), doc="false で計画に出さない"),
        Key("mode", Choice(values=MODES), doc="here（ここで）/ guidance（案内）/ done（済み）"),
        Key("department", _ID, doc="担当課のキー（departments: にあるもの）"),
        Key("bring", ListOf(item=Text(max_len=100), max_items=30), doc="持ち物"),
        Key("title", Text(max_len=100, non_empty=True), doc="手続名"),
    ))), nullable=True, doc="手続ごとの設定（キーは手続ID）"),
    Key("offices", ListOf(min_items=1, max_items=100, item=Obj(title="庁舎", keys=(
        Key("id", _ID, required=True, doc="庁舎のID"),
        Key("name", Text(max_len=60, non_empty=True), required=True, doc="庁舎名"),
        Key("kind", Choice(values=("main", "branch")), doc="main（本庁、ちょうど1つ）/ branch（支所、既定）"),
        Key("accepts", ListOf(item=_ID, max_items=500), doc="支所が受け付ける手続IDのリスト（支所は必須）"),
    ))), nullable=True, doc="本庁と支所（省略時は本庁だけ）"),
))


def missing_params(given: Mapping[str, object]) -> list[str]:
    """Declared parameters the file does not set (each rule that uses one needs it)."""
    return [name for name in PARAMS if name not in given]
