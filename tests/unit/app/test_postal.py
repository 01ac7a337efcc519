"""The new address from a 郵便番号, through the app (issue 17 "Less typing")."""

from __future__ import annotations

import pytest

from kakanai.app.postal import AddressChoice, PostalProblem, addresses_for_postal_code


def test_one_town() -> None:
    found = addresses_for_postal_code("〒０６０ー０００１")
    assert found.code == "060-0001" and found.message == ""
    assert found.choices == (AddressChoice("北海道札幌市中央区北一条西", "1〜19丁目"),)
    assert found.choices[0].label == "北海道札幌市中央区北一条西（1〜19丁目）"


def test_several_towns_are_all_candidates() -> None:
    found = addresses_for_postal_code("452-0961")
    assert len(found.choices) == 66 and found.choices[0].address == "愛知県清須市春日明河原"
    assert found.message == "〒452-0961 には町域が66件あります。該当する町域を選んでください"


def test_a_bad_code_is_said_in_japanese() -> None:
    with pytest.raises(PostalProblem, match="郵便番号は7桁の数字で入力してください（入力: 12-34"):
        addresses_for_postal_code("12-34")
    with pytest.raises(PostalProblem, match="郵便番号 000-0000 は日本郵便のデータにありません"):
        addresses_for_postal_code("0000000")
