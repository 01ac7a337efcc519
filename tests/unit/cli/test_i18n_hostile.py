"""`kakanai i18n` with a wrong --lang or a damaged catalog: one line naming the file and the line, exit 2,
nothing written. These ended in exit 70 (Babel's ValueError, UnicodeDecodeError) or, for a string without
its closing quote, in a catalog compiled with that translation silently empty."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kakanai.cli.main import main
from kakanai.model.i18n import locales_dir

LANGUAGE_DOC = "BCP 47 の言語コード（ja、ja-easy、en、zh-Hans、ko、vi、pt-BR など）、20文字まで"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped catalogs (en only) under KAKANAI_HOME: the commands write into it."""
    target = tmp_path / "resources" / "locales"
    (target / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(locales_dir() / "kakanai.pot", target / "kakanai.pot")
    for suffix in (".po", ".mo"):
        shutil.copy(locales_dir() / "en" / "LC_MESSAGES" / f"kakanai{suffix}", target / "en" / "LC_MESSAGES")
    monkeypatch.setenv("KAKANAI_HOME", str(tmp_path))
    return target


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("language", ["../../evil", "en/../ko", "", "日本語", "en_US", "a" * 300])
def test_a_language_that_is_not_a_code(language: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(home.parent.parent)
    assert main(["i18n", "update", "--lang", "en", "--lang", language]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"kakanai: --lang の言語コードが正しくありません: {language!r}（{LANGUAGE_DOC}）\n")
    assert files(home.parent.parent) == before  # en was not updated either: every --lang is checked first


def test_a_language_babel_does_not_know(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["i18n", "update", "--lang", "xx"]) == 2
    assert capsys.readouterr().err == ("kakanai: --lang の言語 xx は翻訳ツール（Babel）の知らない言語です"
                                       "（新しいカタログを作れません）\n")
    assert not (home / "xx").exists()


def _damage(home: Path, how: str) -> tuple[Path, int]:
    po = home / "en" / "LC_MESSAGES" / "kakanai.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    if how == "unterminated":
        number = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and len(line) > 10)
        lines[number] = lines[number][:-1]
        po.write_text("\n".join(lines), encoding="utf-8")
        return po, number + 1
    if how == "garbage":
        po.write_text("\n".join([*lines[:-1], "bogus line", ""]), encoding="utf-8")
        return po, len(lines)
    data = "\n".join(lines).encode("utf-8")
    cut = data.index(b"\nmsgstr \"", 1000) + 9
    po.write_bytes(data[:cut] + b"\x83e" + data[cut:])  # a Shift_JIS byte pair in a UTF-8 file
    return po, data[:cut].count(b"\n") + 1


@pytest.mark.parametrize("argv", [["i18n", "compile"], ["i18n", "status"], ["i18n", "update", "--lang", "en"]])
@pytest.mark.parametrize("how", ["unterminated", "garbage", "not_utf8"])
def test_a_damaged_catalog(how: str, argv: list[str], home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po, line = _damage(home, how)
    before = files(home)
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    if how == "not_utf8":
        assert err.startswith(f"kakanai: 翻訳カタログを読めません: {po}:{line}: UTF-8ではありません（")
    elif how == "garbage":
        assert err == f"kakanai: 翻訳カタログの誤り: {po}:{line}: 書き方が違います（bogus line）\n"
    else:
        assert err.startswith(f"kakanai: 翻訳カタログの誤り: {po}:{line}: 文字列の \" が閉じていないか、書き方が違います（msgstr ")
    assert files(home) == before  # neither the .po nor the .mo was rewritten


def test_the_shipped_catalogs_read_strictly(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(home)
    assert main(["i18n", "compile"]) == 0
    assert capsys.readouterr().out == f"{home / 'en' / 'LC_MESSAGES' / 'kakanai.mo'}\n"
    assert files(home) == before  # the same .mo again


@pytest.mark.parametrize("command", ["status", "extract"])
def test_without_the_sources(command: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An installed application has the catalogs but not babel.cfg and src/: it was exit 70.
    assert main(["i18n", command]) == 2
    assert capsys.readouterr().err == (
        f"kakanai: 翻訳の原文を抽出するソースがありません（{home.parent.parent / 'babel.cfg'} がありません）。"
        "i18n extract と status はソースの入ったフォルダで実行します\n")
