"""The whole set of the 4-person 転入 handed to the print system (CUPS, the `PDF` printer) within 5 s, and
all its previews ready within 1.5 s (issue 17). Figures are reported (extra_info and
build/measurements/ui_bench.json), never asserted: a loaded machine must not fail the build on a timing;
what is asserted is that every document and page reached the queue."""

from __future__ import annotations

import statistics
import time
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from tests.bench.test_ui_bench import report
from tests.integration.ui.conftest import cups, queued_jobs  # noqa: F401 (the CUPS fixture)

from kakanai.app.forms_adapter import forms_renderer
from kakanai.app.services import build_services
from kakanai.app.settings import CounterSettings
from kakanai.model import reception_from_json
from kakanai.paths import examples_dir
from kakanai.ui.fallback_render import QtFallbackRenderer
from kakanai.ui.printing import PrintProgress, print_documents

HANDOFF_TARGET = 5.0
PREVIEWS_TARGET = 1.5


@pytest.fixture(scope="module")
def rendered() -> Any:
    """The counter's renderer as after start-up (warmed up), the 4-person 転入 and its first rendering: the
    figure a clerk meets on the first reception of the day, caches of earlier renderings not yet filled."""
    assert QApplication.instance() is not None or QApplication([]) is not None
    fallback = QtFallbackRenderer()
    services = build_services(CounterSettings(idle_minutes=0), demo=True, renderer=fallback)
    renderer = forms_renderer(services.book, fallback=fallback, counter_name=lambda: "見本窓口")
    assert renderer is not None
    renderer.warm_up()  # type: ignore[attr-defined]
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    plan = services.book.plan(reception)
    started = time.perf_counter()
    result = renderer.render(reception, plan)
    seconds = time.perf_counter() - started
    services.close()
    return result, seconds, lambda: renderer.render(reception, plan)


def test_all_previews_of_the_4_person_moving_in(benchmark: Any, rendered: Any) -> None:
    result, first, render = rendered
    samples = [first]

    def again() -> Any:
        started = time.perf_counter()
        out = render()
        samples.append(time.perf_counter() - started)
        return out

    # The first rendering and, with --benchmark-enable, four more (the next receptions of the day).
    if benchmark.enabled:
        benchmark.pedantic(again, rounds=4, iterations=1)
    else:
        benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    report("all_previews_moving_in_4", samples, PREVIEWS_TARGET, benchmark)
    print(f"all previews: {len(result.documents)} documents in {first:.2f} s (first); "
          f"min {min(samples):.2f} s, median {statistics.median(samples):.2f} s over {len(samples)}")
    assert result.errors == () and len(result.documents) == 13
    assert [d.key for d in render().documents] == [d.key for d in result.documents]


def test_print_handoff_of_the_4_person_moving_in(benchmark: Any, rendered: Any, cups: str) -> None:  # noqa: F811
    result, _seconds, _render = rendered
    seen: list[PrintProgress] = []
    times: list[float] = []

    def hand_off() -> Any:
        started = time.perf_counter()
        out = print_documents(cups, result.documents, seen.append)
        times.append(time.perf_counter() - started)
        return out

    printed = benchmark.pedantic(hand_off, rounds=1, iterations=1)
    report("print_handoff_moving_in_4", times, HANDOFF_TARGET, benchmark)
    print(f"print hand-off: {len(printed.printed)} documents, {printed.pages} pages in {times[0]:.2f} s")
    assert printed.printed == tuple(d.title for d in result.documents)
    assert [p.done for p in seen] == list(range(len(result.documents) + 1))
    deadline = time.monotonic() + 120
    while queued_jobs(cups) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert queued_jobs(cups) == []
