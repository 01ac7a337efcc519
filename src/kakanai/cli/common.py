"""Shared CLI plumbing: errors with exit codes, JSON output, reading input files."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        sys.stderr.write(f"kakanai: {self.message}\n")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_text_file(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError("not_found", f"{what}が見つかりません: {path}") from None
    except UnicodeDecodeError as exc:
        raise CliError("bad_encoding", f"{what}がUTF-8ではありません: {path}（{exc.start}バイト目）") from None
    except OSError as exc:
        raise CliError("unreadable", f"{what}を読めません: {path}（{exc.strerror}）") from None


def parse_date_option(text: str, option: str) -> date:
    """A YYYY-MM-DD option value; a day that does not exist (2026-02-30) is one clear line, exit 2."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError("bad_date", f"{option} の日付が正しくありません: {text!r}（YYYY-MM-DD の形の実在する日付）") from None


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
