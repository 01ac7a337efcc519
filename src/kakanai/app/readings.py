"""フリガナ proposals at the counter (issue 17, "Less typing"), composed here: the readings are kakanai.text's,
the proposal rule (フリガナ, 筆頭者) kakanai.forms'. The ui imports only app, hence these names."""

from __future__ import annotations

from collections.abc import Iterable

from kakanai.forms.inputs import AskedInput
from kakanai.forms.proposals import Proposals
from kakanai.forms.proposals import input_proposals as _proposals
from kakanai.model import Reception
from kakanai.text.readings import best_kana, propose_kana

__all__ = ["input_proposals", "propose_kana"]


def input_proposals(reception: Reception, asked: Iterable[AskedInput]) -> Proposals:
    return _proposals(reception, asked, best_kana)
