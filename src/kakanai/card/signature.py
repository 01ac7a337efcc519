"""The issuer's signature over what was read from a 1st-generation 在留カード / 特別永住者証明書.

DF3 (P1 82, plain, 1464 bytes): DA = RSA-2048 signature, DB = the card's X.509 certificate. The signed
data is the D0 value (card face) padded with 00 to 7000 bytes ‖ the D1 value (photo) padded to 3000,
PKCS#1 v1.5 with SHA-256. ⚠ Layout and signed target as implemented by ERI (signature/first_generation.py)
from the public specification; not confirmed against a real card. The card certificate must be issued
by a certificate of the trust store (a directory of PEM/DER files, the 出入国在留管理庁 issuer
certificates the municipality installs): without one nothing is claimed ("no_certificate").
The 2nd generation (ECDSA P-384) is reported "unsupported": its signed-data layout was not found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from kakanai.card.reading import SignatureCheck
from kakanai.card.residence import AID_DF3, Ef, ResidenceSession, SignatureVerifier, Tag, padded_tlvs
from kakanai.card.sm import Generation

SIGNATURE_P1 = 0x82
SIGNATURE_FILE_LENGTH = 1464
TAG_SIGNATURE = 0xDA
TAG_CERTIFICATE = 0xDB
SIGNED_FACE_LENGTH = 7000
SIGNED_PHOTO_LENGTH = 3000


class TrustStoreError(ValueError):
    """A trust-store directory that cannot be used; the message names the file."""


@dataclass(frozen=True)
class TrustStore:
    certificates: tuple[x509.Certificate, ...]

    @classmethod
    def load(cls, directory: str | Path) -> TrustStore:
        path = Path(directory)
        if not path.is_dir():
            raise TrustStoreError(f"証明書の保管場所（フォルダ）がありません: {path}")
        out = []
        for file in sorted(path.iterdir()):
            if file.suffix.lower() not in (".pem", ".crt", ".cer", ".der"):
                continue
            raw = file.read_bytes()
            try:
                cert = (
                    x509.load_pem_x509_certificate(raw)
                    if b"-----BEGIN" in raw
                    else x509.load_der_x509_certificate(raw)
                )
            except ValueError:
                raise TrustStoreError(f"証明書として読めないファイルがあります: {file}") from None
            out.append(cert)
        return cls(tuple(out))

    def issuer_of(self, cert: x509.Certificate) -> x509.Certificate | None:
        return next((c for c in self.certificates if c.subject == cert.issuer), None)


def signed_target(face: bytes, photo: bytes) -> bytes | None:
    if len(face) > SIGNED_FACE_LENGTH or len(photo) > SIGNED_PHOTO_LENGTH:
        return None
    return face.ljust(SIGNED_FACE_LENGTH, b"\x00") + photo.ljust(SIGNED_PHOTO_LENGTH, b"\x00")


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    key = issuer.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey) and cert.signature_hash_algorithm is not None:
            key.verify(
                cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), cert.signature_hash_algorithm
            )
        elif isinstance(key, ec.EllipticCurvePublicKey) and cert.signature_hash_algorithm is not None:
            key.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(cert.signature_hash_algorithm))
        else:
            return False
    except InvalidSignature:
        return False
    return True


def check_first_generation(
    store: TrustStore, face: bytes, photo: bytes, signature_file: bytes
) -> SignatureCheck:
    tlvs = padded_tlvs(signature_file)
    signature, cert_der = tlvs.get(TAG_SIGNATURE, b""), tlvs.get(TAG_CERTIFICATE, b"")
    if not signature or not cert_der:
        return SignatureCheck("invalid", "署名または証明書がカードにありません。")
    try:
        cert = x509.load_der_x509_certificate(cert_der)
    except ValueError:
        return SignatureCheck("invalid", "カードの証明書を読めません。")
    issuer = store.issuer_of(cert)
    if issuer is None:
        return SignatureCheck("no_certificate", "カードの証明書の発行者が、設定された証明書にありません。")
    now = datetime.now(UTC)
    if not _issued_by(cert, issuer):
        return SignatureCheck("invalid", "カードの証明書が発行者の署名と一致しません。")
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        return SignatureCheck("invalid", "カードの証明書が有効期間外です。")
    key = cert.public_key()
    target = signed_target(face, photo)
    if not isinstance(key, rsa.RSAPublicKey) or target is None:
        return SignatureCheck("invalid", "署名の対象または鍵の形式が正しくありません。")
    try:
        key.verify(signature, target, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return SignatureCheck("invalid", "券面画像・写真がカードの署名と一致しません（改ざんの疑い）。")
    return SignatureCheck("verified", f"発行者: {issuer.subject.rfc4514_string()}")


def verifier(store: TrustStore) -> SignatureVerifier:
    """A residence.SignatureVerifier over `store`: reads D1 (SM) and DF3 only when a store is configured."""

    def verify(session: ResidenceSession, generation: Generation, read: dict[int, bytes]) -> SignatureCheck:
        if generation is Generation.SECOND:
            return SignatureCheck("unsupported", "第2世代（ECDSA）の署名検証にはまだ対応していません。")
        photo = session.read_sm(Ef.FACE_PHOTO_1).get(Tag.PHOTO, b"")
        session.select(AID_DF3)
        signature_file = session.read_plain_raw(SIGNATURE_P1, SIGNATURE_FILE_LENGTH)
        return check_first_generation(store, read.get(Tag.IMAGE, b""), photo, signature_file)

    return verify
