"""`kakanai rules check [DIR] [--municipality FILE]`: validate the rules strictly and run their test cases."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("rules", help="規則ファイルの点検")
    rsub = p.add_subparsers(dest="rules_command", required=True)
    c = rsub.add_parser("check", help="規則と市町村パラメータを厳密に点検し、規則のテストケースを実行します")
    c.add_argument("dir", nargs="?", help="規則のフォルダ（既定: resources/rules）")
    c.add_argument("--municipality", help="市町村パラメータのファイル")
    c.add_argument("--forms", help="様式定義のフォルダ（既定: forms/）")
    c.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from kakanai.rules.check import check_rules

    report = check_rules(
        Path(args.dir) if args.dir else None,
        Path(args.municipality) if args.municipality else None,
        Path(args.forms) if args.forms else None,
    )
    for line in report.errors:
        sys.stdout.write(f"{line}\n")
    summary = (f"手続 {report.procedures}件、テストケース {report.cases_run}件"
               f"（失敗 {report.cases_failed}件）、誤り {len(report.errors)}件")
    sys.stdout.write(("OK: " if report.ok else "NG: ") + summary + "\n")
    return 0 if report.ok else 2
