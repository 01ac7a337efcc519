"""`kakanai --selftest`: what an installed counter PC (or the PyInstaller bundle) checks before use.

Loads the rule catalog and the form definitions, plans and renders the example reception, reads a
simulated My Number card, encodes and decodes a pre-entry QR code, proposes a フリガナ and the
address of a 郵便番号 (the dictionary and Japan Post's data ship with it), and starts Qt offscreen. Prints one
line per check and exits 0 only when every check passed."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kakanai.cli.common import EXIT_DOMAIN


def _check_rules() -> str:
    from kakanai.model import reception_from_json
    from kakanai.paths import examples_dir
    from kakanai.rules import load_rulebook

    book = load_rulebook(check_forms=True)
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    plan = book.plan(reception)
    if not plan.procedures:
        raise RuntimeError("見本の受付で手続が1件も判定されませんでした")
    return f"規則 {len(book.catalog.procedures)}件を読み込み、見本の転入で {len(plan.procedures)}件の手続を判定"


def _check_forms() -> str:
    from kakanai.cli.selfcheck_forms import render_example

    with tempfile.TemporaryDirectory() as out:
        files = render_example(Path(out))
        if not files or not all(f.stat().st_size > 0 for f in files):
            raise RuntimeError("PDFが作成されませんでした")
        return f"見本の転入の様式と案内シート {len(files)}ファイルを作成"


def _check_card() -> str:
    from kakanai.card import StaticPin, read_card
    from kakanai.card.simulator import InProcessConnection, load_profile
    from kakanai.paths import examples_dir

    profile = load_profile(examples_dir() / "card-kokutou.json")
    info = read_card(lambda: InProcessConnection(profile), StaticPin("1234"))
    if info.name != "黒桐　幹也":
        raise RuntimeError(f"読み取った氏名が違います: {info.name}")
    return f"模擬マイナンバーカードから基本4情報を読み取り（{info.name}）"


def _check_qr() -> str:
    from kakanai.model import reception_from_json
    from kakanai.paths import examples_dir
    from kakanai.qr import decode_texts, encode_reception
    from kakanai.qr.image import decode_image, make_symbol, render_symbol

    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    encoded = encode_reception(reception)
    texts = [d.text for t in encoded.texts for d in decode_image(render_symbol(make_symbol(t)))]
    if decode_texts(texts) != reception:
        raise RuntimeError("QRコードの読み取り結果が元の受付と一致しません")
    return f"事前入力QRコード {len(encoded.texts)}枚を作成して読み取り"


def _check_typing_aids() -> str:
    # Called directly (not through app.readings, which degrades to no proposal): an installed counter
    # must show that the dictionary and Japan Post's data really ship with it.
    from kakanai.text.postal import lookup_postal_code
    from kakanai.text.readings import read_name

    kana = read_name("山田　太郎").candidates(1)
    if kana[:1] != ("ヤマダ　タロウ",):
        raise RuntimeError(f"フリガナの候補が違います: {kana}")
    town = lookup_postal_code("100-0001").towns[0].address
    if not town.endswith("千代田区千代田"):
        raise RuntimeError(f"郵便番号の住所が違います: {town}")
    return f"フリガナ候補（山田　太郎 → {kana[0]}）と郵便番号の住所（〒100-0001 → {town}）"


def _check_qt() -> str:
    from kakanai.ui.selfcheck import check_qt

    return check_qt()


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("rules", _check_rules),
    ("forms", _check_forms),
    ("card", _check_card),
    ("qr", _check_qr),
    ("typing", _check_typing_aids),
    ("qt", _check_qt),
]


def run_selftest() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = 0
    for name, check in CHECKS:
        started = time.perf_counter()
        try:
            detail = check()
        except Exception as exc:  # every failure is reported; none aborts the others
            failed += 1
            sys.stdout.write(f"NG {name}: {type(exc).__name__}: {exc}\n")
            continue
        sys.stdout.write(f"OK {name}: {detail}（{(time.perf_counter() - started) * 1000:.0f} ms）\n")
    sys.stdout.write(f"{len(CHECKS) - failed} passed, {failed} failed\n")
    return 0 if failed == 0 else EXIT_DOMAIN  # the documented codes (main.EXIT_CODES_HELP) have no 1
