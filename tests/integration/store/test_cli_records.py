"""The headless contract: kakanai db/record/receptions/stats/purge/audit/staff with --json."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from kakanai.cli.main import main
from kakanai.paths import examples_dir
from kakanai.store import retention

EXAMPLE = str(examples_dir() / "moving_in_family.json")


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    return dict(json.loads(capsys.readouterr().out))


def tomorrow(monkeypatch: pytest.MonkeyPatch) -> date:
    """The purge run on the next day (a reception is never purged on its own day: 0 is 「当日かぎり」)."""
    day = date.today() + timedelta(days=1)
    monkeypatch.setattr(retention, "local_today", lambda: day)
    return day


def test_record_show_stats_purge(db_url: str, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["db", "upgrade", "--db", db_url]) == 0
    assert "最新" in capsys.readouterr().out
    assert main(["db", "current", "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["record", EXAMPLE, "--json", "--db", db_url, "--office", "branch_east", "--staff", "tanaka"]) == 0
    first = _json(capsys)
    assert first["number"] == 1 and first["label"] == "0001" and first["office"] == "branch_east"
    assert main(["record", EXAMPLE, "--db", db_url, "--office", "branch_east"]) == 0
    assert "受付番号 0002" in capsys.readouterr().out

    assert main(["receptions", "show", str(first["id"]), "--json", "--db", db_url]) == 0
    shown = _json(capsys)
    assert shown["id"] == first["id"] and shown["staff"] == "tanaka"
    assert shown["reception"]["members"][0]["name"] == "山田　太郎"  # type: ignore[index]
    assert shown["audit"][0]["action"] == "reception_recorded"  # type: ignore[index]
    assert main(["receptions", "show", str(first["id"]), "--db", db_url]) == 0
    assert "山田　𠮷子" in capsys.readouterr().out

    assert main(["stats", "--json", "--db", db_url]) == 0
    stats = _json(capsys)
    assert stats["receptions"] == 2 and stats["by_office"] == {"branch_east": 2}
    assert main(["stats", "--csv", "--db", db_url, "--from", "2000-01-01", "--to", "2100-12-31"]) == 0
    csv_text = capsys.readouterr().out
    assert csv_text.splitlines()[0] == "section,key,count,median_seconds,p90_seconds"
    assert "receptions,all,2,," in csv_text and "山田" not in csv_text

    assert main(["purge", "--older-than", "0", "--json", "--db", db_url]) == 0
    assert _json(capsys) == {"purged": 0, "older_than_days": 0, "cutoff": date.today().isoformat()}
    day = tomorrow(monkeypatch)
    assert main(["purge", "--older-than", "0", "--db", db_url]) == 0
    assert capsys.readouterr().out == f"{day.isoformat()}より前の受付 2件の個人情報を削除しました（保存期間 0日）\n"
    assert main(["receptions", "show", str(first["id"]), "--db", db_url]) == 0
    assert "削除済み" in capsys.readouterr().out
    assert main(["audit", "verify", "--db", db_url]) == 0


def test_the_office_recorded_is_the_office_planned(db_url: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """--office is where the reception took place: the plan is made for it (a 支所 sends what it does not
    accept to the main office: 児童手当 is 「ご案内」 at 東支所), and an office the municipality does not have is
    refused (exit 2, no database made) rather than recorded under a typo."""
    db = tmp_path / "new" / "k.sqlite3"
    assert main(["record", EXAMPLE, "--office", "branch-east", "--db", f"sqlite:///{db}"]) == 2
    assert capsys.readouterr().err == ("kakanai: --office の庁舎 branch-east は市町村パラメータにありません"
                                       "（main、branch_east）\n")
    assert not db.parent.exists()
    assert main(["db", "upgrade", "--db", db_url]) == 0
    capsys.readouterr()
    modes = {}
    for office in ("main", "branch_east"):
        assert main(["record", EXAMPLE, "--office", office, "--json", "--db", db_url]) == 0
        recorded = _json(capsys)
        assert main(["receptions", "show", str(recorded["id"]), "--json", "--db", db_url]) == 0
        shown = _json(capsys)
        assert shown["office"] == office
        modes[office] = {p["id"]: p["mode"] for p in shown["procedures"]}  # type: ignore[union-attr]
    assert (modes["main"]["child_allowance_claim"], modes["branch_east"]["child_allowance_claim"]) == (
        "here", "guidance")
    assert modes["branch_east"]["resident_move_notice"] == "here"


def test_stats_of_an_empty_period(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--db", db_url]) == 0
    assert main(["record", EXAMPLE, "--db", db_url]) == 0
    capsys.readouterr()
    period = ["--from", "2030-01-01", "--to", "2030-01-01", "--db", db_url]
    assert main(["stats", *period]) == 0
    assert capsys.readouterr().out == "受付 0件（2030-01-01 〜 2030-01-01）\n"
    assert main(["stats", "--csv", *period]) == 0
    assert capsys.readouterr().out == "section,key,count,median_seconds,p90_seconds\nreceptions,all,0,,\n"
    assert main(["stats", "--json", *period]) == 0
    assert _json(capsys)["handling_seconds"] == {}


def test_purge_keeps_what_the_municipality_parameter_says(db_url: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --older-than the retention is the municipality's `retention_days` (default.yaml: 30 days)."""
    monkeypatch.delenv("KAKANAI_RETENTION_DAYS", raising=False)
    assert main(["db", "upgrade", "--db", db_url]) == 0
    assert main(["record", EXAMPLE, "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["purge", "--json", "--db", db_url]) == 0
    assert _json(capsys) | {"cutoff": None} == {"purged": 0, "older_than_days": 30, "cutoff": None}
    source = (examples_dir().parent / "municipality" / "default.yaml").read_text(encoding="utf-8")
    short = tmp_path / "short.yaml"
    short.write_text(source.replace("values: {1989-01-08: 30}", "values: {1989-01-08: 0}"), encoding="utf-8")
    assert "values: {1989-01-08: 0}" in short.read_text(encoding="utf-8")
    assert main(["purge", "--json", "--db", db_url, "--municipality", str(short)]) == 0
    assert _json(capsys)["purged"] == 0  # 0 days: kept through the day of the reception
    tomorrow(monkeypatch)
    assert main(["purge", "--json", "--db", db_url, "--municipality", str(short)]) == 0
    assert _json(capsys)["purged"] == 1
    monkeypatch.setenv("KAKANAI_RETENTION_DAYS", "7")
    assert main(["purge", "--json", "--db", db_url, "--municipality", str(short)]) == 0
    assert _json(capsys)["older_than_days"] == 7
    monkeypatch.delenv("KAKANAI_RETENTION_DAYS")
    assert main(["purge", "--db", db_url, "--municipality", str(tmp_path / "missing.yaml")]) == 2
    assert "市町村パラメータ" in capsys.readouterr().err


def test_staff_commands(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["db", "upgrade", "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["staff", "list", "--db", db_url]) == 0
    assert capsys.readouterr().out == "職員は登録されていません\n"  # said, not an empty output
    monkeypatch.setattr("sys.stdin", io.StringIO("long-enough-pw\n"))
    assert main(["staff", "add", "sato", "--name", "佐藤", "--role", "administrator", "--password-stdin",
                 "--db", db_url, "--json"]) == 0
    assert _json(capsys)["role"] == "administrator"
    assert main(["staff", "list", "--json", "--db", db_url]) == 0
    assert json.loads(capsys.readouterr().out)[0]["login"] == "sato"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["staff", "add", "kato", "--name", "加藤", "--password-stdin", "--db", db_url]) == 2


@pytest.mark.parametrize("argv, code", [
    (["receptions", "show", "no-such-id"], 2),
    (["stats", "--from", "2026-02-30"], 2),
    (["stats", "--from", "2026-05-01", "--to", "2026-04-01"], 2),
    (["purge", "--older-than", "-1"], 2),
    (["record", "missing.json"], 2),
])
def test_bad_input_is_one_line_exit_2(argv: list[str], code: int, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    assert main([*argv, "--db", db]) == code
    err = capsys.readouterr().err
    assert err.startswith("kakanai: ") and "Traceback" not in err


def test_unreachable_or_unmigrated_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 3
    assert "接続できません" in capsys.readouterr().err
    assert main(["stats", "--db", "mysql://x/y"]) == 2
    assert "対応していない" in capsys.readouterr().err


def test_default_database_is_in_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("KAKANAI_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["record", EXAMPLE, "--json"]) == 0
    assert (tmp_path / "data" / "kakanai" / "kakanai.sqlite3").is_file()
    monkeypatch.setenv("KAKANAI_DB", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    capsys.readouterr()
    assert main(["stats", "--json"]) == 2  # KAKANAI_DB is the one read: not there, and not made by reading
    assert f"（{tmp_path / 'other.sqlite3'}）" in capsys.readouterr().err
    assert not (tmp_path / "other.sqlite3").exists()


def test_an_office_nobody_knows_is_refused_not_counted_as_0(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in --office (branch-east for branch_east) showed 「受付 0件」 and registered a clerk no counter
    can sign in to: an office neither the municipality parameters nor the records have is refused (exit 2)."""
    assert main(["db", "upgrade", "--db", db_url]) == 0
    assert main(["record", EXAMPLE, "--db", db_url, "--office", "branch_east"]) == 0
    capsys.readouterr()
    assert main(["stats", "--office", "branch-east", "--db", db_url]) == 2
    assert capsys.readouterr().err == ("kakanai: --office の庁舎 branch-east は市町村パラメータにも受付の記録にも"
                                       "ありません（main、branch_east）\n")
    assert main(["stats", "--office", "main", "--json", "--db", db_url]) == 0  # an office with none yet: 0
    assert _json(capsys)["receptions"] == 0
    assert main(["stats", "--office", "branch_east", "--json", "--db", db_url]) == 0
    assert _json(capsys)["receptions"] == 1
    add = ["staff", "add", "tanaka", "--name", "田中", "--password-stdin", "--db", db_url]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", io.StringIO("pass-word-1\n"))
        assert main([*add, "--office", "honcho"]) == 2
    assert capsys.readouterr().err == "kakanai: --office の庁舎 honcho は市町村パラメータにありません（main、branch_east）\n"
    assert main(["staff", "list", "--office", "honcho", "--json", "--db", db_url]) == 2
    assert main(["staff", "list", "--office", "main", "--json", "--db", db_url]) == 0  # none registered yet


@pytest.mark.parametrize(("office", "message"), [
    ("", "庁舎IDが空です"),  # read as "every office" before
    ("a\tb", "庁舎IDに制御文字 U+0009 が含まれています（2文字目）"),  # echoed raw into the terminal before
    ("x" * 41, "庁舎IDが長すぎます（41文字、40文字まで）"),
])
@pytest.mark.parametrize("command", [["stats"], ["staff", "list"]])
def test_an_office_id_that_cannot_be_one_is_refused_as_staff_add_refuses_it(
        db_url: str, capsys: pytest.CaptureFixture[str], command: list[str], office: str, message: str) -> None:
    assert main(["db", "upgrade", "--db", db_url]) == 0
    capsys.readouterr()
    assert main([*command, "--office", office, "--db", db_url]) == 2
    assert capsys.readouterr().err == f"kakanai: {message}\n"
