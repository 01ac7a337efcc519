"""Declarative schemas for the files a user edits (reception JSON, municipality parameters, form layouts,
card simulator profiles): ONE definition per file kind, used by its loader, by its `check` command and by
`scripts/gen_file_docs.py`, which writes docs/files-you-can-edit.md from it.

The project's own small schema objects rather than jsonschema: the YAML files carry dates as keys and
values (施行日: 値), every message must be Japanese and name file, line and key, and the model layer must
stay free of third-party imports. A `Locator` maps a key path to its line in the file; the YAML loader
(rules/yamlfile.py) and the JSON loader (model/jsonfile.py) each provide one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

KeyPath = tuple[str | int, ...]
Locator = Callable[[KeyPath], int]  # line (1-based) of the key path; 0 when unknown


def dotted(path: KeyPath) -> str:
    """members[0].facts.x: the way every message names a key."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "（ファイル全体）"


class SchemaError(ValueError):
    """A value that does not fit its schema: file, line, key path and a Japanese message."""

    def __init__(self, source: str, line: int, path: KeyPath, message: str) -> None:
        self.source = source
        self.line = line
        self.path = path
        self.key = dotted(path)
        self.message = message
        self.where = f"{source}:{line}" if line else source
        super().__init__(f"{self.where}: {self.key}: {message}")


class _Mismatch(SchemaError):
    """What an option of AnyOf raises while probing: no message is built (the first option that fits
    wins, and most values meet one or two that do not)."""

    def __init__(self) -> None:
        ValueError.__init__(self, "mismatch")


_MISMATCH = _Mismatch()


@dataclass(frozen=True)
class Context:
    source: str
    locate: Locator = lambda _path: 0
    probing: bool = False

    @cached_property
    def probe(self) -> Context:
        return Context(self.source, self.locate, probing=True)

    def fail(self, path: KeyPath, message: str) -> SchemaError:
        if self.probing:
            return _MISMATCH
        return SchemaError(self.source, self.locate(path), path, message)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Spec:
    doc: str = ""

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        raise NotImplementedError

    def kind(self) -> str:
        """The type in words, for messages and the docs page."""
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Spec):
    max_len: int = 200
    pattern: str = ""  # a full match is required when given
    pattern_doc: str = ""
    non_empty: bool = False

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not isinstance(value, str):
            raise ctx.fail(path, f"文字列が必要です（{shown_value(value)}）")
        if self.non_empty and not value.strip():
            raise ctx.fail(path, "空欄です")
        if len(value) > self.max_len:
            raise ctx.fail(path, f"{self.max_len}文字を超えています（{len(value)}文字）")
        bad = _BAD_CHAR.search(value)
        if bad:
            raise ctx.fail(path, f"使えない文字 U+{ord(bad.group()):04X} を含んでいます")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise ctx.fail(path, f"{self.pattern_doc or '書式が違います'}（{value!r}）")

    def kind(self) -> str:
        return f"文字列（{self.pattern_doc or f'{self.max_len}文字まで'}）"


# C0/C1 controls, line/paragraph separators and lone surrogates (a JSON "\ud800" decodes to one; it can
# be neither printed nor stored as UTF-8).
_BAD_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


@dataclass(frozen=True)
class Int(Spec):
    lo: int = 0
    hi: int = 2**31 - 1

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not _is_int(value):
            raise ctx.fail(path, f"整数が必要です（{shown_value(value)}）")
        if not self.lo <= value <= self.hi:
            raise ctx.fail(path, f"{self.lo}〜{self.hi} の整数です（{shown_value(value)}）")

    def kind(self) -> str:
        return f"整数 {self.lo}〜{self.hi}"


@dataclass(frozen=True)
class Number(Spec):
    lo: float = 0.0
    hi: float = 1e6

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ctx.fail(path, f"数値が必要です（{shown_value(value)}）")
        if not self.lo <= value <= self.hi:  # also refuses NaN
            raise ctx.fail(path, f"{self.lo:g}〜{self.hi:g} の数値です（{shown_value(value)}）")

    def kind(self) -> str:
        return f"数値 {self.lo:g}〜{self.hi:g}"


