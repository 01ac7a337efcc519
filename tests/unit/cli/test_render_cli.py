"""`kakanai render` and `kakanai forms` as processes: files and JSON summary, exit 2 for bad input, exit 3
naming the field for a glyph or overflow problem, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kakanai.paths import examples_dir

EXAMPLE = examples_dir() / "moving_in_family.json"


def kakanai(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kakanai.cli.main", *args], capture_output=True, text=True,
                          timeout=120)


def test_render_writes_every_form_and_the_guidance_sheet(tmp_path: Path) -> None:
    out = kakanai("render", str(EXAMPLE), "--out", str(tmp_path / "out"), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    forms = [f["form"] for f in data["files"]]
    assert forms[-1] == "guidance" and "resident_move_notice" in forms
    for f in data["files"]:
        assert Path(f["path"]).read_bytes().startswith(b"%PDF-")
        assert set(f) >= {"path", "form", "procedure", "person"}
    assert isinstance(data["blank_inputs"], list)


def test_render_bad_input_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"event": "moving_in", "event_date": "2026-13-40"}', encoding="utf-8")
    out = kakanai("render", str(bad), "--out", str(tmp_path / "out"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and out.stderr.strip()
    assert not (tmp_path / "out").exists()


def test_render_glyph_problem_names_the_field_and_character(tmp_path: Path) -> None:
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    raw["members"][0]["name"] = "山田\U0001F600太郎"
    path = tmp_path / "glyph.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = kakanai("render", str(path), "--out", str(tmp_path / "out"), "--json")
    assert out.returncode == 3, out.stderr
    assert "Traceback" not in out.stderr
    error = json.loads(out.stdout)["error"]
    assert error["code"] == "missing_glyph" and error["codepoint"] == "U+1F600"
    assert error["field"] and f"「{error['field']}」" in out.stderr and "U+1F600" in out.stderr


def test_forms_check_passes_and_reports_a_broken_definition(tmp_path: Path) -> None:
    ok = kakanai("forms", "check")
    assert ok.returncode == 0, ok.stdout
    (tmp_path / "broken.yaml").write_text(
        "id: broken\ntitle: 壊れた様式\nitems:\n  - {type: field, id: a, label: 氏名, x: 150, y: 10, w: 80, h: 12,"
        " value: person.shoe_size}\n", encoding="utf-8")
    bad = kakanai("forms", "check", "--dir", str(tmp_path))
    assert bad.returncode == 2
    assert "broken.yaml" in bad.stdout and "shoe_size" in bad.stdout


def test_forms_preview_writes_a_pdf(tmp_path: Path) -> None:
    out = kakanai("forms", "preview", "resident_move_notice", "--out", str(tmp_path / "p.pdf"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF-")
    unknown = kakanai("forms", "preview", "no_such_form", "--out", str(tmp_path / "q.pdf"))
    assert unknown.returncode == 2 and "no_such_form" in unknown.stderr and "Traceback" not in unknown.stderr


def test_forms_inputs_lists_what_the_counter_asks(tmp_path: Path) -> None:
    out = kakanai("forms", "inputs", str(EXAMPLE), "--json")
    assert out.returncode == 0, out.stderr
    asked = json.loads(out.stdout)
    phone = next(a for a in asked if a["id"] == "phone")
    assert phone == {"id": "phone", "scope": "reception", "person": None, "label": "電話番号",
                     "forms": phone["forms"]}
    assert phone["forms"][0] == "resident_move_notice" and len(phone["forms"]) >= 5
    assert {"id": "honseki", "scope": "household", "person": None, "label": "本籍",
            "forms": ["resident_move_notice"]} in asked
    text = kakanai("forms", "inputs", str(EXAMPLE))
    assert text.returncode == 0 and "honseki\t本籍（世帯共通）\tresident_move_notice" in text.stdout


def test_forms_inputs_bad_reception_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"event": "moving_in"', encoding="utf-8")
    out = kakanai("forms", "inputs", str(bad), "--json")
    assert out.returncode == 2 and "Traceback" not in out.stderr and out.stderr.startswith("kakanai: ")


def test_forms_coverage_text_names_the_legal_reasons() -> None:
    out = kakanai("forms", "coverage")
    assert out.returncode == 0, out.stderr
    assert "resident_move_notice（住民異動届）: " in out.stdout
    assert "  by_law: movers: 個人番号 — 個人番号は印字しません" in out.stdout
    assert out.stdout.rstrip().endswith("OK: 誰も尋ねず空欄で印刷される欄 0件")


def test_render_says_which_file_prints_which_boxes_empty(tmp_path: Path) -> None:
    """The blanks are listed under the file that prints them: one line run together (「変更前の氏名、変更前の
    氏名、変更前の氏名…」 for a three-generation household) told nobody which sheet or whose box it was."""
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    raw["form_inputs"] = {}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = kakanai("render", str(path), "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    head = lines.index("空欄で印刷した項目（住民が記入）:")
    listed = lines[head + 1:]
    assert listed and all(line.startswith("  ") and ".pdf: " in line for line in listed)
    move = next(line for line in listed if "_resident_move_notice.pdf: " in line)
    assert "電話番号" in move and "本籍" in move
    as_json = json.loads(kakanai("render", str(path), "--out", str(tmp_path / "out2"), "--json").stdout)
    assert {"form", "person", "label", "path"} <= set(as_json["blank_inputs"][0])
