"""Running the CLI in-process for the fuzzers (issue 16): every outcome must be 0, a clean error (exit 2 or
3), never an unexpected exception — which the top-level guard would turn into exit 70.

CI runs a few dozen examples per fuzzer with a fixed seed (derandomize). The benchmark mode:
KAKANAI_FUZZ_EXAMPLES=N runs N per fuzzer, and KAKANAI_FUZZ_COLLECT=FILE records every crash in FILE and
goes on (a census rather than the first failure), e.g.

    KAKANAI_FUZZ_EXAMPLES=2000 KAKANAI_FUZZ_COLLECT=/tmp/crashes.jsonl \
        pytest tests/unit/fuzz --hypothesis-show-statistics
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import json
import os
import re
import traceback
from collections.abc import Iterator
from datetime import date
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from kakanai.cli import main as cli_main
from kakanai.cli import plan as cli_plan

LONG_RUN = int(os.environ.get("KAKANAI_FUZZ_EXAMPLES", "0"))
# The benchmark mode's census: every crash is appended to this file (JSON lines) and the run goes on.
COLLECT = os.environ.get("KAKANAI_FUZZ_COLLECT", "")
CRASH_RECORDED = 70  # run_cli's code for a crash recorded in COLLECT mode (the CLI's own exit code for one)

# Every input class the fuzzers found crashing before the schemas of issue 16 (event dates before the first
# parameter value, lone surrogates, deep nesting, 5000-digit numbers, municipality values of the wrong type)
# is generated in CI too: each must now be a clean refusal.
EARLIEST = date(1, 1, 1)


def fuzz_settings(ci_examples: int, *, long_share: float = 1.0) -> settings:
    """`ci_examples` in CI; in the long run KAKANAI_FUZZ_EXAMPLES × `long_share` (render: a tenth, slower)."""
    examples = max(int(LONG_RUN * long_share), ci_examples) if LONG_RUN else ci_examples
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


class _Unexpected(Exception):
    pass


def _reraise(exc: Exception, _args: Any, *, json_output: bool) -> int:
    if COLLECT:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/kakanai/" in f.filename]
        where = f"{frames[-1].filename.split('/kakanai/')[-1]}:{frames[-1].lineno} {frames[-1].name}" if frames else "?"
        crash = {"test": os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0], "type": type(exc).__name__,
                 "where": where, "message": str(exc)[:160]}
        with open(COLLECT, "a", encoding="utf-8") as log:
            log.write(json.dumps(crash, ensure_ascii=False) + "\n")
        return CRASH_RECORDED
    raise exc  # the original exception and frames: hypothesis tells crash classes apart by their origin


_LOAD_BOOK = cli_plan.load_book


@functools.cache
def _default_book() -> Any:
    return _LOAD_BOOK(None)


def _load_book(municipality: str | None) -> Any:
    """The default rule book loaded once (0.2 s a load): the fuzzers vary the input, not the rules —
    except test_fuzz_municipality, whose files are loaded each time."""
    return _default_book() if municipality is None else _LOAD_BOOK(municipality)


class _Stream(io.TextIOWrapper):
    """A UTF-8 stream like the real stdout (strict) or stderr (backslashreplace): a value that cannot be
    printed (a lone surrogate) fails here as it would on the terminal — io.StringIO would hide it."""

    def __init__(self, errors: str) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", errors=errors, write_through=True)

    def text(self) -> str:
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue().decode("utf-8", "replace")


def _stdin(text: str) -> io.TextIOWrapper:
    """Standard input as a process has it: bytes under the text layer (the CLI reads the bytes, UTF-8);
    a lone surrogate becomes the bytes a pipe would carry for it, which are not UTF-8."""
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8", "surrogatepass")), encoding="utf-8")


@contextlib.contextmanager
def _captured(stdin: str) -> Iterator[tuple[_Stream, _Stream]]:
    out, err = _Stream("strict"), _Stream("backslashreplace")
    with mock.patch.object(cli_main, "_unexpected", _reraise), mock.patch.object(cli_plan, "load_book", _load_book), \
            mock.patch("sys.stdin", _stdin(stdin)), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield out, err


def run_cli(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """The exit code, stdout and stderr of `kakanai ARGV`; an unexpected exception propagates."""
    with _captured(stdin) as (out_stream, err_stream):
        code = cli_main.main(argv)
    out, err = out_stream.text(), err_stream.text()
    if currently_in_test_context():  # --hypothesis-show-statistics: how many inputs passed, how many refused
        event(f"exit {code}")
    assert code in ((0, 2, 3, CRASH_RECORDED) if COLLECT else (0, 2, 3)), (code, err)
    if code == CRASH_RECORDED:
        return code, out, err
    assert "Traceback" not in err
    if code:  # a refusal says why: one "kakanai: …" line, or a report on stdout (`rules check`)
        assert err.startswith("kakanai: ") or out.startswith(("/", "NG")), err
    return code, out, err


def iso_dates(*, earliest: date = EARLIEST) -> st.SearchStrategy[str]:
    return st.dates(min_value=earliest, max_value=date(9999, 12, 31)).map(date.isoformat)


def _text() -> st.SearchStrategy[str]:
    text = st.text(max_size=40)  # hypothesis leaves out surrogates by default
    return text | st.sampled_from(["\ud800", "山田\udfff"])


# Values a careless or hostile user types: wrong types, huge and negative numbers, odd text, real dates.
HOSTILE: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.sampled_from([10**30, -(2**63), 2**64]),
    st.floats(allow_nan=True, allow_infinity=True), _text(), iso_dates(),
    st.sampled_from(["", " ", "2026-02-30", "0000-01-01", "p1", "p2", "head", "\n", "p1\n", "null", "true"]),
    st.lists(st.sampled_from(["p1", "p2", "", 3, None]), max_size=3),
    st.dictionaries(st.sampled_from(["id", "name", "x", ""]), st.none() | st.integers() | st.text(max_size=3),
                    max_size=3),
)


def leaves(obj: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (the root excluded), for picking what to mutate."""
    found: list[tuple[Any, ...]] = [path] if path else []
    if isinstance(obj, dict):
        found += [p for k, v in obj.items() for p in leaves(v, (*path, k))]
    elif isinstance(obj, list):
        found += [p for i, v in enumerate(obj) for p in leaves(v, (*path, i))]
    return found


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def plausible(value: Any, seen: list[Any]) -> st.SearchStrategy[Any]:
    """A value of the same kind: another date for a date, another value seen at the same key (an enum,
    a member id), a bool for a bool — so that many mutated inputs still plan, and the planner is reached."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return iso_dates()
    if isinstance(value, date):  # a YAML date
        return st.dates(min_value=EARLIEST)
    if isinstance(value, int):
        return st.integers(-1, 200)
    if isinstance(value, str):
        return st.sampled_from(seen) if seen else st.text(max_size=20)
    if isinstance(value, list) and value:
        return st.lists(st.sampled_from(value), max_size=len(value) + 1)
    return st.just(value)


def values_by_key(docs: list[Any]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}

    def walk(obj: Any) -> None:
        if isinstance(obj, dict):
            for key, value in obj.items():
                if isinstance(value, str | bool | int) and value not in found.setdefault(key, []):
                    found[key].append(value)
                walk(value)
        elif isinstance(obj, list):
            for item in obj:
                walk(item)

    for doc in docs:
        walk(doc)
    return found


@st.composite
def mutated(draw: st.DrawFn, base: Any, seen: dict[str, list[Any]], *, max_changes: int = 3,
            hostile: bool = True, skip: tuple[str, ...] = ()) -> Any:
    """`base` with 1..max_changes values replaced (by a plausible or, with `hostile`, a hostile value), keys
    deleted or unknown keys added; `seen` holds the values of each key in the examples (values_by_key);
    the top-level keys in `skip` are left alone."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, max_changes))):
        paths = [p for p in leaves(doc) if p[0] not in skip]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        ops = ["plausible", "plausible", "plausible", "delete", *(["replace", "replace", "add"] if hostile else [])]
        op = draw(st.sampled_from(ops))
        if op == "plausible":
            key = path[-1] if isinstance(path[-1], str) else ""
            parent[path[-1]] = draw(plausible(parent[path[-1]], seen.get(key, [])))
        elif op == "replace":
            parent[path[-1]] = draw(HOSTILE)
        elif op == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["unknown", "Event", "birth_date ", "id"]))] = draw(HOSTILE)
        else:
            parent.append(draw(HOSTILE))
    return doc


def dumps(doc: Any) -> str:
    # ensure_ascii: a lone surrogate travels as a \\ud800 escape, as in a hostile file.
    return json.dumps(doc, ensure_ascii=True)
