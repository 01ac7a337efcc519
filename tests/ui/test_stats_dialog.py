"""The statistics view: charts and table from a temporary SQLite store; a clear message without one."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QChart, QValueAxis
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kakanai.model import FinishedReception, ReceptionLog
from kakanai.store import ReceptionStore
from kakanai.store.recorders import RecordContext
from kakanai.ui.main_window import MainWindow
from kakanai.ui.stats_dialog import UNKNOWN_PROCEDURE, StatsDialog, count_axis
from kakanai.ui.widgets import DIALOG_FRAME
from tests.unit.store.support import example_plan, example_reception, make_input

WAIT_MS = 10000


def _bars(chart: QChart) -> tuple[list[str], list[float]]:
    series = chart.series()
    if not series:
        return [], []
    assert isinstance(series[0], QBarSeries)
    bars = series[0].barSets()[0]
    categories = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis)).categories()
    return list(categories), [bars.at(i) for i in range(bars.count())]


def test_charts_and_table_from_the_store(qtbot: QtBot, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kakanai.sqlite3'}"
    store = ReceptionStore.open(url, upgrade=True)
    try:
        store.record(make_input(day=date(2026, 4, 10)))
        store.record(make_input(day=date(2026, 4, 10)))
        store.record(make_input(day=date(2026, 4, 11)))
        store.record(make_input(day=date(2026, 1, 5)))  # outside the last 30 days
    finally:
        store.close()
    dialog = StatsDialog(url, today=date(2026, 4, 12))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=WAIT_MS)
    assert dialog.statistics is not None and dialog.statistics.stats.receptions == 3
    assert _bars(dialog.per_day_chart) == (["4/10", "4/11"], [2.0, 1.0])  # the year is the period's
    events, medians = _bars(dialog.per_event_chart)
    assert len(events) == 1 and medians == [12.0]  # make_input: 12 minutes per reception
    rows = {dialog.procedures.item(r, 0).data(Qt.ItemDataRole.UserRole): int(dialog.procedures.item(r, 1).text())
            for r in range(dialog.procedures.rowCount())}
    # No title given here: never the internal id on screen
    assert {dialog.procedures.item(r, 0).text() for r in range(dialog.procedures.rowCount())} == {UNKNOWN_PROCEDURE}
    axis = next(a for a in dialog.per_day_chart.axes() if isinstance(a, QValueAxis))
    assert (axis.min(), axis.max(), axis.tickInterval(), axis.labelFormat()) == (0.0, 2.0, 1.0, "%d")
    # per reception of the example family: one allowance claim, three card updates
    assert rows["child_allowance_claim"] == 3 and rows["mynumber_card_update"] == 9
    assert rows == {c.key: c.count for c in dialog.statistics.stats.by_procedure}
    assert "受付 3件" in dialog.message.text()


def test_unreachable_database_shows_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = StatsDialog("postgresql+psycopg://kakanai:x@127.0.0.1:1/nowhere", today=date(2026, 4, 12))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=WAIT_MS)
    assert dialog.statistics is None
    assert dialog.message.text().startswith("統計を表示できません。")
    assert "Traceback" not in dialog.message.text()
    assert not dialog.per_day_chart.series() and dialog.procedures.rowCount() == 0


def test_no_database_yet_shows_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = StatsDialog(f"sqlite:///{tmp_path / 'missing.sqlite3'}", today=date(2026, 4, 12))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=WAIT_MS)
    assert "まだありません" in dialog.message.text()
    assert not (tmp_path / "missing.sqlite3").exists()


def test_the_counter_window_shows_its_own_records(qtbot: QtBot, window: MainWindow) -> None:
    """The 統計 button reads the database this counter records into (here the demo database)."""
    store = window.services.store_recorder
    assert store is not None
    finished = FinishedReception(reception=replace(example_reception(), id=str(uuid.uuid4())), plan=example_plan(),
                                 log=ReceptionLog(), seconds=600.0,
                                 started_at=datetime(2026, 4, 10, 0, 50, tzinfo=UTC),
                                 finished_at=datetime(2026, 4, 10, 1, 0, tzinfo=UTC))
    store.record_result(finished, RecordContext("窓口1", None, True))
    button = window.findChild(QPushButton, "open_stats")
    assert button is not None and button.text() == "統計"
    button.click()
    dialog = window.findChild(StatsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.loading, timeout=WAIT_MS)
    assert dialog.statistics is not None and dialog.statistics.stats.receptions == 1
    assert "受付 1件" in dialog.message.text()
    # Japanese titles from the catalog; the internal id is kept in the row's data, never shown (issue 17)
    first = dialog.procedures.item(0, 0)
    key = first.data(Qt.ItemDataRole.UserRole)
    assert key in {p.id for p in example_plan().procedures}
    assert first.text() == next(p.title for p in example_plan().procedures if p.id == key)
    assert first.toolTip() == ""
    assert dialog.steps.item(0, 0).text() == "受付全体" and dialog.steps.item(0, 2).text() == "10.0"
    assert "転入" in next(a for a in dialog.per_event_chart.axes() if isinstance(a, QBarCategoryAxis)).categories()
    dialog.close()


@pytest.mark.parametrize(("top", "axis"), [(0.0, (1, 1)), (0.1, (1, 1)), (1, (1, 1)), (5, (5, 1)), (7, (8, 2)),
                                           (12, (15, 5)), (31, (40, 10)), (480, (500, 100))])
def test_count_axis_has_whole_number_ticks(top: float, axis: tuple[int, int]) -> None:
    assert count_axis(top) == axis


@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_titles_and_headers_are_whole_on_a_1366_by_768_screen(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch, scale: float) -> None:
    """The 統計 as the counter opens it, with the catalog's titles: the 手続 column was 100 px, so every
    procedure read 「マイナン…」「子ども医…」; at text scale 1.4 the dialog kept its 960×720, cutting the chart's
    title (「…（中央値…」) and the header 「中央値（分）」. The window fits the screen either way."""
    url = f"sqlite:///{tmp_path / 'kakanai.sqlite3'}"
    store = ReceptionStore.open(url, upgrade=True)
    try:
        for day in (10, 10, 11):
            store.record(make_input(day=date(2026, 4, day)))
    finally:
        store.close()
    monkeypatch.setattr(window.services, "records_url", lambda: url)
    window.fit_into(QSize(1366, 768))
    window.update_settings(replace(window.services.settings, font_scale=scale))
    window.open_stats()
    dialog = window.findChild(StatsDialog)
    assert isinstance(dialog, StatsDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and not dialog.loading, timeout=WAIT_MS)
    assert dialog.width() <= 1366 and dialog.height() <= 768 - DIALOG_FRAME
    for table in (dialog.procedures, dialog.steps):
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(table.columnCount()):
            text = table.horizontalHeaderItem(column).text()
            assert header.sectionSize(column) >= metrics.horizontalAdvance(text), text
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(item.text()), item.text()
    chart = dialog.per_event_chart
    room = chart.size().width() - chart.margins().left() - chart.margins().right()
    assert QFontMetrics(chart.titleFont()).horizontalAdvance(chart.title()) <= room
