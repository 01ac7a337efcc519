"""The QR dialog's camera path with a scripted camera (the same loop as a real one, kakanai.qr.camera):
the preview is shown, a split pre-entry is read part by part, and the whole household is filled. Also the
PIN pad refusing to send for a locked card."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import cv2
import numpy as np
import zxingcpp
from pytestqt.qtbot import QtBot

from kakanai.card import KeyKind, PinRequest
from kakanai.model import LifeEvent, Sex, reception_from_json
from kakanai.paths import examples_dir
from kakanai.qr import encode_reception
from kakanai.qr.image import Image, make_symbol, render_symbol
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pin_dialog import PinPadDialog
from tests.ui.conftest import WAIT_MS, answer_all_directly


def frame_showing(text: str) -> Image:
    frame = np.full((720, 1280, 3), 90, dtype=np.uint8)
    code = cv2.cvtColor(render_symbol(make_symbol(text), module_px=4), cv2.COLOR_GRAY2BGR)
    h, w = code.shape[:2]
    frame[20:20 + h, 200:200 + w] = code
    return frame


class ScriptedCamera:
    def __init__(self, frames: list[Image]) -> None:
        self._frames: Iterator[Image] = iter(frames)
        self._last = frames[-1]
        self.closed = threading.Event()

    def read(self) -> Image | None:
        return next(self._frames, self._last)

    def close(self) -> None:
        self.closed.set()


def test_the_camera_reads_a_split_preentry(qtbot: QtBot, window: MainWindow) -> None:
    reception = reception_from_json((examples_dir() / "qr" / "moving_in_10_members.json").read_text(encoding="utf-8"))
    texts = encode_reception(reception, max_version=15).texts
    assert len(texts) > 1
    camera = ScriptedCamera([frame_showing(t) for t in reversed(texts)])
    window.event_page.choose(LifeEvent.MOVING_IN)
    window.members_page.read_qr()
    dialog = window.members_page.qr_dialog
    assert dialog is not None
    dialog.camera_source = lambda: camera
    dialog.toggle_camera()
    qtbot.waitUntil(lambda: len(window.session.members) == len(reception.members), timeout=WAIT_MS * 4)
    assert camera.closed.is_set()
    assert window.members_page.table.rowCount() == len(reception.members)
    assert {m.source.value for m in window.session.members} == {"qr"}


def test_the_pin_pad_refuses_to_send_for_a_locked_card(qtbot: QtBot) -> None:
    dialog = PinPadDialog(PinRequest(KeyKind.PIN, 0, False))
    qtbot.addWidget(dialog)
    for digit in "1234":
        dialog.press(digit)
    assert not dialog.send_button.isEnabled()
    dialog.send()
    assert dialog.answer() is None and dialog.result() == 0
    assert "ロックされています" in dialog.tries_label.text()


def test_the_camera_reads_a_guidance_sheet_and_continues_that_reception(qtbot: QtBot, window: MainWindow) -> None:
    """北見: the same camera that reads pre-entry codes opens a reception from its guidance sheet."""
    s = window.session
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_typed(name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE, name_kana="ヤマダ　タロウ")
    answer_all_directly(window)
    first_id = s.reception_id
    window.finish_reception()  # as confirmed by the clerk
    qtbot.waitUntil(lambda: "受付を記録しました" in window.window_message.text(), timeout=WAIT_MS)
    # Drawn as the guidance sheet draws it (byte mode: the id is lower case).
    symbol = np.asarray(zxingcpp.create_barcode(f"KKR1:{first_id}", zxingcpp.BarcodeFormat.QRCode).to_image(scale=5))
    frame = np.full((720, 1280, 3), 90, dtype=np.uint8)
    frame[40:40 + symbol.shape[0], 300:300 + symbol.shape[1]] = cv2.cvtColor(symbol, cv2.COLOR_GRAY2BGR)
    camera = ScriptedCamera([frame])
    window.event_page.choose(LifeEvent.MOVING_IN)
    window.members_page.read_qr()
    dialog = window.members_page.qr_dialog
    assert dialog is not None
    dialog.camera_source = lambda: camera
    dialog.toggle_camera()
    qtbot.waitUntil(lambda: window.session.continues == first_id, timeout=WAIT_MS * 4)
    assert camera.closed.is_set() and dialog.continue_id == first_id
    assert [m.person.name for m in window.session.members] == ["山田　太郎"]
