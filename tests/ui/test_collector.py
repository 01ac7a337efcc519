"""Cyclic garbage is collected on the GUI thread, never in a background operation (kakanai.ui.collector)."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from kakanai.ui.collector import GuiThreadCollector


class _Cycle:
    def __init__(self, freed_in: list[str]) -> None:
        self.me = self
        self.freed_in = freed_in

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread().name)


def test_cycles_made_in_a_worker_are_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    collector = GuiThreadCollector(interval_ms=20)
    try:
        assert not gc.isenabled()
        freed_in: list[str] = []

        def worker() -> None:
            for _ in range(5):
                _Cycle(freed_in)
            # Allocations far past the young generation's threshold: automatic collection would run here.
            junk = [[i] for i in range(gc.get_threshold()[0] * 20)]
            del junk

        thread = threading.Thread(target=worker, name="background-operation")
        thread.start()
        thread.join()
        assert freed_in == []  # nothing collected in the worker
        # Live allocations past the threshold, as a running counter makes them: the timer collects.
        alive = [[i] for i in range(gc.get_threshold()[0] * 2)]
        qtbot.waitUntil(lambda: len(freed_in) == 5, timeout=5000)
        assert set(freed_in) == {threading.main_thread().name}
        assert len(alive) == gc.get_threshold()[0] * 2
    finally:
        collector.stop()
        gc.disable()  # the session's own collector keeps automatic collection off
