"""Fuzzing the decoder: whatever the input, the result is a reception or a QrError, never another exception.

An input that makes the decoder fail in any other way is written to tests/unit/qr/corpus/ (as
`crash-<hash>.json`) before the test fails, so it stays a regression test once fixed; the corpus holds
the bad inputs of every class found so far (test_corpus.py replays them).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kakanai.model import Reception
from kakanai.qr import PREFIX, QrError, QrErrorCode, decode_texts, encode_reception
from kakanai.qr.base45 import ALPHABET, b45decode, b45encode
from kakanai.qr.document import to_document
from tests.unit.qr.craft import document_code, frame
from tests.unit.qr.samples import example_reception

CORPUS = Path(__file__).parent / "corpus"
RECEPTION = example_reception("moving_in")
GOOD = encode_reception(RECEPTION, set_id=7).texts[0]
SPLIT = encode_reception(example_reception("moving_in_10_members"), max_version=9, set_id=8).texts
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def decode_or_record(texts: list[str]) -> Reception | QrError:
    try:
        return decode_texts(texts)
    except QrError as exc:
        assert exc.message and isinstance(exc.code, QrErrorCode)
        return exc
    except BaseException:
        blob = json.dumps({"texts": texts, "expected": None, "description": "found by test_fuzz"},
                          ensure_ascii=False)
        name = hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        (CORPUS / f"crash-{name}.json").write_text(blob, encoding="utf-8", errors="surrogatepass")
        raise


@FUZZ
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    decode_or_record([text])


@FUZZ
@given(st.text(alphabet=ALPHABET + "(~'\"\r\n", max_size=400))
def test_any_base45_after_the_prefix(body: str) -> None:
    result = decode_or_record([PREFIX + body])
    assert isinstance(result, QrError)  # a random body never passes the CRC


@FUZZ
@given(st.data())
def test_mutated_codes(data: st.DataObject) -> None:
    text = GOOD
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text) - 1))
        op = data.draw(st.sampled_from(["replace", "insert", "delete", "swap"]))
        char = data.draw(st.sampled_from(ALPHABET))
        if op == "replace":
            text = text[:i] + char + text[i + 1:]
        elif op == "insert":
            text = text[:i] + char + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + 1:]
        elif i + 1 < len(text):
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    result = decode_or_record([text])
    assert result == RECEPTION if text == GOOD else isinstance(result, QrError) or result == RECEPTION


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes_behind_a_valid_crc(chunk: bytes) -> None:
    decode_or_record([frame(chunk)])


@FUZZ
@given(st.binary(max_size=2000))
def test_random_documents_behind_valid_deflate(document: bytes) -> None:
    decode_or_record([document_code(document)])


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30) | st.sampled_from(["2026-04-01", "p1"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@FUZZ
@given(JSON)
def test_random_json_documents(doc: Any) -> None:
    decode_or_record([document_code(doc)])


def _leaves(obj: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(obj, dict):
        return [path] + [p for k, v in obj.items() for p in _leaves(v, (*path, k))]
    if isinstance(obj, list):
        return [path] + [p for i, v in enumerate(obj) for p in _leaves(v, (*path, i))]
    return [path]


@FUZZ
@given(st.data())
def test_valid_documents_with_one_value_replaced(data: st.DataObject) -> None:
    doc = json.loads(json.dumps(to_document(RECEPTION), ensure_ascii=False))
    path = data.draw(st.sampled_from(_leaves(doc)[1:]))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(JSON)
    decode_or_record([document_code(doc)])


@FUZZ
@given(st.lists(st.sampled_from(range(len(SPLIT))), max_size=12), st.randoms())
def test_parts_in_any_order_with_duplicates(picks: list[int], rnd: Any) -> None:
    texts = [SPLIT[i] for i in picks]
    rnd.shuffle(texts)
    result = decode_or_record(texts)
    missing = [n for n in range(1, len(SPLIT) + 1) if n - 1 not in picks]
    if not picks:
        assert isinstance(result, QrError) and result.code is QrErrorCode.NO_CODE_FOUND
    elif missing:
        assert isinstance(result, QrError) and result.code is QrErrorCode.MISSING_PARTS
        assert result.extra["missing"] == missing
    else:
        assert isinstance(result, Reception) and result.members[9].name == "渡邊　健"


def test_base45_round_trip_and_rfc_9285_vectors() -> None:
    assert b45encode(b"AB") == "BB8" and b45encode(b"Hello!!") == "%69 VD92EX0"
    assert b45encode(b"base-45") == "UJCLQE7W581" and b45decode("QED8WEX0") == b"ietf!"


@FUZZ
@given(st.binary(max_size=200))
def test_base45_round_trip(data: bytes) -> None:
    assert b45decode(b45encode(data)) == data
