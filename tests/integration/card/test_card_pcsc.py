"""The read through real pcscd and pyscard, with the simulated card behind the vpcd virtual reader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kakanai.card import (
    CardRemovedError,
    LastTryNeedsConfirmationError,
    NoCardError,
    NoReaderError,
    PinLockedError,
    SeveralCardsError,
    StaticPin,
    WrongPinError,
    pcsc,
    read_card,
)
from kakanai.card.apdu import Ins
from kakanai.card.simulator import Faults, SimulatedCard, load_profile
from kakanai.card.simulator.vpcd import DEFAULT_PORT
from kakanai.card.testing import READER, Pcscd, VpcdSlot
from kakanai.model import Sex

pytestmark = pytest.mark.pcsc

REPO = Path(__file__).resolve().parents[3]
KOKUTOU = REPO / "resources/examples/card-kokutou.json"
READER_1 = "Virtual PCD 00 01"  # vpcd slot 1, port 35964
LONG = REPO / "resources/examples/cards/long-address.json"
MJ = REPO / "resources/examples/cards/mj-takahashi.json"


def read(pin: str = "1234", **kwargs: object) -> object:
    return read_card(lambda: pcsc.connect(READER), StaticPin(pin, **kwargs))  # type: ignore[arg-type]


def verifies(card: SimulatedCard) -> int:
    return sum(1 for a in card.history if a[1] == Ins.VERIFY and len(a) > 4)


def test_readers_are_listed(pcscd: Pcscd) -> None:
    names = pcsc.list_readers()
    assert READER in names and "Virtual PCD 00 01" in names


def test_insertion_then_read(slot: VpcdSlot) -> None:
    inserted: list[tuple[str, bytes]] = []
    seen = threading.Event()

    def on_inserted(reader: str, atr: bytes) -> None:
        inserted.append((reader, atr))
        seen.set()

    watch = pcsc.watch_cards(on_inserted, lambda r, a: None)
    try:
        card = slot.insert(load_profile(KOKUTOU))
        assert seen.wait(10)
    finally:
        watch.stop()
    assert (READER, bytes.fromhex("3BE000FF8131FE4514")) in inserted
    assert {r.name: r.card_present for r in pcsc.reader_status()}[READER]
    info = read()
    assert info.name == "黒桐\u3000幹也" and info.sex is Sex.MALE  # type: ignore[attr-defined]
    assert card.count == 7


def test_removal_is_reported_and_no_card_after(slot: VpcdSlot) -> None:
    slot.insert(load_profile(KOKUTOU))
    removed = threading.Event()
    watch = pcsc.watch_cards(lambda r, a: None, lambda r, a: removed.set() if r == READER else None)
    try:
        time.sleep(0.3)  # the monitor's first poll sees the card as present
        slot.remove()
        assert removed.wait(10)
    finally:
        watch.stop()
    with pytest.raises(NoCardError):
        pcsc.connect(READER)


@pytest.mark.parametrize("position", [1, 3, 4, 6])
def test_card_removed_mid_read(slot: VpcdSlot, position: int) -> None:
    profile = load_profile(KOKUTOU)
    slot.insert(SimulatedCard(profile, Faults(remove_after=position)))
    with pytest.raises(CardRemovedError) as raised:
        read()
    assert raised.value.code.value == "card_removed"


def test_wrong_pin_then_right_pin(slot: VpcdSlot) -> None:
    card = slot.insert(load_profile(KOKUTOU))
    with pytest.raises(WrongPinError) as raised:
        read("9999")
    assert raised.value.tries_left == 2
    assert verifies(card) == 1
    assert read().address.startswith("東京都清瀬市")  # type: ignore[attr-defined]
    assert card.card.tries_left() == 3


def test_locked_card_is_never_verified(slot: VpcdSlot) -> None:
    from dataclasses import replace

    card = slot.insert(replace(load_profile(KOKUTOU), pin_tries_left=0))
    with pytest.raises(PinLockedError):
        read(confirm_last_try=True)
    assert verifies(card) == 0


def test_last_try_without_confirmation(slot: VpcdSlot) -> None:
    from dataclasses import replace

    card = slot.insert(replace(load_profile(KOKUTOU), pin_tries_left=1))
    with pytest.raises(LastTryNeedsConfirmationError):
        read()
    assert verifies(card) == 0


def test_two_cards_in_two_readers(slot: VpcdSlot) -> None:
    """Two residents' cards at once, no reader named: nothing is sent to either card (a PIN typed for one
    must never spend a try on the other); named, each reader reads its own card."""
    from dataclasses import replace

    second = VpcdSlot(port=DEFAULT_PORT + 1, reader=READER_1).open()
    try:
        first_card = slot.insert(load_profile(KOKUTOU))
        second_card = second.insert(replace(load_profile(KOKUTOU), name="黒桐　鮮花"))
        with pytest.raises(SeveralCardsError) as raised:
            read_card(lambda: pcsc.connect(None), StaticPin("1234"))
        assert raised.value.message == (f"カードが2台のカードリーダー（{READER}、{READER_1}）に置かれています。"
                                        "読み取るカードだけを置くか、使うカードリーダーを指定してください。")
        assert (first_card.count, second_card.count) == (0, 0)
        done = _kakanai("card", "read", "--pin-stdin", "--json", stdin="1234\n")
        assert (done.returncode, json.loads(done.stdout)["error"]["code"]) == (3, "several_cards")
        assert (first_card.count, second_card.count) == (0, 0)
        named = read_card(lambda: pcsc.connect(READER_1), StaticPin("1234"))
        assert named.name == "黒桐　鮮花" and (first_card.count, second_card.count) == (0, 7)
    finally:
        second.close()


def test_long_address_over_127_bytes(slot: VpcdSlot) -> None:
    profile = load_profile(LONG)
    card = slot.insert(profile)
    info = read(profile.pin)
    assert info.address == profile.address  # type: ignore[attr-defined]
    assert len(profile.address.encode()) > 127
    assert card.count == 7


def test_mj_name_stray_bytes_and_get_response(slot: VpcdSlot) -> None:
    profile = load_profile(MJ)
    slot.insert(SimulatedCard(profile, Faults(stray_bytes=True, get_response=True)))
    assert read(profile.pin).name == "髙橋\u3000𠮷太郎"  # type: ignore[attr-defined]


def test_pcscd_restart(slot: VpcdSlot, pcscd: Pcscd) -> None:
    slot.insert(load_profile(KOKUTOU))
    assert slot.card is not None
    before = slot.card.connections
    pcscd.stop()
    with pytest.raises(NoReaderError):
        pcsc.connect(READER)
    pcscd.start()
    assert pcsc.wait_for_card(READER, present=True, timeout=10)
    assert slot.card.connections > before  # the simulator reconnected by itself
    assert read().name == "黒桐\u3000幹也"  # type: ignore[attr-defined]


def test_reader_monitor_sees_the_virtual_readers(pcscd: Pcscd) -> None:
    added: list[str] = []
    done = threading.Event()

    def on_added(name: str) -> None:
        added.append(name)
        if name == READER:
            done.set()

    watch = pcsc.watch_readers(on_added, lambda name: None)
    try:
        assert done.wait(10)
    finally:
        watch.stop()


def _kakanai(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "kakanai"
    return subprocess.run(
        [str(exe), *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def test_cli_simulate_and_read_through_pcscd(slot: VpcdSlot, tmp_path: Path) -> None:
    """Both CLI sides as separate processes: `card simulate` serves, `card read --reader` reads."""
    card_trace, read_trace = tmp_path / "card.trace", tmp_path / "read.trace"
    exe = Path(sys.executable).parent / "kakanai"
    sim = subprocess.Popen(
        [str(exe), "card", "simulate", str(KOKUTOU), "--vpcd", "127.0.0.1:35963", "--trace", str(card_trace)],
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert pcsc.wait_for_card(READER, present=True, timeout=10)
        listed = json.loads(_kakanai("card", "readers", "--json").stdout)
        assert {"name": READER, "card_present": True} in listed["readers"]
        done = _kakanai("card", "read", "--reader", READER, "--pin-stdin", "--json", "--trace", str(read_trace),
                        stdin="1234\n")  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["birth_date"] == "1980-02-17"
        wrong = _kakanai("card", "read", "--reader", READER, "--pin-stdin", "--json", stdin="9999\n")
        assert wrong.returncode == 3
        assert json.loads(wrong.stdout)["error"] == {
            "code": "wrong_pin",
            "message": "暗証番号が違います。残り2回です。",
            "tries_left": 2,
        }
    finally:
        sim.terminate()
        sim.wait(10)
        pcsc.wait_for_card(READER, present=False, timeout=10)
    for trace in (card_trace, read_trace):
        text = trace.read_text()
        assert "0020008004** -> 9000" in text and "31323334" not in text
    assert read_trace.read_text().count("\n") == 7


def test_cli_errors_without_card(slot: VpcdSlot) -> None:
    done = _kakanai("card", "read", "--reader", READER, "--pin-stdin", "--json", stdin="1234\n")
    assert done.returncode == 3
    assert json.loads(done.stdout)["error"]["code"] == "no_card"
    done = _kakanai("card", "read", "--reader", "No Such Reader", "--pin-stdin", "--json", stdin="1234\n")
    assert json.loads(done.stdout)["error"]["code"] == "no_reader"
