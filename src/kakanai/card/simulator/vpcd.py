"""The simulated card behind a real pcscd: a client of the vsmartcard-vpcd reader driver.

Wire format (mynumber-card.md, "A real virtual reader for tests"): every message is a 2-byte
big-endian length + payload. A 1-byte payload from the reader is a control message (00 power off,
01 power on, 02 reset, 04 send ATR; only 04 is answered); anything else is a command APDU, answered
with response data + SW1 SW2. Closing the socket is a card removal; connecting is an insertion.

Latency: with Nagle and delayed ACKs every APDU costs about 48 ms through vpcd; TCP_NODELAY plus
TCP_QUICKACK (set again before each recv, Linux clears it) bring it well under 1 ms.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from enum import IntEnum

from kakanai.card.simulator.card import CardGone, SimulatedCard
from kakanai.card.trace import TraceWriter

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 35963  # slot 0, "Virtual PCD 00 00"; slot 1 is 35964
_LENGTH_BYTES = 2
_POLL_SECONDS = 0.2  # how often a blocked loop looks at stop/remove requests
_RECONNECT_SECONDS = 0.1


class Control(IntEnum):
    POWER_OFF = 0x00
    POWER_ON = 0x01
    RESET = 0x02
    ATR = 0x04


class _Closed(Exception):
    """The reader closed the connection (pcscd stopped or restarted)."""


class VpcdCard:
    """Serves one SimulatedCard to a vpcd reader slot, on a daemon thread, until stop().

    The card is inserted while connected. `remove()` disconnects and stays out until `insert()`;
    a removal fault (faults.remove_after) does the same. If pcscd goes away the client keeps trying
    to reconnect, so the card reappears when pcscd restarts.
    """

    def __init__(
        self,
        card: SimulatedCard,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        trace: TraceWriter | None = None,
        reinsert_after: float | None = None,
    ) -> None:
        self.card = card
        self.address = (host, port)
        self._trace = trace
        self._reinsert_after = reinsert_after
        self._stop = threading.Event()
        self._inserted = threading.Event()
        self._inserted.set()
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()
        self.connections = 0  # how many times a reader accepted us (tests: reconnect after restart)

    def start(self) -> VpcdCard:
        self._thread = threading.Thread(target=self.serve_forever, name="kakanai-vpcd-card", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._inserted.set()
        self._drop_socket()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def remove(self) -> None:
        self._inserted.clear()
        self._drop_socket()

    def insert(self, card: SimulatedCard | None = None) -> None:
        if card is not None:
            self.card = card
        self.card.gone = False
        self._inserted.set()

    def serve_forever(self) -> None:
        while not self._stop.is_set():
            if not self._inserted.wait(_POLL_SECONDS):
                continue
            sock = self._connect()
            if sock is None:
                self._stop.wait(_RECONNECT_SECONDS)
                continue
            try:
                self._serve(sock)
            except _Closed:
                log.info("vpcd closed the connection; reconnecting")
            except CardGone:
                log.info("simulated card removed (fault injection)")
                self._inserted.clear()
                if self._reinsert_after is not None:
                    threading.Timer(self._reinsert_after, self.insert).start()
            except OSError as exc:
                log.info("vpcd connection lost: %s", exc)
            finally:
                self.connected.clear()
                self._drop_socket()

    def _connect(self) -> socket.socket | None:
        try:
            sock = socket.create_connection(self.address, timeout=1.0)
        except OSError:
            return None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        _quickack(sock)
        sock.settimeout(_POLL_SECONDS)
        with self._lock:
            self._sock = sock
        self.connections += 1
        self.card.power_on()
        self.connected.set()
        return sock

    def _drop_socket(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _serve(self, sock: socket.socket) -> None:
        while not self._stop.is_set() and self._inserted.is_set():
            length = self._recv_exact(sock, _LENGTH_BYTES)
            if length is None:
                continue
            payload = self._recv_exact(sock, int.from_bytes(length, "big"), wait=True)
            assert payload is not None
            if len(payload) == 1:
                self._control(sock, payload[0])
                continue
            response = self.card.exchange(payload)
            if self._trace is not None:
                self._trace.exchange(payload, response[:-2], int.from_bytes(response[-2:], "big"))
            _send(sock, response)

    def _control(self, sock: socket.socket, code: int) -> None:
        if code == Control.ATR:
            _send(sock, self.card.atr)
        elif code in (Control.POWER_ON, Control.RESET):
            self.card.power_on()
        elif code == Control.POWER_OFF:
            self.card.power_off()
        else:
            log.warning("unknown vpcd control message %02X", code)

    def _recv_exact(self, sock: socket.socket, size: int, *, wait: bool = False) -> bytes | None:
        """size bytes; None on a poll timeout before the first byte (unless wait)."""
        buf = bytearray()
        while len(buf) < size:
            _quickack(sock)
            try:
                chunk = sock.recv(size - len(buf))
            except TimeoutError:
                if not buf and not wait:
                    return None
                if self._stop.is_set():
                    raise _Closed from None
                continue
            if not chunk:
                raise _Closed
            buf += chunk
        return bytes(buf)


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(len(payload).to_bytes(_LENGTH_BYTES, "big") + payload)


def _quickack(sock: socket.socket) -> None:
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)


def parse_address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"HOST:PORT expected (PORT 1-65535), got {text!r}")  # 99999 was retried forever
    return host or DEFAULT_HOST, int(port)
