"""More input a tester handed the CLI on purpose, each of which ended in exit 70 or in a wrong answer:

- a stored reception whose personal data cannot be read back (tampered): it crashed (text) or was shown as
  purged (--json); now exit 3 naming the reception;
- a --db URL that cannot be one (a port that is not a number, a file name too long): exit 2, the password
  masked;
- an empty or damaged compiled catalog (.mo): exit 3 naming the file and `kakanai i18n compile`;
- a municipality file, a card profile or a form definition of any size (/dev/zero, gigabytes): refused at
  the size, exit 2;
- `record --office` empty or with a control character: refused as `stats --office` refuses it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kakanai.cli.main import main
from kakanai.model.i18n import load_catalog, locales_dir
from kakanai.paths import examples_dir, forms_dir

EXAMPLE = str(examples_dir() / "moving_in_family.json")
PROFILE = examples_dir() / "card-kokutou.json"
HUGE = 3 * 1024 ** 3  # a 3 GB file (sparse: made in no time, takes no disk)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- 1. a stored reception whose personal data cannot be read back ----------------------------------------

def _recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str, str]:
    db = tmp_path / "k.sqlite3"
    url = f"sqlite:///{db}"
    code, out, _err = run(capsys, "record", EXAMPLE, "--json", "--db", url)
    assert code == 0
    return db, url, str(json.loads(out)["id"])


def tamper(db: Path, statement: str) -> None:
    """One statement run on the SQLite file behind kakanai's back (a damaged or hand-edited database)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("statement", [
    "UPDATE receptions SET event = 'nonsense'",  # not a LifeEvent
    "UPDATE reception_members SET name = NULL",  # a member without a name
])
@pytest.mark.parametrize("as_json", [False, True])
def test_a_reception_whose_personal_data_cannot_be_read_is_said_not_shown_as_purged(
        statement: str, as_json: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, url, reception_id = _recorded(tmp_path, capsys)
    tamper(db, statement)
    code, out, err = run(capsys, "receptions", "show", reception_id, *(["--json"] if as_json else []), "--db", url)
    assert code == 3  # text: exit 70 (None formatted as a date); --json: exit 0 with "reception": null
    message = (f"受付ID {reception_id} の受付は、保存されている個人の記録を読み取れません（壊れているか、"
               "書き換えられています）。管理者に連絡してください")
    assert err == f"kakanai: {message}\n"
    if as_json:
        assert json.loads(out) == {"error": {"code": "unreadable_reception", "message": message}}
    else:
        assert out == ""
    assert "削除" not in out + err


def test_a_purged_reception_is_still_shown_as_purged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, url, reception_id = _recorded(tmp_path, capsys)
    tamper(db, "UPDATE receptions SET purged_at = '2026-04-11 09:00:00.000000'")
    code, out, _err = run(capsys, "receptions", "show", reception_id, "--db", url)
    assert code == 0
    assert "個人情報は保存期間を過ぎたため削除済みです（2026-04-11）" in out


# -- 2. a --db URL that cannot be one --------------------------------------------------------------------

DB_COMMANDS = [["record", EXAMPLE], ["stats"], ["receptions", "show", "x"], ["db", "current"], ["db", "upgrade"],
               ["audit", "verify"], ["staff", "list"]]


@pytest.mark.parametrize("command", DB_COMMANDS)
def test_a_port_that_is_not_a_number(command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, *command, "--db", "postgresql://kakanai:s3cret@db.example:notaport/kakanai")
    assert code == 2  # was 70 (ValueError from the URL parser)
    assert err == ("kakanai: データベースの指定が正しくありません（postgresql://kakanai:***@db.example:notaport/kakanai: "
                   "ポート番号が数字ではありません）\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", DB_COMMANDS)
def test_a_port_out_of_range(command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, *command, "--db", "postgresql://kakanai:s3cret@db.example:99999/kakanai")
    assert code == 2  # was 3, 「接続できません」 with the driver's English text
    assert err == ("kakanai: データベースの指定が正しくありません（postgresql://kakanai:***@db.example:99999/kakanai: "
                   "ポート番号は 1〜65535 です（99999））\n")


@pytest.mark.parametrize("command", DB_COMMANDS)
def test_a_file_name_too_long(command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / ('a' * 300)}.sqlite3"
    code, _out, err = run(capsys, *command, "--db", url)
    assert code == 2  # was 70 (OSError: File name too long)
    assert err == f"kakanai: データベースの指定が正しくありません（{url}: ファイル名が長すぎます）\n"
    assert list(tmp_path.iterdir()) == []


def test_a_control_character_in_a_bad_url_is_not_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "stats", "--db", "postgresql://u:pw@h:\x1b[31m/db")
    assert code == 2
    assert err == "kakanai: データベースの指定が正しくありません（postgresql://u:***@h:\\x1b[31m/db: ポート番号が数字ではありません）\n"


