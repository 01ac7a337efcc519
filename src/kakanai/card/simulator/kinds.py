"""Any simulator profile, by its "kind": mynumber (the default, profile.py), driving_licence, residence_card,
special_permanent_resident. The CLI and the vpcd harness load profiles through here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kakanai.card.reading import CardKind
from kakanai.card.simulator.licence import LicenceProfile, licence_profile_from_dict
from kakanai.card.simulator.profile import CardProfile, ProfileError, profile_from_dict, read_profile_json
from kakanai.card.simulator.residence import ResidenceProfile, residence_profile_from_dict
from kakanai.model.schema import Locator

AnyProfile = CardProfile | LicenceProfile | ResidenceProfile


def profile_kind(profile: AnyProfile) -> CardKind:
    if isinstance(profile, CardProfile):
        return CardKind.MYNUMBER
    if isinstance(profile, LicenceProfile):
        return CardKind.DRIVING_LICENCE
    return profile.kind


def any_profile_from_dict(raw: Any, source: str = "プロファイル", locate: Locator | None = None) -> AnyProfile:
    """A profile of any kind, checked against that kind's schema (file:line: key: message)."""
    kind = raw.get("kind", CardKind.MYNUMBER.value) if isinstance(raw, dict) else CardKind.MYNUMBER.value
    try:
        card_kind = CardKind(kind)
    except ValueError:
        choices = " / ".join(k.value for k in CardKind)
        line = f":{locate(('kind',))}" if locate is not None else ""
        raise ProfileError(f"カードのプロファイルの誤り: {source}{line}: kind: {choices} のいずれかです（{kind!r}）") from None
    if card_kind is CardKind.MYNUMBER:
        return profile_from_dict(raw, source, locate)
    if card_kind is CardKind.DRIVING_LICENCE:
        return licence_profile_from_dict(raw, source, locate)
    return residence_profile_from_dict(raw, card_kind, source, locate)


def load_any_profile(path: str | Path) -> AnyProfile:
    raw, source, locate = read_profile_json(path)
    return any_profile_from_dict(raw, source, locate)
