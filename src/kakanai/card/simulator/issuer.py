"""A simulated 出入国在留管理庁 issuer: one RSA-2048 CA and one card key per process, to sign what the
simulated 1st-generation card holds (signature.py explains the layout). Tests put `issuer_pem()` in a
trust-store directory; a real counter's store holds the real issuer certificates instead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from kakanai.card.ber import encode_tlv
from kakanai.card.signature import SIGNATURE_FILE_LENGTH, TAG_CERTIFICATE, TAG_SIGNATURE, signed_target

_VALID = timedelta(days=3650)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(
    subject: str, key: rsa.RSAPrivateKey, issuer: str, signer: rsa.RSAPrivateKey
) -> x509.Certificate:
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + _VALID)
        .sign(signer, hashes.SHA256())
    )


@cache
def _keys() -> tuple[rsa.RSAPrivateKey, x509.Certificate, rsa.RSAPrivateKey, x509.Certificate]:
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = _certificate(
        "kakanai simulator 在留カード issuer", ca_key, "kakanai simulator 在留カード issuer", ca_key
    )
    card_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    card = _certificate("kakanai simulator card", card_key, "kakanai simulator 在留カード issuer", ca_key)
    return ca_key, ca, card_key, card


def issuer_pem() -> bytes:
    return _keys()[1].public_bytes(serialization.Encoding.PEM)


def signature_file(face: bytes, photo: bytes) -> bytes:
    """DF3 P1 82: DA signature ‖ DB card certificate, 00-padded to the file size."""
    _, _, card_key, card = _keys()
    target = signed_target(face, photo)
    assert target is not None, "the simulator's face and photo fit the signed lengths"
    signature = card_key.sign(target, padding.PKCS1v15(), hashes.SHA256())
    body = encode_tlv(TAG_SIGNATURE, signature) + encode_tlv(
        TAG_CERTIFICATE, card.public_bytes(serialization.Encoding.DER)
    )
    return body.ljust(SIGNATURE_FILE_LENGTH, b"\x00")
