"""Shared CLI plumbing: errors with exit codes, JSON output, reading input files."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kakanai.oserror_text import os_reason

if TYPE_CHECKING:
    from kakanai.fileout import OutputError

EXIT_BAD_INPUT = 2
EXIT_DOMAIN = 3


class CliError(Exception):
    """A failure to report to the user as one clear line (and as {"error": …} with --json)."""

    def __init__(self, code: str, message: str, exit_code: int = EXIT_BAD_INPUT, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.exit_code = exit_code
        self.extra = extra

    def report(self, *, json_output: bool) -> None:
        if json_output:
            payload = {"error": {"code": self.code, "message": self.message, **self.extra}}
            sys.stdout.write(json_text(payload) + "\n")
        sys.stderr.write(f"kakanai: {terminal_safe(self.message)}\n")


# A message longer than this is cut: a 5 MB JSON key echoed in a message filled the terminal.
MAX_MESSAGE_CHARS = 2000


def terminal_safe(message: str) -> str:
    """A message as the terminal gets it: what it echoes of the input (a key, a file name, an option) may
    hold characters a terminal acts on (ESC sequences, a bidi override that reorders the line): each is
    written as its escape (\\x1b, \\u202e) instead; line breaks stay. Cut beyond MAX_MESSAGE_CHARS."""
    if len(message) > MAX_MESSAGE_CHARS:
        message = f"{message[:MAX_MESSAGE_CHARS]}…（以下省略、全{len(message):,}文字）"
    if message.replace("\u3000", " ").replace("\n", " ").isprintable():
        return message
    return "".join(c if c == "\n" or c == "\u3000" or c.isprintable() else repr(c)[1:-1] for c in message)


def json_text(data: Any, *, indent: int | None = None) -> str:
    """JSON as the terminal gets it. ensure_ascii=False keeps Japanese readable, and json.dumps escapes the C0
    controls (ESC as \\u001b), but it writes DEL, the C1 controls (U+009B is a CSI, as ESC [ is) and the
    format characters (a bidi override U+202E, an isolate U+2066) as they are: each of those is written as
    its \\u escape instead (a surrogate pair beyond U+FFFF), which any JSON reader turns back into the very
    same character. Only string contents can hold them, so the JSON stays valid; nothing is dropped."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    if text.replace("\u3000", " ").replace("\n", " ").isprintable():
        return text
    return "".join(c if c == "\n" or c == "\u3000" or c.isprintable() else _json_escape(c) for c in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"
    return f"\\u{code:04x}"


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data, indent=2) + "\n")


# A reception is a few kilobytes (30 members at most, MAX_TEXT characters a value); 10 MB is far beyond any
# real file, and refusing at the size keeps a wrong file (a 100 MB log, /dev/zero) from costing minutes and
# gigabytes before the one-line message.
MAX_INPUT_BYTES = 10 * 1024 * 1024


def read_text_file(path: str, what: str) -> str:
    """The text of an input file, `-` for standard input, refused with one clear line (exit 2) when missing,
    unreadable, over MAX_INPUT_BYTES or not UTF-8.

    Standard input is read as bytes and decoded like a file: its text layer decodes with the locale's
    encoding (cp932 on a Japanese Windows: a piped UTF-8 file would become mojibake) and replaces what does
    not decode with lone surrogates (then reported as a bad character instead of a bad encoding)."""
    name = "標準入力" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(path, "rb") as file:
                size = os.fstat(file.fileno()).st_size
                if size > MAX_INPUT_BYTES:
                    raise _too_large(what, name, size)
                data = file.read(MAX_INPUT_BYTES + 1)  # a device or a growing file: never more than this
    except FileNotFoundError:
        raise CliError("not_found", f"{what}が見つかりません: {name}") from None
    except IsADirectoryError:
        raise CliError("unreadable", f"{what}にフォルダが指定されています。ファイルを指定してください: {name}") from None
    except OSError as exc:
        raise CliError("unreadable", f"{what}を読めません: {name}（{os_reason(exc, path)}）") from None
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large(what, name, None)
    return decode_utf8(data, what, name)


def _too_large(what: str, name: str, size: int | None) -> CliError:
    shown = f"{size:,}バイト、" if size is not None else ""
    return CliError("too_large", f"{what}が大きすぎます: {name}（{shown}上限 {MAX_INPUT_BYTES // 1024 // 1024}MB）")


def decode_utf8(data: bytes, what: str, name: str) -> str:
    """UTF-8 text (model.jsonfile.decode_utf8: a BOM skipped, anything else named with its line)."""
    from kakanai.model.jsonfile import TextEncodingError
    from kakanai.model.jsonfile import decode_utf8 as decode

    try:
        return decode(data)
    except TextEncodingError as exc:
        raise CliError("bad_encoding", f"{what}を読めません: {name}:{exc.line}: {exc.reason}") from None


def parse_date_option(text: str, option: str, *, reception_day: bool = True) -> date:
    """A YYYY-MM-DD option value; with `reception_day` (a date a form prints or the parameters are read on)
    also within the dates a reception may hold (model.reception_schema.EVENT_DAY: 1989-01-08 to
    2099-12-31), not for a filter such as `stats --to 2100-12-31`. A day that does not exist (2026-02-30),
    another ISO form date.fromisoformat also takes (20260409, 2026-W15-4) or a year such as 0001 or 9999
    (printed on a form as 「1年1月1日」 or 「令和7981年」) is one clear line, exit 2."""
    from kakanai.model.reception_schema import EVENT_DAY
    from kakanai.model.schema import to_date

    day = to_date(text)
    if day is None:
        raise CliError("bad_date", f"{option} の日付が正しくありません: {text!r}（YYYY-MM-DD の形の実在する日付）")
    if reception_day and not EVENT_DAY.lo <= day <= EVENT_DAY.hi:
        raise CliError("bad_date", f"{option} の日付は {EVENT_DAY.lo.isoformat()}〜{EVENT_DAY.hi.isoformat()} "
                       f"の範囲です（{text}）")
    return day


def definitions_folder(path: str, option: str) -> Path:
    """The folder of definition files (*.yaml) an option names. A missing path, a file, or a folder without
    any definition is one clear line (exit 2): a check over no definitions would otherwise print 「OK: 0件」
    (or skip the check of the form ids altogether), a pass that checked nothing."""
    folder = Path(path)
    try:
        is_dir = folder.is_dir()
        exists = is_dir or folder.exists()
        has_yaml = is_dir and any(folder.glob("*.yaml"))
    except OSError as exc:
        raise CliError("unreadable", f"{option} のフォルダを読めません: {path}（{os_reason(exc, path)}）") from None
    if not exists:
        raise CliError("not_found", f"{option} のフォルダが見つかりません: {path}")
    if not is_dir:
        raise CliError("not_a_folder", f"{option} にフォルダではないもの（ファイルなど）が指定されています: {path}")
    if not has_yaml:
        raise CliError("no_definitions", f"{option} のフォルダに定義ファイル（*.yaml）がありません: {path}")
    return folder


def output_failure(exc: OutputError) -> CliError:
    """A refused output path is bad input (exit 2); a full disk is not the user's input (exit 3)."""
    if exc.disk_full:
        return CliError("disk_full", exc.message, EXIT_DOMAIN)
    return CliError("unwritable", exc.message)


def write_output(path: str, data: bytes, option: str = "--out") -> Path:
    """One output file written atomically (kakanai.fileout.write_file), failures as a CliError."""
    from kakanai.fileout import OutputError, write_file

    try:
        return write_file(path, data, what=f"{option} のファイル")
    except OutputError as exc:
        raise output_failure(exc) from None
