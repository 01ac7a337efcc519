"""Every file the CLI writes is atomic and contained (issue 16): `render --out DIR`, `forms preview --out`,
`qr make --out`, `card read --trace`. Refused targets exit 2 with one line; a full disk exits 3, says so,
and leaves no partial file and no temporary folder."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path

import pytest

from kakanai import fileout
from kakanai.cli.main import main
from kakanai.paths import examples_dir, resources_dir

EXAMPLE = examples_dir() / "moving_in_family.json"
CARD = str(resources_dir() / "examples" / "card-kokutou.json")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def other_household(tmp_path: Path) -> Path:
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    raw["members"][0]["birth_date"] = "1961-03-03"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def disk_full(monkeypatch: pytest.MonkeyPatch, after: int = 0) -> None:
    """os.write fails with ENOSPC once `after` calls succeeded (the third PDF of a render, say)."""
    calls = {"n": 0}
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(fileout.os, "write", write)


def test_render_folder_is_made_whole_and_rerendering_the_same_reception_replaces_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run(["render", str(EXAMPLE), "--out", str(out)], capsys)[0] == 0
    first = sorted(p.name for p in out.iterdir())
    assert first[0] == ".kakanai.json" and first[-1] == "guidance.pdf" and len(first) == 14
    assert run(["render", str(EXAMPLE), "--out", str(out)], capsys)[0] == 0
    assert sorted(p.name for p in out.iterdir()) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left behind


def test_render_refuses_a_folder_of_another_household_and_leaves_it_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run(["render", str(EXAMPLE), "--out", str(out)], capsys)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _, err = run(["render", str(other_household(tmp_path)), "--out", str(out)], capsys)
    assert code == 2
    assert err == (f"kakanai: 出力先フォルダに別の受付のファイルや kakanai が作っていないファイルがあります: {out}"
                   "（空のフォルダか新しいフォルダを指定してください）\n")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_render_refuses_a_folder_with_a_file_of_the_user(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "memo.txt").write_text("大事なメモ", encoding="utf-8")
    assert run(["render", str(EXAMPLE), "--out", str(out)], capsys)[0] == 2
    assert [p.name for p in out.iterdir()] == ["memo.txt"]


def test_render_into_an_empty_folder_is_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "empty"
    out.mkdir(mode=0o750)
    assert run(["render", str(EXAMPLE), "--out", str(out)], capsys)[0] == 0
    assert (out / "guidance.pdf").read_bytes().startswith(b"%PDF-")
    assert out.stat().st_mode & 0o777 == 0o750


def test_a_planted_symlink_is_never_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("do not overwrite", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "guidance.pdf").symlink_to(victim)
    assert run(["render", str(EXAMPLE), "--out", str(out)], capsys)[0] == 2
    assert victim.read_text(encoding="utf-8") == "do not overwrite"
    linked = tmp_path / "linked"
    linked.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    code, _, err = run(["render", str(EXAMPLE), "--out", str(linked)], capsys)
    assert code == 2 and "シンボリックリンク" in err and not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(("target", "message"), [
    ("", "kakanai: 出力先フォルダが空です。書き出す場所を指定してください\n"),
    ("   ", "kakanai: 出力先フォルダが空です。書き出す場所を指定してください\n"),
])
def test_render_refuses_an_empty_out(target: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["render", str(EXAMPLE), "--out", target], capsys) == (2, "", message)


def test_render_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"mine")
    code, _, err = run(["render", str(EXAMPLE), "--out", str(target)], capsys)
    assert code == 2
    assert err == f"kakanai: 出力先フォルダにフォルダではないもの（ファイルなど）が指定されています: {target}\n"
    assert target.read_bytes() == b"mine"


def test_render_on_a_full_disk_leaves_nothing_and_says_the_disk_is_full(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    disk_full(monkeypatch, after=3)
    out = tmp_path / "out"
    code, _, err = run(["render", str(EXAMPLE), "--out", str(out)], capsys)
    assert code == 3 and "Traceback" not in err
    assert err == (f"kakanai: ディスクがいっぱいで書き込めません: {out}（空き容量を確保してから、もう一度実行してください）\n")
    assert list(tmp_path.iterdir()) == []


def test_render_on_a_full_disk_keeps_the_earlier_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run(["render", str(EXAMPLE), "--out", str(out)], capsys)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    disk_full(monkeypatch, after=5)
    assert run(["render", str(EXAMPLE), "--out", str(out)], capsys)[0] == 3
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_forms_preview_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "preview.pdf"
    target.write_bytes(b"earlier")
    disk_full(monkeypatch)
    code, _, err = run(["forms", "preview", "resident_move_notice", "--out", str(target)], capsys)
    assert (code, err) == (3, f"kakanai: ディスクがいっぱいで書き込めません: {target}（空き容量を確保してから、もう一度実行してください）\n")
    assert target.read_bytes() == b"earlier" and [p.name for p in tmp_path.iterdir()] == ["preview.pdf"]
    monkeypatch.undo()
    assert run(["forms", "preview", "resident_move_notice", "--out", str(target)], capsys)[0] == 0
    assert target.read_bytes().startswith(b"%PDF-")
    code, _, err = run(["forms", "preview", "resident_move_notice", "--out", str(tmp_path)], capsys)
    assert (code, err) == (2, f"kakanai: --out のファイルにフォルダが指定されています。ファイル名を指定してください: {tmp_path}\n")
    assert run(["forms", "preview", "resident_move_notice", "--out", ""], capsys)[0] == 2


def test_qr_make_on_a_full_disk_leaves_no_empty_png(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    disk_full(monkeypatch)
    code, _, err = run(["qr", "make", str(EXAMPLE), "--out", str(tmp_path / "code.png")], capsys)
    assert code == 3 and "ディスクがいっぱい" in err
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert run(["qr", "make", str(EXAMPLE), "--out", str(tmp_path / "code.png")], capsys)[0] == 0
    assert (tmp_path / "code.png").read_bytes().startswith(b"\x89PNG")
    assert run(["qr", "make", str(EXAMPLE), "--out", ""], capsys)[0] == 2


def test_qr_make_refuses_a_device(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["qr", "make", str(EXAMPLE), "--out", "/dev/full"], capsys)
    assert (code, err) == (2, "kakanai: --out のファイルが通常のファイルではありません（デバイスなど）: /dev/full\n")


def test_card_trace_to_dev_full_is_refused_before_the_card_is_read(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    code, out, err = run(["card", "read", "--simulate", CARD, "--pin-stdin", "--trace", "/dev/full"], capsys)
    assert (code, out) == (2, "")
    assert err == "kakanai: --trace のファイルが通常のファイルではありません（デバイスなど）: /dev/full\n"


def test_card_trace_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    disk_full(monkeypatch)
    trace = tmp_path / "trace.txt"
    code, _, err = run(["card", "read", "--simulate", CARD, "--pin-stdin", "--trace", str(trace)], capsys)
    assert code == 3 and "ディスクがいっぱい" in err and list(tmp_path.iterdir()) == []


def test_staged_folder_replaces_its_own_site_whole_and_keeps_it_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with fileout.staged_folder(out, owner="prefill-site") as staging:
        (staging / "index.html").write_text("v1", encoding="utf-8")
        (staging / "assets").mkdir()
    assert json.loads((out / ".kakanai.json").read_text(encoding="utf-8"))["files"] == ["assets", "index.html"]
    with pytest.raises(RuntimeError, match="build failed"), \
            fileout.staged_folder(out, owner="prefill-site") as staging:
        (staging / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("build failed")
    assert (out / "index.html").read_text(encoding="utf-8") == "v1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    with pytest.raises(fileout.OutputError, match="別の受付のファイル"), \
            fileout.staged_folder(out, owner="another"):
        pass


def test_prefill_build_refuses_an_empty_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["prefill", "build", "--out", ""], capsys) == (
        2, "", "kakanai: 出力先フォルダが空です。書き出す場所を指定してください\n")


@pytest.mark.parametrize(("argv", "what"), [
    (["forms", "preview", "resident_move_notice", "--out"], "--out のファイル"),
    (["qr", "make", str(EXAMPLE), "--out"], "--out のファイル"),
])
def test_a_file_option_ending_in_a_separator_is_a_folder_not_a_file(
        argv: list[str], what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Path("new/") is Path("new"): a file named like the folder the user meant was written.
    target = f"{tmp_path / 'new'}/"
    assert run([*argv, target], capsys) == (
        2, "", f"kakanai: {what}の末尾が「/」です。フォルダではなくファイル名を指定してください: {target}\n")
    assert list(tmp_path.iterdir()) == []
