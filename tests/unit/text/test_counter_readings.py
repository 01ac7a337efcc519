"""The counter's proposals (propose_kana): with the 異体字 table of kakanai.model.characters, and none without a
dictionary (issue 17)."""

from __future__ import annotations

import sys

import pytest

from kakanai.text import readings
from kakanai.text.readings import ReadingsUnavailable, propose_kana


def test_the_counter_proposes_readings_with_its_variant_table() -> None:
    assert propose_kana("渡邊　髙雄") == ("ワタナベ　タカオ",)
    assert propose_kana("中田　健", limit=3) == ("ナカタ　ケン", "ナカタ　タケシ", "ナカダ　ケン")
    assert propose_kana("Smith John") == ("スミス　ジョン",)  # Latin letters read by the dictionary too
    assert propose_kana("山田　\U00029E3D") == ()  # 𩸽 (ほっけ) is not in the dictionary


def test_without_the_dictionary_there_is_no_proposal_and_a_warning(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(readings, "_loaded", [])
    monkeypatch.setitem(sys.modules, "sudachipy", None)  # as in a build that left the package out
    with pytest.raises(ReadingsUnavailable) as caught:
        readings.dictionary()
    assert str(caught.value).startswith("読み仮名の辞書（SudachiDict-core）を開けません: ")
    assert propose_kana("山田　太郎") == ()
    assert caplog.messages[0].startswith("読み仮名の辞書（SudachiDict-core）を開けません: ")
