"""JSON reading for the files a user edits: a line for every key (for messages), and the refusals the
standard decoder does not make — duplicate keys (the last would win silently), nesting deeper than any
valid file (the C decoder recurses: RecursionError), integers of hundreds of digits (int() of 4,300+
digits raises ValueError; any of them overflows a form), NaN and Infinity.

A first pass scans the text iteratively (no recursion) and records the line of every key path and of
every list element; the standard decoder then builds the values.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
from pathlib import Path
from typing import Any

from kakanai.model.schema import KeyPath, Locator, SchemaError

MAX_DEPTH = 16  # a reception is 5 deep (members[i].facts.x[j])
MAX_DIGITS = 15  # an integer beyond this is never a real value in these files

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)


class _Frame:
    __slots__ = ("expect_key", "index", "is_object", "key", "keys", "path")

    def __init__(self, path: KeyPath, is_object: bool) -> None:
        self.path = path
        self.is_object = is_object
        self.expect_key = is_object
        self.index = 0
        self.keys: set[str] = set()
        self.key = ""


def _scan(text: str, source: str) -> dict[KeyPath, int]:
    newlines = [m.start() for m in re.finditer("\n", text)]
    lines: dict[KeyPath, int] = {(): 1}
    stack: list[_Frame] = []

    def line_at(pos: int) -> int:
        return bisect.bisect_right(newlines, pos) + 1

    def value_path() -> KeyPath | None:
        if not stack:
            return ()
        top = stack[-1]
        return (*top.path, top.key) if top.is_object else (*top.path, top.index)

    for match in _TOKEN.finditer(text):
        tok, pos = match.group(), match.start()
        top = stack[-1] if stack else None
        if tok in "{[":
            path = value_path()
            if path is None:
                return lines
            if top is not None and not top.is_object:
                lines.setdefault(path, line_at(pos))
            if len(stack) >= MAX_DEPTH:
                raise SchemaError(source, line_at(pos), path, f"入れ子が深すぎます（{MAX_DEPTH}段まで）")
            stack.append(_Frame(path, tok == "{"))
        elif tok in "}]":
            if not stack:
                return lines  # malformed: the decoder reports it
            stack.pop()
        elif tok == ":":
            if top is not None:
                top.expect_key = False
        elif tok == ",":
            if top is not None:
                top.expect_key = top.is_object
                top.index += 0 if top.is_object else 1
        elif top is not None and top.is_object and top.expect_key and tok.startswith('"'):
            try:
                key = json.loads(tok)
            except ValueError:
                return lines
            if key in top.keys:
                raise SchemaError(source, line_at(pos), (*top.path, key), "キーが重複しています")
            top.keys.add(key)
            top.key = key
            lines[(*top.path, key)] = line_at(pos)
        else:
            path = value_path()
            if path is None:
                return lines
            if top is not None and not top.is_object:
                lines.setdefault(path, line_at(pos))
            problem = _scalar_problem(tok)
            if problem:
                raise SchemaError(source, line_at(pos), path, problem)
    return lines


def _scalar_problem(tok: str) -> str:
    if tok in ("NaN", "Infinity", "-Infinity"):
        return f"{tok} は使えません"
    digits = re.fullmatch(r"-?(\d+)(?:\.\d*)?(?:[eE][-+]?\d+)?", tok)
    if digits and len(digits.group(1)) > MAX_DIGITS:
        return f"数値の桁数が多すぎます（{len(digits.group(1))}桁、{MAX_DIGITS}桁まで）"
    if digits and not math.isfinite(float(tok)):
        return f"数値が大きすぎます（{tok}）"
    return ""


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"整数の桁数が多すぎます（{len(text)}桁）")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"数値が大きすぎます（{text[:20]}）")
    return value


def _constant(text: str) -> float:
    raise ValueError(f"{text} は使えません")


# The standard decoder's messages (json.decoder, Python 3.11-3.13) in Japanese; one not listed is kept as is.
_DECODE_PROBLEMS = {
    "Expecting value": "値がありません",
    "Expecting property name enclosed in double quotes": "キーは \"…\" で囲みます",
    "Expecting ':' delimiter": "「:」がありません",
    "Expecting ',' delimiter": "「,」がありません",
    "Unterminated string starting at": "文字列の終わりの \" がありません",
    "Invalid control character at": "文字列の中に改行やタブなどの制御文字があります（\\n などで書きます）",
    "Invalid \\escape": "\\ の後が正しくありません",
    "Invalid \\uXXXX escape": "\\u の後は16進数4桁です",
    "Extra data": "JSONの終わりの後に余分な文字があります",
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": "先頭にBOMがあります",
    "Illegal trailing comma before end of object": "} の前に余分な「,」があります",
    "Illegal trailing comma before end of array": "] の前に余分な「,」があります",
}


def _decode_problem(msg: str) -> str:
    return _DECODE_PROBLEMS.get(msg, msg)


def load_json(text: str, source: str) -> tuple[Any, Locator]:
    """The decoded value and a locator of its keys; SchemaError (file, line, message) for bad JSON."""
    lines = _scan(text, source)
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise SchemaError(source, exc.lineno, (), f"JSONとして読めません（{_decode_problem(exc.msg)}、{exc.colno}列）") from None
    except (ValueError, RecursionError) as exc:
        raise SchemaError(source, 0, (), f"JSONとして読めません（{exc}）") from None

    def locate(path: KeyPath) -> int:
        while path and path not in lines:
            path = path[:-1]
        return lines.get(path, 0)

    return value, locate


_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def line_of(text: str, field: str) -> int:
    """The line of `field` (a key path as schema.dotted writes it: members[0].name) in a JSON text that
    load_json has read before; 0 when it cannot be found. For a check made after loading (a pre-entry's
    characters, the rules' fact values) that knows the key but not the line."""
    path: KeyPath = tuple(int(index) if index else key for index, key in _PART.findall(field))
    try:
        return load_json(text, "")[1](path)
    except SchemaError:
        return 0


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


# The files a user edits besides a reception (municipality parameters, form definitions, rules, card
# profiles) are tens of kilobytes; 4 MB is far beyond any real one, and refusing at the size keeps a wrong
# file (/dev/zero, a multi-gigabyte log) from hanging the command or exhausting memory before the message.
MAX_FILE_BYTES = 4 * 1024 * 1024


class FileTooLargeError(ValueError):
    """A file over the limit read_limited was given; `detail`: its size (when known) and the limit."""

    def __init__(self, size: int | None, limit: int) -> None:
        self.size, self.limit = size, limit
        self.detail = (f"{size:,}バイト、" if size is not None else "") + f"上限 {limit // 1024 // 1024}MB"
        super().__init__(f"ファイルが大きすぎます（{self.detail}）")


def read_limited(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, refused with FileTooLargeError over `limit`: at its size when the file system
    knows it, else (a device such as /dev/zero, a growing file) after reading `limit` + 1 bytes at most,
    as kakanai.cli.common.read_text_file reads a reception. OSError as open() raises it."""
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > limit:
            raise FileTooLargeError(size, limit)
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FileTooLargeError(None, limit)
    return data


class TextEncodingError(ValueError):
    """A file a user edits that is not UTF-8: the line of the first bad byte and the reason in Japanese."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def decode_utf8(data: bytes) -> str:
    """The text of a file a user edits (a reception, the municipality parameters, a card profile). A UTF-8
    BOM (Windows Notepad writes one) is the encoding's mark, not a character of the content, and is
    skipped; anything else that is not UTF-8 is TextEncodingError naming the line and the byte — never
    decoded with replacements (that would silently change a name) nor reported as Python's English."""
    if data.startswith(_UTF16_BOMS):
        raise TextEncodingError(1, "UTF-16で保存されています。UTF-8で保存し直してください")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0)
        raise TextEncodingError(data.count(b"\n", 0, offset) + 1,
                                f"UTF-8ではありません（{offset}バイト目）。Shift_JIS などで保存されていれば、"
                                "UTF-8で保存し直してください") from None
