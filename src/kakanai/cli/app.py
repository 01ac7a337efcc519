"""`kakanai app [--demo]` / `kakanai demo`: the counter application.

When the Qt application is not installed in this build, `demo` prints the plan of the bundled example
reception instead, so the README's run command always shows something useful."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    a = sub.add_parser("app", help="窓口アプリを起動します")
    a.add_argument("--demo", action="store_true", help="デモ・研修モード（模擬カードリーダーと見本の住民）")
    a.set_defaults(handler=run_app)
    d = sub.add_parser("demo", help="デモ・研修モードで窓口アプリを起動します")
    d.set_defaults(handler=run_demo, demo=True)


def run_app(args: argparse.Namespace) -> int:
    try:
        from kakanai.ui.main import run_application  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("kakanai.ui"):
            raise
        return _print_example_plan()
    return int(run_application(demo=bool(args.demo)))


def run_demo(args: argparse.Namespace) -> int:
    return run_app(args)


def _print_example_plan() -> int:
    from kakanai.cli.plan import format_plan_text
    from kakanai.model import reception_from_json
    from kakanai.paths import examples_dir
    from kakanai.rules import load_rulebook

    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    plan = load_rulebook().plan(reception)
    sys.stdout.write("（窓口アプリの画面はまだありません。見本の受付の判定結果を表示します）\n\n")
    sys.stdout.write(format_plan_text(reception, plan) + "\n")
    return 0
