"""Input files the CLI is handed by mistake (issue 16): a huge file, a device, Shift_JIS, UTF-16, a UTF-8 BOM,
a folder, and the same through standard input. One Japanese line naming the file (and the line of a bad
byte), exit 2, read in bounded time and memory; a UTF-8 BOM is accepted."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kakanai.cli.common import MAX_INPUT_BYTES
from kakanai.cli.main import main
from kakanai.paths import examples_dir

EXAMPLE = examples_dir() / "moving_in_family.json"
TEXT = EXAMPLE.read_text(encoding="utf-8")
SJIS_LINE = TEXT[:TEXT.index("北海道")].count("\n") + 1  # the first non-ASCII text is the address


class _Stdin:
    """What sys.stdin offers: text (never to be used: the locale's encoding) and the bytes under it."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)

    def read(self) -> str:
        raise AssertionError("standard input must be read as bytes")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def plan_of_stdin(data: bytes, monkeypatch: pytest.MonkeyPatch,
                  capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    return run(capsys, "plan", "-", "--json")


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(MAX_INPUT_BYTES + 1)  # sparse: the check is the size, not a read of 10 MB
    assert run(capsys, "plan", str(path)) == (
        2, "", f"kakanai: 受付データが大きすぎます: {path}（10,485,761バイト、上限 10MB）\n")


def test_a_device_that_never_ends_is_read_up_to_the_limit_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "plan", "/dev/zero") == (2, "", "kakanai: 受付データが大きすぎます: /dev/zero（上限 10MB）\n")


def test_standard_input_over_the_limit(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = plan_of_stdin(b" " * (MAX_INPUT_BYTES + 1), monkeypatch, capsys)
    assert (code, err) == (2, "kakanai: 受付データが大きすぎます: 標準入力（上限 10MB）\n")
    assert json.loads(out)["error"]["code"] == "too_large"


def test_shift_jis_names_the_line_of_the_first_bad_byte(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sjis.json"
    data = TEXT.encode("shift_jis", errors="replace")
    path.write_bytes(data)
    offset = data.index("北".encode("shift_jis")) + 1  # 北 is 96 6B in Shift_JIS: 0x96 cannot start UTF-8
    assert run(capsys, "plan", str(path)) == (
        2, "", f"kakanai: 受付データを読めません: {path}:{SJIS_LINE}: UTF-8ではありません（{offset - 1}バイト目）。"
               "Shift_JIS などで保存されていれば、UTF-8で保存し直してください\n")


def test_shift_jis_on_standard_input_is_a_bad_encoding_not_a_bad_character(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Read as text, the bytes became lone surrogates and the message was "使えない文字 U+DC96".
    code, out, err = plan_of_stdin(TEXT.encode("shift_jis", errors="replace"), monkeypatch, capsys)
    assert code == 2
    assert err.startswith(f"kakanai: 受付データを読めません: 標準入力:{SJIS_LINE}: UTF-8ではありません（")
    assert json.loads(out)["error"]["code"] == "bad_encoding"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_is_named(encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "utf16.json"
    data = TEXT.encode(encoding)
    path.write_bytes(data if data[:2] in (b"\xff\xfe", b"\xfe\xff") else b"\xfe\xff" + data)
    assert run(capsys, "plan", str(path)) == (
        2, "", f"kakanai: 受付データを読めません: {path}:1: UTF-16で保存されています。UTF-8で保存し直してください\n")


def test_a_utf8_bom_is_accepted_and_no_character_is_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "メモ帳で 保存.json"  # Windows Notepad writes the BOM; a name with a space and Japanese
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    code, out, err = run(capsys, "qr", "make", str(path), "--out", str(tmp_path / "q.png"), "--json")
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "qr", "read", str(tmp_path / "q.png"))
    assert (code, err) == (0, "")
    names = [member["name"] for member in json.loads(out)["members"]]
    assert names == ["山田　太郎", "山田　花子", "山田　𠮷子", "山田　髙志"]
    assert plan_of_stdin(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), monkeypatch, capsys)[0] == 0


def test_a_bad_byte_after_a_bom_counts_the_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf{\n\xff}")
    assert run(capsys, "plan", str(path))[2] == (
        f"kakanai: 受付データを読めません: {path}:2: UTF-8ではありません（5バイト目）。"
        "Shift_JIS などで保存されていれば、UTF-8で保存し直してください\n")


def test_a_folder_for_the_reception(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "plan", str(tmp_path)) == (
        2, "", f"kakanai: 受付データにフォルダが指定されています。ファイルを指定してください: {tmp_path}\n")


def test_qr_decode_reads_standard_input_as_utf8(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(b"KKN1:\xff\n"))
    assert run(capsys, "qr", "decode", "-") == (
        2, "", "kakanai: 読み取った文字列を読めません: 標準入力:1: UTF-8ではありません（5バイト目）。"
               "Shift_JIS などで保存されていれば、UTF-8で保存し直してください\n")


def test_municipality_parameters_and_card_profiles_name_the_encoding_in_japanese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # They said Python's "'utf-8' codec can't decode byte 0x8e in position 238: invalid start byte".
    from kakanai.paths import default_municipality_file

    yaml_text = default_municipality_file().read_text(encoding="utf-8")
    sjis = tmp_path / "市町村.yaml"
    sjis.write_bytes(yaml_text.encode("cp932"))
    data = sjis.read_bytes()
    offset = next(i for i, byte in enumerate(data) if byte >= 0x80)
    line = data.count(b"\n", 0, offset) + 1
    assert run(capsys, "plan", str(EXAMPLE), "--municipality", str(sjis)) == (
        2, "", f"kakanai: 規則ファイルの誤り: {sjis}:{line}: UTF-8ではありません（{offset}バイト目）。"
               "Shift_JIS などで保存されていれば、UTF-8で保存し直してください\n")
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + yaml_text.encode("utf-8"))
    assert run(capsys, "plan", str(EXAMPLE), "--municipality", str(bom))[0] == 0
    profile = tmp_path / "card.json"
    profile.write_bytes((examples_dir() / "cards" / "elderly-sato.json").read_text(encoding="utf-8").encode("cp932"))
    code, _, err = run(capsys, "card", "read", "--simulate", str(profile))
    assert (code, err) == (2, f"kakanai: カードのプロファイルが読めません: {profile}:1: UTF-8ではありません（10バイト目）。"
                              "Shift_JIS などで保存されていれば、UTF-8で保存し直してください\n")
