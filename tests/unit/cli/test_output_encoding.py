"""Output redirected where the locale's encoding is not UTF-8 (cp932 on a Japanese Windows): 𠮷 and 髙 are
not in cp932, and printing the plan of such a household was exit 70 after part of it was written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kakanai.paths import examples_dir

EXAMPLE = examples_dir() / "moving_in_family.json"


def kakanai(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "kakanai.cli.main", *args], capture_output=True, env=env,
                          timeout=60)


def test_plan_text_and_json_are_utf8_with_every_character() -> None:
    out = kakanai("plan", str(EXAMPLE), encoding="cp932")
    assert (out.returncode, out.stderr) == (0, b"")
    text = out.stdout.decode("utf-8")
    assert "［山田　𠮷子］" in text and "［山田　髙志］" in text
    out = kakanai("plan", str(EXAMPLE), "--json", encoding="cp932")
    assert out.returncode == 0
    assert json.loads(out.stdout.decode("utf-8"))["event"] == "moving_in"


def test_a_message_the_terminal_cannot_show_is_escaped_not_a_crash(tmp_path: Path) -> None:
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    raw["members"][2]["name"] = "山田　𠮷子\u202e"
    path = tmp_path / "𠮷田さん.json"  # the file name is in the message; 𠮷 is not in cp932
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = kakanai("plan", str(path), encoding="cp932")
    assert (out.returncode, out.stdout) == (2, b"")
    shown = str(path).replace("𠮷", "\\U00020bb7")
    assert out.stderr.decode("cp932") == (f"kakanai: 受付データの誤り: {shown}:1: members[2].name: "
                                          "見えない書式制御文字 U+202E は使えません\n")
