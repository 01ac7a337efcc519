"""Wrong, unknown and conflicting options: argparse's usage line, then one Japanese line, exit 2 (argparse
wrote "unrecognized arguments: …" in English)."""

from __future__ import annotations

import pytest

from kakanai.cli.main import main, usage_message


@pytest.mark.parametrize(("argv", "message"), [
    (["render", "r.json", "--out", "o", "--bogus"], "知らない引数やオプションです: --bogus"),
    (["render", "r.json"], "必要な引数やオプションがありません: --out"),
    (["qr", "read"], "必要な引数やオプションがありません: images"),
    (["qr", "make", "r.json", "--out", "q.png", "--max-version", "abc"], "--max-version には整数を指定してください（'abc'）"),
    (["render", "r.json", "--out"], "--out の後に値を指定してください"),
    (["rules", "tab"], "サブコマンド に 'tab' は指定できません（指定できるのは 'check', 'table'）"),
    (["card", "read", "--kind", "zzz"],
     "--kind に 'zzz' は指定できません（指定できるのは 'mynumber', 'driving_licence', 'residence_card'）"),
    (["card", "read", "--reader", "a", "--simulate", "b"], "--simulate と --reader は一緒に指定できません"),
    (["render", "r.json", "--out", "o", "--json=1"], "--json には値を付けられません（'1'）"),
    (["render", "r.json", "--out", "o", "--l", "en"], "オプション --l がどれのことか決まりません（--large-print, --lang）"),
])
def test_usage_errors_are_japanese(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and lines[0].startswith("usage: kakanai ")
    assert lines[-1] == f"kakanai: {message}"


def test_a_message_argparse_may_add_later_is_kept_as_it_is() -> None:
    assert usage_message("argument --x: something new") == "argument --x: something new"
