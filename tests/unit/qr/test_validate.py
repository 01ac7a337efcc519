"""The character table of model.reception_schema (check_untrusted) against Python's Unicode database."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from kakanai.model import ReceptionError
from kakanai.model.reception_schema import _FORMAT_RANGES, check_text


def test_every_format_character_is_refused() -> None:
    listed = {c for lo, hi in _FORMAT_RANGES for c in range(lo, hi + 1)}
    missing = [f"U+{c:04X}" for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"
               and c not in listed]
    assert missing == [], f"Cf characters of Unicode {unicodedata.unidata_version} not in _FORMAT_RANGES"


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad", "\ue000",
                                  "\U000f0000", "\ufdd0", "\uffff", "\U0010fffe", "\ufffd", "\ud800"])
def test_refused(char: str) -> None:
    with pytest.raises(ReceptionError) as info:
        check_text(f"山田{char}太郎", "members[0].name")
    assert info.value.field == "members[0].name" and "U+" in info.value.message


@pytest.mark.parametrize("text", ["𠮷田", "髙橋", "山﨑", "渡邊", "葛\U000e0100城", "辻\ufe00", "ＡＢＣ１２３",
                                  "ｶﾀｶﾅ", "〒100-0013", "①②", "José", "Nguyễn"])
def test_allowed(text: str) -> None:
    check_text(text, "members[0].name")
