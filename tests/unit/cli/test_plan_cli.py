"""`kakanai plan` as a process: JSON shape, readable output, and one clear line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kakanai.paths import examples_dir

EXAMPLE = examples_dir() / "moving_in_family.json"


def kakanai(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kakanai.cli.main", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_plan_json_shape() -> None:
    out = kakanai("plan", str(EXAMPLE), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["event"] == "moving_in" and data["event_date"] == "2026-04-09"
    move = next(p for p in data["procedures"] if p["id"] == "resident_move_notice")
    assert move == {**move, "person": None, "mode": "here", "title": "住民異動届", "department": "市民課",
                    "deadline": "2026-04-23", "forms": ["resident_move_notice"]}
    assert move["reason"] and move["bring"]
    for q in data["questions"]:
        assert set(q) >= {"fact", "person", "prompt", "values"}


def test_plan_text_is_grouped_by_department() -> None:
    out = kakanai("plan", str(EXAMPLE))
    assert out.returncode == 0
    assert "■ 市民課" in out.stdout and "住民異動届" in out.stdout and "令和8年4月23日" in out.stdout


def _mutated(tmp_path: Path, change: str) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    if change == "event":
        data["event"] = "moving_abroad"
    elif change == "fact":
        data["members"][0]["facts"]["hobby"] = "golf"
    elif change == "value":
        data["members"][0]["facts"]["health_insurance"] = "private"
    elif change == "date":
        data["event_date"] = "2026-04-31"
    elif change == "member":
        data["subject"] = ["p1", "p9"]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "field"),
    [("event", "event"), ("fact", "members[0].facts.hobby"), ("value", "members[0].facts.health_insurance"),
     ("date", "event_date"), ("member", "subject[1]")],
)
def test_bad_input_exit_2_one_line(tmp_path: Path, change: str, field: str) -> None:
    out = kakanai("plan", str(_mutated(tmp_path, change)))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0] and "Traceback" not in out.stderr
    as_json = kakanai("plan", str(_mutated(tmp_path, change)), "--json")
    assert json.loads(as_json.stdout)["error"]["field"] == field


def test_malformed_json_and_missing_file(tmp_path: Path) -> None:
    out = kakanai("plan", "-", stdin='{"event": "moving_in",')
    assert out.returncode == 2 and "JSONとして読めません" in out.stderr and len(out.stderr.splitlines()) == 1
    out = kakanai("plan", str(tmp_path / "none.json"))
    assert out.returncode == 2 and "見つかりません" in out.stderr


def test_usage_error_exit_2() -> None:
    out = kakanai("plan")
    assert out.returncode == 2
