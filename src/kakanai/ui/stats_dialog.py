"""統計: receptions per day and median handling time per life event (QtCharts), and counts per
procedure, for a period. Only codes, counts and durations are shown; never a personal field."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta

import shiboken6
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.statistics import Statistics, StatisticsUnavailable, load_statistics
from kakanai.app.steps import Step
from kakanai.model import LifeEvent
from kakanai.ui.background import run_in_background

DEFAULT_DAYS = 30
# The dialog's size in full-width characters (960×720 at text scale 1.0), so that it grows with the text: at
# 1.4 a fixed 960×720 cut the chart's title and a table header. The counter cuts it to the screen.
SIZE_IN_CHARS = (60, 45)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _number(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _event_label(key: str) -> str:
    try:
        return LifeEvent(key).label
    except ValueError:
        return key  # recorded by a newer catalog: the code is still informative


def _day_label(key: str) -> str:
    """「4/10」 for 2026-04-10: the period above names the year, and a bar of 30 is too narrow for
    「2026-04-10」, which was cut to 「2026-04-…」 on every bar."""
    day = date.fromisoformat(key)
    return f"{day.month}/{day.day}"


def _step_label(key: str) -> str:
    if key == "total":
        return "受付全体"
    try:
        return Step[key.upper()].label
    except KeyError:
        return key


UNKNOWN_PROCEDURE = "（現在の手続一覧にない手続）"
NICE_STEPS = (1, 2, 5)


def count_axis(top: float, ticks: int = 5) -> tuple[int, int]:
    """A count axis' top and whole-number tick interval (1, 2, 5, 10, 20, 50…) with at most `ticks`
    intervals: (1, 1) for a top of 0.1 or 1, (5, 1) for 5, (8, 2) for 7, (40, 10) for 31."""
    scale = 1
    while True:
        for nice in NICE_STEPS:
            step = nice * scale
            if math.ceil(top / step) <= ticks:
                return max(step, math.ceil(top / step) * step), step
        scale *= 10


class StatsDialog(QDialog):
    def __init__(self, url: str | None = None, parent: QWidget | None = None, *, today: date | None = None,
                 background: bool = True, titles: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self._titles = dict(titles or {})  # procedure id -> its Japanese title (the catalog's)
        self.setWindowTitle("統計")
        self.setObjectName("stats_dialog")
        self._url = url
        self._background = background
        self.loading = False
        self.statistics: Statistics | None = None
        end = today or date.today()
        layout = QVBoxLayout(self)
        period = QHBoxLayout()
        self.date_from = QDateEdit(_qdate(end - timedelta(days=DEFAULT_DAYS - 1)))
        self.date_to = QDateEdit(_qdate(end))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.reload_button = QPushButton("表示")
        self.reload_button.clicked.connect(self.reload)
        period.addWidget(QLabel("期間"))
        period.addWidget(self.date_from)
        period.addWidget(QLabel("〜"))
        period.addWidget(self.date_to)
        period.addWidget(self.reload_button)
        period.addStretch(1)
        layout.addLayout(period)
        self.message = QLabel("")
        self.message.setObjectName("stats_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        charts = QHBoxLayout()
        self.per_day_chart = QChart()
        self.per_day_chart.setTitle("日別の受付件数")
        self.per_event_chart = QChart()
        self.per_event_chart.setTitle("ライフイベント別の処理時間（中央値・分）")
        for chart in (self.per_day_chart, self.per_event_chart):
            chart.legend().hide()
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(420, 300)
            charts.addWidget(view)
        layout.addLayout(charts, 1)
        self.procedures = QTableWidget(0, 2)
        self.procedures.setHorizontalHeaderLabels(["手続", "件数"])
        self.steps = QTableWidget(0, 4)
        self.steps.setObjectName("stats_steps")
        self.steps.setHorizontalHeaderLabels(["手順", "件数", "中央値（分）", "90%（分）"])
        for table in (self.procedures, self.steps):
            # The name takes the room, the figures their own width: a 100-px name column read 「マイナン…」.
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        tables = QHBoxLayout()
        # The procedures' titles are long (「マイナンバーカード 継続利用・券面記載事項変更」), the steps' short.
        for caption, table, share in (("手続別の件数", self.procedures, 3),
                                      ("手順別の処理時間（川崎市の分析と同じ区切り）", self.steps, 2)):
            column = QVBoxLayout()
            column.addWidget(QLabel(caption))
            column.addWidget(table)
            tables.addLayout(column, share)
        layout.addLayout(tables)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ensurePolished()  # the theme's font (the text scale) is the one measured
        em = self.fontMetrics().horizontalAdvance("あ")
        self.resize(SIZE_IN_CHARS[0] * em, SIZE_IN_CHARS[1] * em)
        self.reload()

    # -- loading ---------------------------------------------------------------------------------------
    def reload(self) -> None:
        date_from, date_to = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        if date_from > date_to:
            self._show_message(f"開始日（{date_from}）が終了日（{date_to}）より後です。")
            return
        self.loading = True
        self.reload_button.setEnabled(False)
        self._show_message("読み込んでいます…")
        url = self._url

        def load() -> Statistics:
            return load_statistics(url, date_from, date_to)

        if not self._background:
            try:
                result = load()
            except Exception as exc:
                self._failed(exc)
            else:
                self._loaded(result)
            return
        run_in_background(load, self._loaded, self._failed)

    def _loaded(self, statistics: Statistics) -> None:
        if not shiboken6.isValid(self):
            return
        self.loading = False
        self.reload_button.setEnabled(True)
        self.statistics = statistics
        stats = statistics.stats
        self._show_message(f"受付 {stats.receptions}件（{stats.date_from} 〜 {stats.date_to}）"
                           if stats.receptions else "この期間の受付はありません。")
        self._fill(self.per_day_chart, "受付件数", [(_day_label(c.key), float(c.count)) for c in stats.by_day], "件")
        self._fill(self.per_event_chart, "中央値",
                   [(_event_label(d.key), round(d.median_seconds / 60, 1)) for d in statistics.handling_by_event], "分")
        self.procedures.setRowCount(len(stats.by_procedure))
        for row, count in enumerate(stats.by_procedure):
            # The procedure's name; one no longer in the catalog is not shown by its internal id.
            item = QTableWidgetItem(self._titles.get(count.key, UNKNOWN_PROCEDURE))
            item.setData(Qt.ItemDataRole.UserRole, count.key)
            self.procedures.setItem(row, 0, item)
            self.procedures.setItem(row, 1, _number(str(count.count)))
        self.steps.setRowCount(len(stats.handling))
        for row, d in enumerate(stats.handling):
            self.steps.setItem(row, 0, QTableWidgetItem(_step_label(d.key)))
            for column, text in enumerate((str(d.count), f"{d.median_seconds / 60:.1f}", f"{d.p90_seconds / 60:.1f}"), 1):
                self.steps.setItem(row, column, _number(text))

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.loading = False
        self.reload_button.setEnabled(True)
        self.statistics = None
        if isinstance(exc, StatisticsUnavailable):
            text = str(exc)
        else:
            text = f"統計を読み込めませんでした（{type(exc).__name__}）"
        self._show_message(f"統計を表示できません。{text}")
        for chart in (self.per_day_chart, self.per_event_chart):
            self._fill(chart, "", [], "")
        self.procedures.setRowCount(0)
        self.steps.setRowCount(0)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)

    # -- charts ----------------------------------------------------------------------------------------
    @staticmethod
    def _fill(chart: QChart, name: str, values: list[tuple[str, float]], unit: str) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if not values:
            return
        bars = QBarSet(name)
        for _key, value in values:
            bars.append(value)
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([key for key, _value in values])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        axis = QValueAxis()
        # Whole-number ticks (0, 1, 2… or 0, 2, 4…, 0, 5, 10…) for counts and for minutes alike: never
        # 0.25 shown as 「0」 or 0.025 as 「0.0」 (a bar of 0.1 minutes still shows its height).
        top, step = count_axis(max(value for _key, value in values))
        axis.setTickType(QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(step)
        axis.setLabelFormat("%d")
        axis.setRange(0, top)
        axis.setTitleText(unit)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