@dataclass(frozen=True)
class Flag(Spec):
    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not isinstance(value, bool):
            raise ctx.fail(path, f"true か false です（{shown_value(value)}）")

    def kind(self) -> str:
        return "true / false"


@dataclass(frozen=True)
class Day(Spec):
    """A date: a YAML date, or in JSON a YYYY-MM-DD string (converted by `to_date`)."""

    lo: date = date(1873, 1, 1)
    hi: date = date(2099, 12, 31)

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        day = to_date(value)
        if day is None and isinstance(value, str) and _ISO_DATE.fullmatch(value):
            # Written as YYYY-MM-DD but no such day (2026-02-29, 平成31年5月1日 as 2019-13-01): not the format.
            raise ctx.fail(path, f"実在しない日付です（{shown_value(value)}）")
        if day is None:
            raise ctx.fail(path, f"日付は YYYY-MM-DD で書いてください（{shown_value(value)}）")
        if not self.lo <= day <= self.hi:
            raise ctx.fail(path, f"{self.lo.isoformat()}〜{self.hi.isoformat()} の日付です（{day.isoformat()}）")

    def kind(self) -> str:
        return f"日付 YYYY-MM-DD（{self.lo.isoformat()}〜{self.hi.isoformat()}）"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Choice(Spec):
    values: tuple[str, ...] = ()

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not isinstance(value, str) or value not in self.values:
            raise ctx.fail(path, f"{' / '.join(self.values)} のいずれかです（{shown_value(value)}）{_hint(value, self.values, listed=True)}")

    def kind(self) -> str:
        return " / ".join(f"`{v}`" for v in self.values)


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec = field(default_factory=Spec)
    max_items: int = 100
    min_items: int = 0

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not isinstance(value, list):
            raise ctx.fail(path, f"リスト（[…]）が必要です（{shown_value(value)}）")
        if not self.min_items <= len(value) <= self.max_items:
            raise ctx.fail(path, f"{self.min_items}〜{self.max_items}個です（{len(value)}個）")
        for i, item in enumerate(value):
            self.item.check(item, ctx, (*path, i))

    def kind(self) -> str:
        return f"{self.item.kind()} のリスト（{self.max_items}個まで）"


@dataclass(frozen=True)
class AnyOf(Spec):
    """The first option whose check passes; else one message naming every option."""

    options: tuple[Spec, ...] = ()

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        for option in self.options:
            try:
                option.check(value, ctx.probe, path)
                return
            except _Mismatch:
                continue
        raise ctx.fail(path, f"{self.kind()} です（{shown_value(value)}）")

    def kind(self) -> str:
        return self.doc or " または ".join(o.kind() for o in self.options)


@dataclass(frozen=True)
class Key:
    name: str
    spec: Spec
    required: bool = False
    doc: str = ""
    nullable: bool = False  # an explicit null counts as absent


@dataclass(frozen=True)
class Obj(Spec):
    """A mapping with known keys; any other key is refused with the closest valid name suggested."""

    keys: tuple[Key, ...] = ()
    title: str = ""

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not isinstance(value, Mapping):
            raise ctx.fail(path, f"オブジェクト（キー: 値）が必要です（{shown_value(value)}）")
        known = {k.name: k for k in self.keys}
        for name in value:
            if name not in known:
                raise ctx.fail((*path, str(name)), f"知らないキーです{_hint(name, tuple(known))}")
        for key in self.keys:
            if key.name not in value or (key.nullable and value[key.name] is None):
                if key.required:
                    raise ctx.fail(path, f"{key.name}: がありません（{key.doc or key.spec.kind()}）")
                continue
            key.spec.check(value[key.name], ctx, (*path, key.name))

    def kind(self) -> str:
        return self.title or "オブジェクト"


@dataclass(frozen=True)
class MapOf(Spec):
    """A mapping whose keys are data (department keys, parameter names, 施行日)."""

    key: Spec = field(default_factory=Spec)
    value: Spec = field(default_factory=Spec)
    max_items: int = 200
    min_items: int = 0
    nullable_values: bool = False  # an explicit null is "not known yet"

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not isinstance(value, Mapping):
            raise ctx.fail(path, f"オブジェクト（キー: 値）が必要です（{shown_value(value)}）")
        if not self.min_items <= len(value) <= self.max_items:
            raise ctx.fail(path, f"{self.min_items}〜{self.max_items}項目です（{len(value)}項目）")
        for name, item in value.items():
            self.key.check(name, ctx, (*path, str(name)))
            if item is not None or not self.nullable_values:
                self.value.check(item, ctx, (*path, str(name)))

    def kind(self) -> str:
        return self.doc or f"{{{self.key.kind()}: {self.value.kind()}}}"


