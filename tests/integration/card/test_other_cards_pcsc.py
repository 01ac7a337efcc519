"""運転免許証, 在留カード and 特別永住者証明書 through real pcscd + pyscard, the simulated card behind vpcd:
detection, the whole read (extended SM APDUs included), a wrong card number, a removal mid-read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kakanai.card import CardRemovedError, StaticPin, pcsc
from kakanai.card.anycard import read_any_card
from kakanai.card.errors import WrongCardNumberError
from kakanai.card.reading import CardKind, CardReading
from kakanai.card.simulator import Faults, SimulatedCard
from kakanai.card.simulator.kinds import load_any_profile
from kakanai.card.testing import READER, VpcdSlot
from kakanai.model import Sex

pytestmark = pytest.mark.pcsc

CARDS = Path(__file__).resolve().parents[3] / "resources/examples/cards"
LICENCE = CARDS / "licence-yoshida-gaiji.json"
STUDENT = CARDS / "residence-2nd-nguyen-student.json"
SPECIAL = CARDS / "special-permanent-1st-kim.json"


def fake_ocr(image: bytes, card_face: bool) -> tuple[str, float]:
    return f"IMAGE {len(image)}", 0.0


def read(pin: str = "", **options: object) -> CardReading:
    return read_any_card(lambda: pcsc.connect(READER), StaticPin(pin), name_reader=fake_ocr, **options)


def test_licence_detected_and_read(slot: VpcdSlot) -> None:
    card = slot.insert(SimulatedCard(load_any_profile(LICENCE)))
    reading = read("4321")
    assert reading.kind is CardKind.DRIVING_LICENCE
    assert (reading.name, reading.birth_date.isoformat() if reading.birth_date else None) == (
        "〓田\u3000〓志",
        "1978-11-03",
    )
    assert reading.address == "三重県志摩市阿児町鵜方３０９８－２２" and reading.sex is None
    # detection (2) + the read (11) + EF03: SELECT, 256 bytes, 6C 08 and the rest (4)
    assert len(reading.gaiji) == 2 and card.count == 17


def test_second_generation_detected_and_read(slot: VpcdSlot) -> None:
    slot.insert(SimulatedCard(load_any_profile(STUDENT)))
    reading = read(card_number="AB12345678CD")
    assert (reading.kind, reading.sex, reading.nationality) == (CardKind.RESIDENCE_CARD, Sex.MALE, "VNM")
    assert reading.name is not None and reading.name.startswith("IMAGE ")


def test_first_generation_face_image_through_an_extended_response(slot: VpcdSlot) -> None:
    slot.insert(SimulatedCard(load_any_profile(SPECIAL)))
    reading = read(card_number="SP98765432XY")
    assert reading.kind is CardKind.SPECIAL_PERMANENT_RESIDENT
    face = reading.images[0].data
    assert len(face) > 256 and reading.name == f"IMAGE {len(face)}"
    assert reading.address == "三重県志摩市大王町波切２１１"


def test_wrong_card_number_then_the_right_one(slot: VpcdSlot) -> None:
    slot.insert(SimulatedCard(load_any_profile(STUDENT)))
    with pytest.raises(WrongCardNumberError):
        read(card_number="AB12345678CE")
    assert read(card_number="AB12345678CD").birth_date is not None


@pytest.mark.parametrize("position", [3, 8, 10])
def test_removed_mid_read(slot: VpcdSlot, position: int) -> None:
    slot.insert(SimulatedCard(load_any_profile(STUDENT), Faults(remove_after=position)))
    with pytest.raises(CardRemovedError):
        read(card_number="AB12345678CD")


@pytest.mark.parametrize(
    ("path", "args", "stdin", "expected"),
    [
        (
            LICENCE,
            ["--pin-stdin"],
            "4321\n",
            {"kind": "driving_licence", "birth_date": "1978-11-03", "sex": None},
        ),
        (STUDENT, ["--card-number", "AB12345678CD"], "", {"kind": "residence_card", "name": "NGUYEN VAN AN"}),
        (
            SPECIAL,
            ["--card-number", "SP98765432XY"],
            "",
            {"kind": "special_permanent_resident", "name": "KIM YOUNG HEE"},
        ),
    ],
)
def test_cli_simulate_and_detecting_read(
    slot: VpcdSlot, path: Path, args: list[str], stdin: str, expected: dict[str, object]
) -> None:
    """`kakanai card simulate PROFILE` behind vpcd, `kakanai card read --reader` detects the kind (real OCR)."""
    exe = Path(sys.executable).parent / "kakanai"
    sim = subprocess.Popen(
        [str(exe), "card", "simulate", str(path), "--vpcd", "127.0.0.1:35963"],
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert pcsc.wait_for_card(READER, present=True, timeout=10)
        done = subprocess.run(
            [sys.executable, "-m", "kakanai.cli.main", "card", "read", "--reader", READER, "--json", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert {k: data[k] for k in expected} == expected
    finally:
        sim.terminate()
        sim.wait(10)
        pcsc.wait_for_card(READER, present=False, timeout=10)
