"""A command that only reads the records, given a database that is not there: said (exit 2), not made. An
SQLite file is created by opening it, so a mistyped --db used to leave an empty database and its folders
behind and report 「受付 0件」; a reception file with an error left a new empty database too."""

from __future__ import annotations

from pathlib import Path

import pytest

from kakanai.cli.main import main
from kakanai.paths import examples_dir


@pytest.mark.parametrize("command", [["db", "current"], ["stats"], ["audit", "verify"], ["staff", "list"],
                                     ["receptions", "show", "20260410-0001"]])
def test_a_reading_command_does_not_create_the_database(command: list[str], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "typo" / "k.sqlite3"
    code = main([*command, "--db", f"sqlite:///{db}"])
    _out, err = capsys.readouterr()
    assert code == 2
    assert err == (f"kakanai: 受付の記録（データベース）がありません（{db}）。"
                   "新しく作るときは kakanai db upgrade を実行してください\n")
    assert not (tmp_path / "typo").exists()


def test_a_wrong_reception_file_leaves_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{bad", encoding="utf-8")
    assert main(["record", str(bad), "--db", f"sqlite:///{tmp_path / 'db' / 'k.sqlite3'}"]) == 2
    capsys.readouterr()
    assert not (tmp_path / "db").exists()


def test_recording_still_makes_the_database_it_is_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db" / "k.sqlite3"
    assert main(["record", str(examples_dir() / "moving_in_family.json"), "--db", f"sqlite:///{db}"]) == 0
    assert main(["stats", "--db", f"sqlite:///{db}"]) == 0
    assert "受付 1件" in capsys.readouterr().out
