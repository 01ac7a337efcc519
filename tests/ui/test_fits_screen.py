"""Every step fits a 1366×768 counter screen, at text scale 1.0 and 1.4 (issue 17 problem 7), and Qt's own
words are Japanese (problem 9)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from kakanai.ui.main import install_translations
from kakanai.ui.main_window import DEFAULT_SIZE, MainWindow
from kakanai.ui.screenshots import walk_counter

STEPS = ["01_event", "03_members", "04_interview", "05_plan", "06_inputs", "07_preview"]


@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_every_step_fits_1366_by_768(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     scale: float) -> None:
    monkeypatch.setenv("KAKANAI_CONFIG_DIR", str(tmp_path / "config"))
    saved, problems = walk_counter(tmp_path / "shots", (1366, 768), scale=scale, extras=False)
    assert problems == []
    assert [p.stem for p in saved if p.stem not in ("02_pin_pad", "02_phone_pad")] == STEPS


def test_the_window_is_cut_to_the_screen_and_the_tray_floats_when_needed(window: MainWindow) -> None:
    window.fit_into(QSize(1366, 768))
    assert window.size() == QSize(1280, 768) == DEFAULT_SIZE.boundedTo(QSize(1366, 768))
    assert window.demo_tray is not None and not window.demo_tray.isFloating()
    window.update_settings(replace(window.services.settings, font_scale=1.4))
    # At text scale 1.4 the window still fits the screen: beside the tray when the steps allow it (the
    # interview's answers wrap), else with the tray floating as its own window.
    assert window.minimumSizeHint().width() <= 1366 and window.size().width() <= 1366
    docked_width = window.demo_tray.minimumSizeHint().width() if not window.demo_tray.isFloating() else 0
    assert docked_width < window.minimumSizeHint().width()


def test_qt_speaks_japanese(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translations(app)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    close = box.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None and close.text() == "閉じる"
