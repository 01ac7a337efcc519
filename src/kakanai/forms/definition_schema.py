"""The schema of a form definition's layout (forms/<id>.yaml and forms/blocks/*.yaml): the one definition
FormLoader checks (and so `kakanai forms check`, `render` and the counter), shown on
docs/files-you-can-edit.md. The `inputs:` section is parsed by FormLoader itself (docs/forms-format.md).

Coordinates are millimetres from the top-left corner; the ranges are wide (a block's offset may move
it anywhere) and the loader then checks that every item lands on the page.
"""

from __future__ import annotations

from typing import Any

from kakanai.model.schema import (
    AnyOf,
    Choice,
    Context,
    Flag,
    Int,
    Key,
    KeyPath,
    ListOf,
    Number,
    Obj,
    Spec,
    Text,
)

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0), "B4": (257.0, 364.0)}
MIN_TEXT_PT = 9.0  # nothing a resident reads is printed smaller (issue 4)
FORMATS = ("text", "wareki", "wareki_padded", "western", "era_code", "sex", "relationship", "yen")
KINDS = ("text", "title", "line", "rect", "field", "checkbox", "choice", "rows", "office", "signature", "note",
         "block")
MAX_ROWS = 40


class Opaque(Spec):
    """A section another module parses and checks itself (`inputs:`, FormLoader._input)."""

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        return None

    def kind(self) -> str:
        return "docs/forms-format.md の inputs を参照"


_MM = Number(lo=-1000.0, hi=1000.0)
_SIZE = AnyOf(options=(Number(lo=MIN_TEXT_PT, hi=72.0),
                       ListOf(item=Number(lo=MIN_TEXT_PT, hi=72.0), min_items=2, max_items=2)),
              doc=f"文字の大きさは {MIN_TEXT_PT:g}〜72pt の数か [最大, 最小]")
_SCALAR = AnyOf(options=(Text(max_len=100), Flag(), Int(lo=-(2**31), hi=2**31 - 1)),
                doc="文字列（100文字まで）・true / false・整数")
_WHEN = AnyOf(options=(_SCALAR, ListOf(item=_SCALAR, max_items=50)),
              doc="文字列・true / false・整数か、そのリスト（50個まで）")
_ALIGN = Choice(values=("left", "center", "right"))
_BINDING = Text(max_len=200, doc="値の出どころ（docs/forms-format.md の bindings）")

_RESIDENT = Text(max_len=200, non_empty=True)
_RESIDENT_DOC = "空欄のまま住民（証人・医師・役所）が書く理由（法令上、本人の手書きが要る欄など）"

COLUMN = Obj(title="表の列", keys=(
    Key("label", Text(max_len=100), required=True, doc="列の見出し"),
    Key("w", Number(lo=1.0, hi=420.0), required=True, doc="幅（mm）"),
    Key("value", _BINDING, required=True, doc="値（人ごとのバインディング）"),
    Key("format", Choice(values=FORMATS), doc="書式"),
    Key("align", _ALIGN, doc="揃え"),
    Key("size", _SIZE, doc="文字の大きさ"),
    Key("wrap", Flag(), doc="長い値（本籍）を行の中で2段に折り返す"),
    Key("resident", _RESIDENT, doc=_RESIDENT_DOC),
))

