"""Secure messaging of the 在留カード / 特別永住者証明書 (id-cards.md §3; MOJ specs 001414093, 001460711).

Both generations: Kenc = Kmac = SHA-1(card number)[0:16]; mutual authentication with RND.IFD‖RND.ICC‖K.IFD;
session key KSenc = SHA-1((K.IFD ⊕ K.ICC)‖00000001)[0:16]. The 1st generation uses 2-key 3DES-CBC (IV 0)
with the ISO 9797-1 algorithm 3 retail MAC (padding method 2); the 2nd AES-128-CBC (IV 0) with AES-CMAC
truncated to 8 bytes. SHA-1 and DES here are what the specification mandates for a session with a card the
clerk holds, keyed from the number printed on it; they are never used to judge authenticity (signature.py).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from enum import IntEnum

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

CARD_NUMBER_LENGTH = 12
KEY_LENGTH = 16
RND_LENGTH = 8
MAC_LENGTH = 8
_SESSION_ENC_COUNTER = bytes.fromhex("00000001")
_PAD_START = 0x80


class Generation(IntEnum):
    FIRST = 1  # 3DES + retail MAC
    SECOND = 2  # AES-128 + CMAC

    @property
    def block(self) -> int:
        return 8 if self is Generation.FIRST else 16


class SmError(ValueError):
    """A cryptogram or MAC that does not check out (the card or the number is not what we think)."""


def normalise_card_number(text: str) -> str:
    """The 12 characters as printed (2 letters, 8 digits, 2 letters), upper case; ValueError otherwise."""
    number = text.strip().upper()
    if (
        len(number) != CARD_NUMBER_LENGTH
        or not number.isascii()
        or not (number[:2].isalpha() and number[2:10].isdigit() and number[10:].isalpha())
    ):
        raise ValueError(number)
    return number


def access_key(card_number: str) -> bytes:
    """Kenc = Kmac = SHA-1(card number in ASCII)[0:16]."""
    return hashlib.sha1(card_number.encode("ascii")).digest()[:KEY_LENGTH]


def session_key(k_ifd: bytes, k_icc: bytes) -> bytes:
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_icc, strict=True))
    return hashlib.sha1(seed + _SESSION_ENC_COUNTER).digest()[:KEY_LENGTH]


def pad(data: bytes, block: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 80 then 00 up to the block size."""
    padded = data + bytes([_PAD_START])
    return padded + bytes(-len(padded) % block)


def unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != _PAD_START:
        raise SmError("padding")
    return stripped[:-1]


def _cipher(generation: Generation, key: bytes) -> Cipher[modes.CBC]:
    if generation is Generation.FIRST:
        return Cipher(TripleDES(key + key[:8]), modes.CBC(bytes(8)))
    return Cipher(algorithms.AES(key), modes.CBC(bytes(16)))


def encrypt(generation: Generation, key: bytes, data: bytes) -> bytes:
    enc = _cipher(generation, key).encryptor()
    return enc.update(data) + enc.finalize()


def decrypt(generation: Generation, key: bytes, data: bytes) -> bytes:
    if not data or len(data) % generation.block:
        raise SmError("ciphertext length")
    dec = _cipher(generation, key).decryptor()
    return dec.update(data) + dec.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO 9797-1 MAC algorithm 3: single-DES CBC with K1, then DES⁻¹ K2 and DES K1 on the last block."""
    k1, k2 = key[:8], key[8:16]
    chain = Cipher(TripleDES(k1 * 3), modes.CBC(bytes(8))).encryptor()
    last = (chain.update(pad(data, 8)) + chain.finalize())[-8:]
    step = Cipher(TripleDES(k2 * 3), modes.ECB()).decryptor()
    middle = step.update(last) + step.finalize()
    final = Cipher(TripleDES(k1 * 3), modes.ECB()).encryptor()
    return final.update(middle) + final.finalize()


def cmac8(key: bytes, data: bytes) -> bytes:
    mac = CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()[:MAC_LENGTH]


def mac(generation: Generation, key: bytes, data: bytes) -> bytes:
    return retail_mac(key, data) if generation is Generation.FIRST else cmac8(key, data)


@dataclass(frozen=True)
class TerminalAuth:
    """What the reader sends in MUTUAL AUTHENTICATE, and what it needs to check the card's answer."""

    generation: Generation
    key: bytes = field(repr=False)
    rnd_ifd: bytes = field(repr=False)
    rnd_icc: bytes
    k_ifd: bytes = field(repr=False)

    @property
    def cryptogram(self) -> bytes:
        """E.IFD ‖ M.IFD (40 bytes)."""
        e_ifd = encrypt(self.generation, self.key, self.rnd_ifd + self.rnd_icc + self.k_ifd)
        return e_ifd + mac(self.generation, self.key, e_ifd)

    def session_key_from(self, answer: bytes) -> bytes:
        """Check E.ICC ‖ M.ICC (MAC, then both nonces) and derive KSenc; SmError when it does not check."""
        if len(answer) != 4 * RND_LENGTH + MAC_LENGTH:
            raise SmError("answer length")
        e_icc, m_icc = answer[:-MAC_LENGTH], answer[-MAC_LENGTH:]
        if not hmac.compare_digest(mac(self.generation, self.key, e_icc), m_icc):
            raise SmError("card MAC")
        plain = decrypt(self.generation, self.key, e_icc)
        if plain[:RND_LENGTH] != self.rnd_icc or plain[RND_LENGTH : 2 * RND_LENGTH] != self.rnd_ifd:
            raise SmError("card nonces")
        return session_key(self.k_ifd, plain[2 * RND_LENGTH :])


def verify_cryptogram(generation: Generation, ks_enc: bytes, card_number: str) -> bytes:
    """The card number, padded and encrypted with KSenc (the data of the SM VERIFY)."""
    return encrypt(generation, ks_enc, pad(card_number.encode("ascii"), generation.block))
