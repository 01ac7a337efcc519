"""Demo and training mode: the sample residents of resources/examples/demo/demo.json.

Cards are simulator profiles (kakanai.card.simulator format, any kind: My Number card, 運転免許証,
在留カード, 特別永住者証明書 — issue 18) the trainee places on the simulated reader;
typed members are residents without a card (a newborn, the deceased); pre-entries are reception JSON files
turned into real QR texts (kakanai.qr.encode_reception), so the demo exercises the same decoder as a
scanner at the counter. All of them are fictitious people.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kakanai.card.simulator import CardProfile, ProfileError
from kakanai.model import ReceptionError, Sex, reception_from_json
from kakanai.oserror_text import os_reason
from kakanai.paths import examples_dir
from kakanai.qr import encode_reception

if TYPE_CHECKING:
    # The licence and residence simulators (PIL, cryptography) load only when demo residents are loaded,
    # never at every counter start (app.services imports this module).
    from kakanai.card.simulator.kinds import AnyProfile


class DemoError(ValueError):
    pass


@dataclass(frozen=True)
class DemoCard:
    label: str
    profile: AnyProfile

    @property
    def pin_hint(self) -> str:
        """Shown in the demo tray: trainees need the sample PIN or card number (they are fictitious)."""
        from kakanai.card.simulator.licence import LicenceProfile

        profile = self.profile
        if isinstance(profile, CardProfile | LicenceProfile) and profile.pin_tries_left == 0:
            return "ロック中"
        if isinstance(profile, CardProfile):
            return f"暗証番号 {profile.pin}"
        if isinstance(profile, LicenceProfile):
            return f"暗証番号1 {profile.pin1}"
        return f"番号 {profile.card_number}"


@dataclass(frozen=True)
class DemoTyped:
    label: str
    name: str
    name_kana: str
    birth_date: date
    sex: Sex


@dataclass(frozen=True)
class DemoPreentry:
    label: str
    texts: tuple[str, ...]  # the QR codes' texts, as a scanner would type them


@dataclass(frozen=True)
class DemoResidents:
    cards: tuple[DemoCard, ...]
    typed: tuple[DemoTyped, ...]
    preentries: tuple[DemoPreentry, ...]

    def card(self, name: str) -> DemoCard:
        """The sample card whose holder's name contains `name` (tests and the tray use short names)."""
        for c in self.cards:
            if name in c.profile.name.replace("\u3000", "") or name in c.label:
                return c
        raise KeyError(name)


def demo_file() -> Path:
    return examples_dir() / "demo" / "demo.json"


def load_demo(path: Path | None = None, *, today: date | None = None) -> DemoResidents:
    from kakanai.card.simulator.kinds import load_any_profile

    path = path or demo_file()
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DemoError(f"デモの住民データを読めません（{path}: {os_reason(exc, path)}）") from None
    except json.JSONDecodeError as exc:
        raise DemoError(f"デモの住民データを読めません（{path}: {exc.lineno}行目 {exc.colno}文字目が JSON の書き方の誤りです）") from None
    base = path.parent
    try:
        cards = tuple(DemoCard(str(c["label"]), load_any_profile(base / c["file"])) for c in raw.get("cards", []))
        typed = tuple(_typed(t, today or date.today()) for t in raw.get("typed", []))
        preentries = tuple(_preentry(base / p["file"], str(p["label"])) for p in raw.get("preentries", []))
    except (KeyError, TypeError, ValueError, ProfileError) as exc:
        raise DemoError(f"デモの住民データの誤り（{path}: {exc}）") from None
    return DemoResidents(cards, typed, preentries)


def _typed(raw: dict[str, Any], today: date) -> DemoTyped:
    born = today if raw["birth_date"] == "today" else date.fromisoformat(raw["birth_date"])
    return DemoTyped(str(raw["label"]), str(raw["name"]), str(raw.get("name_kana", "")), born, Sex(raw["sex"]))


def _preentry(path: Path, label: str) -> DemoPreentry:
    try:
        reception = reception_from_json(path.read_text(encoding="utf-8"))
    except (OSError, ReceptionError) as exc:
        raise DemoError(f"{path}: {exc}") from None
    return DemoPreentry(label, encode_reception(reception).texts)
