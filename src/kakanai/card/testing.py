"""Test and benchmark harness for the real PC/SC path: pcscd + vsmartcard-vpcd + the simulated card.

Used by tests/integration/card and tests/bench; also handy by hand. It starts pcscd itself when it
is not running (scripts/services normally has), serialises users of the vpcd slot with a file lock
(two test runs cannot share one virtual reader), and restarts pcscd on request.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import IO

from kakanai.card import pcsc
from kakanai.card.simulator import CardProfile, SimulatedCard
from kakanai.card.simulator.vpcd import DEFAULT_HOST, DEFAULT_PORT, VpcdCard

READER = "Virtual PCD 00 00"  # vpcd slot 0, port 35963
START_TIMEOUT = 10.0


def pcscd_pids() -> list[int]:
    """Like `pgrep -x pcscd`, without depending on procps; zombies (not yet reaped) do not count."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            name, state = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2]
            if name == "pcscd" and state not in "ZX":
                pids.append(int(entry.name))
    return pids


class Pcscd:
    """The PC/SC daemon, started by us if needed (`pcscd --foreground`, as scripts/services does)."""

    def __init__(self, log_path: Path | None = None) -> None:
        self.log_path = (
            log_path or Path(os.environ.get("KAKANAI_SERVICE_DIR", "/tmp/kakanai-services")) / "pcscd.log"
        )
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def running(self) -> bool:
        return bool(pcscd_pids())

    def ensure_running(self) -> None:
        if not self.running:
            self.start()
        self.wait_for_reader()

    def start(self) -> None:
        if shutil.which("pcscd") is None and not Path("/usr/sbin/pcscd").exists():
            raise RuntimeError("pcscd is not installed (Debian: pcscd, vsmartcard-vpcd)")
        command = [shutil.which("pcscd") or "/usr/sbin/pcscd", "--foreground"]
        if os.geteuid() != 0 and shutil.which("sudo"):
            command = ["sudo", "-n", *command]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        self._process = subprocess.Popen(command, stdout=self._log, stderr=self._log, start_new_session=True)
        self.wait_for_reader()

    def stop(self) -> None:
        """Stop whichever pcscd runs (the tests' "pcscd restarting" case) and wait until it is gone."""
        for pid in pcscd_pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=START_TIMEOUT)
            self._process = None
        deadline = time.monotonic() + START_TIMEOUT
        while self.running and time.monotonic() < deadline:
            time.sleep(0.02)
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def wait_for_reader(self, reader: str = READER, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):
                if reader in pcsc.list_readers():
                    return
            time.sleep(0.05)
        raise RuntimeError(f"pcscd did not list {reader!r} within {timeout} s (see {self.log_path})")


class VpcdSlot:
    """The simulated card in vpcd slot 0, exclusively ours while open (a file lock)."""

    def __init__(self, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, reader: str = READER) -> None:
        self.host, self.port, self.reader = host, port, reader
        self._lock_file: IO[str] | None = None
        self.card: VpcdCard | None = None

    def open(self) -> VpcdSlot:
        self._lock_file = open(f"/tmp/kakanai-vpcd-{self.port}.lock", "w")  # noqa: SIM115 (held until close)
        fcntl.flock(self._lock_file, fcntl.LOCK_EX)
        return self

    def close(self) -> None:
        self.remove()
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    def insert(self, card: SimulatedCard | CardProfile, *, wait: bool = True) -> SimulatedCard:
        """Insert a card (replacing any other) and wait until pcscd reports it present."""
        simulated = card if isinstance(card, SimulatedCard) else SimulatedCard(card)
        self.remove()
        self.card = VpcdCard(simulated, self.host, self.port).start()
        if wait and not pcsc.wait_for_card(self.reader, present=True, timeout=START_TIMEOUT):
            raise RuntimeError(f"the simulated card did not appear in {self.reader!r}")
        return simulated

    def remove(self, *, wait: bool = True) -> None:
        if self.card is None:
            return
        self.card.stop()
        self.card = None
        if wait:
            pcsc.wait_for_card(self.reader, present=False, timeout=START_TIMEOUT)