# -- 3. an empty or damaged compiled catalog (.mo) ---------------------------------------------------------

@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped en catalog under KAKANAI_HOME (the real resources are never touched); the
    catalogs a test before loaded are forgotten (load_catalog keeps them for the process)."""
    target = tmp_path / "resources" / "locales"
    (target / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(locales_dir() / "kakanai.pot", target / "kakanai.pot")
    for suffix in (".po", ".mo"):
        shutil.copy(locales_dir() / "en" / "LC_MESSAGES" / f"kakanai{suffix}", target / "en" / "LC_MESSAGES")
    for shipped in locales_dir().parent.iterdir():  # the rules, the municipality, the examples: read only
        if shipped.name != "locales":
            (tmp_path / "resources" / shipped.name).symlink_to(shipped)
    (tmp_path / "forms").symlink_to(forms_dir())
    monkeypatch.setenv("KAKANAI_HOME", str(tmp_path))
    load_catalog.cache_clear()
    yield target
    load_catalog.cache_clear()


def _damage(mo: Path, how: str) -> None:
    data = mo.read_bytes()
    mo.write_bytes({"empty": b"", "garbage": b"not a catalog\n" * 20, "cut": data[:len(data) // 2],
                    "magic_only": data[:4]}[how])


@pytest.mark.parametrize("how", ["empty", "garbage", "cut", "magic_only"])
@pytest.mark.parametrize("command", ["plan", "render", "status"])
def test_a_damaged_compiled_catalog(how: str, command: str, home: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    mo = home / "en" / "LC_MESSAGES" / "kakanai.mo"
    _damage(mo, how)
    argv = {"plan": ["plan", EXAMPLE, "--lang", "en"],
            "render": ["render", EXAMPLE, "--lang", "en", "--out", str(tmp_path / "out")],
            "status": ["i18n", "status", "--lang", "en"]}[command]
    code, out, err = run(capsys, *argv)
    assert code == 3  # was 70 (OSError, struct.error from gettext)
    assert out == ""
    assert err == (f"kakanai: 翻訳カタログ（実行用の .mo）を読めません: {mo}（空か壊れています）。"
                   "kakanai i18n compile を実行してください\n")
    assert not (tmp_path / "out").exists()


# -- 4. input files of any size ---------------------------------------------------------------------------

def _huge(path: Path) -> Path:
    with path.open("wb") as f:
        f.truncate(HUGE)
    return path


def _big_files(tmp_path: Path) -> list[tuple[str, int | None]]:
    found = [(str(_huge(tmp_path / "huge.yaml")), HUGE)]
    if Path("/dev/zero").exists():
        found.append(("/dev/zero", None))  # its size is 0: read at most up to the limit
    return found


def _too_large(size: int | None) -> str:
    return f"{size:,}バイト、上限 4MB" if size is not None else "上限 4MB"


def test_a_municipality_file_of_any_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, size in _big_files(tmp_path):
        code, _out, err = run(capsys, "plan", EXAMPLE, "--municipality", name)
        assert code == 2  # was a hang (/dev/zero) or exit 70 (MemoryError)
        assert err == f"kakanai: 規則ファイルの誤り: {name}: ファイルが大きすぎます（{_too_large(size)}）\n"


def test_a_card_profile_of_any_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, size in _big_files(tmp_path):
        code, _out, err = run(capsys, "card", "read", "--simulate", name)
        assert code == 2
        assert err == f"kakanai: カードのプロファイルが大きすぎます: {name}（{_too_large(size)}）\n"


def test_a_form_definition_of_any_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    big = _huge(folder / "huge.yaml")
    code, _out, err = run(capsys, "forms", "coverage", "--dir", str(folder))
    assert code == 2
    assert err == f"kakanai: 様式定義の誤り: {big}: ファイルが大きすぎます（{_too_large(HUGE)}）\n"
    if Path("/dev/zero").exists():
        big.unlink()
        os.symlink("/dev/zero", big)
        code, _out, _err = run(capsys, "forms", "coverage", "--dir", str(folder))
        assert code == 2  # the library takes regular files only: a device is no definition, not read


# -- 5. record --office ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("office", "message"), [
    ("", "庁舎IDが空です"),  # printed as 「庁舎  は」 before
    ("main\x1b[31m", "庁舎IDに制御文字 U+001B が含まれています（5文字目）"),  # echoed raw into the terminal before
    (" main", "庁舎IDの前後に空白があります（' main'）"),
])
def test_record_office_that_cannot_be_one(office: str, message: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "record", EXAMPLE, "--office", office, "--db", f"sqlite:///{tmp_path / 'k.sqlite3'}")
    assert code == 2
    assert (out, err) == ("", f"kakanai: {message}\n")
    assert "\x1b" not in err
    assert list(tmp_path.iterdir()) == []  # nothing recorded, no database made


def test_what_a_message_echoes_of_the_input_never_drives_the_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A key, a language or a file name echoed in a message may hold an ESC sequence or a bidi override:
    written as its escape (kakanai.cli.common.terminal_safe); a message of megabytes is cut."""
    from kakanai.cli.common import MAX_MESSAGE_CHARS
    from kakanai.paths import examples_dir

    example = examples_dir() / "moving_in_family.json"
    assert main(["plan", "--lang", "en\x1b[31m", str(example)]) == 2
    err = capsys.readouterr().err
    assert "en\\x1b[31m" in err and "\x1b" not in err
    raw = json.loads(example.read_text(encoding="utf-8"))
    raw["form_inputs"] = {"\u202e" + "k" * 100_000: "x"}
    src = tmp_path / "r.json"
    src.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert main(["plan", str(src)]) == 2
    err = capsys.readouterr().err
    assert "\u202e" not in err and "\\u202e" in err
    assert len(err) < MAX_MESSAGE_CHARS + 200 and "以下省略" in err


