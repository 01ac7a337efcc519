"""A record that cannot be written at the counter (issue 16: the local spool's disk is full): the clerk is
told in Japanese, and the reception comes back on screen to print and record again — nothing is lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import FinishedReception
from kakanai.store import StoreError
from kakanai.store.recorders import RecordContext
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS
from tests.ui.test_records_ui import _start_reception

FULL = "記録の一時保存先に書き込めません（ディスクの空き容量がありません）"


class FullDiskRecorder:
    name = "データベース"

    def __init__(self) -> None:
        self.full = True
        self.recorded: list[FinishedReception] = []

    def record(self, finished: FinishedReception, context: RecordContext) -> str | None:
        if self.full:
            raise StoreError(FULL)
        self.recorded.append(finished)
        return None


@pytest.fixture
def full_disk(window: MainWindow) -> Iterator[FullDiskRecorder]:
    old = window.services.recorder
    window.services.recorder = recorder = FullDiskRecorder()
    yield recorder
    window.services.recorder = old


def test_a_full_disk_keeps_the_reception_on_screen(qtbot: QtBot, window: MainWindow,
                                                   full_disk: FullDiskRecorder) -> None:
    _start_reception(window)
    reception = window.session.reception()
    window.session.note_printed("resident_move_notice", None, b"%PDF-1.7 printed")
    window.finish_reception()  # as confirmed by the clerk
    qtbot.waitUntil(lambda: window.session.event is not None, timeout=WAIT_MS)
    assert window.window_message.text() == (f"受付の記録を保存できません（{FULL}）。受付は画面に残しています。"
                                            "空き容量などを確認してから、もう一度「新しい受付」を押してください")
    s = window.session
    assert s.reception() == reception and s.step is Step.PLAN and s.plan is not None
    assert [n.form_id for n in s.log.printed] == ["resident_move_notice"]
    assert [e.code for e in s.log.errors] == ["record_failed"]  # the record will say what the clerk saw
    full_disk.full = False  # space freed: the same reception is recorded, with what was printed
    window.finish_reception()  # as confirmed by the clerk
    qtbot.waitUntil(lambda: bool(full_disk.recorded), timeout=WAIT_MS)
    recorded = full_disk.recorded[0]
    assert recorded.reception == reception and [n.form_id for n in recorded.log.printed] == ["resident_move_notice"]
    assert window.session.members == ()
