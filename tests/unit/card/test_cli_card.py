"""`kakanai card read --simulate`: output, exit codes, JSON errors, the PIN only from stdin."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kakanai.cli.main import main
from tests.unit.card.helpers import REPO

KOKUTOU = str(REPO / "resources/examples/card-kokutou.json")


def run(
    argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def profile(tmp_path: Path, **changes: object) -> str:
    raw = json.loads(Path(KOKUTOU).read_text(encoding="utf-8"))
    raw.update(changes)
    path = tmp_path / "card.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_read_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["card", "read", "--simulate", KOKUTOU, "--pin-stdin", "--json"], "1234\n", monkeypatch, capsys
    )
    assert code == 0
    assert json.loads(out) == {
        "kind": "mynumber",
        "name": "黒桐　幹也",
        "address": "東京都清瀬市観布子南１２－７－２０２",
        "birth_date": "1980-02-17",
        "sex": "male",
        "nationality": None,
        "unconfirmed": [],
    }


def test_read_text(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["card", "read", "--simulate", KOKUTOU, "--pin-stdin"], "1234\n", monkeypatch, capsys)
    assert code == 0
    assert "昭和55年2月17日" in out and "男" in out


def test_the_tries_left_are_shown_before_a_pin_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As the prompt shows them: a harness's log says what each attempt risked, down to the last try."""
    for tries, pin, expected in ((3, "9999", 3), (2, "9999", 3), (1, "1234", 0)):
        argv = ["card", "read", "--simulate", profile(tmp_path, pin_tries_left=tries), "--pin-stdin",
                "--confirm-last-try"]
        code, _, err = run(argv, f"{pin}\n", monkeypatch, capsys)
        assert (code, err.splitlines()[0]) == (expected, f"暗証番号（4桁）: 残り{tries}回です。")


def test_match_b(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["card", "read", "--simulate", KOKUTOU, "--pin-stdin", "--match-b", "--json"]
    code, out, _ = run(argv, "55021720352285\n", monkeypatch, capsys)
    assert code == 0 and json.loads(out)["sex"] == "male"


@pytest.mark.parametrize(
    ("changes", "pin", "flags", "code", "tries_left"),
    [
        ({}, "9999", [], "wrong_pin", 2),
        ({"pin_tries_left": 0}, "1234", [], "pin_locked", 0),
        ({"pin_tries_left": 1}, "1234", [], "last_try_needs_confirmation", 1),
        ({"pin_tries_left": 1}, "9999", ["--confirm-last-try"], "pin_locked", 0),
        ({"faults": {"remove_after": 5}}, "1234", [], "card_removed", None),
        ({"faults": {"sw_at": {"apdu": 1, "sw": "6A82"}}}, "1234", [], "not_mynumber_card", None),
        ({"faults": {"corrupt_at": 6}}, "1234", [], "malformed_data", None),
    ],
)
def test_errors_exit_3_with_json(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, object],
    pin: str,
    flags: list[str],
    code: str,
    tries_left: int | None,
) -> None:
    argv = ["card", "read", "--simulate", profile(tmp_path, **changes), "--pin-stdin", "--json", *flags]
    exit_code, out, err = run(argv, pin + "\n", monkeypatch, capsys)
    assert exit_code == 3
    error = json.loads(out)["error"]
    assert error["code"] == code
    assert error["tries_left"] == tries_left
    assert error["message"] and pin not in out + err


def test_last_try_confirmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "card",
        "read",
        "--simulate",
        profile(tmp_path, pin_tries_left=1),
        "--pin-stdin",
        "--confirm-last-try",
    ]
    assert run(argv, "1234\n", monkeypatch, capsys)[0] == 0


def test_usage_errors_exit_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(["card", "read", "--simulate", KOKUTOU, "--pin-stdin", "--json"], "12\n", monkeypatch, capsys)[0]
        == 2
    )
    assert run(["card", "read", "--simulate", KOKUTOU, "--pin-stdin"], "", monkeypatch, capsys)[0] == 2
    assert (
        run(
            ["card", "read", "--simulate", "/nonexistent.json", "--pin-stdin"], "1234\n", monkeypatch, capsys
        )[0]
        == 2
    )
    with pytest.raises(SystemExit) as raised:
        run(["card", "read", "--pin", "1234"], "", monkeypatch, capsys)  # never from argv
    assert raised.value.code == 2
    with pytest.raises(SystemExit) as raised:
        run(["card", "read", "--reader", "x", "--simulate", KOKUTOU], "", monkeypatch, capsys)
    assert raised.value.code == 2
    assert run(["card"], "", monkeypatch, capsys)[0] == 2


def test_trace_file_masks_the_pin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    trace = tmp_path / "trace.txt"
    argv = ["card", "read", "--simulate", KOKUTOU, "--pin-stdin", "--trace", str(trace)]
    assert run(argv, "1234\n", monkeypatch, capsys)[0] == 0
    lines = trace.read_text().splitlines()
    assert len(lines) == 7
    assert lines[3] == "0020008004** -> 9000"
    assert "31323334" not in trace.read_text()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_prompt_without_tty_is_refused_before_the_card_is_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No terminal and no --pin-stdin: getpass would warn that the PIN may be echoed and read it from the
    pipe; refused instead (exit 2), as `staff add` refuses a password, and no try is spent."""
    argv = ["card", "read", "--simulate", profile(tmp_path, pin_tries_left=1), "--json"]
    code, out, _ = run(argv, "", monkeypatch, capsys)
    assert code == 2 and json.loads(out)["error"] == {
        "code": "no_pin", "message": "暗証番号（4桁）は端末で入力するか --pin-stdin で渡してください。"}


def test_the_last_try_is_confirmed_at_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt: pytest.fail("the PIN is asked only once confirmed"))
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    code = main(["card", "read", "--simulate", profile(tmp_path, pin_tries_left=1), "--json"])
    out, err = capsys.readouterr()
    assert "残り1回です。間違えるとロックされます。続けますか？" in err and code == 3
    assert json.loads(out)["error"] == {"code": "cancelled", "tries_left": 1,
                                        "message": "暗証番号の入力が取り消されました。カードには何も送っていません。"}


def test_prompt_uses_getpass(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return "1234"

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    monkeypatch.setattr("sys.stdin", _Terminal(""))
    code = main(["card", "read", "--simulate", KOKUTOU, "--json"])
    _, err = capsys.readouterr()
    assert code == 0 and prompts == ["暗証番号（4桁）: "]
    assert "残り3回" in err
