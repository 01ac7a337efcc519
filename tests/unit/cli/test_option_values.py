"""Option values that are wrong in a way the command used to take silently: a date a form prints as
「1年1月1日」 or 「令和7981年」, an ISO week date, a 届出日 before the move, a folder of definitions that is not
there (a check of nothing said 「OK: 0件」)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kakanai.cli.main import main
from kakanai.paths import examples_dir, forms_dir

EXAMPLE = examples_dir() / "moving_in_family.json"
RANGE = "1989-01-08〜2099-12-31"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1989-01-07", "2100-01-01"])
def test_render_today_outside_the_supported_dates(day: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run(capsys, "render", str(EXAMPLE), "--today", day, "--out", str(out)) == (
        2, "", f"kakanai: --today の日付は {RANGE} の範囲です（{day}）\n")
    assert not out.exists()


@pytest.mark.parametrize("day", ["20260409", "2026-W15-4", "2026W154", "2026-04-09T00:00", "２０２６-04-09"])
def test_other_iso_forms_are_not_a_yyyy_mm_dd_date(day: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # date.fromisoformat of Python 3.11 takes the first four; the help says YYYY-MM-DD.
    assert run(capsys, "render", str(EXAMPLE), "--today", day, "--out", str(tmp_path / "out")) == (
        2, "", f"kakanai: --today の日付が正しくありません: {day!r}（YYYY-MM-DD の形の実在する日付）\n")


def test_render_today_before_the_move(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run(capsys, "render", str(EXAMPLE), "--today", "2026-04-08", "--out", str(out)) == (
        2, "", "kakanai: --today: 来庁日（2026-04-08）が異動日（2026-04-09）より前です\n")
    assert not out.exists()


def test_render_today_on_the_day_of_the_move_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "render", str(EXAMPLE), "--today", "2026-04-09", "--out", str(tmp_path / "out"))[0] == 0


def test_rules_table_date_outside_the_supported_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "table"
    assert run(capsys, "rules", "table", "--out", str(out), "--date", "9999-12-31") == (
        2, "", f"kakanai: --date の日付は {RANGE} の範囲です（9999-12-31）\n")
    assert not out.exists()


def test_stats_dates_are_yyyy_mm_dd(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'k.db'}"
    assert run(capsys, "stats", "--db", db, "--from", "2026-W15-4") == (
        2, "", "kakanai: --from の日付が正しくありません: '2026-W15-4'（YYYY-MM-DD の形の実在する日付）\n")


@pytest.mark.parametrize("command", [["forms", "check", "--dir"], ["forms", "coverage", "--dir"],
                                     ["rules", "check", "--forms"]])
def test_a_definitions_folder_that_is_not_there(command: list[str], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    option = command[-1]
    missing, file, empty = tmp_path / "nope", tmp_path / "file.yaml", tmp_path / "empty"
    file.write_text("{}", encoding="utf-8")
    empty.mkdir()
    (empty / "notes.txt").write_text("x", encoding="utf-8")
    assert run(capsys, *command, str(missing)) == (2, "", f"kakanai: {option} のフォルダが見つかりません: {missing}\n")
    assert run(capsys, *command, str(file)) == (
        2, "", f"kakanai: {option} にフォルダではないもの（ファイルなど）が指定されています: {file}\n")
    assert run(capsys, *command, str(empty)) == (
        2, "", f"kakanai: {option} のフォルダに定義ファイル（*.yaml）がありません: {empty}\n")


def test_rules_check_with_the_real_forms_folder_still_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "check", "--forms", str(forms_dir()))
    assert code == 0 and out.splitlines()[-1].startswith("OK: ")


@pytest.mark.parametrize("address", ["localhost:99999", "localhost:0", "localhost:", "localhost:３５９６３", "bad"])
def test_card_simulate_vpcd_address(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    # A port beyond 65535 was taken and connected to again and again, forever.
    profile = examples_dir() / "cards" / "elderly-sato.json"
    assert run(capsys, "card", "simulate", str(profile), "--vpcd", address) == (
        2, "", f"kakanai: --vpcd は HOST:PORT の形（PORT は 1〜65535）で指定してください: {address}\n")
