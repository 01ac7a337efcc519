"""Entry point of the `kakanai` command.

Each subcommand group lives in its own module with `register(subparsers)`; a module imports only argparse
and the standard library at import time and its heavy dependencies inside the handler, so that
`kakanai plan` never pays for Qt, OpenCV or ReportLab (issue 2: a whole `kakanai plan` under 0.4 s).

Exit codes: 0 success, 2 bad input or usage, 3 a domain error (card, glyph, QR, a full disk…), 70 an
unexpected internal error (EX_SOFTWARE): one Japanese line with an incident number, the traceback (types and
frames only, no personal data) in the incident log of the user's data folder (kakanai.incident).
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Callable, Sequence

from kakanai import __version__
from kakanai.cli.common import CliError, terminal_safe
from kakanai.incident import EXIT_UNEXPECTED, log_path

# Subcommand modules under kakanai.cli; each owns its own commands.
SUBCOMMAND_MODULES = ("plan", "rules", "card", "render", "qr", "records", "app", "prefill", "i18n")

Handler = Callable[[argparse.Namespace], int]

EXIT_CODES_HELP = """終了コード:
  0   成功
  2   入力や指定の誤り（ファイル、日付、出力先など）
  3   データや業務上の問題（カード、文字、二次元コード、ディスクの空き不足など）
  70  予期しない内部エラー: 事故番号を表示し、記録（個人情報なし）を {log} に残します
  130 中断（Ctrl-C）"""


# argparse's usage errors (Python 3.11 wording) in Japanese: the user sees Japanese only (house rule).
# A message not listed here stays as argparse wrote it rather than being lost.
_USAGE_ERRORS = (
    (re.compile(r"unrecognized arguments: (.*)"), "知らない引数やオプションです: {0}"),
    (re.compile(r"the following arguments are required: (.*)"), "必要な引数やオプションがありません: {0}"),
    (re.compile(r"argument (.+?): invalid int value: (.*)"), "{0} には整数を指定してください（{1}）"),
    (re.compile(r"argument (.+?): invalid \w+ value: (.*)"), "{0} の値が正しくありません（{1}）"),
    (re.compile(r"argument (.+?): invalid choice: (.*) \(choose from (.*)\)"),
     "{0} に {1} は指定できません（指定できるのは {2}）"),
    (re.compile(r"argument (.+?): expected one argument"), "{0} の後に値を指定してください"),
    (re.compile(r"argument (.+?): expected at least one argument"), "{0} の後に値を1つ以上指定してください"),
    (re.compile(r"argument (.+?): not allowed with argument (.*)"), "{0} と {1} は一緒に指定できません"),
    (re.compile(r"argument (.+?): ignored explicit argument (.*)"), "{0} には値を付けられません（{1}）"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), "オプション {0} がどれのことか決まりません（{1}）"),
)


def usage_message(message: str) -> str:
    """argparse's message in Japanese; a subcommand's internal name (command, rules_command) as サブコマンド."""
    for pattern, japanese in _USAGE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            words = [re.sub(r"^(?:\w+_)?command$", "サブコマンド", word) for word in match.groups()]
            return japanese.format(*words)
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse exits 2 on usage errors already; keep its usage line, the message in Japanese.
        self.print_usage(sys.stderr)
        sys.stderr.write(f"kakanai: {terminal_safe(usage_message(message))}\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kakanai", description="書かない窓口: ライフイベントの手続を判定し、申請書を印刷します。",
                     epilog=EXIT_CODES_HELP.format(log=log_path()), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"kakanai {__version__}")
    parser.add_argument("--selftest", action="store_true", help="self-test of the installed application")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(f"kakanai.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"kakanai.cli.{name}":
                continue  # a capability not built yet
            raise
        module.register(sub)
    return parser


def _utf8_output() -> None:
    """Standard output in UTF-8 whatever the locale: redirected on a Japanese Windows it is cp932, which has
    no 𠮷 or 髙 — printing such a name raised UnicodeEncodeError (exit 70) after part of the output was
    written; replacing the character would silently change a name. JSON is UTF-8 by its RFC anyway, and the
    CLI's input files are UTF-8. (stderr keeps the terminal's encoding: Python writes a character it lacks
    as an escape, \\U00020bb7.)"""
    stdout = sys.stdout
    if "utf" not in (getattr(stdout, "encoding", "") or "utf").lower():
        reconfigure = getattr(stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if args.selftest:
        handler = _selftest
    if handler is None:
        parser.print_help()
        return 2
    json_output = bool(getattr(args, "json", False))
    try:
        return handler(args)
    except CliError as exc:
        exc.report(json_output=json_output)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("中断しました\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the top-level guard (issue 16): never a traceback on the terminal
        return _unexpected(exc, args, json_output=json_output)


def _selftest(_args: argparse.Namespace) -> int:
    from kakanai.cli.selftest import run_selftest  # type: ignore[import-not-found,unused-ignore]

    return int(run_selftest())


def _unexpected(exc: Exception, args: argparse.Namespace, *, json_output: bool) -> int:
    from kakanai.incident import record

    # Only the subcommand's name: the option values may be file names that are people's names.
    words = [str(getattr(args, key)) for key in vars(args) if key == "command" or key.endswith("_command")
             if getattr(args, key)]
    incident = record(exc, context="kakanai " + " ".join(words))
    CliError("internal_error", incident.message(), EXIT_UNEXPECTED, incident=incident.number).report(
        json_output=json_output)
    return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
