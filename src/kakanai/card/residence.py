"""在留カード / 特別永住者証明書 over any CardConnection (id-cards.md §3; MOJ specs 001414093, 001460711).

    00B08B0002, 00B08B00nn      共通データ (C0 04 version), free
    00B08A0002, 00B08A00nn      カード種別 C1: '1'/'2' 1st generation, "05"/"06" 2nd generation
    00A4040C10 <DF1>            SELECT DF1
    0084000008                  GET CHALLENGE → RND.ICC
    0082000028 E.IFD M.IFD 00   MUTUAL AUTHENTICATE → E.ICC M.ICC (keys from the typed card number)
    08200086 13 86 11 01 <enc>  VERIFY the card number under SM → 9000 (63 00: another card's number)
    08B0 <P1> 00 000004 96020000 0000   SM READ BINARY (extended), answer 86 L 01 <cipher>
1st generation: DF1 P1 85 (D0 card face, MMR TIFF); DF2 P1 81 plain (D4 住居地 text).
2nd generation: DF1 P1 83 (C5..CD: birth date, sex, nationality, status, expiry), P1 84 (D0 name image,
MMR TIFF), P1 86 (DF D1 address image). The name is an image on both: OCR, always marked unconfirmed.
⚠ ERI's notes on 001460711.pdf give C8 (nationality, 3 characters) and C9 (status) as codes: they are
reported exactly as the card holds them; the code tables were not available to map them to names.
A wrong number is refused by the card at MUTUAL AUTHENTICATE or VERIFY; the specification mentions no
retry counter (⚠ unconfirmed), and kakanai never retries on its own: one attempt per typed number.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date

from kakanai.card import apdu, sm
from kakanai.card.apdu import StatusWord
from kakanai.card.ber import BerError, read_length, read_tlv
from kakanai.card.channel import Channel
from kakanai.card.connection import CardConnection
from kakanai.card.errors import (
    CardError,
    InvalidCardNumberError,
    MalformedDataError,
    UnknownCardError,
    WrongCardNumberError,
)
from kakanai.card.reading import CardImage, CardKind, CardReading, Reason, SignatureCheck, Unconfirmed
from kakanai.card.session import check_sw
from kakanai.card.sm import Generation
from kakanai.model import Sex

AID_DF1 = bytes.fromhex("D392F0004F0200000000000000000000")
AID_DF2 = bytes.fromhex("D392F0004F0300000000000000000000")
AID_DF3 = bytes.fromhex("D392F0004F0400000000000000000000")
P1_COMMON = 0x8B
P1_CARD_TYPE = 0x8A
TAG_COMMON = 0xC0
TAG_CARD_TYPE = 0xC1
GET_CHALLENGE = bytes.fromhex("0084000008")
MUTUAL_AUTH_HEADER = bytes.fromhex("0082000028")
SM_CLA = 0x08
SM_VERIFY_P2 = 0x86
TAG_ENCRYPTED = 0x86
ENCRYPTED_PADDED = 0x01  # the padding-content indicator before the cryptogram
WRONG_NUMBER_SWS = frozenset({0x6300, StatusWord.SECURITY_NOT_SATISFIED, 0x6988})
# Card type codes (id-cards.md §3 "Free reads").
CARD_TYPES = {
    b"1": (CardKind.RESIDENCE_CARD, Generation.FIRST),
    b"2": (CardKind.SPECIAL_PERMANENT_RESIDENT, Generation.FIRST),
    b"05": (CardKind.RESIDENCE_CARD, Generation.SECOND),
    b"06": (CardKind.SPECIAL_PERMANENT_RESIDENT, Generation.SECOND),
}
SPECIFIED_CARD_TYPES = (b"07", b"08")


class Ef:
    """SFI P1 values (bit 8 set) and the tags inside them."""

    FRONT_IMAGE = 0x85  # 1st gen DF1: D0 card face
    FACE_PHOTO_1 = 0x86  # 1st gen DF1: D1 photo (read only for a signature check)
    ADDRESS_1 = 0x81  # 1st gen DF2: D2 date, D3 municipality, D4 住居地
    TEXT_2 = 0x83  # 2nd gen DF1
    NAME_IMAGE_2 = 0x84  # 2nd gen DF1: D0 name image (+ D1 photo)
    ADDRESS_IMAGE_2 = 0x86  # 2nd gen DF1: address image


class Tag:
    IMAGE = 0xD0
    PHOTO = 0xD1
    ADDRESS_TEXT = 0xD4
    ADDRESS_IMAGE = 0xDFD1  # 2nd gen DF1/EF04 (a 2-byte tag)
    EXPIRY = 0xC5
    BIRTH_DATE = 0xC6
    SEX = 0xC7
    NATIONALITY = 0xC8
    STATUS = 0xC9
    STAY_EXPIRY = 0xCD


_TAG_NUMBER_MASK = 0x1F
SEX_CODES = {b"1": Sex.MALE, b"2": Sex.FEMALE, b"3": Sex.NOT_APPLICABLE}
ADDRESS_1_LENGTH = 342


def sfi_read(p1: int, offset: int, le: int) -> bytes:
    """READ BINARY with the EF given by SFI in P1 (bit 8 set, ISO 7816-4 7.2.2) and an 8-bit offset."""
    return bytes([0, apdu.Ins.READ_BINARY, p1, offset, apdu.encode_le(le)])


def sm_read_binary(p1: int) -> bytes:
    """SM READ BINARY of a whole EF: extended Lc 000004, data 96 02 00 00 (Le object), extended Le 0000."""
    return bytes(
        [SM_CLA, apdu.Ins.READ_BINARY, p1, 0x00, 0x00, 0x00, 0x04, 0x96, 0x02, 0x00, 0x00, 0x00, 0x00]
    )


def sm_verify(cryptogram: bytes) -> bytes:
    body = bytes([TAG_ENCRYPTED, len(cryptogram) + 1, ENCRYPTED_PADDED]) + cryptogram
    return bytes([SM_CLA, apdu.Ins.VERIFY, 0x00, SM_VERIFY_P2, len(body)]) + body


class ResidenceSession(Channel):
    def __init__(
        self, connection: CardConnection, random: Callable[[int], bytes] = secrets.token_bytes
    ) -> None:
        super().__init__(connection)
        self._random = random  # RND.IFD and K.IFD; tests pass a fixed source for exact transcripts
        self.ks_enc = b""
        self.generation = Generation.SECOND

    def free_tlv(self, p1: int) -> bytes:
        """A short free EF read as ERI does: the 2-byte header first, then the whole TLV."""
        head, sw = self.transmit(sfi_read(p1, 0, 2))
        if sw != StatusWord.OK or len(head) != 2:
            raise UnknownCardError(sw=sw)
        data, sw = self.transmit(sfi_read(p1, 0, 2 + head[1]))
        check_sw(sw, "READ BINARY")
        return data[2 : 2 + head[1]]

    def card_type(self) -> tuple[CardKind, Generation]:
        code = self.free_tlv(P1_CARD_TYPE)
        if code in SPECIFIED_CARD_TYPES:
            raise UnknownCardError(
                "特定在留カード等（種別07/08）の読み取りにはまだ対応していません。券面を見て入力してください。"
            )
        if code not in CARD_TYPES:
            raise UnknownCardError()
        return CARD_TYPES[code]

    def select(self, aid: bytes) -> None:
        _, sw = self.transmit(apdu.select_aid(aid))
        check_sw(sw, "SELECT DF")

    def authenticate(self, generation: Generation, card_number: str) -> None:
        self.generation = generation
        rnd_icc, sw = self.transmit(GET_CHALLENGE)
        check_sw(sw, "GET CHALLENGE")
        if len(rnd_icc) != sm.RND_LENGTH:
            raise MalformedDataError("GET CHALLENGE の応答が8バイトではありません。", sw=sw)
        auth = sm.TerminalAuth(
            generation,
            sm.access_key(card_number),
            self._random(sm.RND_LENGTH),
            rnd_icc,
            self._random(sm.KEY_LENGTH),
        )
        answer, sw = self.transmit(MUTUAL_AUTH_HEADER + auth.cryptogram + b"\x00")
        if sw in WRONG_NUMBER_SWS:
            raise WrongCardNumberError(sw=sw)
        check_sw(sw, "MUTUAL AUTHENTICATE")
        try:
            self.ks_enc = auth.session_key_from(answer)
        except sm.SmError:
            raise WrongCardNumberError() from None
        _, sw = self.transmit(sm_verify(sm.verify_cryptogram(generation, self.ks_enc, card_number)))
        if sw in WRONG_NUMBER_SWS:
            raise WrongCardNumberError(sw=sw)
        check_sw(sw, "VERIFY（在留カード等番号）")

    def read_sm(self, p1: int) -> dict[int, bytes]:
        data, sw = self.transmit(sm_read_binary(p1))
        check_sw(sw, "READ BINARY (SM)")
        try:
            outer = read_tlv(data, 0)
            if outer.tag != TAG_ENCRYPTED or outer.value[:1] != bytes([ENCRYPTED_PADDED]):
                raise MalformedDataError("暗号化されたデータ（86 01）がありません。")
            plain = sm.unpad(sm.decrypt(self.generation, self.ks_enc, outer.value[1:]))
            return padded_tlvs(plain)
        except (BerError, sm.SmError) as exc:
            raise MalformedDataError(f"カードのデータを復号できません（{exc}）。") from None

    def read_plain(self, p1: int, length: int) -> dict[int, bytes]:
        data = self.read_plain_raw(p1, length)
        try:
            return padded_tlvs(data)
        except BerError as exc:
            raise MalformedDataError(f"カードのデータの形式が正しくありません（{exc}）。") from None

    def read_plain_raw(self, p1: int, length: int) -> bytes:
        data = b""
        while len(data) < length:
            want = min(apdu.MAX_SHORT_LE, length - len(data))
            # The first read selects the EF by SFI; the next ones use the plain 15-bit offset.
            command = sfi_read(p1, 0, want) if not data else apdu.read_binary(len(data), want)
            chunk, sw = self.transmit(command)
            check_sw(sw, "READ BINARY")
            if not chunk:
                raise MalformedDataError("カードが空のデータを返しました（READ BINARY）。", sw=sw)
            data += chunk
        return data


def padded_tlvs(data: bytes) -> dict[int, bytes]:
    """Tag → value of the card's TLVs, followed by 00 padding (id-cards.md §5).

    Tags are 1 byte, or 2 when the first has all low 5 bits set: the address image is DF D1, whose
    second byte would continue the tag under strict BER (X.690 8.1.2.4), so ber.read_tag cannot be used.
    """
    out: dict[int, bytes] = {}
    pos = 0
    while pos < len(data) and data[pos] != 0x00:
        width = 2 if data[pos] & _TAG_NUMBER_MASK == _TAG_NUMBER_MASK else 1
        if pos + width > len(data):
            raise BerError(f"tag truncated at byte {pos}")
        tag = int.from_bytes(data[pos : pos + width], "big")
        length, start = read_length(data, pos + width)
        if start + length > len(data):
            raise BerError(f"value of tag {tag:X} needs {length} bytes at byte {start}, data ends")
        out[tag] = data[start : start + length]
        pos = start + length
    return out


NameReader = Callable[[bytes, bool], tuple[str, float]]
SignatureVerifier = Callable[["ResidenceSession", Generation, dict[int, bytes]], SignatureCheck]


def read_residence_card(
    connection: CardConnection,
    card_number: str,
    *,
    name_reader: NameReader | None,
    verify_signature: SignatureVerifier | None = None,
    random: Callable[[int], bytes] = secrets.token_bytes,
) -> CardReading:
    """The whole read. `name_reader(image, is_card_face)` is the OCR (None: no OCR, the image only)."""
    try:
        number = sm.normalise_card_number(card_number)
    except ValueError:
        raise InvalidCardNumberError() from None
    session = ResidenceSession(connection, random)
    session.free_tlv(P1_COMMON)
    kind, generation = session.card_type()
    session.select(AID_DF1)
    session.authenticate(generation, number)
    if generation is Generation.FIRST:
        return _first(session, kind, name_reader, verify_signature)
    return _second(session, kind, name_reader, verify_signature)


def _name(image: bytes, face: bool, name_reader: NameReader | None) -> str | None:
    if name_reader is None:
        return None
    text, _ = name_reader(image, face)
    return text or None


def _first(
    session: ResidenceSession,
    kind: CardKind,
    name_reader: NameReader | None,
    verify: SignatureVerifier | None,
) -> CardReading:
    front = session.read_sm(Ef.FRONT_IMAGE)
    if Tag.IMAGE not in front:
        raise MalformedDataError("券面画像（D0）がありません。")
    signature = verify(session, Generation.FIRST, front) if verify is not None else None
    session.select(AID_DF2)
    address_file = session.read_plain(Ef.ADDRESS_1, ADDRESS_1_LENGTH)
    address = _sjis(address_file.get(Tag.ADDRESS_TEXT, b""))
    return CardReading(
        kind,
        _name(front[Tag.IMAGE], True, name_reader),
        address or None,
        None,
        None,  # 1st generation: birth date, sex and nationality are printed on the face image only
        unconfirmed=(Unconfirmed("name", Reason.OCR),),
        notes=("生年月日・性別・国籍は券面画像にだけあります。画像を見て入力してください。",),
        images=(CardImage("face", "image/tiff", front[Tag.IMAGE]),),
        signature=signature,
    )


def _second(
    session: ResidenceSession,
    kind: CardKind,
    name_reader: NameReader | None,
    verify: SignatureVerifier | None,
) -> CardReading:
    text = session.read_sm(Ef.TEXT_2)
    images = session.read_sm(Ef.NAME_IMAGE_2)
    address_images = session.read_sm(Ef.ADDRESS_IMAGE_2)
    if Tag.IMAGE not in images or Tag.BIRTH_DATE not in text or Tag.SEX not in text:
        raise MalformedDataError("在留カードのデータ（氏名画像・生年月日・性別）が欠けています。")
    signature = verify(session, Generation.SECOND, {**text, **images}) if verify is not None else None
    sex = SEX_CODES.get(text[Tag.SEX])
    if sex is None:
        raise MalformedDataError("性別のコードが正しくありません（1, 2, 3 のいずれかではありません）。")
    extra = tuple(
        (key, _date_text(_utf8(text[tag])))
        for key, tag in (("status", Tag.STATUS), ("expiry", Tag.EXPIRY), ("stay_expiry", Tag.STAY_EXPIRY))
        if tag in text
    )
    kept = [CardImage("name", "image/tiff", images[Tag.IMAGE])]
    if Tag.ADDRESS_IMAGE in address_images:
        kept.append(CardImage("address", "image/tiff", address_images[Tag.ADDRESS_IMAGE]))
    return CardReading(
        kind,
        _name(images[Tag.IMAGE], False, name_reader),
        None,  # the address is an image only; the new address is typed as for any 転入
        _yyyymmdd(text[Tag.BIRTH_DATE]),
        sex,
        nationality=_utf8(text.get(Tag.NATIONALITY, b"")) or None,
        unconfirmed=(Unconfirmed("name", Reason.OCR),),
        extra=extra,
        images=tuple(kept),
        signature=signature,
    )


def _utf8(raw: bytes) -> str:
    try:
        return raw.rstrip(b"\x00").decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedDataError("在留カードの文字データがUTF-8ではありません。") from None


def _date_text(value: str) -> str:
    """YYYYMMDD as ISO (2027-09-30); any other text (e.g. 永住者 has no stay expiry) as the card holds it."""
    try:
        return (
            date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat() if len(value) == 8 else value
        )
    except ValueError:
        return value


def _sjis(raw: bytes) -> str:
    """住居地 D4: ⚠ encoding per ERI (Shift_JIS X 0213, else cp932); the spec's wording was not seen."""
    stripped = raw.rstrip(b"\x00 ")
    for encoding in ("shift_jisx0213", "cp932"):
        try:
            return stripped.decode(encoding).strip()
        except UnicodeDecodeError:
            continue
    raise MalformedDataError("住居地の文字を読めません。")


def _yyyymmdd(raw: bytes) -> date:
    text = raw.decode("ascii", errors="replace")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise MalformedDataError(f"生年月日がYYYYMMDDではありません（{text}）。") from None


__all__ = ["CardError", "ResidenceSession", "read_residence_card"]
