"""Secure messaging of the 在留カード: the official MOJ vectors (2nd generation) and the ICAO 9303 vectors
for the 3DES/retail-MAC primitives of the 1st generation (id-cards.md §3)."""

from __future__ import annotations

import pytest

from kakanai.card import sm
from kakanai.card.sm import Generation

# 出入国在留管理庁, 在留カード等仕様書 (2nd generation), worked example as quoted in id-cards.md §3.
CARD_NUMBER = bytes.fromhex("414131323334353637384242").decode()  # "AA12345678BB"
K = bytes.fromhex("6522B4E171195BB218223A976C040111")
RND_IFD = bytes.fromhex("1122334455667788")
K_IFD = bytes(range(0x40, 0x50))
RND_ICC = bytes.fromhex("921CE277323DA057")
E_IFD = bytes.fromhex("4AD3C7B6BB484A52771977DED618B41DF841FA0476A05FBE041DEAD6109E773B")
M_IFD = bytes.fromhex("AC854617634F5397")
E_ICC = bytes.fromhex("289A96B1DA6AE3DA87770419BFD14F0BDAD15F36432B5A946C188C7221759A62")
M_ICC = bytes.fromhex("FA942EC51E62FF5F")
KS_ENC = bytes.fromhex("C19CF13D3D7FBEE9EA293D834C88952F")
VERIFY_CRYPTOGRAM = bytes.fromhex("EE0B31EF877F68D071C56D58C72E6748")


def test_official_access_key() -> None:
    assert CARD_NUMBER == "AA12345678BB"
    assert sm.access_key(CARD_NUMBER) == K


def test_official_terminal_cryptogram() -> None:
    auth = sm.TerminalAuth(Generation.SECOND, K, RND_IFD, RND_ICC, K_IFD)
    assert auth.cryptogram == E_IFD + M_IFD


def test_official_card_answer_gives_session_key() -> None:
    auth = sm.TerminalAuth(Generation.SECOND, K, RND_IFD, RND_ICC, K_IFD)
    assert sm.cmac8(K, E_ICC) == M_ICC
    assert auth.session_key_from(E_ICC + M_ICC) == KS_ENC


def test_official_verify_cryptogram() -> None:
    assert sm.verify_cryptogram(Generation.SECOND, KS_ENC, CARD_NUMBER) == VERIFY_CRYPTOGRAM


def test_card_answer_with_a_bad_mac_is_refused() -> None:
    auth = sm.TerminalAuth(Generation.SECOND, K, RND_IFD, RND_ICC, K_IFD)
    with pytest.raises(sm.SmError, match="card MAC"):
        auth.session_key_from(E_ICC + bytes(8))


def test_card_answer_with_other_nonces_is_refused() -> None:
    other = sm.TerminalAuth(Generation.SECOND, K, bytes(8), RND_ICC, K_IFD)
    with pytest.raises(sm.SmError, match="card nonces"):
        other.session_key_from(E_ICC + M_ICC)


# ICAO Doc 9303 Part 11, Appendix D.3 (BAC worked example): 2-key 3DES-CBC and the ISO 9797-1 algorithm 3
# retail MAC, the primitives of the 1st-generation card.
ICAO_KENC = bytes.fromhex("AB94FDECF2674FDFB9B391F85D7F76F2")
ICAO_KMAC = bytes.fromhex("7962D9ECE03D1ACD4C76089DCE131543")
ICAO_S = bytes.fromhex("781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B")
ICAO_E_IFD = bytes.fromhex("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2")
ICAO_M_IFD = bytes.fromhex("5F1448EEA8AD90A7")


def test_icao_3des_and_retail_mac() -> None:
    assert sm.encrypt(Generation.FIRST, ICAO_KENC, ICAO_S) == ICAO_E_IFD
    assert sm.decrypt(Generation.FIRST, ICAO_KENC, ICAO_E_IFD) == ICAO_S
    assert sm.retail_mac(ICAO_KMAC, ICAO_E_IFD) == ICAO_M_IFD


def test_first_generation_round_trip_of_the_mutual_authentication() -> None:
    key = sm.access_key("AB12345678CD")
    auth = sm.TerminalAuth(Generation.FIRST, key, RND_IFD, RND_ICC, K_IFD)
    k_icc = bytes(range(16))
    e_icc = sm.encrypt(Generation.FIRST, key, RND_ICC + RND_IFD + k_icc)
    assert len(auth.cryptogram) == 40
    assert auth.session_key_from(e_icc + sm.retail_mac(key, e_icc)) == sm.session_key(K_IFD, k_icc)


@pytest.mark.parametrize(
    ("data", "block", "padded"),
    [
        (b"", 8, "8000000000000000"),
        (b"\x01" * 7, 8, "0101010101010180"),
        (b"\x01" * 8, 8, "0101010101010101" + "8000000000000000"),
    ],
)
def test_padding_method_2(data: bytes, block: int, padded: str) -> None:
    assert sm.pad(data, block).hex() == padded
    assert sm.unpad(bytes.fromhex(padded)) == data


def test_unpad_refuses_missing_80() -> None:
    with pytest.raises(sm.SmError):
        sm.unpad(bytes(8))


@pytest.mark.parametrize(
    ("typed", "number"), [("ab12345678cd", "AB12345678CD"), (" AA12345678BB ", "AA12345678BB")]
)
def test_card_number_normalised(typed: str, number: str) -> None:
    assert sm.normalise_card_number(typed) == number


@pytest.mark.parametrize("typed", ["AB1234567CD", "AB12345678C1", "1B12345678CD", "ＡＢ12345678CD", ""])
def test_card_number_rejected(typed: str) -> None:
    with pytest.raises(ValueError):
        sm.normalise_card_number(typed)
