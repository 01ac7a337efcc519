"""pcscd + vsmartcard-vpcd + the simulated card: the exact stack of a counter, with a virtual reader.

scripts/services normally starts pcscd; if it is not running these fixtures start it
(`pcscd --foreground`): the tests run, they never skip.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kakanai.card.testing import Pcscd, VpcdSlot


@pytest.fixture(scope="session")
def pcscd() -> Iterator[Pcscd]:
    daemon = Pcscd()
    daemon.ensure_running()
    yield daemon
    if not daemon.running:  # a test stopped it and failed before restarting: leave it as found
        daemon.start()


@pytest.fixture
def slot(pcscd: Pcscd) -> Iterator[VpcdSlot]:
    vpcd = VpcdSlot().open()
    try:
        yield vpcd
    finally:
        vpcd.close()
