"""Form inputs checked by their declared kind: phone numbers by Japan's numbering plan (電気通信番号計画),
counts as digits."""

from __future__ import annotations

import pytest

from kakanai.model.input_values import InputValueError, check_input_value, check_phone, phone_complete


@pytest.mark.parametrize(("typed", "printed"), [
    ("09012345678", "09012345678"),  # 携帯電話: 11 digits
    ("090-1234-5678", "090-1234-5678"),  # the clerk's hyphens are kept
    ("０９０－１２３４－５６７８", "090-1234-5678"),  # full width from an IME (the pre-entry example)
    ("090ー1234ー5678", "090-1234-5678"),  # the IME's 長音 for a hyphen
    ("011-123-4567", "011-123-4567"),  # 固定電話 (市外局番 011): 10 digits
    ("(03) 1234-5678", "(03) 1234-5678"),
    ("0120-123-456", "0120-123-456"),  # フリーダイヤル: 10
    ("0800-123-4567", "0800-123-4567"),  # 0800: 11
    ("050-1234-5678", "050-1234-5678"),  # IP電話: 11
    ("020-1234-5678", "020-1234-5678"),  # 020: 11
    ("+82 10-1234-5678", "+82 10-1234-5678"),  # a number abroad, with its country code
    ("010-82-10-1234-5678", "010-82-10-1234-5678"),  # the same, dialled with Japan's international prefix
    ("", ""),  # not given: an empty box
])
def test_numbers_that_can_be_dialled(typed: str, printed: str) -> None:
    assert check_phone(typed) == printed
    assert check_input_value("phone", typed) == printed


@pytest.mark.parametrize(("typed", "message"), [
    ("0901234567", "桁数が合いません（090で始まる番号は11桁、入力は10桁）"),
    ("080-1234-56789", "桁数が合いません（080で始まる番号は11桁、入力は12桁）"),
    ("0800-123-456", "桁数が合いません（0800で始まる番号は11桁、入力は10桁）"),
    ("011-123-456", "桁数が合いません（市外局番からの固定電話・0120の番号は10桁、入力は9桁）"),
    ("0120-123-4567", "桁数が合いません（市外局番からの固定電話・0120の番号は10桁、入力は11桁）"),
    ("90-1234-5678", "市外局番の0から入力してください（国外の番号は＋と国番号から）"),
    ("090-1234-567８a", "使えない文字があります（「a」）。数字とハイフンで入力してください"),
    ("090+1234", "使えない文字があります（「+」）。数字とハイフンで入力してください"),
    ("+1 234", "国外の番号は国番号から7〜15桁です（入力は4桁）"),
    ("+86 138 1234 5678 9012", "国外の番号は国番号から7〜15桁です（入力は17桁）"),
])
def test_numbers_that_cannot_be(typed: str, message: str) -> None:
    with pytest.raises(InputValueError) as caught:
        check_phone(typed)
    assert str(caught.value) == message


@pytest.mark.parametrize(("typed", "complete"), [
    ("0901234567", False), ("09012345678", True), ("090-1234-5678", True), ("011123456", False),
    ("0111234567", True), ("0800123456", False), ("08001234567", True),
    ("+82 10 1234 5678", False),  # abroad: no fixed length, the clerk ends it with Enter
    ("010821012345678", False), ("abc", False), ("", False),
])
def test_a_domestic_number_is_complete_once_it_has_all_its_digits(typed: str, complete: bool) -> None:
    assert phone_complete(typed) is complete


def test_a_count_is_digits() -> None:
    assert check_input_value("digits", "２") == "2"
    assert check_input_value("digits", " 12 ") == "12"
    assert check_input_value("digits", "") == ""
    for wrong in ("三", "2通", "-1", "1.5"):
        with pytest.raises(InputValueError) as caught:
            check_input_value("digits", wrong)
        assert str(caught.value) == f"数字だけで入力してください（「{wrong}」）"


def test_other_kinds_are_free_text() -> None:
    assert check_input_value("text", "東京都清瀬市元町１丁目") == "東京都清瀬市元町１丁目"