@pytest.mark.parametrize("command", [["audit", "verify"], ["stats"]])
def test_an_emptied_database_file_is_not_read_as_a_fresh_one(
        command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A database truncated to 0 bytes: before, reading it wrote a fresh schema into it and `audit verify`
    reported 「改ざん・削除はありません」 for records that were all gone."""
    db = tmp_path / "k.sqlite3"
    db.write_bytes(b"")
    assert main([*command, "--db", f"sqlite:///{db}"]) == 3
    assert f"受付の記録（データベース）が空のファイルです（{db}）" in capsys.readouterr().err
    assert db.stat().st_size == 0  # left as it was


@pytest.mark.parametrize(("value", "shown"), [("2026-01-01", "2026-01-01"), (["a"], "['a']"), (3, "3")])
def test_a_wrong_fact_value_is_shown_as_the_file_wrote_it(
        value: object, shown: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not as Python holds it: datetime.date(2026, 1, 1), ('a',)."""
    from kakanai.paths import examples_dir

    raw = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    raw["members"][0]["facts"]["has_mynumber_card"] = value
    src = tmp_path / "r.json"
    src.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert main(["plan", str(src)]) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"はい/いいえ（true/false）で答えてください（{shown}）\n"), err


@pytest.mark.parametrize("given", ["EN", "pt-br", "pt_BR", "zh-hans"])
def test_a_language_tag_is_read_whatever_its_case_and_separator(
        given: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """BCP 47 tags are case-insensitive; some write pt_BR as its folder. Before, EN and pt-br were refused,
    and after a first fix render crashed (exit 70) on the code it had not made canonical."""
    from kakanai.paths import examples_dir

    example = str(examples_dir() / "moving_in_family.json")
    assert main(["plan", example, "--lang", given, "--json"]) == 0
    assert main(["render", example, "--lang", given, "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "guidance.pdf").is_file()
    capsys.readouterr()
