"""Speed of the typing helpers of issue 17: opening the Sudachi dictionary (once per process, on the first
proposal), one name's フリガナ candidates, and one 郵便番号. A proposal must be there before the clerk's
next key: well under 10 ms per name once the dictionary is open.

Run with `pytest tests/bench/test_text_bench.py --benchmark-enable`; in the normal run each body runs once."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from kakanai.text import readings
from kakanai.text.postal import lookup_postal_code
from kakanai.text.readings import propose_kana


def _reopen() -> None:
    readings._loaded.clear()  # the next call opens the dictionary again


def test_opening_the_dictionary(benchmark: Any) -> None:
    dictionary = benchmark.pedantic(readings.dictionary, setup=_reopen, rounds=20)
    assert dictionary is readings.dictionary()


def test_first_proposal_in_a_fresh_process(benchmark: Any) -> None:
    """Import of sudachipy + opening the dictionary + one name: what the first typed member waits."""
    code = "from kakanai.text.readings import propose_kana; print(propose_kana('渡邊　髙雄')[0])"
    done = benchmark.pedantic(subprocess.run, args=([sys.executable, "-c", code],),
                              kwargs={"capture_output": True, "text": True, "check": True}, rounds=3)
    assert done.stdout.strip() == "ワタナベ　タカオ"


def test_one_name(benchmark: Any) -> None:
    readings.dictionary()
    assert benchmark(propose_kana, "中田　健") == (
        "ナカタ　ケン", "ナカタ　タケシ", "ナカダ　ケン", "ナカタ　タケル", "ナカダ　タケシ")


def test_one_name_read_piece_by_piece(benchmark: Any) -> None:
    """A given name the dictionary lacks as a whole: the slower path, morpheme by morpheme (湊 + 斗).
    Its proposal is the pieces' readings joined, ミナトト, not the usual ミナト: the clerk corrects it, which
    is why a proposal is only ever a selected suggestion in the field."""
    readings.dictionary()
    assert benchmark(propose_kana, "佐藤　湊斗")[0] == "サトウ　ミナトト"


def test_one_postal_code(benchmark: Any) -> None:
    assert benchmark(lookup_postal_code, "100-0001").towns[0].address == "東京都千代田区千代田"
