"""A read runs on a worker thread; what it needs from the clerk or the resident (the PIN, a 在留カード's
number) is asked on the UI thread. The worker waits here for the answer (or for nothing: a timeout or a
cancel is None, and the read stops without sending anything)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

Asked = TypeVar("Asked")
Answer = TypeVar("Answer")


class Handoff(Generic[Asked, Answer]):
    """`ask(question)` on the worker: `show(question)` lets the UI thread show its dialog, then waits for
    `give(answer)` from any thread, at most `timeout` seconds (None: without limit)."""

    def __init__(self, show: Callable[[Asked], None], timeout: float | None) -> None:
        self._show = show
        self._timeout = timeout
        self._done = threading.Event()
        self._answer: Answer | None = None

    def ask(self, question: Asked) -> Answer | None:
        self._done.clear()
        self._answer = None
        self._show(question)
        if not self._done.wait(self._timeout):
            return None
        answer, self._answer = self._answer, None  # a secret is not kept past its use
        return answer

    def give(self, answer: Answer | None) -> None:
        self._answer = answer
        self._done.set()
