"""Form definitions: what issue 16 found passing `forms check` and then printing wrongly or crashing
`render` is refused by FormLoader.load — the one check both run — with file, line and key."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kakanai.forms import FormDefinitionError, FormLibrary, check_forms
from kakanai.paths import forms_dir

SOURCE = (forms_dir() / "resident_move_notice.yaml").read_text(encoding="utf-8")


def _folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copytree(forms_dir() / "blocks", folder / "blocks")
    (folder / "resident_move_notice.yaml").write_text(text, encoding="utf-8")
    return folder


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("    rows: 4\n", "    rows: 0\n", "    rows: 0", "items[18].rows: 1〜40 の整数です（0）"),
        ("    row_h: 15\n", "    row_h: 15\n    colums: []\n", "    colums:", "items[18].colums: 知らないキーです。columns のことですか？"),
        ("    x: 10\n    y: 83\n", "    x: 10\n    y: 283\n", "  - type: rows",
         "items[18]: 「movers」が用紙（210×297mm）の外にはみ出しています（200.0×349.0mm）"),
        ("x: 142, y: 45, w: 58", "x: 142, y: 45, w: -58", "x: 142, y: 45, w: -58",
         "items[14].w: 0〜420 の数値です（-58）"),
        ("size: [13, 9], source: 台}", "size: [13, 5], source: 台}", "size: [13, 5]",
         "items[14].size: 文字の大きさは 9〜72pt の数か [最大, 最小] です（[13, 5]）"),
        ("per: household", "per: family", "per: family", "per: person / household のいずれかです（'family'）"),
    ],
)
def test_bad_layouts_are_refused_by_the_loader_and_by_forms_check(
        tmp_path: Path, old: str, new: str, needle: str, message: str) -> None:
    assert old in SOURCE
    text = SOURCE.replace(old, new, 1)
    folder = _folder(tmp_path, text)
    expected = f"{folder / 'resident_move_notice.yaml'}:{_line(text, needle)}: {message}"
    with pytest.raises(FormDefinitionError) as caught:
        FormLibrary(folder).get("resident_move_notice")  # what render uses
    assert str(caught.value) == expected
    assert check_forms(folder) == ([expected], 1)


def test_a_template_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    text = SOURCE.replace("per: household", "per: household\ntemplate: blank.pdf", 1)
    folder = _folder(tmp_path, text)
    (folder / "blank.pdf").write_bytes(b"GIF89a not a pdf")
    expected = (f"{folder / 'resident_move_notice.yaml'}:{_line(text, 'template:')}: "
                f"template: がPDFではありません（{folder / 'blank.pdf'}）")
    with pytest.raises(FormDefinitionError) as caught:
        FormLibrary(folder).get("resident_move_notice")
    assert str(caught.value) == expected
    assert check_forms(folder) == ([expected], 1)


def test_a_broken_font_is_reported_by_forms_check_and_render_without_a_traceback(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "fonts").mkdir(parents=True)
    (home / "fonts" / "ipamjm.ttf").write_bytes(b"\x00\x01\x00\x00 broken")
    shutil.copytree(forms_dir(), home / "forms")
    shutil.copytree(forms_dir().parent / "resources", home / "resources")
    env = {**os.environ, "KAKANAI_HOME": str(home)}
    check = subprocess.run([sys.executable, "-m", "kakanai.cli.main", "forms", "check", "--dir", str(home / "forms")],
                           capture_output=True, text=True, env=env)
    assert check.returncode == 2 and "Traceback" not in check.stderr
    assert check.stdout.startswith(f"フォント ipamjm.ttf が壊れているか読めません（{home / 'fonts' / 'ipamjm.ttf'}: ")
    example = home / "resources" / "examples" / "moving_in_family.json"
    render = subprocess.run([sys.executable, "-m", "kakanai.cli.main", "render", str(example), "--out",
                             str(tmp_path / "out")], capture_output=True, text=True, env=env)
    assert render.returncode in (2, 3) and "Traceback" not in render.stderr
    assert "フォント ipamjm.ttf が壊れているか読めません" in render.stderr


def test_an_input_proposing_what_the_counter_cannot_is_refused(tmp_path: Path) -> None:
    """`proposed:` names what the counter works out (docs/forms-format.md); anything else would silently
    propose nothing."""
    text = SOURCE.replace("hint: 日中に連絡のつく番号}", "hint: 日中に連絡のつく番号, proposed: phone_of_head}", 1)
    folder = _folder(tmp_path, text)
    with pytest.raises(FormDefinitionError) as caught:
        FormLibrary(folder).get("resident_move_notice")
    from kakanai.forms.definition import PROPOSERS

    assert str(caught.value).endswith(
        f"入力 phone: proposed: は {', '.join(PROPOSERS)} のいずれかです（'phone_of_head'）")
    assert "head_before" in PROPOSERS and "divorce_kind" in PROPOSERS
