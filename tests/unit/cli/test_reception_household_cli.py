"""A reception file or a pre-entry QR with two 世帯主, or a フリガナ no form can print as given: refused or
normalized when read, by every command and by the counter's scan (exit 2 for a file, exit 3 invalid_content
for a code, as any other invalid reception), naming the members and the field; nothing written.

A household has one 世帯主 (住民基本台帳法7条4号): two were planned (「世帯主 花子さん」, a claimant 「太郎さん
または 花子さん」) and both printed as 世帯主 on the 住民異動届. None is legitimate (one person joining a household
whose 世帯主 is not at the counter). フリガナ is full-width katakana: half-width (ﾔﾏﾀﾞ) and hiragana were printed
as typed, a combining 濁点 on ロ as an impossible 「ロ゙」."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kakanai.app.scans import ScanKind, ScanRouter
from kakanai.cli.main import main
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook
from tests.unit.qr.craft import document_code

EXAMPLE = examples_dir() / "moving_in_family.json"
TWO_HEADS = "世帯主は1人だけ選んでください（山田　太郎、山田　花子）"


def reception_file(tmp_path: Path, change: Any) -> tuple[Path, list[str]]:
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "reception.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    return path, path.read_text(encoding="utf-8").splitlines()


def two_heads(raw: dict[str, Any]) -> None:
    raw["members"][1]["facts"]["relationship"] = "head"


def no_head(raw: dict[str, Any]) -> None:
    raw["members"][0]["facts"]["relationship"] = "child"


def extra_args(command: str, tmp_path: Path) -> list[str]:
    return {"plan": [], "render": ["--out", str(tmp_path / "out")],
            "record": ["--db", f"sqlite:///{tmp_path / 'k.db'}"],
            "qr": ["--out", str(tmp_path / "q.png")]}[command]


@pytest.mark.parametrize("command", ["plan", "render", "record", "qr"])
def test_two_heads_are_refused_naming_both(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, lines = reception_file(tmp_path, two_heads)
    line = [n for n, text in enumerate(lines, 1) if '"head"' in text][1]  # 花子's relationship
    argv = ["qr", "make", str(path)] if command == "qr" else [command, str(path)]
    assert main([*argv, *extra_args(command, tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"kakanai: 受付データの誤り: {path}:{line}: members[1].facts.relationship: {TWO_HEADS}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reception.json"]  # no PDF, no database, no code


def test_no_head_is_planned_and_rendered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = reception_file(tmp_path, no_head)
    assert main(["render", str(path), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == ""


def test_half_width_and_hiragana_kana_are_printed_full_width(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    def kana(raw: dict[str, Any]) -> None:
        raw["members"][0]["name_kana"] = "ﾔﾏﾀﾞ ﾀﾛｳ"
        raw["members"][1]["name_kana"] = "やまだ　はなこ"
        raw["members"][2]["name_kana"] = "ヤマダ　ヨシ\u3099ロウ"  # a combining 濁点 that composes: ジ

    path, _ = reception_file(tmp_path, kana)
    assert main(["render", str(path), "--out", str(tmp_path / "out"), "--json"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    notice = next(f["path"] for f in files if f["form"] == "resident_move_notice")
    text = "".join(page.extract_text() for page in PdfReader(notice).pages)
    for printed in ("ヤマダ　タロウ", "ヤマダ　ハナコ", "ヤマダ　ヨジロウ"):
        assert printed in text.replace(" ", "　"), text
    assert not any(typed in text for typed in ("ﾔ", "ﾞ", "やまだ", "はなこ", "\u3099"))


@pytest.mark.parametrize("command", ["plan", "render", "record", "qr"])
def test_a_combining_mark_that_joins_no_kana_is_refused(command: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path, lines = reception_file(tmp_path, lambda raw: raw["members"][0].update(name_kana="ヤマダ　タロ\u3099ウ"))
    line = next(n for n, text in enumerate(lines, 1) if "\u3099" in text)
    argv = ["qr", "make", str(path)] if command == "qr" else [command, str(path)]
    assert main([*argv, *extra_args(command, tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"kakanai: 受付データの誤り: {path}:{line}: members[0].name_kana: 山田　太郎さんのフリガナの"
                          "「ロ」に濁点（U+3099）は付けられません。")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reception.json"]


def _member(key: str, name: str, relationship: str, kana: str = "") -> dict[str, Any]:
    return {"k": key, "n": name, "r": kana, "b": "1980-01-01", "x": "male" if key == "p1" else "female",
            "f": {"A": relationship}}


TWO_HEADS_CODE = document_code({"e": "moving_in", "d": "2026-04-01", "m": [
    _member("p1", "山田　太郎", "head"), _member("p2", "山田　花子", "head")]})
BROKEN_KANA_CODE = document_code({"e": "moving_in", "d": "2026-04-01", "m": [
    _member("p1", "山田　太郎", "head", "ヤマダ　タロ\u3099ウ")]})


@pytest.mark.parametrize(("code", "field", "says"), [
    (TWO_HEADS_CODE, "members[1].facts.relationship", TWO_HEADS),
    (BROKEN_KANA_CODE, "members[0].name_kana", "山田　太郎さんのフリガナの「ロ」に濁点（U+3099）は付けられません"),
])
def test_a_pre_entry_qr_is_refused_by_qr_decode_and_the_counters_scan(
        code: str, field: str, says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qr", "decode", code, "--json"]) == 3
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == "invalid_content" and error["field"] == field and says in error["message"]
    scan = ScanRouter(validate=load_rulebook().validate_reception).route(code)
    assert scan.kind is ScanKind.ERROR and says in scan.message and scan.reception is None


def test_a_pre_entry_qr_with_kana_to_normalize_is_read_normalized(capsys: pytest.CaptureFixture[str]) -> None:
    code = document_code({"e": "moving_in", "d": "2026-04-01", "m": [_member("p1", "山田　太郎", "head", "ﾔﾏﾀﾞ ﾀﾛｳ")]})
    assert main(["qr", "decode", code]) == 0
    assert json.loads(capsys.readouterr().out)["members"][0]["name_kana"] == "ヤマダ　タロウ"
    scan = ScanRouter(validate=load_rulebook().validate_reception).route(code)
    assert scan.kind is ScanKind.PREENTRY and scan.reception is not None
    assert scan.reception.members[0].name_kana == "ヤマダ　タロウ"
