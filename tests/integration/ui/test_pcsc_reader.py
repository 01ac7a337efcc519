"""The counter on the real PC/SC stack: pcscd + vpcd + the simulated card behind the virtual reader.
The reader status follows insertion and removal (pyscard's monitors), and the window reads a member
exactly as with a Sony or ACS reader at a counter."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kakanai.app.demo import load_demo
from kakanai.app.settings import CounterSettings
from kakanai.card import StaticPin
from kakanai.card.polling import PcscCardReader, ReaderState, read_member_card
from kakanai.card.testing import READER, Pcscd, VpcdSlot
from kakanai.model import LifeEvent
from kakanai.ui.main import build_window, make_services

pytestmark = pytest.mark.pcsc
WAIT = 10.0


@pytest.fixture(scope="module")
def pcscd() -> Pcscd:
    daemon = Pcscd()
    daemon.ensure_running()
    return daemon


@pytest.fixture
def slot(pcscd: Pcscd) -> Iterator[VpcdSlot]:
    vpcd = VpcdSlot().open()
    try:
        yield vpcd
    finally:
        vpcd.close()


def test_reader_state_follows_the_card(slot: VpcdSlot) -> None:
    reader = PcscCardReader(READER)
    states: list[ReaderState] = []
    present = threading.Event()
    gone = threading.Event()

    def seen(state: ReaderState) -> None:
        states.append(state)
        (present if state is ReaderState.CARD_PRESENT else gone).set()

    reader.watch(seen)
    try:
        assert states[0] is ReaderState.READY
        gone.clear()
        slot.insert(load_demo().card("山田太郎").profile)
        assert present.wait(WAIT)
        info = read_member_card(reader, StaticPin("1234"))
        assert info.name == "山田　太郎"
        slot.remove()
        assert gone.wait(WAIT)
        assert reader.state() is ReaderState.READY
    finally:
        reader.close()
    assert PcscCardReader("No Such Reader").state() is ReaderState.NO_READER


def test_the_window_reads_a_member_through_pcsc(qtbot: QtBot, slot: VpcdSlot, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAKANAI_CONFIG_DIR", str(tmp_path))
    window = build_window(make_services(CounterSettings(reader=READER, idle_minutes=0), demo=False), save=False)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.reader_status.state == "ready", timeout=int(WAIT * 1000))
        window.event_page.choose(LifeEvent.MOVING_IN)
        slot.insert(load_demo().card("山田花子").profile)
        qtbot.waitUntil(lambda: window.card.active_dialog is not None, timeout=int(WAIT * 1000))
        dialog = window.card.active_dialog
        assert dialog is not None
        qtbot.keyClicks(dialog, "5678")
        dialog.send()
        qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=int(WAIT * 1000))
        assert window.session.members[0].person.name == "山田　花子"
        assert window.reader_status.state == "card_present"
        slot.remove()
        qtbot.waitUntil(lambda: window.reader_status.state == "ready", timeout=int(WAIT * 1000))
    finally:
        window.close()


def test_the_status_survives_a_pcscd_restart(slot: VpcdSlot, pcscd: Pcscd) -> None:
    reader = PcscCardReader(READER)
    states: list[ReaderState] = []
    reader.watch(states.append)
    try:
        pcscd.restart()
        slot.insert(load_demo().card("山田太郎").profile)
        deadline = threading.Event()
        for _ in range(int(WAIT / 0.1)):
            if states and states[-1] is ReaderState.CARD_PRESENT:
                break
            deadline.wait(0.1)
        assert states[-1] is ReaderState.CARD_PRESENT, states
        assert read_member_card(reader, StaticPin("1234")).name == "山田　太郎"
    finally:
        reader.close()
