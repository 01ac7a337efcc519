"""YAML loading that remembers where each mapping and key came from, so every error names file and line
(rule files, municipality parameters, form definitions).

Uses libyaml's C parser (CSafeLoader) when PyYAML has it: the whole catalog then loads in a few
milliseconds, which keeps `kakanai plan` as a process under the 0.4 s target.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kakanai.model.jsonfile import FileTooLargeError, TextEncodingError, decode_utf8, read_limited
from kakanai.model.schema import KeyPath, Locator, SchemaError
from kakanai.oserror_text import os_reason

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class Located(dict[str, Any]):
    """A mapping that knows its source file and line (1-based)."""

    source: str = "?"
    line: int = 0
    key_lines: dict[str, int]  # the line of each key (str(key): dates are keys of dated values)

    def where(self) -> str:
        return f"{self.source}:{self.line}"


def _make_loader(source: str) -> type[yaml.SafeLoader]:
    class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
        pass

    def construct_located(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Located:
        loader.flatten_mapping(node)
        out = Located()
        out.source = source
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | bool | date):
                raise SchemaError(source, key_node.start_mark.line + 1, (), "キーが文字列ではありません")
            # Dates stay dates (parameter values keyed by effective date); other keys become strings.
            skey: Any = key if isinstance(key, date) else str(key).lower() if isinstance(key, bool) else str(key)
            if skey in out:
                raise SchemaError(source, key_node.start_mark.line + 1, (), f"キー {skey!r} が重複しています")
            out.key_lines[str(skey)] = key_node.start_mark.line + 1
            try:
                out[skey] = loader.construct_object(value_node, deep=True)
            except ValueError as exc:  # e.g. 2026-02-30: YAML reads it as a date and datetime refuses it
                if isinstance(exc, SchemaError):
                    raise
                bad = _bad_scalar(value_node)  # the scalar itself, inside a list or mapping too
                raise SchemaError(source, bad.start_mark.line + 1, (),
                                  f"{skey}: 実在しない日付か、読めない値です（{bad.value}）") from None
        return out

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_located)
    return _Loader


def _bad_scalar(node: yaml.Node) -> yaml.Node:
    """The first scalar under `node` that cannot be read as its tag says (a timestamp that is no day):
    named in the message by its text and line, not as the parser's node objects."""
    if isinstance(node, yaml.ScalarNode):
        return node
    children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
    for child in children:
        found = _bad_scalar(child)
        if isinstance(found, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(found)
            except ValueError:
                return found
    return node


def load_yaml(path: Path) -> Any:
    """The document with Located mappings; SchemaError (file, line) for unreadable text or bad YAML."""
    source = str(path)
    try:
        text = decode_utf8(read_limited(path))
    except FileTooLargeError as exc:  # /dev/zero, a log of gigabytes: refused before it is read whole
        raise SchemaError(source, 0, (), str(exc)) from None
    except TextEncodingError as exc:  # Shift_JIS, UTF-16: said in Japanese with the line, not Python's codec text
        raise SchemaError(source, exc.line, (), exc.reason) from None
    except OSError as exc:
        raise SchemaError(source, 0, (), f"読めません（{os_reason(exc, path)}）") from None
    try:
        return yaml.load(text, Loader=_make_loader(source))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise SchemaError(source, line, (), f"YAMLの書式誤り（{exc.problem}）") from None
    except yaml.YAMLError as exc:
        raise SchemaError(source, 0, (), f"YAMLの書式誤り（{exc}）") from None
    except RecursionError:
        raise SchemaError(source, 0, (), "YAMLの入れ子が深すぎます") from None


def locator(data: object) -> Locator:
    """The line of a key path in a loaded YAML document (for kakanai.model.schema messages)."""

    def locate(path: KeyPath) -> int:
        node, line = data, data.line if isinstance(data, Located) else 0
        for part in path:
            if isinstance(node, Located):
                line = node.key_lines.get(str(part), line)
                node = next((v for k, v in node.items() if str(k) == str(part)), None)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
                line = node.line if isinstance(node, Located) else line
            else:
                break
        return line

    return locate


