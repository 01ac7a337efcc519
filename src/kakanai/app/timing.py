"""How long each step of a reception took (川崎 logs every step's time and analyses it for BPR).

The session tells the timer which step it shows after every change; the timer adds the time spent to
the step that was showing. A step the clerk comes back to accumulates (one entry per step, with the
first time it was entered), so the statistics compare like with like across receptions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from kakanai.app.steps import Step
from kakanai.model import StepTime


def utc_now() -> datetime:
    return datetime.now(UTC)


class StepTimer:
    def __init__(self, clock: Callable[[], float], now: Callable[[], datetime] = utc_now) -> None:
        self._clock = clock  # monotonic: durations do not jump with the wall clock
        self._now = now
        self.started_at: datetime | None = None
        self._t0 = 0.0
        self._current: Step | None = None
        self._entered = 0.0
        self._first: dict[Step, datetime] = {}
        self._seconds: dict[Step, float] = {}

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def at(self, step: Step) -> None:
        """The session shows `step` now (the first call starts the reception's clock)."""
        t = self._clock()
        if self.started_at is None:
            self.started_at = self._now()
            self._t0 = t
        if step is self._current:
            return
        self._close(t)
        self._current = step
        self._entered = t
        self._first.setdefault(step, self.started_at + timedelta(seconds=t - self._t0))

    def _close(self, t: float) -> None:
        if self._current is not None:
            self._seconds[self._current] = self._seconds.get(self._current, 0.0) + max(0.0, t - self._entered)

    def elapsed(self) -> float:
        return self._clock() - self._t0 if self.started_at is not None else 0.0

    def finish(self) -> tuple[StepTime, ...]:
        """Every step's time, in the order the steps were first entered; the timer stops."""
        self._close(self._clock())
        self._current = None
        return tuple(StepTime(step.name.lower(), self._first[step], round(self._seconds.get(step, 0.0), 3))
                     for step in sorted(self._first, key=lambda s: self._first[s]))
