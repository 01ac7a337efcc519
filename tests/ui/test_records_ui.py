"""The counter window and the records (issue 7): sign-in (and the first administrator on a fresh database),
the link status while the shared database is down, continuing a reception from its guidance sheet's QR at
another counter, sign-out, and the settings only an administrator may change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import LifeEvent, Sex
from kakanai.store.counter_recorder import SignedIn, StoreRecorder
from kakanai.ui.main_window import MainWindow
from kakanai.ui.settings_dialog import SettingsDialog
from kakanai.ui.sign_in_dialog import SignInDialog
from tests.ui.conftest import WAIT_MS, answer_all_directly, click

UNREACHABLE = "postgresql+psycopg://kakanai@127.0.0.1:1/x?connect_timeout=1"


def _fill(dialog: SignInDialog, **values: str) -> None:
    for name, text in values.items():
        edit = dialog.findChild(QLineEdit, f"sign_in_{name}")
        assert edit is not None
        edit.setText(text)


def _start_reception(window: MainWindow) -> None:
    s = window.session
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_typed(name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE, name_kana="ヤマダ　タロウ")
    answer_all_directly(window)


def _sign_in_dialog(qtbot: QtBot, window: MainWindow) -> SignInDialog:
    window.require_sign_in()
    qtbot.waitUntil(lambda: isinstance(window.sign_in_dialog, SignInDialog), timeout=WAIT_MS)
    dialog = window.sign_in_dialog
    assert isinstance(dialog, SignInDialog)
    return dialog


def test_first_administrator_then_clerk_sign_in_and_out(qtbot: QtBot, window: MainWindow,
                                                        counter_db: StoreRecorder) -> None:
    assert window.services.needs_sign_in
    assert "未サインイン" in window.records_bar.staff.text()
    dialog = _sign_in_dialog(qtbot, window)
    assert dialog.first_run and dialog.windowTitle() == "最初の管理者の登録"
    _fill(dialog, login="admin", display_name="管理　花子", password="password-1", confirmation="password-2")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: "一致しません" in dialog.problem.text(), timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.password.text() == ""  # a wrong try never keeps the password
    dialog.reject()  # Esc: the sign-in cannot be skipped
    assert dialog.isVisible() and "サインインが必要" in dialog.problem.text()
    _fill(dialog, password="password-1", confirmation="password-1")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.services.signed_in is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.sign_in_dialog is None, timeout=WAIT_MS)
    assert "管理　花子（管理者）" in window.records_bar.staff.text()
    assert "サインインしました" in window.window_message.text()

    # An administrator may change the municipality's parameters; a clerk may not.
    window.open_settings()
    assert isinstance(window.settings_dialog, SettingsDialog)
    assert window.settings_dialog.municipality.isEnabled()
    window.settings_dialog.reject()
    counter_db.signed_in = SignedIn("tanaka", "田中　一郎", "clerk", "窓口職員")
    window.open_settings()
    assert not window.settings_dialog.municipality.isEnabled() and not window.settings_dialog.database.isEnabled()
    assert window.settings_dialog.printer.isEnabled()
    window.settings_dialog.reject()

    # Sign-out waits for the reception in progress; then the sign-in comes back (no first-run any more).
    _start_reception(window)
    click(qtbot, window.records_bar.sign_out_button)
    assert "記録してからサインアウト" in window.window_message.text() and window.services.signed_in is not None
    window.finish_reception()  # as confirmed by the clerk
    qtbot.waitUntil(lambda: "受付番号 0001" in window.window_message.text(), timeout=WAIT_MS)
    click(qtbot, window.records_bar.sign_out_button)
    dialog = _sign_in_dialog(qtbot, window) if window.sign_in_dialog is None else window.sign_in_dialog
    qtbot.waitUntil(lambda: isinstance(window.sign_in_dialog, SignInDialog), timeout=WAIT_MS)
    dialog = window.sign_in_dialog
    assert isinstance(dialog, SignInDialog) and not dialog.first_run
    _fill(dialog, login="admin", password="password-1")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.services.signed_in is not None, timeout=WAIT_MS)


def test_finishing_unsigned_keeps_the_reception(qtbot: QtBot, window: MainWindow, counter_db: StoreRecorder) -> None:
    _start_reception(window)
    window.finish_reception()  # as confirmed by the clerk
    assert len(window.session.members) == 1  # nothing is lost: it waits for a signed-in staff member
    assert "サインインが必要" in window.window_message.text()
    qtbot.waitUntil(lambda: isinstance(window.sign_in_dialog, SignInDialog), timeout=WAIT_MS)


def test_the_link_down_is_shown_and_the_reception_waits_in_the_spool(qtbot: QtBot, window: MainWindow,
                                                                     tmp_path: Path) -> None:
    store = StoreRecorder.open(UNREACHABLE, spool_path=tmp_path / "spool.sqlite3")
    store.signed_in = SignedIn("tanaka", "田中　一郎", "clerk", "窓口職員")
    window.services.recorder = store
    try:
        window.records_bar.refresh()
        assert "切断中" in window.records_bar.link.text()
        _start_reception(window)
        window.finish_reception()  # as confirmed by the clerk
        qtbot.waitUntil(lambda: "このPCに保管しました" in window.window_message.text(), timeout=WAIT_MS)
        assert window.session.members == ()  # the counter goes on with the next resident
        assert "未送信 1件" in window.records_bar.link.text()
        window.records_bar.flush()  # the timer's delivery attempt: still down, still kept
        qtbot.waitUntil(lambda: not window.records_bar._flushing, timeout=WAIT_MS)
        assert "切断中" in window.records_bar.link.text() and store.status().pending == 1
    finally:
        store.close()


def test_a_guidance_sheet_scanned_at_another_counter_continues_the_reception(
        qtbot: QtBot, window: MainWindow) -> None:
    store = window.services.store_recorder
    assert store is not None  # the demo database
    _start_reception(window)
    plan = window.session.plan
    assert plan is not None
    removed = plan.procedures[-1]
    window.session.remove_procedure(removed.id, removed.person, "本人が後日来庁")
    first_id = window.session.reception_id
    window.finish_reception()  # as confirmed by the clerk
    qtbot.waitUntil(lambda: "受付を記録しました" in window.window_message.text(), timeout=WAIT_MS)

    window.handle_scan(f"KKR1:{first_id}")  # what the wedge scanner types from the guidance sheet
    qtbot.waitUntil(lambda: window.session.continues == first_id, timeout=WAIT_MS)
    assert window.session.step is Step.PLAN and window.session.members[0].person.name == "山田　太郎"
    assert "前の受付（転入：山田　太郎）の続き" in window.window_message.text()
    assert [o.procedure for o in window.session.overrides] == [removed.id]
    # A second scan while this reception is open never overwrites it.
    window.handle_scan(f"KKR1:{first_id}")
    assert "受付中の内容があります" in window.window_message.text()
    window.finish_reception()  # as confirmed by the clerk
    qtbot.waitUntil(lambda: "受付番号 0002" in window.window_message.text(), timeout=WAIT_MS)

    window.handle_scan("KKR1:00000000-0000-4000-8000-000000000000")
    qtbot.waitUntil(lambda: "見つかりません" in window.window_message.text(), timeout=WAIT_MS)
    assert window.session.members == ()


def test_the_demo_tray_scans_the_last_guidance_sheet(qtbot: QtBot, window: MainWindow) -> None:
    tray_button = window.findChild(QPushButton, "demo_continue_last")
    assert tray_button is not None
    click(qtbot, tray_button)
    assert "まだ終了した受付がありません" in window.window_message.text()
    _start_reception(window)
    window.finish_reception()  # as confirmed by the clerk
    qtbot.waitUntil(lambda: "受付を記録しました" in window.window_message.text(), timeout=WAIT_MS)
    click(qtbot, tray_button)
    qtbot.waitUntil(lambda: window.session.continues == window.last_reception_id, timeout=WAIT_MS)
    assert window.session.step is Step.PLAN


def test_records_bar_in_demo_mode(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.records_bar
    assert "接続中" in bar.link.text() and "研修用職員" in bar.staff.text()
    assert not bar.findChild(QPushButton, "sign_out").isVisible()
    assert bar.purge_timer.isActive()  # retention runs by itself (at start-up, then every 6 hours)
    bar.purge()
    qtbot.waitUntil(lambda: bar.purged is not None, timeout=WAIT_MS)
    assert bar.purged == 0


def test_a_reception_without_a_plan_ends_without_a_record(qtbot: QtBot, window: MainWindow) -> None:
    s = window.session
    s.choose_event(LifeEvent.DEATH, date(2026, 4, 9))
    s.add_member_typed(name="渡邊　ハツ", birth_date=date(1941, 2, 3), sex=Sex.FEMALE)
    s.set_subject(None)  # nobody chosen as the deceased: no plan
    assert s.plan is None
    window.finish_reception()  # as confirmed by the clerk
    assert s.members == () and "記録せずに終了しました" in window.window_message.text()
