"""Speed of the counter application (issue 6), against its targets:

- start to usable window under 2 s (`kakanai app --demo --startup-check`, a whole process, offscreen);
- card read to fields shown within 0.3 s plus the card's own time (simulated card, real window);
- plan update after an answer under 50 ms (the answer, the re-plan and the interview page's refresh);
- first preview page under 0.5 s (the first document drawn, loaded into QtPdf and its page rendered).

Run with `pytest tests/bench --benchmark-enable`; in the normal run each body runs once. The figures are
measured and reported (extra_info, and build/measurements/ui_bench.json), never asserted: a loaded CI
machine must not fail the build on a timing.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from kakanai.app.forms_adapter import FormsRenderer
from kakanai.app.settings import CounterSettings
from kakanai.app.workflow import Step
from kakanai.model import LifeEvent, reception_from_json
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook
from kakanai.ui.fallback_render import QtFallbackRenderer
from kakanai.ui.main import build_window, make_services
from kakanai.ui.main_window import MainWindow

START_TARGET = 2.0
FIELDS_SHOWN_TARGET = 0.3
ANSWER_TARGET = 0.05
FIRST_PREVIEW_TARGET = 0.5
MEASUREMENTS = Path(__file__).resolve().parents[2] / "build" / "measurements" / "ui_bench.json"


def report(name: str, samples: list[float], target: float, benchmark: Any) -> None:
    """Record a figure against its target (benchmark extra_info and a JSON file for the issue's report)."""
    figures = {"median_seconds": round(statistics.median(samples), 4), "max_seconds": round(max(samples), 4),
               "rounds": len(samples), "target_seconds": target}
    benchmark.extra_info.update({**figures, "within_target": figures["median_seconds"] < target})
    MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(MEASUREMENTS.read_text()) if MEASUREMENTS.exists() else {}
    data[name] = figures
    MEASUREMENTS.write_text(json.dumps(data, indent=2))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("KAKANAI_CONFIG_DIR", str(tmp_path))
    w = build_window(make_services(CounterSettings(idle_minutes=0), demo=True), save=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def test_start_to_usable_window(benchmark: Any, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KAKANAI_CONFIG_DIR": str(tmp_path)}

    def start() -> dict[str, Any]:
        begun = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kakanai.cli.main", "app", "--demo", "--startup-check"],
                              capture_output=True, text=True, env=env, check=True, timeout=60)
        report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        report["process_seconds"] = time.perf_counter() - begun
        return report

    runs: list[dict[str, Any]] = []

    def measured() -> dict[str, Any]:
        runs.append(start())
        return runs[-1]

    result = benchmark.pedantic(measured, rounds=5 if benchmark.enabled else 1, iterations=1)
    assert result["step"] == "EVENT" and result["reader"] == "ready"
    # From the interpreter's start (the whole process, imports included) to the painted window.
    report("start_to_usable_window", [r["process_seconds"] for r in runs], START_TARGET, benchmark)
    benchmark.extra_info["window_shown_seconds"] = [r["window_shown_seconds"] for r in runs]


def _read_one(qtbot: QtBot, window: MainWindow, who: str, pin: str) -> float:
    sim, demo = window.services.simulator, window.services.demo
    assert sim is not None and demo is not None
    count = len(window.session.members)
    sim.insert(demo.card(who).profile)
    qtbot.waitUntil(lambda: window.card.active_dialog is not None, timeout=5000)
    dialog = window.card.active_dialog
    assert dialog is not None
    for digit in pin:
        dialog.press(digit)  # type: ignore[union-attr]
    dialog.send()
    qtbot.waitUntil(lambda: len(window.session.members) == count + 1, timeout=5000)
    pad = window.members_page.phone_dialog  # the reception's first card: the phone pad, skipped here
    if pad is not None:
        pad.reject()
        qtbot.waitUntil(lambda: window.members_page.phone_dialog is None, timeout=5000)
    sim.remove()
    shown = window.members_page.last_fields_shown_seconds
    assert shown is not None
    return shown


def test_card_read_to_fields_shown(benchmark: Any, qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    samples: list[float] = []

    def read() -> float:
        if len(window.session.members) >= 20:
            window.session.clear()
            window.event_page.choose(LifeEvent.MOVING_IN)
        sim = window.services.simulator
        assert sim is not None
        samples.append(_read_one(qtbot, window, "山田太郎", "1234"))
        window.session.remove_member(window.session.members[-1].id)
        return samples[-1]

    benchmark.pedantic(read, rounds=20 if benchmark.enabled else 1, iterations=1)
    # From the card's data being read (the card's own time excluded) to the member shown in the table.
    report("card_read_to_fields_shown", samples, FIELDS_SHOWN_TARGET, benchmark)


def test_plan_update_after_an_answer(benchmark: Any, qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    for who, pin in (("山田太郎", "1234"), ("山田花子", "5678"), ("山田𠮷子", "1111")):
        _read_one(qtbot, window, who, pin)
    for member_id, relationship in (("p1", "head"), ("p2", "spouse"), ("p3", "child")):
        window.session.set_relationship(member_id, relationship)
    window.session.next()
    assert window.session.step is Step.INTERVIEW
    page = window.interview_page
    question = next(c.ask for c in page.cards if c.question.kind == "bool")
    values = [True, False]
    samples: list[float] = []

    def answer() -> float:
        started = time.perf_counter()
        page._answer(question, values[0])
        values.reverse()
        samples.append(time.perf_counter() - started)
        return samples[-1]

    benchmark.pedantic(answer, rounds=50 if benchmark.enabled else 1, iterations=1)
    # The answer, the re-plan and the interview page's refresh (the plan shown beside the questions).
    report("plan_update_after_answer", samples, ANSWER_TARGET, benchmark)


def test_first_preview_page(benchmark: Any, qtbot: QtBot) -> None:
    """The real 住民異動届 (kakanai.forms, warmed up as after start-up), loaded into QtPdf, page 1 drawn."""
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    book = load_rulebook()
    plan = book.plan(reception)
    renderer = FormsRenderer(book, fallback=QtFallbackRenderer())
    renderer.warm_up()

    class First(Exception):
        pass

    samples: list[float] = []

    def first_page() -> QSize:
        found: list[Any] = []

        def stop(doc: Any) -> None:
            found.append(doc)
            raise First

        started = time.perf_counter()
        with contextlib.suppress(First):  # the first document is all the preview waits for
            renderer.render(reception, plan, stop)
        pdf = QPdfDocument()
        buffer = QBuffer()
        buffer.setData(QByteArray(found[0].pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        pdf.load(buffer)
        image = pdf.render(0, QSize(800, 1131))
        samples.append(time.perf_counter() - started)
        assert not image.isNull() and found[0].key == "resident_move_notice" and not found[0].fallback
        return image.size()

    benchmark.pedantic(first_page, rounds=10 if benchmark.enabled else 1, iterations=1)
    report("first_preview_page", samples, FIRST_PREVIEW_TARGET, benchmark)
