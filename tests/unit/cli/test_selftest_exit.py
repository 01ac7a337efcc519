"""`kakanai --selftest` exits with a documented code: 3 when a check fails (it was 1, not in the list)."""

from __future__ import annotations

import pytest

from kakanai.cli import selftest
from kakanai.cli.main import main


def test_a_failed_check_is_exit_3(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken() -> str:
        raise FileNotFoundError("resources/rules/facts.yaml")

    monkeypatch.setattr(selftest, "CHECKS", [("ok", lambda: "fine"), ("rules", broken)])
    assert main(["--selftest"]) == 3
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("OK ok: fine（")
    assert lines[1:] == ["NG rules: FileNotFoundError: resources/rules/facts.yaml", "1 passed, 1 failed"]


def test_all_checks_passing_is_exit_0(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(selftest, "CHECKS", [("ok", lambda: "fine")])
    assert main(["--selftest"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 passed, 0 failed"
