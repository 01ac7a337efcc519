"""Pre-entry QR texts through `qr decode` → `plan` → `render` (issue 16): the issue's fuzzing found that 6,353
of 28,612 codes `qr read` accepted crashed the planner. Here the documents of the example codes have values
replaced (plausible and hostile) behind a valid frame and CRC (tests/unit/qr/craft.py), so the decoder's
checks are passed and the planner is reached; whatever the decoder accepts must plan and render, or be
refused cleanly. (tests/unit/qr/test_fuzz.py fuzzes the decoder alone.)"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kakanai.model import reception_from_dict
from kakanai.paths import examples_dir
from kakanai.qr.document import to_document
from tests.unit.fuzz.harness import fuzz_settings, mutated, run_cli, values_by_key
from tests.unit.qr.craft import document_code

DOCUMENTS = [to_document(reception_from_dict(json.loads(path.read_text(encoding="utf-8"))))
             for path in sorted((examples_dir() / "qr").glob("*.json"))]
SEEN = values_by_key(DOCUMENTS)


def code_of(doc: Any) -> str:
    # surrogatepass: a lone surrogate becomes the invalid UTF-8 a forged code can carry.
    return document_code(json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass"))


CODES = st.sampled_from(DOCUMENTS).flatmap(lambda doc: mutated(doc, SEEN)).map(code_of)


def decoded(text: str) -> str | None:
    """The reception JSON `qr decode` prints, or None when it refused the code (cleanly)."""
    code, out, _err = run_cli(["qr", "decode", text, "--json"])
    return out if code == 0 else None


@fuzz_settings(40)
@given(CODES)
def test_accepted_codes_plan_or_fail_cleanly(text: str) -> None:
    reception = decoded(text)
    if reception is not None:
        code, out, _err = run_cli(["plan", "-", "--json"], stdin=reception)
        assert code != 0 or "procedures" in json.loads(out)


@fuzz_settings(3, long_share=0.1)
@given(CODES)
def test_accepted_codes_render_or_fail_cleanly(text: str) -> None:
    reception = decoded(text)
    if reception is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        code, _stdout, _err = run_cli(["render", "-", "--out", str(out)], stdin=reception)
        assert (code == 0) == out.is_dir()


def test_the_unmutated_examples_decode_and_plan() -> None:
    for doc in DOCUMENTS:
        reception = decoded(document_code(doc))
        assert reception is not None and json.loads(reception)["event"]
        assert run_cli(["plan", "-"], stdin=reception)[0] == 0


