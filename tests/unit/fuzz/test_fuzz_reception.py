"""Random receptions through `kakanai plan` and `kakanai render` (issue 16): the examples with values replaced
by hostile ones, keys deleted and unknown keys added, and random JSON documents. Every outcome is a plan,
a set of PDFs, or one clear error (exit 2 or 3)."""

from __future__ import annotations

import contextlib
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from kakanai.paths import examples_dir
from tests.unit.fuzz.harness import (
    CRASH_RECORDED,
    HOSTILE,
    dumps,
    fuzz_settings,
    iso_dates,
    mutated,
    run_cli,
    values_by_key,
)

BASES = [json.loads(path.read_text(encoding="utf-8"))
         for path in sorted([examples_dir() / "moving_in_family.json", *(examples_dir() / "qr").glob("*.json")])]
SEEN = values_by_key(BASES)
RECEPTIONS = st.sampled_from(BASES).flatmap(lambda base: mutated(base, SEEN))
# Whole documents that are not receptions at all, deep nesting and a 5000-digit number among them.
DOCUMENTS = st.one_of(
    HOSTILE.map(dumps),
    st.text(max_size=200),
    st.sampled_from(["", "{", "[]", '{"event": "birth"}', '{"event": "birth", "event": "death"}']),
    st.integers(1000, 50_000).map(lambda n: "[" * n + "]" * n),
    st.just("1" * 5000),
)


def check_plan(text: str) -> None:
    code, out, _err = run_cli(["plan", "-", "--json"], stdin=text)
    if code == CRASH_RECORDED:
        return
    if code == 0:
        assert "procedures" in json.loads(out)
    else:
        assert json.loads(out)["error"]["message"]


@fuzz_settings(60)
@given(RECEPTIONS)
@example(BASES[0])
def test_mutated_receptions_plan_or_fail_cleanly(reception: Any) -> None:
    check_plan(dumps(reception))


@fuzz_settings(30)
@given(st.sampled_from(BASES), iso_dates(), st.integers(0, 400), st.integers(-90, 90))
def test_receptions_on_any_date_plan_or_fail_cleanly(base: Any, event_date: str, visit_after: int,
                                                     born_shift_years: int) -> None:
    """Every date a reception can have, with the visit after the event and the household born earlier or
    later: the parameters must cover the date (or say they do not), deadlines must be computable."""
    reception = json.loads(json.dumps(base))
    day = date.fromisoformat(event_date)
    reception["event_date"] = event_date
    reception["visit_date"] = (day + timedelta(days=visit_after)).isoformat() if day.year < 9999 else event_date
    for member in reception["members"]:
        born = date.fromisoformat(member["birth_date"])
        with contextlib.suppress(ValueError):  # 29 February in a year that has none: keep it
            member["birth_date"] = born.replace(year=min(max(born.year + born_shift_years, 1), 9999)).isoformat()
    check_plan(dumps(reception))


@fuzz_settings(40)
@given(DOCUMENTS)
def test_any_document_plans_or_fails_cleanly(text: str) -> None:
    check_plan(text)


@fuzz_settings(4, long_share=0.1)
@given(RECEPTIONS)
def test_mutated_receptions_render_or_fail_cleanly(reception: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        code, stdout, _err = run_cli(["render", "-", "--out", str(out), "--json"], stdin=dumps(reception))
        if code == 0:
            files = json.loads(stdout)["files"]
            assert files[-1]["form"] == "guidance"
            assert all(Path(f["path"]).read_bytes().startswith(b"%PDF-") for f in files)
        else:
            assert not out.exists()  # a failed render leaves nothing behind
