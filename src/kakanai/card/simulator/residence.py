"""A virtual 在留カード / 特別永住者証明書, 1st or 2nd generation (id-cards.md §3), secure messaging and all.

Profile ("kind": "residence_card" | "special_permanent_resident"): generation (1|2), card_number (12
characters), name (as printed), birth_date, sex, nationality, address, status, expiry, faults.
The card refuses a MUTUAL AUTHENTICATE keyed from another number with 63 00 (⚠ the reference gives
63 00 for VERIFY; the status word of a failed MUTUAL AUTHENTICATE is this simulator's assumption).
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PIL import Image, ImageDraw

from kakanai.card import residence, sm
from kakanai.card.apdu import Ins, SelectBy, StatusWord
from kakanai.card.ber import encode_tlv
from kakanai.card.reading import NAME_BOX, CardKind
from kakanai.card.residence import Ef, Tag
from kakanai.card.signature import SIGNATURE_P1
from kakanai.card.simulator import glyphs, issuer
from kakanai.card.simulator.profile import FAULTS_KEY, Faults, ProfileError, checked, faults_from_dict
from kakanai.card.sm import Generation
from kakanai.model import Sex
from kakanai.model.reception_schema import BIRTH_DAY
from kakanai.model.schema import Choice, Day, Int, Key, Locator, Obj, Text

ATR = bytes.fromhex("3B888001000000000000000009")
_SEX_CODES = {Sex.MALE: b"1", Sex.FEMALE: b"2", Sex.NOT_APPLICABLE: b"3"}
_SEX_NAMES = {"male": Sex.MALE, "female": Sex.FEMALE, "not_applicable": Sex.NOT_APPLICABLE}
_SEX_FACE = {Sex.MALE: "男 M", Sex.FEMALE: "女 F", Sex.NOT_APPLICABLE: "-"}
_TYPE_CODES = {
    (CardKind.RESIDENCE_CARD, Generation.FIRST): b"1",
    (CardKind.SPECIAL_PERMANENT_RESIDENT, Generation.FIRST): b"2",
    (CardKind.RESIDENCE_CARD, Generation.SECOND): b"05",
    (CardKind.SPECIAL_PERMANENT_RESIDENT, Generation.SECOND): b"06",
}
_ADDRESS_BYTES = 320
_WRONG_KEY = 0x6300
_PHOTO = bytes.fromhex("FF4FFF51") + bytes(60)  # a JPEG 2000 codestream start; no real photo in a simulator


@dataclass(frozen=True)
class ResidenceProfile:
    kind: CardKind
    generation: Generation
    card_number: str = field(repr=False)
    name: str
    birth_date: date
    sex: Sex
    nationality: str
    address: str
    status: str
    expiry: date
    faults: Faults = field(default_factory=Faults)

    def make_card(self) -> VirtualResidenceCard:
        return VirtualResidenceCard(self)


# The one schema of a 在留カード / 特別永住者証明書 profile (load_any_profile checks it; shown on
# docs/files-you-can-edit.md).
RESIDENCE_PROFILE = Obj(title="在留カード・特別永住者証明書の模擬プロファイル", keys=(
    Key("kind", Choice(values=(CardKind.RESIDENCE_CARD.value, CardKind.SPECIAL_PERMANENT_RESIDENT.value)),
        required=True, doc="カードの種類"),
    Key("generation", Int(lo=1, hi=2), doc="世代（1 または 2。既定 2。id-cards.md）"),
    Key("card_number", Text(max_len=12, pattern=r"[A-Za-z]{2}[0-9]{8}[A-Za-z]{2}",
                            pattern_doc="英字2桁・数字8桁・英字2桁（例: AB12345678CD）"), required=True,
        doc="在留カード等番号"),
    Key("name", Text(max_len=100, non_empty=True), required=True, doc="氏名（券面のとおり。多くはローマ字の大文字）"),
    Key("birth_date", BIRTH_DAY, required=True, doc="生年月日"),
    Key("sex", Choice(values=tuple(_SEX_NAMES)), required=True, doc="性別"),
    Key("nationality", Text(max_len=40, non_empty=True), required=True,
        doc="国籍・地域（第2世代は3文字のコード、例: VNM）"),
    Key("address", Text(max_len=160, non_empty=True), required=True, doc="住居地"),
    Key("status", Text(max_len=40, non_empty=True), required=True, doc="在留資格"),
    Key("expiry", Day(), required=True, doc="在留期間の満了日"),
    FAULTS_KEY,
))


def residence_profile_from_dict(raw: Any, kind: CardKind, source: str = "プロファイル",
                                locate: Locator | None = None) -> ResidenceProfile:
    raw = checked(RESIDENCE_PROFILE, raw, source, locate)
    generation = raw.get("generation", 2)
    nationality = raw["nationality"]

    def refuse(message: str) -> ProfileError:
        return ProfileError(f"カードのプロファイルの誤り: {source}: {message}")

    if generation == 2 and not (len(nationality) == 3 and nationality.isascii() and nationality.isalpha()):
        raise refuse("nationality は第2世代のカードでは国・地域コード3文字です（例: VNM）。")
    address = raw["address"]
    try:
        if len(address.encode("shift_jisx0213")) > _ADDRESS_BYTES:
            raise refuse(f"address（住居地）は{_ADDRESS_BYTES}バイトまでです。")
    except UnicodeEncodeError:
        raise refuse("address（住居地）に Shift_JIS X 0213 にない文字があります。") from None
    return ResidenceProfile(
        kind,
        Generation(generation),
        sm.normalise_card_number(raw["card_number"]),
        raw["name"],
        date.fromisoformat(raw["birth_date"]),
        _SEX_NAMES[raw["sex"]],
        nationality,
        address,
        raw["status"],
        date.fromisoformat(raw["expiry"]),
        faults_from_dict(raw.get("faults")),
    )


def _tiff(text: str, size: tuple[int, int]) -> bytes:
    """A text image as the 2nd-generation card holds it: 1 bit per dot, MMR (CCITT G4) TIFF."""
    image = Image.new("1", size, 1)
    ImageDraw.Draw(image).text((0, size[1] // 2), text, fill=0, font=glyphs.face_font(), anchor="lm")
    out = io.BytesIO()
    image.save(out, format="TIFF", compression="group4")
    return out.getvalue()


def name_image(name: str) -> bytes:
    """The 2nd-generation name image (D0 of P1 84): the printed name alone, the size of the face's name box."""
    return _tiff(name, (NAME_BOX[2], NAME_BOX[3]))


