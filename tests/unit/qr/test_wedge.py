"""Keyboard-wedge scanners: bursts, terminators, prefixes, Caps Lock, full-width input, keyboard layouts."""

from __future__ import annotations

import pytest

from kakanai.qr import (
    Intake,
    QrError,
    QrErrorCode,
    WedgeBuffer,
    WedgeSettings,
    decode_texts,
    encode_reception,
)
from kakanai.qr.scantext import clean, readings
from tests.unit.qr.samples import example_reception

RECEPTION = example_reception("moving_in")
CODE = encode_reception(RECEPTION, set_id=3).texts[0]
SPLIT = encode_reception(example_reception("moving_in_10_members"), max_version=15, set_id=4).texts

# What each keyboard-layout mismatch makes of the code's symbols (see kakanai.qr.scantext).
US_SCANNER_ON_JIS_PC = str.maketrans({"*": "(", "+": "~", ":": "+"})
JIS_SCANNER_ON_US_PC = str.maketrans({"*": '"', "+": ":", ":": "'"})
FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)} | {0x20: 0x3000}


def typed(buffer: WedgeBuffer, text: str, *, start: float = 0.0, gap: float = 0.004) -> list[str]:
    scans: list[str] = []
    for i, char in enumerate(text):
        scans += buffer.feed(char, start + i * gap)
    return scans


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n", "\t"])
def test_a_scan_ends_with_its_terminator(ending: str) -> None:
    buffer = WedgeBuffer()
    assert typed(buffer, CODE + ending) == [CODE]
    assert buffer.pending == ""


def test_two_scans_in_a_row_with_cr_lf() -> None:
    buffer = WedgeBuffer()
    scans = typed(buffer, SPLIT[0] + "\r\n") + typed(buffer, SPLIT[1] + "\r\n", start=5.0)
    assert scans == list(SPLIT[:2])


def test_slow_typing_never_becomes_a_scan() -> None:
    buffer = WedgeBuffer()
    assert typed(buffer, "KKN1:HELLO WORLD\r", gap=0.25) == []


def test_typing_before_a_scan_is_dropped() -> None:
    buffer = WedgeBuffer()
    typed(buffer, "abc", gap=0.3)
    assert typed(buffer, CODE + "\r", start=10.0) == [CODE]


def test_short_bursts_are_keystrokes() -> None:
    assert typed(WedgeBuffer(), "12\r") == []


def test_a_scanner_without_terminator_ends_by_silence() -> None:
    now = [1000.0]  # the monotonic clock: unrelated to the key events' timestamps
    buffer = WedgeBuffer(WedgeSettings(idle_end=0.3), clock=lambda: now[0])
    assert typed(buffer, CODE) == []
    now[0] += 0.1
    assert buffer.poll() == []
    now[0] += 0.21
    assert buffer.poll() == [CODE]
    assert buffer.poll(now[0] + 5) == []  # nothing pending any more
    # ... or when the next scan starts after a gap
    assert typed(buffer, CODE) == [] and typed(buffer, "K", start=100.0) == [CODE]


def test_event_text_may_carry_several_characters() -> None:
    assert WedgeBuffer().feed(CODE + "\r\n", 1.0) == [CODE]


@pytest.mark.parametrize(
    "as_typed",
    [
        "]Q1" + CODE,  # AIM symbology identifier prefix
        "\x02" + CODE + "\x03",  # STX ... ETX framing
        CODE + "\x1d",  # a trailing group separator
        CODE.lower(),  # Caps Lock on
        CODE.translate(FULL_WIDTH),  # IME in full-width mode
        CODE.translate(US_SCANNER_ON_JIS_PC),
        CODE.translate(JIS_SCANNER_ON_US_PC),
        CODE.translate(US_SCANNER_ON_JIS_PC).lower(),
    ],
)
def test_what_a_scanner_may_type_still_decodes(as_typed: str) -> None:
    assert all(symbol in CODE[5:] for symbol in "*+:")  # the symbols a layout mismatch changes occur
    scans = typed(WedgeBuffer(), as_typed + "\r\n")
    assert len(scans) == 1
    assert decode_texts(scans) == RECEPTION


def test_layout_readings_are_the_inverse_of_each_mismatch() -> None:
    symbols = "*+:"
    assert symbols in readings(symbols.translate(US_SCANNER_ON_JIS_PC))
    assert symbols in readings(symbols.translate(JIS_SCANNER_ON_US_PC))
    assert clean("ｋｋｎ１：\u3000") == "KKN1: "


def test_a_damaged_scan_reports_damaged_not_another_layout() -> None:
    with pytest.raises(QrError) as info:
        decode_texts([CODE[:-3]])
    assert info.value.code is QrErrorCode.DAMAGED


def test_intake_collects_parts_from_the_scanner() -> None:
    intake = Intake()
    buffer = WedgeBuffer()
    results = []
    for i, text in enumerate(reversed(SPLIT)):
        for scan in typed(buffer, text + "\r", start=10.0 * i):
            results.append(intake.add_text(scan))
    assert [r.progress.new for r in results] == [True] * len(SPLIT)
    assert results[0].progress.missing == tuple(range(1, len(SPLIT)))
    assert results[-1].reception is not None and results[-1].reception.members[9].name == "渡邊　健"


def test_intake_ignores_duplicates_and_reports_them() -> None:
    intake = Intake()
    first = intake.add_text(SPLIT[0])
    again = intake.add_text(SPLIT[0])
    assert first.progress.new and not again.progress.new and again.reception is None


def test_intake_drops_a_set_whose_content_is_invalid() -> None:
    def reject(_reception: object) -> None:
        from kakanai.model import ReceptionError

        raise ReceptionError("members[0].facts.relationship", "値が不正です")

    intake = Intake(validate=reject)
    with pytest.raises(QrError) as info:
        intake.add_text(CODE)
    assert info.value.code is QrErrorCode.INVALID_CONTENT
    assert info.value.extra["field"] == "members[0].facts.relationship"
