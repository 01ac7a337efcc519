"""Running a read: open a connection, read, always close; synchronously or on a worker thread.

`open_connection` is any callable returning a CardConnection: `pcsc.connect` for a real reader,
`simulator.InProcessConnection` for demo and training mode. The UI thread never blocks on the card:
`start_read` delivers the outcome through plain callbacks, called on the worker thread.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from kakanai.card.basicinfo import BasicInfo
from kakanai.card.connection import CardConnection
from kakanai.card.errors import CardError
from kakanai.card.pin import KeyKind, PinHandler
from kakanai.card.session import read_basic_info
from kakanai.card.trace import TraceWriter, TracingConnection

log = logging.getLogger(__name__)

OpenConnection = Callable[[], CardConnection]
T = TypeVar("T")


def read_card(
    open_connection: OpenConnection,
    pin_handler: PinHandler,
    *,
    kind: KeyKind = KeyKind.PIN,
    trace: TraceWriter | None = None,
) -> BasicInfo:
    return run_on_card(open_connection, lambda c: read_basic_info(c, pin_handler, kind=kind), trace=trace)


def run_on_card(
    open_connection: OpenConnection, read: Callable[[CardConnection], T], *, trace: TraceWriter | None = None
) -> T:
    """Open, optionally trace, run `read` on one connection, always close."""
    connection = open_connection()
    if trace is not None:
        connection = TracingConnection(connection, trace)
    try:
        return read(connection)
    finally:
        # A card already gone cannot be closed cleanly; the read's own outcome is what matters.
        with contextlib.suppress(CardError):
            connection.close()


def start_read(
    open_connection: OpenConnection,
    pin_handler: PinHandler,
    on_result: Callable[[BasicInfo], None],
    on_error: Callable[[CardError], None],
    *,
    kind: KeyKind = KeyKind.PIN,
    trace: TraceWriter | None = None,
) -> threading.Thread:
    """Read on a daemon thread; exactly one of on_result / on_error is called, on that thread."""

    def run() -> None:
        try:
            info = read_card(open_connection, pin_handler, kind=kind, trace=trace)
        except CardError as exc:
            log.info("card read failed: %s", exc.code.value)
            on_error(exc)
            return
        on_result(info)

    thread = threading.Thread(target=run, name="kakanai-card-read", daemon=True)
    thread.start()
    return thread
