"""`kakanai rules check [DIR] [--municipality FILE]`: validate the rules strictly and run their test cases.
`kakanai rules table --out DIR [--date YYYY-MM-DD]`: the decision table for a municipal reviewer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kakanai.cli.common import definitions_folder, parse_date_option
from kakanai.oserror_text import os_reason


def register(sub: Any) -> None:
    p = sub.add_parser("rules", help="規則ファイルの点検")
    rsub = p.add_subparsers(dest="rules_command", required=True)
    c = rsub.add_parser("check", help="規則と市町村パラメータを厳密に点検し、規則のテストケースを実行します")
    c.add_argument("dir", nargs="?", help="規則のフォルダ（既定: resources/rules）")
    c.add_argument("--municipality", help="市町村パラメータのファイル")
    c.add_argument("--forms", help="様式定義のフォルダ（既定: forms/）")
    c.set_defaults(handler=run_check)
    t = rsub.add_parser("table", help="手続の判定表（index.html と rules-table.csv）を書き出します")
    t.add_argument("--out", required=True, help="書き出すフォルダ")
    t.add_argument("--date", help="市町村パラメータの基準日 YYYY-MM-DD（既定: 今日）")
    t.add_argument("--rules", help="規則のフォルダ（既定: resources/rules）")
    t.add_argument("--municipality", help="市町村パラメータのファイル")
    t.set_defaults(handler=run_table)


def run_check(args: argparse.Namespace) -> int:
    from kakanai.rules.check import check_rules

    report = check_rules(
        Path(args.dir) if args.dir else None,
        Path(args.municipality) if args.municipality else None,
        definitions_folder(args.forms, "--forms") if args.forms else None,
    )
    for line in report.errors:
        sys.stdout.write(f"{line}\n")
    summary = (f"手続 {report.procedures}件、テストケース {report.cases_run}件"
               f"（失敗 {report.cases_failed}件）、誤り {len(report.errors)}件")
    sys.stdout.write(("OK: " if report.ok else "NG: ") + summary + "\n")
    return 0 if report.ok else 2


def run_table(args: argparse.Namespace) -> int:
    from datetime import date

    from kakanai.rules.book import load_rulebook
    from kakanai.rules.table import write_table
    from kakanai.rules.yamlfile import RuleFileError

    on = parse_date_option(args.date, "--date") if args.date else date.today()
    try:
        book = load_rulebook(Path(args.rules) if args.rules else None,
                             Path(args.municipality) if args.municipality else None)
    except RuleFileError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    from kakanai.fileout import OutputError

    try:
        page, sheet = write_table(book, Path(args.out), on)
    except OutputError as exc:
        sys.stderr.write(f"--out: {exc.message}\n")
        return 3 if exc.disk_full else 2
    except OSError as exc:
        sys.stderr.write(f"--out: 書き出せません（{args.out}: {os_reason(exc, args.out)}）\n")
        return 2
    sys.stdout.write(f"書き出しました: {page}、{sheet}\n")
    return 0
