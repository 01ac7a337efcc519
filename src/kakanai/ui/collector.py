"""Python's cyclic garbage collector, run on the GUI thread only.

Automatic collection runs in whichever thread happens to allocate when a generation's threshold is
crossed. When that is a background operation (ui.background: a database connect, a card read) and the
garbage holds a Qt object in a reference cycle (a closed dialog and its slots), Qt deletes a widget off
the GUI thread and the process crashes: a segfault seen while the statistics dialog connected to an
unreachable database. So while the counter runs, automatic collection is off and a timer on the GUI
thread collects with the same generation thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds (as automatic collection would)."""
        young, middle, old = gc.get_count()
        if young <= self.threshold[0]:
            return 0
        generation = 0
        if middle > self.threshold[1]:
            generation = 2 if old > self.threshold[2] else 1
        return gc.collect(generation)

    def stop(self) -> None:
        """Back to automatic collection (a test session ends, the counter quits)."""
        self._timer.stop()
        gc.enable()


_installed: GuiThreadCollector | None = None


def install_gui_thread_collector(app: QObject) -> GuiThreadCollector:
    """Once per process, owned by the application object."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    return _installed
