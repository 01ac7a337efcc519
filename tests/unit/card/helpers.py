from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from kakanai.card.simulator import CardProfile, Faults, InProcessConnection, SimulatedCard
from kakanai.model import Sex

REPO = Path(__file__).resolve().parents[3]
PIN = "1234"
MATCH_B = "55021720352285"

# The real dump of mynumber-card.md (a test card).
REAL_DUMP = bytes.fromhex(
    "ff2065df2108000e002000590064df220fe9bb92e6a190e38080e5b9b9e4b99f"
    "df2336e69db1e4baace983bde6b885e780ace5b882e8a6b3e5b883e5ad90e58d"
    "97efbc91efbc92efbc8defbc97efbc8defbc92efbc90efbc92df240831393830"
    "30323137df250131"
)


def kokutou(**changes: object) -> CardProfile:
    base = CardProfile(
        name="黒桐　幹也",
        address="東京都清瀬市観布子南１２－７－２０２",
        birth_date=date(1980, 2, 17),
        sex=Sex.MALE,
        pin=PIN,
        pin_tries_left=3,
        mynumber="123456789018",
        expiry_year=2035,
        security_code="2285",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


class ScriptedConnection:
    """Replays a transcript: asserts the exact bytes of every command, answers the scripted response."""

    def __init__(self, script: list[tuple[str, str]]) -> None:
        self.script = [(bytes.fromhex(c), bytes.fromhex(r)) for c, r in script]
        self.sent: list[bytes] = []
        self.closed = False

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        index = len(self.sent)
        assert index < len(self.script), f"unexpected extra APDU {apdu.hex()}"
        expected, response = self.script[index]
        assert apdu == expected, f"APDU {index + 1}: sent {apdu.hex()}, expected {expected.hex()}"
        self.sent.append(apdu)
        return response[:-2], int.from_bytes(response[-2:], "big")

    def close(self) -> None:
        self.closed = True

    def finished(self) -> bool:
        return len(self.sent) == len(self.script)


def connection(faults: Faults | None = None, **changes: object) -> InProcessConnection:
    return InProcessConnection(SimulatedCard(kokutou(**changes), faults))


# The full read of kokutou with PIN 1234, byte for byte (7 APDUs).
FULL_READ = [
    ("00a4040c0ad3921000310001010408", "9000"),
    ("00a4020c020011", "9000"),
    ("00200080", "63c3"),
    ("002000800431323334", "9000"),
    ("00a4020c020002", "9000"),
    ("00b0000007", REAL_DUMP[:7].hex() + "9000"),
    ("00b0000761", REAL_DUMP[7:].hex() + "9000"),
]
