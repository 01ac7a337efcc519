"""Background operations (Anki style): run a blocking function on Qt's thread pool and get the result
back on the UI thread. The UI thread never waits on a card, a renderer or a printer.

    run_in_background(lambda: read_card(...), on_success=self._show, on_failure=self._error)

`on_success(result)` / `on_failure(exception)` run on the UI thread (queued through a QObject that
lives there). A task's outcome is delivered exactly once; its relay is kept alive until then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kakanai.incident import guarded

log = logging.getLogger(__name__)
T = TypeVar("T")

_pending: set[_Relay] = set()


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        # Connected to this object's own slots: the relay lives on the UI thread, so the worker's emit is
        # queued and the callbacks run there.
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        _pending.discard(self)
        self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        _pending.discard(self)
        assert isinstance(error, BaseException)
        self._on_failure(error)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # delivered to on_failure; never lost on the worker thread
            log.debug("background task failed: %s", type(exc).__name__)
            # An unexpected one (a bug) is recorded with an incident number, and on_failure gets an error
            # whose message says so (kakanai.incident.guarded); kakanai's own errors pass unchanged.
            self._emit(self._relay.failed, guarded(exc, context="counter app: background operation"))
            return
        self._emit(self._relay.succeeded, result)

    def _emit(self, signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is shutting down: nobody is left to tell
            log.debug("background task finished after its receiver was deleted")


def run_in_background(fn: Callable[[], T], on_success: Callable[[T], None],
                      on_failure: Callable[[BaseException], None], *, pool: QThreadPool | None = None) -> None:
    relay = _Relay(on_success, on_failure)
    _pending.add(relay)
    (pool or QThreadPool.globalInstance()).start(_Task(fn, relay))


def pending_tasks() -> int:
    return len(_pending)
