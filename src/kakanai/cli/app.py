"""`kakanai app [--demo]` / `kakanai demo`: the counter application.

`--startup-check` opens the window, reports how long it took (JSON) and exits: the start-time benchmark
and a smoke test of an installation. `--screenshots DIR` walks a demo reception through every step and
saves one PNG per step (docs/screenshots/). Without a display the command says what to set instead of
letting Qt abort. When Qt itself is not installed, `demo` prints the plan of the bundled example.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from typing import Any

_STARTED = time.perf_counter()


def register(sub: Any) -> None:
    a = sub.add_parser("app", help="窓口アプリを起動します")
    a.add_argument("--demo", action="store_true", help="デモ・研修モード（模擬カードリーダーと見本の住民）")
    _common(a)
    a.set_defaults(handler=run_app)
    d = sub.add_parser("demo", help="デモ・研修モードで窓口アプリを起動します")
    _common(d)
    d.set_defaults(handler=run_app, demo=True)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--startup-check", action="store_true",
                        help="画面を開くまでの時間を測って終了します（JSONで出力）")
    parser.add_argument("--screenshots", metavar="DIR", help="デモの受付を各画面で撮影して DIR に保存し、終了します")


def run_app(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("PySide6") is None:  # Qt is imported only by kakanai.ui (import-linter)
        return _print_example_plan()
    from kakanai.ui.main import run_application

    if args.screenshots:
        from kakanai.ui.screenshots import take_screenshots

        return take_screenshots(args.screenshots)
    return int(run_application(demo=bool(args.demo), startup_check=bool(args.startup_check), started=_STARTED))


def _print_example_plan() -> int:
    from kakanai.cli.plan import format_plan_text
    from kakanai.model import reception_from_json
    from kakanai.paths import examples_dir
    from kakanai.rules import load_rulebook

    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    plan = load_rulebook().plan(reception)
    sys.stdout.write("（窓口アプリの画面部品 PySide6 がありません。見本の受付の判定結果を表示します）\n\n")
    sys.stdout.write(format_plan_text(reception, plan) + "\n")
    return 0
