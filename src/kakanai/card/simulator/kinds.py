"""Any simulator profile, by its "kind": mynumber (the default, profile.py), driving_licence, residence_card,
special_permanent_resident. The CLI and the vpcd harness load profiles through here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kakanai.card.reading import CardKind
from kakanai.card.simulator.licence import LicenceProfile, licence_profile_from_dict
from kakanai.card.simulator.profile import CardProfile, ProfileError, profile_from_dict
from kakanai.card.simulator.residence import ResidenceProfile, residence_profile_from_dict

AnyProfile = CardProfile | LicenceProfile | ResidenceProfile


def profile_kind(profile: AnyProfile) -> CardKind:
    if isinstance(profile, CardProfile):
        return CardKind.MYNUMBER
    if isinstance(profile, LicenceProfile):
        return CardKind.DRIVING_LICENCE
    return profile.kind


def any_profile_from_dict(raw: Any) -> AnyProfile:
    if not isinstance(raw, dict):
        raise ProfileError("カードのプロファイルはJSONオブジェクトでなければなりません。")
    kind = raw.get("kind", CardKind.MYNUMBER.value)
    try:
        card_kind = CardKind(kind)
    except ValueError:
        choices = " / ".join(k.value for k in CardKind)
        raise ProfileError(f"kind（カードの種類）は {choices} のいずれかです: {kind}") from None
    if card_kind is CardKind.MYNUMBER:
        return profile_from_dict({k: v for k, v in raw.items() if k != "kind"})
    if card_kind is CardKind.DRIVING_LICENCE:
        return licence_profile_from_dict(raw)
    return residence_profile_from_dict(raw, card_kind)


def load_any_profile(path: str | Path) -> AnyProfile:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"カードのプロファイルが見つかりません: {path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError(f"カードのプロファイルがJSONとして読めません: {path}（{exc}）") from None
    try:
        return any_profile_from_dict(raw)
    except ProfileError as exc:
        raise ProfileError(f"{path}: {exc}") from None