ITEM = Obj(title="描画項目", keys=(
    Key("type", Choice(values=KINDS), required=True, doc="項目の種類"),
    Key("x", _MM, doc="左端（mm）"), Key("y", _MM, doc="上端（mm）"),
    Key("w", Number(lo=0.0, hi=420.0), doc="幅（mm）"), Key("h", Number(lo=0.0, hi=420.0), doc="高さ（mm）"),
    Key("x2", _MM, doc="線の終点 x"), Key("y2", _MM, doc="線の終点 y"),
    Key("id", Text(max_len=60), doc="項目のID"),
    Key("text", Text(max_len=2000), doc="印刷する文字（見出し・注意書き）"),
    Key("label", Text(max_len=200), doc="欄の見出し"),
    Key("value", _BINDING, doc="値"),
    Key("format", Choice(values=FORMATS), doc="書式"),
    Key("size", _SIZE, doc=f"文字の大きさ（{MIN_TEXT_PT:g}pt以上）"),
    Key("align", _ALIGN, doc="揃え"),
    Key("wrap", Flag(), doc="折り返す"), Key("vertical", Flag(), doc="縦書き"),
    Key("source", Text(max_len=10), doc="値の出どころ（基・台・聴・職）"),
    Key("when", _WHEN, doc="チェックボックス: この値のとき印を付ける"),
    Key("also", ListOf(item=Obj(keys=(Key("value", _BINDING, required=True), Key("when", _WHEN, required=True))),
                       max_items=10), doc="チェックボックス: さらに満たすべき条件"),
    Key("options", ListOf(item=Obj(keys=(Key("value", _SCALAR, required=True),
                                         Key("text", Text(max_len=100), required=True))), max_items=50),
        doc="選択肢: 値と印刷する文字"),
    Key("columns", ListOf(item=COLUMN, max_items=20), doc="表（rows）の列"),
    Key("rows", Int(lo=1, hi=MAX_ROWS), doc="表の行数（1以上。0では人が印刷されない）"),
    Key("row_h", Number(lo=3.0, hi=100.0), doc="行の高さ（mm）"),
    Key("persons", Choice(values=("procedure", "named", "members", "children", "children_to_20", "couple")), doc="表に並べる人"),
    Key("font", Choice(values=("gothic", "mincho")), doc="書体（mincho: 値の明朝）"),
    Key("width", Number(lo=0.05, hi=5.0), doc="線の太さ（pt）"),
    Key("use", Text(max_len=60, pattern=r"[a-z0-9_]{1,60}", pattern_doc="共通ブロックの名前"),
        doc="共通ブロック（forms/blocks/<名前>.yaml）"),
    Key("dx", _MM, doc="ブロックをずらす x"), Key("dy", _MM, doc="ブロックをずらす y"),
    Key("resident", _RESIDENT, doc=_RESIDENT_DOC),
))

FORM = Obj(title="様式定義（forms/*.yaml）", keys=(
    Key("id", Text(max_len=60, pattern=r"[a-z0-9_]{1,60}", pattern_doc="英小文字・数字・_"), required=True,
        doc="様式ID（ファイル名と同じ）"),
    Key("title", Text(max_len=100, non_empty=True), required=True, doc="様式名"),
    Key("page", Obj(keys=(
        Key("size", Choice(values=tuple(PAGE_SIZES_MM)), doc="用紙（既定 A4）"),
        Key("orientation", Choice(values=("portrait", "landscape")), doc="向き（既定 portrait）"),
    )), doc="用紙"),
    Key("per", Choice(values=("person", "household")), doc="person: 人ごとに1枚 / household: 1枚に人を表で"),
    Key("items", ListOf(item=ITEM, max_items=2000), required=True, doc="描画項目"),
    Key("inputs", Opaque(), nullable=True, doc="様式だけが使う入力（docs/forms-format.md）"),
    Key("legal_basis", Text(max_len=300), nullable=True, doc="根拠法令"),
    Key("backoffice", Obj(keys=(
        Key("x", _MM), Key("y", _MM), Key("size", Number(lo=10.0, hi=60.0)),
    )), doc="事務処理用コードの位置と大きさ（mm）"),
    Key("template", Text(max_len=200, pattern=r"[^/\\][^\\]*\.pdf", pattern_doc="様式フォルダからの相対パスの .pdf"),
        doc="市町村の白紙様式PDF（重ね印刷）"),
))

BLOCK = Obj(title="共通ブロック（forms/blocks/*.yaml）", keys=(
    Key("items", ListOf(item=ITEM, max_items=1000), required=True, doc="描画項目"),
))
