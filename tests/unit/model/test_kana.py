"""フリガナ as forms print it (kakanai.model.kana): one normalization for the counter's typed フリガナ and a
reception read from JSON or a pre-entry QR; a 濁点 that joins no kana is refused, never dropped."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kakanai.model import Sex
from kakanai.model.kana import kana_problem, normalize_kana
from kakanai.model.members import WorkflowError, typed_person
from kakanai.model.members import normalize_kana as counter_normalize_kana

_KANA_ISH = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),  # hiragana, katakana, the marks
    st.characters(min_codepoint=0xFF61, max_codepoint=0xFF9F),  # half-width katakana and ﾞﾟ
    st.sampled_from(" \u3000ー・"), st.characters(min_codepoint=0x4E00, max_codepoint=0x4E20)), max_size=20)


@given(_KANA_ISH)
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize_kana(text)
    assert normalize_kana(once) == once


@given(_KANA_ISH)
def test_what_is_left_is_full_width_katakana_or_refused(text: str) -> None:
    out = normalize_kana(text)
    assert not any(0x3041 <= ord(ch) <= 0x3096 or 0xFF61 <= ord(ch) <= 0xFF9D for ch in out)  # no hiragana, no ｶ
    assert " " not in out
    if kana_problem(out) is None:
        assert not any(ch in out for ch in "\u3099\u309a\u309b\u309c\uff9e\uff9f")


def test_compatibility_ideographs_before_a_mark_are_left_alone() -> None:
    # NFC is applied to a kana and its mark only: 﨑 (U+FA11) would become 崎 under NFC of the whole text.
    assert normalize_kana("\ufa11\u3099") == "\ufa11\u3099"
    assert kana_problem("\ufa11\u3099") is not None


def test_the_counter_normalizes_and_refuses_as_the_json_reader_does() -> None:
    assert counter_normalize_kana(" ﾔﾏﾀﾞ ﾀﾛｳ ") == "ヤマダ　タロウ"
    person = typed_person("p1", name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE, name_kana="やまだ　たろう")
    assert person.name_kana == "ヤマダ　タロウ"
    with pytest.raises(WorkflowError) as err:
        typed_person("p1", name="山田　太郎", birth_date=date(1985, 6, 15), sex=Sex.MALE, name_kana="ヤマダ　タロ\u3099ウ")
    assert err.value.field == "name_kana"
    assert err.value.message.startswith("フリガナの「ロ」に濁点（U+3099）は付けられません")
