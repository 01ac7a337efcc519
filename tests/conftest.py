"""Every test runs with its own configuration and data folders: nothing is written into the home folder
of the machine running the suite (the counter keeps its settings, database and spool there)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))
    monkeypatch.setenv("KAKANAI_CONFIG_DIR", str(base / "config"))
    monkeypatch.delenv("KAKANAI_DB", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(Path(base / "data")))
