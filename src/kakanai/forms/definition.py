"""Form definitions (forms/<id>.yaml, shared blocks in forms/blocks/): loaded and validated into frozen
dataclasses. The format is documented in docs/forms-format.md. Coordinates are millimetres from the
top-left corner of the page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from kakanai.forms.binding_paths import check_binding
from kakanai.forms.choices import CHOICE_SEPARATOR
from kakanai.forms.definition_schema import BLOCK, FORM, FORMATS, MIN_TEXT_PT, PAGE_SIZES_MM
from kakanai.forms.fonts import FontRole
from kakanai.model import LifeEvent
from kakanai.model.schema import Locator, SchemaError, Spec, validate
from kakanai.model.yamldoc import load_yaml, locator

__all__ = ["FORMATS", "MIN_TEXT_PT", "PAGE_SIZES_MM", "Column", "FormDefinition", "FormDefinitionError",
           "FormInput", "FormLoader", "Item", "extent"]

INPUT_SCOPES = ("reception", "household", "person")
INPUT_KINDS = ("text", "kana", "digits", "phone", "address", "date", "choice")
# What an input's `proposed:` may name (FormInput.proposed).
FILER_RELATION, GUARDIAN_RELATION = "filer_relation", "guardian_relation"
# The 離婚届's 離婚の種別 (協議離婚 when the interview said no court) and the minors under the parent who keeps
# them (custodial_parent: 夫 / 妻が親権を行う子), proposed from the answers (kakanai.forms.inputs).
DIVORCE_KIND, CUSTODY_FATHER, CUSTODY_MOTHER = "divorce_kind", "children_of_father", "children_of_mother"
HEAD_BEFORE = "head_before"  # the 住民異動届's 前の世帯主: the household's 世帯主 as listed (the register's, 台)
# The 児童手当 受給事由消滅届's reason at a divorce: the recipient no longer keeps the children (児童手当法4条1項1号).
END_BY_DIVORCE = "end_by_divorce"
# The other of the couple a marriage or divorce is about, and the address they are listed at (the 児童扶養手当
# 資格喪失届's 婚姻の相手方, the 国民年金の届's 配偶者・元配偶者); the day a court divorce was made (the
# reception's event date, 戸籍法77条・63条: the 10 days count from it).
PARTNER, PARTNER_ADDRESS, COURT_DATE = "partner", "partner_address", "court_date"
# The children's other parent on a 児童扶養手当 claim (児童扶養手当法施行規則 様式: 父又は母の氏名・生年月日・
# 住所): the one who died, or the former spouse, when listed; its address box says the day of death.
OTHER_PARENT, OTHER_PARENT_BIRTH, OTHER_PARENT_ADDRESS = "other_parent", "other_parent_birth", "other_parent_address"
# A child's 子ども医療費 変更届 at a marriage or divorce that changes the 保護者's 氏, not the child's: 保護者の変更.
GUARDIAN_CHANGE = "guardian_change"
PROPOSERS = (FILER_RELATION, GUARDIAN_RELATION, DIVORCE_KIND, CUSTODY_FATHER, CUSTODY_MOTHER, HEAD_BEFORE,
             END_BY_DIVORCE, PARTNER, PARTNER_ADDRESS, COURT_DATE, OTHER_PARENT, OTHER_PARENT_BIRTH,
             OTHER_PARENT_ADDRESS, GUARDIAN_CHANGE)
EVENTS = tuple(e.value for e in LifeEvent)


class FormDefinitionError(ValueError):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Column:
    label: str
    w: float
    value: str
    format: str = "text"
    align: str = "left"
    size: tuple[float, float] = (11.0, 9.0)
    resident: str = ""  # why the box is left for the resident (or a witness, the office) to write, by law
    wrap: bool = False  # a long value (本籍) continues on a second line of the row


@dataclass(frozen=True)
class Item:
    """One drawing instruction. `kind` is text | title | line | rect | field | checkbox | choice | rows |
    office | signature | note."""

    kind: str
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    id: str = ""
    text: str = ""
    label: str = ""
    value: str = ""  # a binding (kakanai.forms.bindings)
    format: str = "text"
    size: tuple[float, float] = (12.0, 9.0)  # largest and smallest font size for values
    align: str = "left"
    wrap: bool = False
    vertical: bool = False
    source: str = ""  # 基 / 台 / 聴 / 職: where the value comes from (forms.md)
    when: tuple[str, ...] = ()  # checkbox: ticked when the value is one of these (or truthy if empty)
    # checkbox: further conditions that must hold too, each (binding, when). One form often serves several
    # procedures (国保の届: 加入・喪失・変更), and a reason box belongs to one procedure AND one event.
    also: tuple[tuple[str, tuple[str, ...]], ...] = ()
    options: tuple[tuple[str, str], ...] = ()  # choice: (value, printed text)
    columns: tuple[Column, ...] = ()
    rows: int = 0
    row_h: float = 8.0
    # rows: procedure (the persons of the procedure) | named (a household procedure's: the members its reason
    # names, e.g. those in 国保) | members | children | children_to_20 (and a disabled child until 20) | couple
    persons: str = "procedure"
    font: FontRole = FontRole.LABEL
    line_width: float = 0.6
    x2: float = 0.0
    y2: float = 0.0
    resident: str = ""  # why the box is left for the resident (or a witness, the office) to write, by law


@dataclass(frozen=True)
class FormInput:
    """A value the form needs and the rules do not (phone, 本籍…): asked at the end, else an empty box.

    scope: `reception` (one value: 電話番号), `household` (one value for every member, a member may have
    their own: 本籍・筆頭者), `person` (one value per member the form prints it for)."""

    id: str
    label: str
    scope: str  # INPUT_SCOPES
    kind: str = "text"  # INPUT_KINDS: how the counter's editor behaves (IME off for digits …)
    hint: str = ""
    events: tuple[str, ...] = ()  # asked only for these events (LifeEvent values); () = every event
    # kind `choice`: the options the clerk picks from (the values the form's tick boxes test, `when:`);
    # `multiple`: several may be picked (stored joined by CHOICE_SEPARATOR).
    options: tuple[str, ...] = ()
    multiple: bool = False
    # asked only for a document printed for one of these procedures (a form serving several: 国保の届の
    # 加入の理由 is not asked for a 喪失); () = every procedure that prints the form
    procedures: tuple[str, ...] = ()
    # A 戸籍 item (本籍・筆頭者): only Japanese nationals have one (戸籍法6条; a foreign resident's record has
    # the 国籍・地域, 住基法30条の45), so a foreign member never takes the household's value, only their own.
    family_register: bool = False
    # A 戸籍 item whose box takes a foreign member's 国籍 instead (the 婚姻届's 「本籍（外国人は国籍）」, the 出生届's):
    # that member is asked their own value under this label (a person input). "": a foreign member's box is empty.
    foreign_label: str = ""
    # What the counter proposes for it, worked out for each sheet (kakanai.forms.inputs): `filer_relation`,
    # the 届出人's (請求者's) relation to the sheet's person or the event's subject from the 続柄 (妻, 子…);
    # `guardian_relation`, the same when it is a 保護者's (父, 母, 祖父, 祖母). A proposal, confirmed by the
    # clerk like a フリガナ; "": nothing proposed.
    proposed: str = ""

    def asked_for(self, event: str, procedure: str | None) -> bool:
        """Whether the counter asks this input for a document of `event` (a LifeEvent value) printed for
        `procedure` (None: no procedure, a preview): outside its `events`/`procedures` its box stays empty
        because nothing belongs there (a death has no 転出先)."""
        if self.events and event not in self.events:
            return False
        return not (self.procedures and procedure is not None and procedure not in self.procedures)


@dataclass(frozen=True)
class FormDefinition:
    id: str
    title: str
    page_mm: tuple[float, float]
    per: str  # person: one form per person of the procedure | household: one form, persons in rows
    items: tuple[Item, ...]
    inputs: tuple[FormInput, ...]
    legal_basis: str
    backoffice: tuple[float, float, float]  # x, y, size (mm)
    source: str
    template: Path | None = None  # municipal template PDF (overlay mode)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def rows_item(self) -> Item | None:
        return next((i for i in self.items if i.kind == "rows"), None)


def _read(path: Path, spec: Spec) -> tuple[Any, Locator]:
    """The YAML document checked against its schema; FormDefinitionError (file:line, key: message)."""
    try:
        raw = load_yaml(path)
        locate = locator(raw)
        validate(spec, raw, str(path), locate)
    except SchemaError as exc:
        raise FormDefinitionError(exc.where, f"{exc.key}: {exc.message}" if exc.path else exc.message) from None
    return raw, locate


def extent(item: Item) -> tuple[float, float]:
    """The right and bottom edges (mm) of what an item prints."""
    if item.kind == "rows":
        return item.x + sum(c.w for c in item.columns), item.y + 6 + item.rows * item.row_h
    if item.kind == "line":
        return max(item.x, item.x2), max(item.y, item.y2)
    return item.x + item.w, item.y + item.h


def _check_layout(item: Item, where: str, page: tuple[float, float]) -> None:
    """What would print wrongly or not at all: refused when loading, so no check passes what render refuses."""
    right, bottom = extent(item)
    name = item.id or item.label or item.text[:20] or item.kind
    if min(item.x, item.y) < 0 or right > page[0] + 1e-6 or bottom > page[1] + 1e-6:
        raise FormDefinitionError(where, f"「{name}」が用紙（{page[0]:g}×{page[1]:g}mm）の外にはみ出しています"
                                         f"（{right:.1f}×{bottom:.1f}mm）")
    if item.kind in ("field", "office", "signature", "rect") and (item.w <= 0 or item.h <= 0):
        raise FormDefinitionError(where, f"「{name}」の幅と高さ（w:, h:）を指定してください")
    if item.kind == "rows" and not item.columns:
        raise FormDefinitionError(where, f"表「{name}」に columns: がありません")
    if item.kind == "rows" and item.rows < 1:
        raise FormDefinitionError(where, f"表「{name}」の rows: は1以上です（0では人が印刷されません）")


def _check_template(template: Path, where: str) -> None:
    """A template that is not a readable PDF would crash the overlay at render time."""
    if not template.is_file():
        raise FormDefinitionError(where, f"template: の白紙様式PDFがありません（{template}）")
    try:
        with template.open("rb") as f:
            if f.read(5) != b"%PDF-":
                raise FormDefinitionError(where, f"template: がPDFではありません（{template}）")
        if not PdfReader(str(template)).pages:
            raise FormDefinitionError(where, f"template: のPDFにページがありません（{template}）")
    except (OSError, PyPdfError, ValueError) as exc:
        if isinstance(exc, FormDefinitionError):
            raise
        raise FormDefinitionError(where, f"template: のPDFが読めません（{template}: {exc}）") from None


def _when(raw: object) -> tuple[str, ...]:
    return tuple(str(w) for w in (raw if isinstance(raw, list) else [raw] if raw is not None else []))


def _num(raw: Mapping[str, Any], key: str, where: str, default: float = 0.0) -> float:
    v = raw.get(key, default)
    if not isinstance(v, int | float) or isinstance(v, bool):
        raise FormDefinitionError(where, f"{key} は数値です（{v!r}）")
    return float(v)


def _size(raw: object, where: str, default: tuple[float, float]) -> tuple[float, float]:
    if raw is None:
        return default
    if isinstance(raw, int | float):
        return (float(raw), float(raw))
    if isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, int | float) for v in raw):
        return (float(raw[0]), float(raw[1]))
    raise FormDefinitionError(where, f"size は数値か [最大, 最小] です（{raw!r}）")


class FormLoader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._blocks: dict[str, list[Any]] = {}

    def block(self, name: str, where: str) -> list[Any]:
        if name not in self._blocks:
            path = self.folder / "blocks" / f"{name}.yaml"
            if not path.is_file():
                raise FormDefinitionError(where, f"共通ブロック {name} がありません（{path}）")
            data, _ = _read(path, BLOCK)
            self._blocks[name] = data["items"]
        return self._blocks[name]

    def load(self, path: Path) -> FormDefinition:
        where = str(path)
        raw, locate = _read(path, FORM)
        if raw["id"] != path.stem:
            raise FormDefinitionError(f"{where}:{locate(('id',))}",
                                      f"id（{raw['id']!r}）はファイル名 {path.stem} と同じにします")
        page = raw.get("page") or {}
        pw, ph = PAGE_SIZES_MM[page.get("size", "A4")]
        if page.get("orientation", "portrait") == "landscape":
            pw, ph = ph, pw
        per = raw.get("per", "person")
        inputs = tuple(self._input(i, where) for i in raw.get("inputs") or [])
        labels = [i.label for i in inputs]
        if len(set(labels)) < len(labels):  # the clerk tells the counter's fields apart by their labels only
            same = next(label for label in labels if labels.count(label) > 1)
            raise FormDefinitionError(where, f"入力のラベル「{same}」が2つあります（窓口の欄を見分けられません）")
        input_ids = {i.id for i in inputs}
        items: list[Item] = []
        for n, item in enumerate(raw["items"]):
            at = f"{where}:{locate(('items', n))}: items[{n}]"
            for built in self._items(item, at, input_ids, 0.0, 0.0):
                _check_layout(built, at, (pw, ph))
                items.append(built)
        bo = raw.get("backoffice") or {}
        template = raw.get("template")
        form = FormDefinition(
            id=path.stem, title=str(raw.get("title") or ""), page_mm=(pw, ph), per=per, items=tuple(items),
            inputs=inputs, legal_basis=str(raw.get("legal_basis") or ""),
            backoffice=(_num(bo, "x", where, pw - 32), _num(bo, "y", where, 8), _num(bo, "size", where, 24)),
            source=where, template=(path.parent / template) if template else None,
        )
        x, y, size = form.backoffice
        if x < 0 or y < 0 or x + size > pw or y + size > ph:
            raise FormDefinitionError(f"{where}:{locate(('backoffice',))}", "事務処理用コードが用紙の外にあります")
        if form.template is not None:
            _check_template(form.template, f"{where}:{locate(('template',))}")
        return form

    def _input(self, raw: object, where: str) -> FormInput:
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("label"):
            raise FormDefinitionError(where, "inputs の各項目には id: と label: が必要です")
        unknown = set(raw) - {"id", "label", "scope", "kind", "hint", "events", "options", "multiple", "procedures",
                              "family_register", "foreign_label", "proposed"}
        if unknown:
            raise FormDefinitionError(where, f"入力 {raw['id']}: 知らないキー {sorted(unknown)[0]!r}")
        scope = raw.get("scope", "reception")
        if scope not in INPUT_SCOPES:
            raise FormDefinitionError(where, f"入力 {raw['id']}: scope は {', '.join(INPUT_SCOPES)} のいずれかです（{scope!r}）")
        kind = raw.get("kind", "text")
        if kind not in INPUT_KINDS:
            raise FormDefinitionError(where, f"入力 {raw['id']}: kind は {', '.join(INPUT_KINDS)} のいずれかです（{kind!r}）")
        events = _when(raw.get("events"))
        for event in events:
            if event not in EVENTS:
                raise FormDefinitionError(where, f"入力 {raw['id']}: events の {event!r} は届出の種類ではありません（{', '.join(EVENTS)}）")
        options = self._options(raw, kind, where)
        procedures = raw.get("procedures", [])
        if not isinstance(procedures, list) or not all(isinstance(p, str) and p for p in procedures):
            raise FormDefinitionError(where, f"入力 {raw['id']}: procedures: は手続IDのリストです")
        if not isinstance(raw.get("family_register", False), bool):
            raise FormDefinitionError(where, f"入力 {raw['id']}: family_register: は true か false です")
        foreign_label = raw.get("foreign_label", "")
        if not isinstance(foreign_label, str) or (foreign_label and raw.get("family_register") is not True):
            raise FormDefinitionError(where, f"入力 {raw['id']}: foreign_label: は family_register: true の入力に付ける文字列です")
        proposed = raw.get("proposed", "")
        if proposed not in ("", *PROPOSERS):
            raise FormDefinitionError(where, f"入力 {raw['id']}: proposed: は {', '.join(PROPOSERS)} のいずれかです（{proposed!r}）")
        return FormInput(str(raw["id"]), str(raw["label"]), scope, kind, str(raw.get("hint") or ""), events,
                         options, bool(raw.get("multiple", False)), tuple(procedures),
                         bool(raw.get("family_register", False)), foreign_label, str(proposed))

    @staticmethod
    def _options(raw: Mapping[str, Any], kind: str, where: str) -> tuple[str, ...]:
        """A choice input's options: one source for the counter's list and the form's tick boxes."""
        name = f"入力 {raw['id']}"
        if kind != "choice":
            if "options" in raw or "multiple" in raw:
                raise FormDefinitionError(where, f"{name}: options: と multiple: は kind: choice の入力にだけ書けます")
            return ()
        options = raw.get("options")
        if not isinstance(options, list) or not options or not all(isinstance(o, str) and o for o in options):
            raise FormDefinitionError(where, f"{name}: kind: choice には options: （選択肢の文字列のリスト）が必要です")
        if len(set(options)) != len(options):
            raise FormDefinitionError(where, f"{name}: options: に同じ選択肢が2回あります")
        joined = [o for o in options if CHOICE_SEPARATOR in o]
        if joined:
            raise FormDefinitionError(where, f"{name}: 選択肢「{joined[0]}」に「{CHOICE_SEPARATOR}」は使えません（複数選択の区切りです）")
        if not isinstance(raw.get("multiple", False), bool):
            raise FormDefinitionError(where, f"{name}: multiple: は true か false です")
        return tuple(options)

    def _items(self, raw: object, where: str, inputs: set[str], dx: float, dy: float) -> list[Item]:
        assert isinstance(raw, dict)  # checked by the schema (ITEM)
        kind = raw["type"]
        if kind == "block":
            name = str(raw.get("use"))
            ox, oy = dx + _num(raw, "dx", where), dy + _num(raw, "dy", where)
            out: list[Item] = []
            for n, sub in enumerate(self.block(name, where)):
                out.extend(self._items(sub, f"{where} ブロック {name}[{n}]", inputs, ox, oy))
            return out
        value = str(raw.get("value") or "")
        if value:
            problem = check_binding(value, inputs)
            if problem:
                raise FormDefinitionError(where, problem)
        fmt = str(raw.get("format") or "text")
        columns = tuple(self._column(c, where, inputs) for c in raw.get("columns") or [])
        options = tuple((str(o.get("value")), str(o.get("text"))) for o in raw.get("options") or [])
        when = raw.get("when")
        also = self._also(raw.get("also"), where, inputs) if kind == "checkbox" else ()
        if "also" in raw and kind != "checkbox":
            raise FormDefinitionError(where, "also: はチェックボックスにだけ書けます")
        size = _size(raw.get("size"), where, (18.0, 18.0) if kind == "title" else (12.0, 9.0))
        return [Item(
            kind=kind, x=_num(raw, "x", where) + dx, y=_num(raw, "y", where) + dy, w=_num(raw, "w", where),
            h=_num(raw, "h", where), id=str(raw.get("id") or ""), text=str(raw.get("text") or ""),
            label=str(raw.get("label") or ""), value=value, format=fmt, size=size,
            align=str(raw.get("align") or "left"), wrap=bool(raw.get("wrap", False)),
            vertical=bool(raw.get("vertical", False)), source=str(raw.get("source") or ""),
            when=_when(when), also=also, options=options, columns=columns, rows=int(raw.get("rows") or 0), row_h=_num(raw, "row_h", where, 8.0),
            persons=str(raw.get("persons") or "procedure"),
            font=FontRole.DATA if raw.get("font") == "mincho" else FontRole.LABEL,
            line_width=_num(raw, "width", where, 0.6), x2=_num(raw, "x2", where) + dx, y2=_num(raw, "y2", where) + dy,
            resident=str(raw.get("resident") or ""),
        )]

    @staticmethod
    def _also(raw: object, where: str, inputs: set[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if raw is None:
            return ()
        out = []
        for cond in raw if isinstance(raw, list) else ():  # shape checked by the schema (ITEM)
            binding = str(cond["value"])
            problem = check_binding(binding, inputs)
            if problem:
                raise FormDefinitionError(where, problem)
            out.append((binding, _when(cond["when"])))
        return tuple(out)

    def _column(self, raw: object, where: str, inputs: set[str]) -> Column:
        assert isinstance(raw, dict)  # checked by the schema (COLUMN)
        problem = check_binding(str(raw["value"]), inputs, row=True)
        if problem:
            raise FormDefinitionError(where, problem)
        fmt = str(raw.get("format") or "text")
        size = _size(raw.get("size"), where, (11.0, 9.0))
        return Column(str(raw["label"]), _num(raw, "w", where), str(raw["value"]), fmt,
                      str(raw.get("align") or "left"), size, str(raw.get("resident") or ""),
                      bool(raw.get("wrap", False)))
