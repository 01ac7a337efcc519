"""Speed of the QR intake (issue 5): decoding a 1280x720 camera frame (target: median under 10 ms) and
validating a maximal pre-entry (target: under 5 ms).

Run with `pytest tests/bench --benchmark-enable`; in the normal run each body runs once and the targets
are not asserted (no statistics are gathered then).
"""

from __future__ import annotations

import json
from typing import Any

import cv2
import numpy as np
import pytest

from kakanai.model import reception_from_dict
from kakanai.paths import examples_dir
from kakanai.qr import decode_texts, encode_reception
from kakanai.qr.document import MAX_ENTRIES, MAX_MEMBERS
from kakanai.qr.image import decode_frame, make_symbol, render_symbol
from kakanai.qr.payload import MAX_DOCUMENT_BYTES, compress, decode_stream
from kakanai.rules import load_rulebook

FRAME_TARGET_S = 0.010
VALIDATION_TARGET_S = 0.005


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((examples_dir() / "qr" / f"{name}.json").read_text(encoding="utf-8"))
    return data


def camera_frame(text: str) -> np.ndarray[Any, np.dtype[np.uint8]]:
    """The code at 40% of the frame width, rotated 12 degrees and a little blurred, in a noisy frame."""
    code = cv2.cvtColor(render_symbol(make_symbol(text), module_px=4), cv2.COLOR_GRAY2BGR)
    side = code.shape[0]
    target = 0.40 * 1280
    matrix = cv2.getRotationMatrix2D((side / 2, side / 2), 12, target / side)
    matrix[:, 2] += (640 - side / 2, 360 - side / 2)
    frame = cv2.warpAffine(code, matrix, (1280, 720), borderValue=(120, 110, 100))
    frame = cv2.GaussianBlur(frame, (0, 0), 0.8)
    noise = np.random.default_rng(1).normal(0, 6, frame.shape)
    return np.clip(frame + noise, 0, 255).astype(np.uint8)


def _median(benchmark: Any) -> float:
    return float(benchmark.stats.stats.median)


def test_decode_a_1280x720_frame(benchmark: Any) -> None:
    text = encode_reception(reception_from_dict(example("moving_in_10_members"))).texts[0]
    frame = camera_frame(text)
    found = benchmark(decode_frame, frame)
    assert [d.text for d in found] == [text]
    if benchmark.enabled:
        assert _median(benchmark) < FRAME_TARGET_S


def test_a_frame_without_a_code(benchmark: Any) -> None:
    """Most camera frames show no code yet: what one costs."""
    frame = np.random.default_rng(2).integers(60, 200, (720, 1280, 3), dtype=np.uint8)
    assert benchmark(decode_frame, frame) == []


CATALOG_FACTS = {  # every person fact of the catalog answered (schema-1 fact codes)
    "A": "child", "B": "national", "C": "1", "D": False, "E": False, "F": True, "G": True, "H": "elementary",
    "I": False, "J": ["physical", "mental"], "K": False, "L": "japanese", "M": 3000, "N": False, "O": True,
    "P": False,
}
HOUSEHOLD_FACTS = {"Q": True, "R": True, "S": False, "T": True, "U": False, "V": True, "W": False, "X": False,
                   "Y": "2026-03-31", "Z": False, "ZA": True, "ZB": True, "ZC": False}


def _text(n: int, salt: int) -> str:
    """n different kanji: text that compresses as badly as real names and addresses."""
    return "".join(chr(0x4E00 + (salt * 7919 + k * 104729) % 20000) for k in range(n))


def document(members: int, *, note_length: int = 20, top_inputs: int = 0, top_length: int = 0) -> bytes:
    people = [{"k": f"p{i + 1}", "n": _text(6, 10 * i), "r": "ヨシダ　タロウ", "b": "1990-01-01", "x": "female",
               "a": _text(40, 10 * i + 1), "f": CATALOG_FACTS,
               "i": {"note1": _text(note_length, 10 * i + 2), "note2": _text(note_length, 10 * i + 3)}}
              for i in range(members)]
    doc = {"e": "moving_in", "d": "2026-04-03", "v": "2026-04-06",
           "h": {"a": _text(60, 99991), "p": _text(60, 99992), "f": HOUSEHOLD_FACTS},
           "m": people, "i": {f"input{j}": _text(top_length, 5000 + j) for j in range(top_inputs)}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def household(members: int) -> dict[str, Any]:
    """The 10-member example grown to `members` people (each a different name), sharing its addresses; the
    copies of its 世帯主 are その他 (a household has one, 住基法7条4号)."""
    data = example("moving_in_10_members")
    base = data["members"]

    def copy(i: int) -> dict[str, Any]:
        member = dict(base[i % 10], id=f"p{i + 1}", name=base[i % 10]["name"] + chr(0x4E00 + 97 * i))
        if i >= 10 and member["facts"].get("relationship") == "head":
            member["facts"] = dict(member["facts"], relationship="other")
        return member

    data["members"] = [copy(i) for i in range(members)]
    return data


def fullest_single_code() -> str:
    """The largest such household that one version-25 code holds."""
    best = None
    for members in range(10, MAX_MEMBERS + 1):
        texts = encode_reception(reception_from_dict(household(members))).texts
        if len(texts) > 1:
            break
        best = texts[0]
    assert best is not None
    return best


def maximal_document() -> bytes:
    """The largest document the decoder accepts: 30 members, every catalog fact answered, 32 KiB."""
    for length in range(200, 0, -1):  # top-level form inputs fill up to the limit
        data = document(MAX_MEMBERS, top_inputs=MAX_ENTRIES, top_length=length)
        if len(data) <= MAX_DOCUMENT_BYTES:
            assert len(data) > MAX_DOCUMENT_BYTES * 0.98
            return data
    raise AssertionError("no maximal document")


def test_validate_the_fullest_single_code(benchmark: Any) -> None:
    """Everything the decoder does with one scanned code: Base45, CRC, inflate, parse, check, catalog."""
    text = fullest_single_code()
    validate = load_rulebook().validate_reception
    reception = benchmark(decode_texts, [text], validate=validate)
    assert len(reception.members) >= 10
    if benchmark.enabled:
        assert _median(benchmark) < VALIDATION_TARGET_S


def test_validate_a_maximal_document(benchmark: Any) -> None:
    """The worst the decoder accepts (the size limit, 30 members): decompress, parse, check, catalog."""
    stream = compress(maximal_document())
    validate = load_rulebook().validate_reception
    reception = benchmark(decode_stream, stream, validate=validate)
    assert len(reception.members) == MAX_MEMBERS
    if benchmark.enabled:
        assert _median(benchmark) < VALIDATION_TARGET_S


@pytest.mark.parametrize("members", [10, 30])
def test_decode_the_texts_of_a_household(benchmark: Any, members: int) -> None:
    texts = encode_reception(reception_from_dict(household(members))).texts
    reception = benchmark(decode_texts, texts)
    assert len(reception.members) == members
