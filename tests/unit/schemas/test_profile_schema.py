"""Card simulator profiles (`kakanai card read --simulate`, `card simulate`): unknown keys, types and
ranges are refused with file, line and key, exit 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kakanai.card.simulator import ProfileError, load_profile
from kakanai.card.simulator.kinds import load_any_profile
from kakanai.paths import examples_dir

BASE = {"name": "見本　太郎", "address": "見本市1-1", "birth_date": "1980-01-01", "sex": "male", "pin": "1234"}


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        ({"pin_tries": 3}, 7, "pin_tries: 知らないキーです。pin_tries_left のことですか？"),
        ({"pin_tries_left": 9}, 7, "pin_tries_left: 0〜3 の整数です（9）"),
        ({"expiry_year": "2030"}, 7, "expiry_year: 整数が必要です（'2030'）"),
        ({"birth_date": "1850-01-01"}, 4, "birth_date: 1873-01-01〜2099-12-31 の日付です（1850-01-01）"),
        ({"faults": {"remove_after": -1}}, 8, "faults.remove_after: 0〜100000 の整数です（-1）"),
        ({"faults": {"sw_at": {"apdu": 2, "sw": "XYZW"}}}, 10, "faults.sw_at.sw: 16進4桁（'XYZW'）"),
        ({"faults": {"dealy_ms": 5}}, 8, "faults.dealy_ms: 知らないキーです。delay_ms のことですか？"),
    ],
)
def test_bad_profiles_name_file_line_and_key(tmp_path: Path, change: dict[str, object], line: int,
                                             message: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**BASE, **change}, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert str(caught.value) == f"カードのプロファイルの誤り: {path}:{line}: {message}"


def test_every_shipped_profile_loads() -> None:
    files = [*sorted((examples_dir() / "cards").glob("*.json")), examples_dir() / "card-kokutou.json"]
    kinds = [(f.name, type(load_any_profile(f)).__name__) for f in files]
    assert kinds == [("elderly-sato.json", "CardProfile"), ("licence-yoshida-gaiji.json", "LicenceProfile"),
                     ("long-address.json", "CardProfile"), ("mj-takahashi.json", "CardProfile"),
                     ("residence-2nd-nguyen-student.json", "ResidenceProfile"),
                     ("special-permanent-1st-kim.json", "ResidenceProfile"), ("card-kokutou.json", "CardProfile")]


def test_each_card_kind_refuses_an_unknown_key_with_the_closest_name(tmp_path: Path) -> None:
    path = tmp_path / "licence.json"
    path.write_text('{"kind": "driving_licence", "name": "山田　太郎", "address": "東京都",\n'
                    ' "birth_date": "1980-01-01", "licence_number": "123456789012", "pin_tries": 2}',
                    encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_any_profile(path)
    assert str(err.value) == f"カードのプロファイルの誤り: {path}:2: pin_tries: 知らないキーです。pin_tries_left のことですか？"
    path.write_text('{"kind": "residence_card", "card_number": "AB1234567CD"}', encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_any_profile(path)
    assert "card_number: " in str(err.value) and "英字2桁・数字8桁・英字2桁" in str(err.value)


@pytest.mark.parametrize("command", [["card", "read", "--simulate"], ["card", "simulate"]])
def test_the_cli_exits_2_with_the_message(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"name": "a",\n "name": "b"}', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kakanai.cli.main", *command, str(path)],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (2, f"kakanai: カードのプロファイルの誤り: {path}:2: name: キーが重複しています\n")
