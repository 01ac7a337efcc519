"""フリガナ proposed from a name (issue 17, "Less typing"): the readings of `kakanai.text.readings`, with this
layer's table of 異体字 standard forms (`app.characters`) used for the dictionary look-up only. The clerk
confirms or picks another candidate; nothing is written without them."""

from __future__ import annotations

import logging

from kakanai.model.characters import standard_form
from kakanai.text.readings import DEFAULT_LIMIT, ReadingsUnavailable, read_name

log = logging.getLogger(__name__)


def propose_kana(name: str, limit: int = DEFAULT_LIMIT) -> tuple[str, ...]:
    """Whole-name readings, best first, in full-width katakana with the ideographic space between family
    and given name (「ワタナベ　タカオ」 for 「渡邊　髙雄」); empty when the name cannot be read, and when the
    dictionary cannot be opened (logged: the clerk types the フリガナ as before, nothing else is lost)."""
    try:
        return read_name(name, standard_form).candidates(limit)
    except ReadingsUnavailable as exc:
        log.warning("%s", exc)
        return ()
