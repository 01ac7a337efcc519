"""Form inputs as a clerk types them (or a reception file holds them), checked by the kind the form declares
(forms/*.yaml `inputs:` `kind`): a count is digits, a phone number fits Japan's numbering plan, so a digit dropped while the resident dictates is caught at the counter, not by the office that
cannot call back.

The length of a domestic number follows from its first digits (電気通信番号計画, 令和元年総務省告示第6号,
under 電気通信番号規則 別表): a fixed-line number (0AB〜J, 市外局番 included) and 0120/0570/0180/0990 numbers
have 10 digits; 020 (M2M・無線呼出し), 050 (IP電話), 060 (FMC), 070/080/090 (携帯電話・PHS) and 0800 numbers
have 11. A number from abroad (a foreign resident's only phone) is written with + and its country code
(E.164: at most 15 digits); 010 is Japan's international prefix, the same thing dialled.

Separators are the clerk's: hyphens, spaces and brackets are kept as typed (the forms print the number as
the resident said it); dash-like characters an IME leaves (ー, －, ‐, −) become a hyphen.
"""

from __future__ import annotations

import unicodedata

ELEVEN_DIGIT_PREFIXES = ("020", "050", "060", "070", "080", "090", "0800")
INTERNATIONAL_PREFIX = "010"  # 国際プレフィックス (dialled before the country code)
E164_MAX_DIGITS = 15  # ITU-T E.164: country code + national number
E164_MIN_DIGITS = 7  # the shortest numbers in use (a two-digit country code and a five-digit number)
PHONE_KIND = "phone"  # the kind forms/*.yaml declare for the resident's phone number (`inputs:`)
_DASHES = dict.fromkeys(map(ord, "ー‐‑‒–—―−ｰ"), "-")
_SEPARATORS = frozenset("-() ")


class InputValueError(ValueError):
    """A Japanese message naming what is wrong with the value."""


def check_input_value(kind: str, text: str) -> str:
    """The value as it will print, checked by its kind (the other kinds are free text)."""
    if kind == PHONE_KIND:
        return check_phone(text)
    if kind == "digits":
        digits = unicodedata.normalize("NFKC", text).strip()
        if digits and not (digits.isascii() and digits.isdigit()):
            raise InputValueError(f"数字だけで入力してください（「{text.strip()}」）")
        return digits
    return text


def normalize_phone(text: str) -> str:
    """The number in ASCII (full-width digits from an IME, dash-like characters as a hyphen)."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def check_phone(text: str) -> str:
    """The number as it will print; InputValueError when it cannot be a phone number. Empty stays empty (the
    phone is the resident's choice to give)."""
    phone = normalize_phone(text)
    if not phone:
        return ""
    body = phone[1:] if phone.startswith("+") else phone
    wrong = next((ch for ch in body if not (ch.isascii() and ch.isdigit()) and ch not in _SEPARATORS), None)
    if wrong is not None:
        raise InputValueError(f"使えない文字があります（「{wrong}」）。数字とハイフンで入力してください")
    digits = "".join(ch for ch in body if ch.isdigit())
    if phone.startswith("+") or digits.startswith(INTERNATIONAL_PREFIX):
        national = digits if phone.startswith("+") else digits[len(INTERNATIONAL_PREFIX):]
        if not E164_MIN_DIGITS <= len(national) <= E164_MAX_DIGITS:
            raise InputValueError(f"国外の番号は国番号から{E164_MIN_DIGITS}〜{E164_MAX_DIGITS}桁です"
                                  f"（入力は{len(national)}桁）")
        return phone
    if not digits.startswith("0"):
        raise InputValueError("市外局番の0から入力してください（国外の番号は＋と国番号から）")
    expected = expected_digits(digits)
    if len(digits) != expected:
        starts = next((f"{p}で始まる番号" for p in ELEVEN_DIGIT_PREFIXES[::-1] if digits.startswith(p)),
                      "市外局番からの固定電話・0120の番号")
        raise InputValueError(f"桁数が合いません（{starts}は{expected}桁、入力は{len(digits)}桁）")
    return phone


def expected_digits(digits: str) -> int:
    """How many digits a domestic number starting with these digits has."""
    return 11 if digits.startswith(ELEVEN_DIGIT_PREFIXES) else 10


def phone_complete(text: str) -> bool:
    """A domestic number has all its digits and is a valid number: the counter may go on to the next field
    (a number from abroad has no fixed length, so the clerk ends it with Enter)."""
    phone = normalize_phone(text)
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.startswith("+") or not digits.startswith("0") or digits.startswith(INTERNATIONAL_PREFIX):
        return False
    try:
        check_phone(text)
    except InputValueError:
        return False
    return True
