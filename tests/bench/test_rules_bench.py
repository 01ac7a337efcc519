"""Speed of planning (issue 2): one plan for a 6-person household in-process (target: well under 1 ms
median) and `kakanai plan` as a whole process (target: under 0.4 s, so no Qt/OpenCV/ReportLab import).

Run with `pytest tests/bench --benchmark-enable`; in the normal run each benchmark body runs once."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from kakanai.model import reception_from_dict
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook


def six_person_household() -> dict[str, Any]:
    data = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    data["members"].append({"id": "p5", "name": "山田　ハル", "name_kana": "ヤマダ　ハル", "birth_date": "1950-02-01",
                            "sex": "female", "facts": {"relationship": "parent", "health_insurance": "late_elderly",
                                                       "has_mynumber_card": True, "ltc_certified": True}})
    data["members"].append({"id": "p6", "name": "山田　邊", "name_kana": "ヤマダ　ホトリ", "birth_date": "2010-04-01",
                            "sex": "male", "facts": {"relationship": "child", "school": "junior_high",
                                                     "health_insurance": "employee"}})
    return data


def test_plan_six_person_household_in_process(benchmark: Any) -> None:
    book = load_rulebook()
    reception = reception_from_dict(six_person_household())
    book.plan(reception)  # warm caches (holidays)
    plan = benchmark(book.plan, reception)
    assert plan.procedures


def test_plan_command_as_a_process(benchmark: Any, tmp_path: Any) -> None:
    path = tmp_path / "six.json"
    path.write_text(json.dumps(six_person_household(), ensure_ascii=False), encoding="utf-8")

    def run() -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "kakanai.cli.main", "plan", str(path), "--json"],
                              capture_output=True, check=True)

    out = benchmark.pedantic(run, rounds=10 if benchmark.enabled else 1, iterations=1)
    assert b'"procedures"' in out.stdout


@pytest.mark.parametrize("module", ["PySide6", "cv2", "reportlab", "sqlalchemy", "smartcard"])
def test_plan_path_imports_no_heavy_library(module: str, tmp_path: Any) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(six_person_household(), ensure_ascii=False), encoding="utf-8")
    code = (f"import sys, io, contextlib\nfrom kakanai.cli.main import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main(['plan', {str(path)!r}, '--json'])\n"
            f"print({module!r} in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
