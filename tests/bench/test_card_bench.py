"""Speed of a full My Number card read (issue 3): through the in-process simulator (target: under
5 ms) and through pcscd + vpcd + pyscard (target: under 30 ms), with the APDU count of a full read
(minimal: 7 — no redundant SELECT, no re-read).

Run with `pytest tests/bench --benchmark-enable`; in the normal run each benchmark body runs once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kakanai.card import BasicInfo, StaticPin, read_card
from kakanai.card.simulator import InProcessConnection, SimulatedCard, load_profile
from kakanai.card.testing import READER, Pcscd, VpcdSlot

KOKUTOU = Path(__file__).resolve().parents[2] / "resources/examples/card-kokutou.json"
MINIMAL_APDUS = 7


def test_read_in_process(benchmark: Any) -> None:
    profile = load_profile(KOKUTOU)
    cards: list[SimulatedCard] = []

    def one_read() -> BasicInfo:
        card = SimulatedCard(profile)
        cards.append(card)
        return read_card(lambda: InProcessConnection(card), StaticPin(profile.pin))

    info = benchmark(one_read)
    assert info.name == profile.name
    assert cards[-1].count == MINIMAL_APDUS
    benchmark.extra_info["apdus"] = cards[-1].count


@pytest.fixture
def vpcd_card() -> Iterator[SimulatedCard]:
    Pcscd().ensure_running()
    slot = VpcdSlot().open()
    try:
        yield slot.insert(load_profile(KOKUTOU))
    finally:
        slot.close()


@pytest.mark.pcsc
def test_read_through_pcscd(benchmark: Any, vpcd_card: SimulatedCard) -> None:
    from kakanai.card import pcsc

    profile = load_profile(KOKUTOU)

    def one_read() -> BasicInfo:
        vpcd_card.history.clear()
        return read_card(lambda: pcsc.connect(READER), StaticPin(profile.pin))

    info = benchmark(one_read)
    assert info.address == profile.address
    assert len(vpcd_card.history) == MINIMAL_APDUS
    benchmark.extra_info["apdus"] = len(vpcd_card.history)
