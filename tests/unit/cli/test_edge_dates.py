"""Dates at the edges that used to end in a traceback (issue 16): a deadline past 9999-12-31, a birth date
before 明治, `--today 2026-02-30`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kakanai.cli.main import main
from kakanai.model import ReceptionError
from kakanai.model.wareki import format_wareki
from kakanai.paths import examples_dir
from kakanai.rules.calendar import Counting, OfficeCalendar, compute_deadline

EXAMPLE = examples_dir() / "moving_in_family.json"


def changed(tmp_path: Path, **fields: object) -> Path:
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for key, value in fields.items():
        if key == "birth_date":
            raw["members"][0]["birth_date"] = value
        else:
            raw[key] = value
    path = tmp_path / "reception.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_deadline_past_the_last_date_is_a_reception_error() -> None:
    with pytest.raises(ReceptionError) as caught:
        compute_deadline(date(9999, 12, 20), 14, Counting.EXCLUDING_FIRST_DAY, OfficeCalendar())
    assert caught.value.field == "deadline"
    assert caught.value.message == ("9999-12-20 から14日の期限は、扱える日付（9999-12-31まで）を超えます。"
                                    "日付を確認してください")
    # 9999-12-28 is a Tuesday, the last open day of the year (12/29-1/3 closed): still computed.
    last = compute_deadline(date(9999, 12, 14), 14, Counting.EXCLUDING_FIRST_DAY, OfficeCalendar())
    assert (last.nominal, last.due, last.moved_because) == (date(9999, 12, 28), date(9999, 12, 28), ())


def test_a_deadline_moved_past_the_last_date_is_a_reception_error() -> None:
    # 9999-12-29..31 are the year-end closure: the move to the next open day overflows.
    with pytest.raises(ReceptionError, match="9999-12-15 から14日"):
        compute_deadline(date(9999, 12, 15), 14, Counting.EXCLUDING_FIRST_DAY, OfficeCalendar())


def test_plan_of_year_9999_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Refused by the reception schema before any deadline is computed (the supported range of event dates);
    # compute_deadline's own guard above stays for every other caller.
    path = changed(tmp_path, event_date="9999-12-20", visit_date="9999-12-20")
    assert main(["plan", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)["error"]["field"] == "event_date"
    assert err == f"kakanai: 受付データの誤り: {path}:1: event_date: 1989-01-08〜2099-12-31 の日付です（9999-12-20）\n"


@pytest.mark.parametrize(("day", "padded", "text"), [
    (date(1850, 1, 1), False, "1850年1月1日"),
    (date(1868, 1, 24), True, "1868年 1月24日"),
    (date(1, 1, 1), False, "1年1月1日"),
    (date(1868, 1, 25), False, "明治元年1月25日"),
])
def test_dates_before_meiji_print_in_the_western_calendar(day: date, padded: bool, text: str) -> None:
    assert format_wareki(day, padded=padded) == text


def test_render_with_a_birth_date_before_meiji(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A birth date before 1873-01-01 (the Gregorian calendar in Japan) is refused with the range; nothing
    # is written. The forms print the western year for any earlier date they are given (test above).
    out = tmp_path / "out"
    path = changed(tmp_path, birth_date="1850-01-01")
    assert main(["render", str(path), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (f"kakanai: 受付データの誤り: {path}:1: members[0].birth_date: "
                                       "1873-01-01〜2099-12-31 の日付です（1850-01-01）\n")
    assert not out.exists()


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "tomorrow", ""])
def test_today_that_is_not_a_day(value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["render", str(EXAMPLE), "--today", value, "--out", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    if value == "":  # an empty --today means the default (the visit date), as before
        assert code == 0
        return
    assert (code, out) == (2, "")
    assert err == f"kakanai: --today の日付が正しくありません: '{value}'（YYYY-MM-DD の形の実在する日付）\n"
    assert not (tmp_path / "out").exists()