def build_files(p: ResidenceProfile) -> dict[tuple[str, int], bytes]:
    """(DF, SFI P1) → the EF content (BER-TLV, 00 padding is added by the reads)."""
    face = glyphs.FaceText(
        p.name,
        p.birth_date,
        _SEX_FACE[p.sex],
        p.nationality,
        p.address,
        p.status,
        p.expiry,
        p.card_number,
        "在留カード" if p.kind is CardKind.RESIDENCE_CARD else "特別永住者証明書",
    )
    files = {
        ("MF", residence.P1_COMMON): encode_tlv(residence.TAG_COMMON, b"\x01\x00\x00\x00"),
        ("MF", residence.P1_CARD_TYPE): encode_tlv(
            residence.TAG_CARD_TYPE, _TYPE_CODES[(p.kind, p.generation)]
        ),
    }
    if p.generation is Generation.FIRST:
        address = p.address.encode("shift_jisx0213").ljust(_ADDRESS_BYTES, b"\x00")
        face_image = glyphs.render_face(face)
        files[("DF1", Ef.FRONT_IMAGE)] = encode_tlv(Tag.IMAGE, face_image)
        files[("DF1", Ef.FACE_PHOTO_1)] = encode_tlv(Tag.PHOTO, _PHOTO)
        files[("DF3", SIGNATURE_P1)] = issuer.signature_file(face_image, _PHOTO)
        files[("DF2", Ef.ADDRESS_1)] = (
            encode_tlv(0xD2, b"20260105")
            + encode_tlv(0xD3, b"131016")
            + encode_tlv(Tag.ADDRESS_TEXT, address)
        )
        return files
    text = b"".join(
        encode_tlv(tag, value)
        for tag, value in (
            (Tag.EXPIRY, p.expiry.strftime("%Y%m%d").encode()),
            (Tag.BIRTH_DATE, p.birth_date.strftime("%Y%m%d").encode()),
            (Tag.SEX, _SEX_CODES[p.sex]),
            (Tag.NATIONALITY, p.nationality.encode()),
            (Tag.STATUS, p.status.encode()),
            (0xCC, "就労不可".encode() if "留学" in p.status else "就労制限なし".encode()),
            (Tag.STAY_EXPIRY, p.expiry.strftime("%Y%m%d").encode()),
        )
    )
    files[("DF1", 0x81)] = encode_tlv(0xC2, p.card_number.encode())
    files[("DF1", Ef.TEXT_2)] = text
    files[("DF1", Ef.NAME_IMAGE_2)] = encode_tlv(Tag.IMAGE, name_image(p.name)) + encode_tlv(
        Tag.PHOTO, _PHOTO
    )
    files[("DF1", Ef.ADDRESS_IMAGE_2)] = encode_tlv(Tag.ADDRESS_IMAGE, _tiff(p.address, (1400, 70)))
    return files


def parse_any(raw: bytes) -> tuple[int, int, int, int, bytes] | None:
    """CLA INS P1 P2 and data of a short or extended command (ISO 7816-4 5.1); None when malformed."""
    if len(raw) < 4:
        return None
    body = raw[4:]
    if len(body) <= 1:
        return raw[0], raw[1], raw[2], raw[3], b""
    if body[0] == 0 and len(body) >= 3:  # extended: 00 Lc1 Lc2 data [Le1 Le2], or 00 Le1 Le2
        if len(body) == 3:
            return raw[0], raw[1], raw[2], raw[3], b""
        lc = int.from_bytes(body[1:3], "big")
        if len(body) not in (3 + lc, 5 + lc):
            return None
        return raw[0], raw[1], raw[2], raw[3], body[3 : 3 + lc]
    lc = body[0]
    if len(body) not in (1 + lc, 2 + lc):
        return None
    return raw[0], raw[1], raw[2], raw[3], body[1 : 1 + lc]


