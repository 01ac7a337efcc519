"""`kakanai prefill build --out DIR [--municipality FILE] [--json]`: the resident's pre-entry page.

Writes a static site (index.html, app.js, style.css) that a municipality uploads to its own website: the
resident answers at home and brings a QR code (docs/qr-format.md). See kakanai.cli.prefill_site.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kakanai.cli.common import CliError, print_json


def register(sub: Any) -> None:
    prefill = sub.add_parser("prefill", help="住民向けの事前入力ページ（静的サイト）を作ります")
    prefill.set_defaults(handler=lambda _args: _usage(prefill))
    commands = prefill.add_subparsers(dest="prefill_command", parser_class=type(prefill))
    build = commands.add_parser("build", help="事前入力ページを DIR に書き出します（DIR をそのまま公開します）")
    build.add_argument("--out", required=True, help="出力先のフォルダ（新しいフォルダか空のフォルダ、または前に作ったページの"
                       "フォルダ。まとめて置き換えます）")
    build.add_argument("--municipality", help="市町村パラメータのファイル（既定: resources/municipality/default.yaml）")
    build.add_argument("--json", action="store_true", help="結果を JSON で出力")
    build.set_defaults(handler=run_build)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_build(args: argparse.Namespace) -> int:
    import errno
    from dataclasses import replace
    from pathlib import Path

    from kakanai.cli.common import output_failure
    from kakanai.cli.plan import load_book
    from kakanai.cli.prefill_site import DISK_FULL, PrefillError, build_site
    from kakanai.fileout import OutputError, check_folder_target, os_failure, staged_folder

    try:
        check_folder_target(args.out)  # before the work: Path("") would be the current folder
        book = load_book(args.municipality)
        # Built in a fresh folder beside --out and moved into place whole (kakanai.fileout): a failed build
        # leaves the earlier site as it was; a folder holding anything but an earlier site is refused.
        with staged_folder(args.out, owner="prefill-site") as staging:
            site = replace(build_site(staging, book), out_dir=Path(args.out))
    except OutputError as exc:
        raise output_failure(exc) from None
    except PrefillError as exc:
        if exc.code == DISK_FULL:  # said as every other full disk (kakanai.fileout), exit 3
            raise output_failure(os_failure(args.out, OSError(errno.ENOSPC, exc.message))) from None
        raise CliError(exc.code, exc.message) from None
    if args.json:
        print_json({"out": str(site.out_dir), "files": list(site.files), "rules_version": site.rules_version,
                    "municipality": site.municipality})
    else:
        sys.stdout.write(f"{site.out_dir}: {', '.join(site.files)}\n")
    return 0
