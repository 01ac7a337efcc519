"""A faithful virtual My Number card: the card logic, an in-process transport and a vpcd client."""

from kakanai.card.simulator.card import (
    ATR,
    CardGone,
    SimulatedCard,
    VirtualMyNumberCard,
    build_basic_info_file,
)
from kakanai.card.simulator.inprocess import InProcessConnection, InProcessReader
from kakanai.card.simulator.profile import CardProfile, Faults, ProfileError, load_profile, profile_from_dict

__all__ = [
    "ATR",
    "CardGone",
    "CardProfile",
    "Faults",
    "InProcessConnection",
    "InProcessReader",
    "ProfileError",
    "SimulatedCard",
    "VirtualMyNumberCard",
    "build_basic_info_file",
    "load_profile",
    "profile_from_dict",
]
