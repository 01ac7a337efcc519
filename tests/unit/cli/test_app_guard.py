"""The counter app's guard (issue 16): an uncaught exception in a slot and a background operation's bug each
become one message with an incident number, recorded without personal data; kakanai's own errors and
OSErrors pass through unchanged (they already carry a message for the clerk)."""

from __future__ import annotations

import errno
import re
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kakanai.incident import UnexpectedError, log_path
from kakanai.model import ReceptionError
from kakanai.ui.background import run_in_background
from kakanai.ui.main import install_guard

NUMBER = re.compile(r"事故番号 (\d{8}-\d{6}-[0-9A-F]{4})")


def crash_on_data() -> None:
    resident = {"name": "田中一郎"}
    raise TypeError(f"cannot add {resident['name']} 1990-01-01")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_one_message_with_an_incident_number(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown: list[str] = []
    install_guard(shown.append)
    QTimer.singleShot(0, crash_on_data)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert len(shown) == 1 and shown[0].startswith("予期しない内部エラーのため操作を中止しました（事故番号 ")
    number = NUMBER.search(shown[0])
    assert number is not None
    log = log_path().read_text(encoding="utf-8")
    assert f"事故番号 {number[1]}" in log and "[counter app]" in log and "例外: builtins.TypeError" in log
    assert "in crash_on_data" in log
    assert "田中一郎" not in log and "1990-01-01" not in log
    assert "Traceback" not in capsys.readouterr().err


def test_an_exception_in_another_thread_is_recorded(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_guard(lambda _text: None)
    worker = threading.Thread(target=crash_on_data, name="worker")
    worker.start()
    worker.join()
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("kakanai: 予期しない内部エラーのため処理を中止しました（事故番号 ")
    assert "[counter app: thread]" in log_path().read_text(encoding="utf-8")


def run_failing(qtbot: QtBot, error: Exception) -> BaseException:
    failures: list[BaseException] = []

    def fail() -> None:
        raise error

    run_in_background(fail, lambda _result: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    return failures[0]


def test_a_background_bug_reaches_on_failure_as_an_incident(qtbot: QtBot) -> None:
    delivered = run_failing(qtbot, KeyError("東京都千代田区1-1"))
    assert isinstance(delivered, UnexpectedError)
    assert str(delivered).startswith("予期しない内部エラーのため処理を中止しました（事故番号 ")
    assert str(delivered).count("事故番号") == 1 and "千代田区" not in str(delivered)
    log = log_path().read_text(encoding="utf-8")
    assert f"事故番号 {delivered.incident.number}" in log and "例外: builtins.KeyError" in log
    assert "千代田区" not in log


@pytest.mark.parametrize("error", [ReceptionError("members[0].name", "氏名がありません"),
                                   OSError(errno.ENOSPC, "No space left on device")])
def test_expected_errors_pass_unchanged(qtbot: QtBot, error: Exception) -> None:
    assert run_failing(qtbot, error) is error
    assert not log_path().exists()
