"""`kakanai qr read|decode` print what a QR code carries, and a code is anyone's: its text (a key, a value,
a foreign code) and the names of the image files reach the terminal. A C1 control (U+009B is a CSI, as
ESC [ is), DEL or a bidi override (U+202E) went out as itself in the --json output, and an image's file
name as itself on standard error. Now each is its visible escape; the JSON stays valid and reads back the
exact content; nothing is dropped."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kakanai.cli.common import json_text
from kakanai.cli.main import main
from kakanai.model import reception_to_dict
from kakanai.qr import encode_reception
from kakanai.qr.image import make_symbol, png_bytes, render_symbol
from tests.unit.qr.craft import document_code, minimal_document
from tests.unit.qr.samples import example_reception

# ESC sequence, CSI (C1), DEL, bidi override and isolate, an OSC title with BEL, a C1 NEL.
HOSTILE = "\x1b[2J\x9b31m\x7f\u202eevil\u2066x\u2069\x1b]0;pwned\x07\x85"
HOSTILE_CHARS = ("\x1b", "\x9b", "\x7f", "\u202e", "\u2066", "\u2069", "\x07", "\x85")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def terminal_clean(text: str) -> bool:
    """Nothing a terminal acts on: every character printable, but for line breaks."""
    return text.replace("\n", "").replace("\u3000", " ").isprintable()


def code_image(path: Path, text: str) -> Path:
    path.write_bytes(png_bytes(render_symbol(make_symbol(text), module_px=6)))
    return path


def blank_image(path: Path) -> Path:
    path.write_bytes(png_bytes(np.full((120, 120), 255, np.uint8)))
    return path


@pytest.mark.parametrize("value", [
    HOSTILE,
    "山田\u3000太郎",  # a full-width space stays as it is: readable Japanese
    "葛\U000e0100城",  # a variation selector (what a register holds) stays as it is
    "\U000e0001tag\U0010ffff",  # beyond U+FFFF: a surrogate pair
    "\udcff",  # a lone surrogate (a file name's undecodable byte): escaped, not a UnicodeEncodeError
    "a\\u202e",  # a backslash and the text of an escape: not confused with one
])
@pytest.mark.parametrize("indent", [None, 2])
def test_json_text_escapes_what_the_terminal_acts_on_and_reads_back_exactly(value: str, indent: int | None) -> None:
    data = {"key" + value: [value, {"v": value}]}
    text = json_text(data, indent=indent)
    assert terminal_clean(text)
    assert json.loads(text) == data  # the exact content, nothing dropped or changed
    if value.replace("\u3000", " ").isprintable() and "\\" not in value:
        assert value in text  # readable text is not escaped


@pytest.mark.parametrize("as_json", [False, True])
def test_decode_a_hostile_key_is_said_with_escapes_and_the_error_json_reads_back(
        as_json: bool, capsys: pytest.CaptureFixture[str]) -> None:
    key = "zz" + HOSTILE
    text = document_code(minimal_document(**{key: 1}))
    code, out, err = run(capsys, "qr", "decode", text, *(["--json"] if as_json else []))
    assert code == 3
    assert terminal_clean(out) and terminal_clean(err)
    assert not any(char in out + err for char in HOSTILE_CHARS)
    assert "\\x1b[2J\\x9b31m\\x7f\\u202eevil\\u2066x\\u2069" in err  # each one visible, in place
    if as_json:
        error = json.loads(out)["error"]
        assert error["code"] == "invalid_content" and error["field"] == key  # exactly the key the code holds
        assert key in error["message"]
    else:
        assert out == ""


def test_read_names_an_image_without_a_code_with_escapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reception = example_reception("certificates")
    (text,) = encode_reception(reception).texts
    good = code_image(tmp_path / "code.png", text)
    empty = blank_image(tmp_path / f"{HOSTILE}.png")
    code, out, err = run(capsys, "qr", "read", str(good), str(empty))
    assert code == 0
    assert json.loads(out) == reception_to_dict(reception)
    assert terminal_clean(out) and terminal_clean(err)
    assert err == (f"kakanai: {tmp_path}/\\x1b[2J\\x9b31m\\x7f\\u202eevil\\u2066x\\u2069\\x1b]0;pwned\\x07\\x85.png "
                   "には二次元コードが見つかりませんでした（他の画像で揃っています）\n")


def test_read_no_code_found_json_lists_the_exact_file_names(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    empty = blank_image(tmp_path / f"{HOSTILE}.png")
    code, out, err = run(capsys, "qr", "read", str(empty), "--json")
    assert code == 3
    assert terminal_clean(out) and terminal_clean(err)
    error = json.loads(out)["error"]
    assert error["code"] == "no_code_found" and error["files"] == [str(empty)]


def test_read_a_foreign_code_carrying_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import qrcode

    qr = qrcode.QRCode(border=4, box_size=1)
    qr.add_data(HOSTILE.encode())
    qr.make(fit=True)
    image = np.kron(np.where(np.array(qr.get_matrix(), dtype=bool), 0, 255).astype(np.uint8),
                    np.ones((6, 6), np.uint8))
    path = tmp_path / "foreign.png"
    path.write_bytes(png_bytes(image))
    code, out, err = run(capsys, "qr", "read", str(path), "--json")
    assert code == 3
    assert terminal_clean(out) and terminal_clean(err)
    assert json.loads(out)["error"]["code"] == "not_kakanai"


def test_what_a_good_code_carries_is_printed_as_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    reception = example_reception("moving_in")
    code, out, err = run(capsys, "qr", "decode", *encode_reception(reception).texts)
    assert (code, err) == (0, "")
    assert json.loads(out) == reception_to_dict(reception)
    assert out == json.dumps(reception_to_dict(reception), ensure_ascii=False, indent=2) + "\n"  # unchanged
