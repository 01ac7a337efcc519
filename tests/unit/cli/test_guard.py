"""The CLI's top-level guard (issue 16): an unexpected exception is one Japanese line with an incident number,
exit 70, and a log entry in the user's data folder that holds the frames but no personal data."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kakanai.cli.main import main
from kakanai.incident import EXIT_UNEXPECTED, log_path, record, scrubbed_report

# A handler that fails the way a bug on a resident's data would: the data in the exception's arguments.
CRASHING = """
import sys
import kakanai.cli.plan as plan

def crash(args):
    household = {"name": "山田太郎"}
    try:
        return household["東京都千代田区霞が関1-1"]
    except KeyError as exc:
        raise ValueError("氏名 山田太郎 の生年月日 1980-02-17") from exc

plan.run = crash
from kakanai.cli.main import main
sys.exit(main(sys.argv[1:]))
"""
PERSONAL = ("山田太郎", "霞が関", "1980-02-17", "secret-household.json")
NUMBER = re.compile(r"事故番号 (\d{8}-\d{6}-[0-9A-F]{4})")


def run_crashing(*args: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run([sys.executable, "-c", CRASHING, *args], capture_output=True, text=True, timeout=60,
                          env=env)


def test_an_unexpected_error_is_one_line_with_an_incident_number_and_no_traceback(tmp_path: Path) -> None:
    out = run_crashing("plan", "secret-household.json", data_home=tmp_path)
    assert out.returncode == EXIT_UNEXPECTED == 70
    assert "Traceback" not in out.stderr and out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kakanai: 予期しない内部エラーのため処理を中止しました（事故番号 ")
    number = NUMBER.search(lines[0])
    assert number is not None
    log = (tmp_path / "kakanai" / "logs" / "incidents.log").read_text(encoding="utf-8")
    assert f"事故番号 {number[1]}" in log
    assert str(tmp_path / "kakanai" / "logs" / "incidents.log") in lines[0]
    # The frames and the exception types are there; the data is not (neither in the log nor on screen).
    assert "[kakanai plan]" in log
    assert "例外: builtins.ValueError" in log and "原因: builtins.KeyError" in log
    assert "kakanai/cli/main.py:" in log and " in crash" in log
    for text in PERSONAL:
        assert text not in log and text not in out.stderr


def test_json_output_carries_the_incident_number(tmp_path: Path) -> None:
    out = run_crashing("plan", "x.json", "--json", data_home=tmp_path)
    assert out.returncode == 70
    error = json.loads(out.stdout)["error"]
    assert error["code"] == "internal_error"
    assert NUMBER.search(error["message"])[1] == error["incident"]  # type: ignore[index]


def test_a_log_that_cannot_be_written_still_gives_the_message(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    out = run_crashing("plan", "x.json", data_home=blocked)
    assert out.returncode == 70 and "Traceback" not in out.stderr
    assert "記録ファイルは書けませんでした" in out.stderr and NUMBER.search(out.stderr)


def test_in_process_handler_failure_is_guarded(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import kakanai.cli.rules as rules_cli

    def broken(_args: object) -> int:
        raise OverflowError("date value out of range: 佐藤花子")

    monkeypatch.setattr(rules_cli, "run_check", broken)
    assert main(["rules", "check"]) == 70
    err = capsys.readouterr().err
    assert "佐藤花子" not in err and "Traceback" not in err
    assert "例外: builtins.OverflowError" in log_path().read_text(encoding="utf-8")


def test_the_report_names_frames_relative_to_the_package_and_rotates(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        {}["鈴木一郎"]
    except KeyError as exc:
        report = scrubbed_report(exc, context="test")
        incident = record(exc)
    assert report[0].startswith("kakanai 0.1.0 python 3.") and report[0].endswith(" [test]")
    assert report[1] == "例外: builtins.KeyError" and len(report) == 3
    assert re.fullmatch(r"  test_guard\.py:\d+ in test_the_report_names_frames_relative_to_the_package_and_rotates",
                        report[2])
    assert all("鈴木一郎" not in line for line in report)
    assert incident.log_file == log_path() and incident.number in log_path().read_text(encoding="utf-8")
    # Rotation: the log never grows without bound.
    monkeypatch.setattr("kakanai.incident.LOG_MAX_BYTES", 200)
    for _ in range(8):
        record(ValueError())
    names = sorted(p.name for p in log_path().parent.iterdir())
    assert names == ["incidents.log", "incidents.log.1", "incidents.log.2", "incidents.log.3", "incidents.log.4"]


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "70  予期しない内部エラー" in out and str(log_path()) in out