class VirtualResidenceCard:
    atr = ATR

    def __init__(self, profile: ResidenceProfile) -> None:
        self.profile = profile
        self.files = build_files(profile)
        self._key = sm.access_key(profile.card_number)
        self.random = secrets.token_bytes  # RND.ICC and K.ICC; tests set a fixed source
        self.wrong_number_attempts = 0  # counted for the tests; the card itself has no retry counter
        self.reset()

    def reset(self) -> None:
        self._df = "MF"
        self._rnd_icc = b""
        self._ks = b""
        self._verified = False
        self._current: tuple[str, int] | None = None

    def process(self, raw: bytes) -> tuple[bytes, int]:
        parsed = parse_any(raw)
        if parsed is None:
            return b"", StatusWord.WRONG_LENGTH
        cla, ins, p1, p2, data = parsed
        gen = self.profile.generation
        if ins == Ins.SELECT and p1 == SelectBy.AID:
            names = {residence.AID_DF1: "DF1", residence.AID_DF2: "DF2", residence.AID_DF3: "DF3"}
            if data not in names:
                return b"", StatusWord.FILE_NOT_FOUND
            self._df = names[data]
            return b"", StatusWord.OK
        if ins == Ins.GET_CHALLENGE:
            self._rnd_icc = self.random(sm.RND_LENGTH)
            return self._rnd_icc, StatusWord.OK
        if ins == Ins.MUTUAL_AUTHENTICATE:
            return self._mutual_auth(gen, data)
        if ins == Ins.VERIFY and cla == residence.SM_CLA:
            if not self._ks or len(data) < 3:
                return b"", StatusWord.SECURITY_NOT_SATISFIED
            plain = sm.decrypt(gen, self._ks, data[3:])
            self._verified = plain == sm.pad(self.profile.card_number.encode(), gen.block)
            if not self._verified:
                self.wrong_number_attempts += 1
            return b"", StatusWord.OK if self._verified else _WRONG_KEY
        if ins == Ins.READ_BINARY:
            return self._read(cla, p1, p2, raw)
        return b"", StatusWord.INS_NOT_SUPPORTED

    def _mutual_auth(self, gen: Generation, data: bytes) -> tuple[bytes, int]:
        if len(data) != 40 or not self._rnd_icc:
            return b"", StatusWord.WRONG_LENGTH if len(data) != 40 else StatusWord.COMMAND_NOT_ALLOWED
        e_ifd, m_ifd = data[:32], data[32:]
        if sm.mac(gen, self._key, e_ifd) != m_ifd:
            self.wrong_number_attempts += 1
            return b"", _WRONG_KEY
        plain = sm.decrypt(gen, self._key, e_ifd)
        if plain[8:16] != self._rnd_icc:
            return b"", _WRONG_KEY
        k_icc = self.random(sm.KEY_LENGTH)
        e_icc = sm.encrypt(gen, self._key, self._rnd_icc + plain[:8] + k_icc)
        self._ks = sm.session_key(plain[16:], k_icc)
        return e_icc + sm.mac(gen, self._key, e_icc), StatusWord.OK

    def _read(self, cla: int, p1: int, p2: int, raw: bytes) -> tuple[bytes, int]:
        gen = self.profile.generation
        if cla == residence.SM_CLA:
            content = self.files.get((self._df, p1))
            if content is None:
                return b"", StatusWord.FILE_NOT_FOUND
            if not self._verified:
                return b"", StatusWord.SECURITY_NOT_SATISFIED
            cipher = sm.encrypt(gen, self._ks, sm.pad(content, gen.block))
            return encode_tlv(
                residence.TAG_ENCRYPTED, bytes([residence.ENCRYPTED_PADDED]) + cipher
            ), StatusWord.OK
        le = (raw[4] or 256) if len(raw) == 5 else 0
        if p1 & 0x80:
            self._current = (self._df, p1)
            offset = p2
        else:
            offset = (p1 << 8) | p2
        content = self.files.get(self._current) if self._current is not None else None
        if content is None:
            return b"", StatusWord.FILE_NOT_FOUND
        if self._df != "MF" and not self._verified:
            return b"", StatusWord.SECURITY_NOT_SATISFIED
        if self._df == "DF2":
            content = content.ljust(residence.ADDRESS_1_LENGTH, b"\x00")
        if offset >= len(content):
            return b"", StatusWord.WRONG_P1P2
        return content[offset : offset + le], StatusWord.OK


__all__ = ["ResidenceProfile", "VirtualResidenceCard", "residence_profile_from_dict"]
