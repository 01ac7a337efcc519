"""Characters in a reception file that no form prints and no record should keep: refused when the file is
read, by every command, naming the file, the line and the key (exit 2) — as `qr make` refuses them. `plan`
and `record` took them (a bidi override in a recorded name); `render` refused them only at print time, as a
missing glyph (exit 3). What a register holds is kept exactly: combining marks, variation selectors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kakanai.cli.main import main
from kakanai.paths import examples_dir

EXAMPLE = examples_dir() / "moving_in_family.json"


def reception_file(tmp_path: Path, name: str) -> tuple[Path, int]:
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    raw["members"][2]["name"] = name
    path = tmp_path / "reception.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if name in text)
    return path, line


@pytest.mark.parametrize(("char", "problem"), [
    ("\u202e", "見えない書式制御文字 U+202E は使えません"),
    ("\u200b", "見えない書式制御文字 U+200B は使えません"),
    ("\ufeff", "見えない書式制御文字 U+FEFF は使えません"),
    ("\uffff", "使えない文字 U+FFFF を含んでいます"),
    ("\ufffd", "文字化け（U+FFFD）を含んでいます"),
    ("\U000f0000", "外字（私用領域の文字 U+F0000）は使えません"),
])
@pytest.mark.parametrize("command", ["plan", "render", "record"])
def test_refused_when_read(char: str, problem: str, command: str, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    path, line = reception_file(tmp_path, f"山田{char}𠮷子")
    extra = {"plan": [], "render": ["--out", str(tmp_path / "out")],
             "record": ["--db", f"sqlite:///{tmp_path / 'k.db'}"]}[command]
    assert main([command, str(path), *extra]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"kakanai: 受付データの誤り: {path}:{line}: members[2].name: {problem}\n")
    # No PDF folder, and no database: the reception is checked before the database is opened (made).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reception.json"]


@pytest.mark.parametrize("name", ["山田　か\u3099ら", "葛\U000e0100城　𠮷子", "山田　e\u0301"])
def test_what_a_register_holds_is_planned_as_given(name: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = reception_file(tmp_path, name)
    assert main(["plan", str(path), "--json"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["qr", "make", str(path), "--out", str(tmp_path / "q.png")]) == 0
    capsys.readouterr()
    assert main(["qr", "read", str(tmp_path / "q.png")]) == 0
    assert json.loads(capsys.readouterr().out)["members"][2]["name"] == name  # nothing normalized or dropped


def test_a_choice_input_that_is_not_an_option_names_the_line(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    raw["form_inputs"]["has_spouse"] = "たぶん"
    path = tmp_path / "reception.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "たぶん" in text)
    assert main(["render", str(path), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (f"kakanai: 受付データの誤り: {path}:{line}: form_inputs.has_spouse"
                                       "（請求者の配偶者（事実婚を含む））: 「たぶん」は選択肢にありません（あり、なし）\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("char", "problem"), [
    ("\u202e", "見えない書式制御文字 U+202E は使えません"),
    ("\ue000", "外字（私用領域の文字 U+E000）は使えません"),
    ("\ufffd", "文字化け（U+FFFD）を含んでいます"),
])
def test_a_clerks_reason_for_an_override_is_refused_like_any_other_text(
        char: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """overrides[].reason is kept in the record and shown by `receptions show`: before, it took a bidi
    override that every other field refused."""
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    raw["overrides"] = [{"action": "remove", "procedure": "dog_registration_change", "reason": f"犬は{char}いない"}]
    path = tmp_path / "reception.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "犬は" in text)
    assert main(["plan", str(path)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"kakanai: 受付データの誤り: {path}:{line}: overrides[0].reason: {problem}\n")
