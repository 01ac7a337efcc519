"""The resident screen (issue 19) driven through a reception on a virtual second screen.

Qt's offscreen platform takes a screen layout from a JSON file (`offscreen:configfile=…`,
tests/ui/two_screens.json: the clerk's 1366×768 and the resident's 1280×1024 beside it). The platform is
chosen once per process, so when this session's application has one screen the two-screen test runs
itself in a child pytest with that platform; the other tests run in any layout."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kakanai.app.resident_view import ConfirmedBy, confirm
from kakanai.app.settings import CounterSettings
from kakanai.app.workflow import AuditKind, Step
from kakanai.model import LifeEvent
from kakanai.ui.main_window import MainWindow
from kakanai.ui.resident_screen import JAPANESE_PT, ResidentScreen, ResidentScreens, screen_choices
from tests.ui.conftest import answer_all_directly
from tests.unit.app.test_workflow import HANAKO, TARO

TWO_SCREENS = Path(__file__).with_name("two_screens.json")
ROOT = Path(__file__).parents[2]


def _texts(screen: ResidentScreen) -> list[str]:
    return [label.text() for label in screen.findChildren(QLabel) if label.text()]


def _large_print(screen: ResidentScreen) -> bool:
    """Every line the resident reads is at least 20 pt (the Japanese for the clerk beside it is smaller)."""
    labels = [label for label in screen.findChildren(QLabel) if label.text()]
    return bool(labels) and all(label.font().pointSize() >= 20 or label.font().pointSize() == JAPANESE_PT
                                for label in labels) and screen.confirm_button.font().pointSize() >= 20


def _reception(window: MainWindow) -> None:
    s = window.session
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_from_card(TARO)
    s.set_relationship("p1", "head")


def test_the_resident_screen_on_the_second_screen_through_a_reception(qtbot: QtBot, window: MainWindow,
                                                                      tmp_path: Path) -> None:
    if len(QGuiApplication.screens()) < 2:
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={TWO_SCREENS}"}
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header",
                              f"{__file__}::test_the_resident_screen_on_the_second_screen_through_a_reception"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
        assert "1 passed" in run.stdout
        return
    screens = window.resident_screens
    assert [s.name() for s in QGuiApplication.screens()] == ["clerk", "resident"]
    assert screens.on and screens.window is not None  # "auto": the second screen shows it
    resident = screens.window
    qtbot.waitExposed(resident)
    assert resident.screen().name() == "resident"
    assert resident.isFullScreen() and resident.geometry() == QGuiApplication.screens()[1].geometry()
    assert _texts(resident) == ["次の方の受付を準備しています"] and not resident.confirm_button.isVisible()

    _reception(window)
    assert _texts(resident)[:5] == ["内容をご確認ください", "お名前・生年月日・住所", "山田\u3000太郎",
                                    "生年月日：昭和60年6月15日（1985-06-15）", "住所：東京都清瀬市元町１丁目２番３号"]
    assert _large_print(resident)
    resident.grab().save(str(tmp_path / "resident_ja.png"))
    # The clerk sets the reception's language in the screen's header: the reception carries it.
    vi = resident.language.findData("vi")
    resident.language.setCurrentIndex(vi)
    resident.language.activated.emit(vi)
    assert window.session.value is not None and window.session.value.language == "vi"
    texts = _texts(resident)
    assert texts[:5] == ["Vui lòng kiểm tra nội dung", "Họ tên, ngày sinh, địa chỉ", "山田\u3000太郎",
                         "Ngày sinh: 昭和60年6月15日 (1985-06-15)", "生年月日：昭和60年6月15日（1985-06-15）"]
    assert _large_print(resident)
    assert resident.grab().save(str(tmp_path / "resident_vi.png"))

    # Printing waits for the confirmation while the resident screen is on.
    answer_all_directly(window)
    window.go(Step.PREVIEW)
    assert not window.may_print()
    assert window.window_message.text() == ("住民画面の内容を住民の方に確認していただいてから印刷してください"
                                            "（住民画面の「確認しました」、または確認キー F9）")
    assert resident.confirm_button.text() == "Tôi đã kiểm tra"
    qtbot.mouseClick(resident.confirm_button, Qt.MouseButton.LeftButton)  # the resident's tap
    assert window.session.audit[-1].kind is AuditKind.RESIDENT_CONFIRMED
    assert window.session.audit[-1].detail.startswith("本人（住民画面をタップ）: vi ")
    assert resident.confirm_button.text() == "✓ Tôi đã kiểm tra" and not resident.confirm_button.isEnabled()
    assert window.may_print()
    # A change after the confirmation asks again; the clerk's key F9 records the resident's spoken yes.
    window.session.answer("has_dog", None, True)
    assert not window.may_print() and resident.confirm_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.window_message.text() == "住民の方の確認を記録しました"
    assert window.session.audit[-1].detail.startswith("職員（本人の確認を受けて確認キー）: vi ")
    assert window.may_print()

    # The next reception: nothing of the first is left on the resident screen.
    window.finish_reception()  # the clerk confirmed ending it (nothing was printed: new_reception asks first)
    assert _texts(resident) == ["次の方の受付を準備しています"]
    window.session.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    window.session.add_member_from_card(HANAKO)
    shown = "".join(_texts(resident))
    assert "花子" in shown and "太郎" not in shown and "1985" not in shown and "Tôi" not in shown
    window.close()
    assert not resident.isVisible()


def test_one_screen_leaves_the_resident_screen_off_and_printing_free(window: MainWindow) -> None:
    """The layout of this process: "auto" with one screen is off (other layouts are the test above)."""
    if len(QGuiApplication.screens()) >= 2:
        window.update_settings(CounterSettings(printer="PDF", idle_minutes=0, resident_screen="off"))
    assert not window.resident_screens.on
    _reception(window)
    assert window.may_print()
    assert window.resident_screens.confirm_by_clerk() == "住民画面は使っていません"
    assert all(e.kind is not AuditKind.RESIDENT_CONFIRMED for e in window.session.audit)


def test_the_screen_set_by_index_and_the_settings_choices(qtbot: QtBot, window: MainWindow) -> None:
    """A screen chosen by its number (here the first, the only one every layout has) shows the window."""
    window.update_settings(CounterSettings(printer="PDF", idle_minutes=0, resident_screen="0"))
    screens: ResidentScreens = window.resident_screens
    assert screens.on and screens.window is not None and screens.window.isVisible()
    assert screens.window.screen() is QGuiApplication.screens()[0]
    _reception(window)
    assert screens.print_blocker() is not None
    confirm(window.services.book, window.session, ConfirmedBy.RESIDENT)
    assert screens.print_blocker() is None
    first = QGuiApplication.screens()[0]
    assert screen_choices()[:3] == (
        ("auto", "自動（2台目の画面があればそこに表示）"), ("off", "使わない"),
        ("0", f"画面1: {first.name()}（{first.size().width()}×{first.size().height()}）"))
    window.update_settings(CounterSettings(printer="PDF", idle_minutes=0, resident_screen="off"))
    assert not screens.on and not screens.window.isVisible()
    assert QApplication.instance() is not None


def test_the_settings_dialog_chooses_the_resident_screen(qtbot: QtBot, window: MainWindow) -> None:
    window.open_settings()
    qtbot.waitUntil(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible(),
                    timeout=5000)
    dialog = window.settings_dialog
    assert dialog is not None
    box = dialog.resident_screen  # type: ignore[attr-defined]
    assert box.currentData() == "auto"
    box.setCurrentIndex(box.findData("0"))
    dialog.accept()
    qtbot.waitUntil(lambda: window.services.settings.resident_screen == "0", timeout=5000)
    assert window.resident_screens.on and window.resident_screens.screen_index == 0
