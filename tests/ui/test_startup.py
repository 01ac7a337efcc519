"""Starting the application: the README's command (`kakanai demo`) opens the window in demo mode on a
real X server (Xvfb) and offscreen; with no display it says what to set instead of a Qt abort."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kakanai.ui.main import display_problem

KAKANAI = [sys.executable, "-m", "kakanai.cli.main"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, "KAKANAI_CONFIG_DIR": str(tmp_path), **extra}


def test_display_check() -> None:
    assert display_problem({}, "linux") is not None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"DISPLAY": "remote.example:10"}, "linux") is None
    assert "DISPLAY=:4242" in (display_problem({"DISPLAY": ":4242"}, "linux") or "")
    assert display_problem({}, "win32") is None


def test_no_display_gives_a_clear_message_not_an_abort(tmp_path: Path) -> None:
    done = subprocess.run([*KAKANAI, "demo"], capture_output=True, text=True, env=_env(tmp_path), timeout=60)
    assert done.returncode == 2
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr and "DISPLAY" in done.stderr


def test_demo_opens_offscreen(tmp_path: Path) -> None:
    done = subprocess.run([*KAKANAI, "demo", "--startup-check"], capture_output=True, text=True, timeout=60,
                          env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"), check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {**report, "step": "EVENT", "reader": "ready", "platform": "offscreen"}


@pytest.fixture
def xvfb() -> Iterator[str]:
    exe = shutil.which("Xvfb")
    assert exe is not None, "Xvfb is installed by scripts/setup"
    number = next(n for n in range(120, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen([exe, f":{number}", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            assert time.monotonic() < deadline and server.poll() is None, "Xvfb did not start"
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_demo_opens_on_an_x_server(tmp_path: Path, xvfb: str) -> None:
    done = subprocess.run([*KAKANAI, "demo", "--startup-check"], capture_output=True, text=True, timeout=60,
                          env=_env(tmp_path, DISPLAY=xvfb), check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb" and report["step"] == "EVENT"
    assert report["window_shown_seconds"] > 0  # measured in tests/bench/test_ui_bench.py, not asserted here
