"""The saved corpus of bad inputs (tests/unit/qr/corpus/*.json): each gives exactly its error code.

A file is {"texts": [one text per code read], "expected": "<error code>"}; `expected` null marks an input
test_fuzz.py found crashing the decoder, which must now give some QrError.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kakanai.qr import QrError, QrErrorCode, decode_texts

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.json"))


def test_the_corpus_covers_every_error_class() -> None:
    expected = {json.loads(p.read_text(encoding="utf-8"))["expected"] for p in CORPUS}
    assert expected >= {code.value for code in QrErrorCode} - {"no_code_found"}  # no text at all: test_errors


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_input(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    with pytest.raises(QrError) as info:
        decode_texts(case["texts"])
    if case["expected"] is not None:
        assert info.value.code.value == case["expected"], info.value.message