@dataclass(frozen=True)
class Named(Spec):
    """A spec chosen by a key of the same mapping (a parameter's type by its name); `specs` by name."""

    specs: Mapping[str, Spec] = field(default_factory=dict)

    def spec_for(self, name: str, ctx: Context, path: KeyPath) -> Spec:
        if name not in self.specs:
            raise ctx.fail(path, f"知らない名前です{_hint(name, tuple(self.specs))}")
        return self.specs[name]

    def check(self, value: Any, ctx: Context, path: KeyPath) -> None:
        if not isinstance(value, Mapping):
            raise ctx.fail(path, f"オブジェクト（キー: 値）が必要です（{shown_value(value)}）")
        for name, item in value.items():
            self.spec_for(str(name), ctx, (*path, str(name))).check(item, ctx, (*path, str(name)))

    def kind(self) -> str:
        return "名前ごとの値"


def suggest(name: object, valid: Iterable[str]) -> str:
    """"。X のことですか？" with the closest valid name (difflib), or "" when none is close."""
    close = difflib.get_close_matches(str(name), sorted(valid), n=1, cutoff=0.6)
    return f"。{close[0]} のことですか？" if close else ""


def _hint(name: object, valid: tuple[str, ...], *, listed: bool = False) -> str:
    """The closest valid name, else the valid names when few and not already in the message."""
    close = suggest(name, valid)
    if close:
        return close
    return f"（使えるのは {', '.join(valid)}）" if len(valid) <= 12 and not listed else ""


def shown_value(value: object) -> str:
    """A wrong value as the file wrote it (JSON/YAML words: null, true, 2026-01-01, [..]), not as Python
    holds it (None, True, datetime.date(2026, 1, 1)), cut to 40 characters."""
    text = _written(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _written(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):  # a datetime too (a YAML timestamp)
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_written(v) for v in value[:10]) + (", …]" if len(value) > 10 else "]")
    if isinstance(value, dict):
        return "{…}"
    return repr(value)


def validate(spec: Spec, value: Any, source: str, locate: Locator | None = None) -> None:
    """Raise SchemaError for the first value (in document order) that does not fit `spec`."""
    spec.check(value, Context(source, locate or (lambda _path: 0)), ())


def doc_rows(spec: Spec, prefix: str = "") -> list[tuple[str, str, bool, str]]:
    """(key path, type, required, description) of every key, nested objects flattened with `.` and `[]`:
    the table of docs/files-you-can-edit.md."""
    out: list[tuple[str, str, bool, str]] = []
    if isinstance(spec, Obj):
        for key in spec.keys:
            name = f"{prefix}.{key.name}" if prefix else key.name
            inner = key.spec.item if isinstance(key.spec, ListOf) else key.spec
            kind = key.spec.kind() if not isinstance(inner, Obj | MapOf | Named) else (
                "リスト" if isinstance(key.spec, ListOf) else "オブジェクト")
            if isinstance(inner, MapOf) and not isinstance(inner.value, Obj):
                kind = inner.kind()
            out.append((name, kind, key.required, key.doc))
            out += doc_rows(inner, f"{name}[]" if isinstance(key.spec, ListOf) else name)
    elif isinstance(spec, MapOf) and isinstance(spec.value, Obj):
        out += doc_rows(spec.value, f"{prefix}.<キー>")
    elif isinstance(spec, Named):
        for name, value in spec.specs.items():
            out.append((f"{prefix}.{name}", value.kind(), True, value.doc))
    return out


def doc_table(spec: Spec) -> str:
    """A Markdown table of doc_rows."""
    lines = ["| キー | 型・範囲 | 必須 | 説明 |", "|---|---|---|---|"]
    for name, kind, required, doc in doc_rows(spec):
        cells = (f"`{name}`", kind, "○" if required else "", doc)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
