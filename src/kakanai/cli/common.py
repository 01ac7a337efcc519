"""Shared CLI plumbing: errors with exit codes, JSON output, reading input files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

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
