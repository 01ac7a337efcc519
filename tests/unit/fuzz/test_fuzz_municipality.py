"""Municipality parameter files through `rules check` → `plan` (issue 16): resources/municipality/default.yaml
with values replaced (plausible and hostile), keys deleted or added, and its text corrupted. `rules check`
reports (exit 0 or 2), never raises; a file it passes must then plan the example household (exit 0)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from kakanai.paths import default_municipality_file, examples_dir
from tests.unit.fuzz.harness import fuzz_settings, mutated, run_cli, values_by_key

DEFAULT_TEXT = default_municipality_file().read_text(encoding="utf-8")
DEFAULT = yaml.safe_load(DEFAULT_TEXT)
SEEN = values_by_key([DEFAULT])
EXAMPLE = str(examples_dir() / "moving_in_family.json")


def check_then_plan(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "municipality.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        checked, _out, _err = run_cli(["rules", "check", "--municipality", str(path)])
        planned, _out, err = run_cli(["plan", EXAMPLE, "--municipality", str(path)])
        if checked == 0:  # what passes the check never fails later
            assert planned == 0, err


# Plausible and hostile values and deletions anywhere, the parameter values included.
MUTATED = mutated(DEFAULT, SEEN, hostile=True, skip=())


@fuzz_settings(12, long_share=0.25)
@given(MUTATED)
def test_mutated_parameters_check_and_plan_cleanly(doc: Any) -> None:
    check_then_plan(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


@st.composite
def corrupted(draw: st.DrawFn) -> str:
    lines = DEFAULT_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "indent", "insert"]))
        if op == "drop":
            del lines[i]
        elif op == "indent":
            lines[i] = " " + lines[i]
        else:
            lines.insert(i, draw(st.sampled_from(["  bogus: 1", "- x", ": :", "\t", "params: []", "offices: 3"])))
    return "\n".join(lines) + "\n"


@fuzz_settings(8, long_share=0.25)
@given(corrupted())
def test_corrupted_files_check_and_plan_cleanly(text: str) -> None:
    check_then_plan(text)
