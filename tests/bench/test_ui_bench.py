"""Speed of the counter application (issue 6), against its targets:

- start to usable window under 2 s (`kakanai app --demo --startup-check`, a whole process, offscreen);
- card read to fields shown within 0.3 s plus the card's own time (simulated card, real window);
- plan update after an answer under 50 ms (the answer, the re-plan and the interview page's refresh);
- first preview page under 0.5 s (the first document drawn, loaded into QtPdf and its page rendered).

Run with `pytest tests/bench --benchmark-enable`; in the normal run each body runs once and the targets
are still asserted.
"""

from __future__ import annotations

import contextlib
import json
import os
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

    report = benchmark.pedantic(start, rounds=5 if benchmark.enabled else 1, iterations=1)
    assert report["step"] == "EVENT" and report["reader"] == "ready"
    # From the interpreter's start (the whole process, imports included) to the painted window.
    assert report["process_seconds"] < START_TARGET, report


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
    benchmark.extra_info["fields_shown_max_s"] = max(samples)
    assert max(samples) < FIELDS_SHOWN_TARGET


def test_plan_update_after_an_answer(benchmark: Any, qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    for who, pin in (("山田太郎", "1234"), ("山田花子", "5678"), ("山田𠮷子", "1111")):
        _read_one(qtbot, window, who, pin)
    window.session.next()
    assert window.session.step is Step.INTERVIEW
    page = window.interview_page
    question = next(q for q in window.session.questions if q.kind == "bool")
    values = [True, False]

    def answer() -> float:
        started = time.perf_counter()
        page._answer(question, values[0])
        values.reverse()
        return time.perf_counter() - started

    seconds = benchmark.pedantic(answer, rounds=50 if benchmark.enabled else 1, iterations=1)
    assert seconds < ANSWER_TARGET


def test_first_preview_page(benchmark: Any, qtbot: QtBot) -> None:
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    plan = load_rulebook().plan(reception)
    renderer = QtFallbackRenderer()

    class First(Exception):
        pass

    def first_page() -> QSize:
        found: list[Any] = []

        def stop(doc: Any) -> None:
            found.append(doc)
            raise First

        with contextlib.suppress(First):  # the first document is all the preview waits for
            renderer.render(reception, plan, stop)
        pdf = QPdfDocument()
        buffer = QBuffer()
        buffer.setData(QByteArray(found[0].pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        pdf.load(buffer)
        image = pdf.render(0, QSize(800, 1131))
        assert not image.isNull()
        return image.size()

    started = time.perf_counter()
    benchmark.pedantic(first_page, rounds=10 if benchmark.enabled else 1, iterations=1)
    assert time.perf_counter() - started < FIRST_PREVIEW_TARGET * (10 if benchmark.enabled else 1)
