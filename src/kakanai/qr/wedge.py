"""Handheld 2D scanners in keyboard-wedge mode: telling a scan from typing, UI-agnostic.

A wedge scanner "types" the code's text into the focused input, a character every few milliseconds, and
usually ends with Enter (CR, LF, or CR LF; some send Tab, some nothing). A person types a character every
100 ms or more. The buffer keeps a burst of characters that arrive close together and hands it over when
the terminator comes (or, for a scanner without one, when the burst has been silent for a while); a
character after a long gap starts a new burst, so stray typing never reaches the decoder. The burst is
handed over as typed: prefixes, suffixes, Caps Lock, full-width input and keyboard-layout mismatches are
dealt with when it is parsed (kakanai.qr.scantext).

The Qt widget wraps this: it feeds each key event's text with the event's own timestamp
(`QKeyEvent.timestamp() / 1000`, so a busy event loop does not stretch the gaps), calls `poll()` from a
timer (the silence is measured on the monotonic clock), and passes each scan to `Intake.add_text`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from kakanai.qr.frame import PREFIX_FAMILY
from kakanai.qr.scantext import clean

TERMINATORS = frozenset("\r\n\t")


@dataclass(frozen=True)
class WedgeSettings:
    max_gap: float = 0.1  # seconds allowed between two characters of one scan
    idle_end: float = 0.3  # silence that ends a scan sent without a terminator
    min_length: int = 8  # shorter bursts are keystrokes, not scans


class WedgeBuffer:
    """Gaps between characters are measured with the key events' own timestamps; the silence that
    `poll()` measures is on `clock` (monotonic), because event timestamps need not share any epoch with
    the time the UI's timer sees."""

    def __init__(self, settings: WedgeSettings | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings or WedgeSettings()
        self._clock = clock
        self._chars: list[str] = []
        self._last = 0.0  # timestamp of the last character (the events' clock)
        self._last_arrival = 0.0  # when it was fed (`clock`)

    @property
    def pending(self) -> str:
        return "".join(self._chars)

    def clear(self) -> None:
        self._chars.clear()

    def feed(self, text: str, timestamp: float) -> list[str]:
        """The text of one key event at `timestamp` (seconds); returns the scans it completed."""
        scans: list[str] = []
        self._last_arrival = self._clock()
        for char in text:
            if self._chars and timestamp - self._last > self.settings.max_gap:
                scans += self._finish(require_prefix=True)
            self._last = timestamp
            if char in TERMINATORS:
                scans += self._finish(require_prefix=False)
            else:
                self._chars.append(char)
        return scans

    def poll(self, now: float | None = None) -> list[str]:
        """Ends a burst that has been silent for `idle_end` (a scanner configured without a terminator).

        `now` is on the buffer's clock (default: the clock itself); call it from a timer."""
        now = self._clock() if now is None else now
        if self._chars and now - self._last_arrival >= self.settings.idle_end:
            return self._finish(require_prefix=True)
        return []

    def _finish(self, *, require_prefix: bool) -> list[str]:
        """The pending burst as a scan if it is long enough; without a terminator it must also name kakanai."""
        burst = self.pending
        self._chars.clear()
        if len(burst) < self.settings.min_length:
            return []
        if require_prefix and PREFIX_FAMILY not in clean(burst):
            return []
        return [burst]
