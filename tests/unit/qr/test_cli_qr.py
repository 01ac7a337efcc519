"""`kakanai qr make|read|decode` as a process: files, JSON shapes, exit codes and error JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from kakanai.model import reception_from_json, reception_to_dict
from kakanai.paths import examples_dir
from kakanai.qr import encode_reception
from kakanai.qr.image import make_symbol, render_symbol
from tests.unit.qr.samples import example_reception

EXAMPLES = examples_dir() / "qr"


def kakanai(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kakanai.cli.main", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def expected(name: str) -> dict[str, object]:
    return reception_to_dict(reception_from_json((EXAMPLES / f"{name}.json").read_text(encoding="utf-8")))


def test_make_then_read_one_code(tmp_path: Path) -> None:
    out = kakanai("qr", "make", str(EXAMPLES / "moving_in.json"), "--out", str(tmp_path / "code.png"), "--json")
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)
    assert made["count"] == 1 and len(made["set_id"]) == 8
    (entry,) = made["files"]
    assert entry["path"] == str(tmp_path / "code.png") and entry["version"] <= 25 and entry["text"].startswith("KKN1:")
    read = kakanai("qr", "read", entry["path"])
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout) == expected("moving_in")


def test_make_split_writes_numbered_files_and_read_takes_them_in_any_order(tmp_path: Path) -> None:
    out = kakanai("qr", "make", str(EXAMPLES / "moving_in_10_members.json"), "--out", str(tmp_path / "ten.png"),
                  "--max-version", "12")
    assert out.returncode == 0, out.stderr
    paths = out.stdout.split()
    assert paths == [str(tmp_path / f"ten-{i}.png") for i in range(1, len(paths) + 1)] and len(paths) >= 3
    read = kakanai("qr", "read", *reversed(paths), paths[0], "--json")
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout) == expected("moving_in_10_members")
    missing = kakanai("qr", "read", paths[0], "--json")
    assert missing.returncode == 3
    error = json.loads(missing.stdout)["error"]
    assert error["code"] == "missing_parts" and error["missing"] == list(range(2, len(paths) + 1))


def test_read_a_photo_of_a_phone_screen(tmp_path: Path) -> None:
    text = encode_reception(example_reception("birth")).texts[0]
    code = render_symbol(make_symbol(text), module_px=6)
    # A bright screen in a darker scene, tilted, with the screen's pixel grid and JPEG artefacts.
    screen = cv2.cvtColor(code, cv2.COLOR_GRAY2BGR).astype(np.float32) * np.array([1.0, 0.97, 0.92])
    screen[::3, :, :] *= 0.85
    h, w = screen.shape[:2]
    photo = np.full((1500, 2000, 3), 40, np.float32)
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]),
                                         np.float32([[520, 260], [1450, 330], [1400, 1250], [470, 1180]]))
    warped = cv2.warpPerspective(screen, matrix, (2000, 1500), borderValue=(40, 40, 40))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (2000, 1500))[..., None]
    photo = np.clip(cv2.GaussianBlur(warped * mask + photo * (1 - mask), (0, 0), 1.5), 0, 255).astype(np.uint8)
    path = tmp_path / "スマホ画面.jpg"  # a Japanese file name
    path.write_bytes(cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, 70])[1].tobytes())
    read = kakanai("qr", "read", str(path))
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout) == expected("birth")


def test_decode_scanner_text_and_stdin() -> None:
    texts = encode_reception(example_reception("marriage"), max_version=10).texts
    out = kakanai("qr", "decode", *texts)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == expected("marriage")
    piped = kakanai("qr", "decode", "-", stdin="\r\n".join(reversed(texts)) + "\r\n")
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout) == expected("marriage")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["decode", "https://example.org/"], "not_kakanai"),
        (["decode", "KKN1:ABCDEFGHI"], "damaged"),
        (["decode", "KKN9:ABC"], "unsupported_version"),
    ],
)
def test_decode_errors_exit_3_with_json(args: list[str], code: str) -> None:
    out = kakanai("qr", *args, "--json")
    assert out.returncode == 3
    error = json.loads(out.stdout)["error"]
    assert error["code"] == code and error["message"]
    assert out.stderr.startswith("kakanai: ") and "Traceback" not in out.stderr


def test_read_errors(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((300, 300), 255, np.uint8))
    url = tmp_path / "url.png"
    cv2.imwrite(str(url), render_symbol(make_symbol("HTTPS://EXAMPLE.ORG/"), module_px=6))
    for args, code in (([blank], "no_code_found"), ([url], "not_kakanai")):
        out = kakanai("qr", "read", *map(str, args), "--json")
        assert out.returncode == 3 and json.loads(out.stdout)["error"]["code"] == code
    missing = kakanai("qr", "read", str(tmp_path / "nothing.png"), "--json")
    assert missing.returncode == 2 and json.loads(missing.stdout)["error"]["code"] == "unreadable"


def test_read_ignores_another_code_beside_ours(tmp_path: Path) -> None:
    text = encode_reception(example_reception("certificates")).texts[0]
    ours = render_symbol(make_symbol(text), module_px=4)
    other = render_symbol(make_symbol("HTTPS://EXAMPLE.ORG/"), module_px=4)
    canvas = np.full((max(ours.shape[0], other.shape[0]), ours.shape[1] + other.shape[1] + 40), 255, np.uint8)
    canvas[: ours.shape[0], : ours.shape[1]] = ours
    canvas[: other.shape[0], ours.shape[1] + 40:] = other
    path = tmp_path / "both.png"
    cv2.imwrite(str(path), canvas)
    out = kakanai("qr", "read", str(path))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == expected("certificates")


def test_make_refuses_bad_receptions(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "death.json").read_text(encoding="utf-8"))
    data["members"][0]["facts"]["relationship"] = "king"  # not in the catalog
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = kakanai("qr", "make", str(bad), "--out", str(tmp_path / "x.png"), "--json")
    assert out.returncode == 2 and json.loads(out.stdout)["error"]["code"] == "invalid_reception"
    data = json.loads((EXAMPLES / "death.json").read_text(encoding="utf-8")) | {"id": "r-1"}
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = kakanai("qr", "make", str(bad), "--out", str(tmp_path / "x.png"), "--json")
    assert out.returncode == 2 and json.loads(out.stdout)["error"]["code"] == "not_preentry"
    assert not (tmp_path / "x.png").exists()


def test_qr_without_subcommand_shows_usage() -> None:
    out = kakanai("qr")
    assert out.returncode == 2 and "make" in out.stderr


def test_the_scanner_path_imports_no_opencv() -> None:
    code = "import sys, kakanai.qr, kakanai.cli.qr; print('cv2' in sys.modules, 'zxingcpp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


@pytest.mark.parametrize(("char", "problem"), [
    ("\u202e", "見えない書式制御文字 U+202E は使えません"),
    ("\uffff", "使えない文字 U+FFFF を含んでいます"),
    ("\ue000", "外字（私用領域の文字 U+E000）は使えません"),
])
def test_make_names_the_file_and_the_line_of_a_character_a_pre_entry_may_not_carry(
        char: str, problem: str, tmp_path: Path) -> None:
    # Checked after the reception was read (model.reception_schema.check_untrusted): it named the key only, not the file.
    raw = json.loads((EXAMPLES / "moving_in.json").read_text(encoding="utf-8"))
    raw["members"][1]["name"] = f"山田{char}花子"
    path = tmp_path / "受付 データ.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if char in text)
    out = kakanai("qr", "make", str(path), "--out", str(tmp_path / "code.png"))
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == f"kakanai: 受付データの誤り: {path}:{line}: members[1].name: {problem}\n"
    assert list(tmp_path.iterdir()) == [path]
