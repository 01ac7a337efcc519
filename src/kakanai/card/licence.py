"""The IC 運転免許証 over any CardConnection: PIN1 only, then DF1/EF01 (and EF04, EF03/EF05 when needed).

Sequence (id-cards.md §1; NPA spec v009 §3(2)):
    00A40000                    SELECT MF
    00A4020C02000A, 00B0000003  MF/EF02 PIN設定: 05 01 01 set, 05 01 00 not set (then the DPIN ****)
    00A4020C020001, 00200080    IEF01 (PIN1) and its retry counter 63 Cn (spends nothing)
    0020008004 <PIN1>           VERIFY (never at 0 tries; at 1 only when confirmed)
    00A4040C10 <DF1>, 00A4020C020001, 00B0 <offset> 00 …   DF1/EF01 in 256-byte chunks up to the FF filler
    00A4020C020004, 00B0…       DF1/EF04 裏書 (the newest 新住所 wins)
    00A4020C020003 (and 0005)   外字 bitmaps, only when the text holds a 外字
Safety: PIN2 (本籍, photo) is never verified and DF2, DF1/EF02 and EF06 are never selected (allow-list);
3 wrong PIN1 entries block the card until the 公安委員会 unblocks it, so the counter is read first.
"""

from __future__ import annotations

from kakanai.card import apdu, licence_data
from kakanai.card.apdu import MAX_SHORT_LE, StatusWord
from kakanai.card.channel import Channel
from kakanai.card.connection import CardConnection
from kakanai.card.errors import (
    MalformedDataError,
    PinLockedError,
)
from kakanai.card.licence_data import Ef01Tag
from kakanai.card.pin import KeyKind, PinHandler
from kakanai.card.reading import CardKind, CardReading, GaijiGlyph, Reason, Unconfirmed
from kakanai.card.session import ForbiddenFileError, ask_secret, check_sw, check_verify, tries_from_query

AID_DF1 = bytes.fromhex("A0000002310100000000000000000000")
SELECT_MF = bytes.fromhex("00A40000")
EF_PIN_SETTING = 0x000A
IEF_PIN1 = 0x0001
EF_MATTERS = 0x0001  # DF1/EF01 記載事項
EF_GAIJI = 0x0003
EF_CHANGES = 0x0004  # 裏書
EF_GAIJI_MORE = 0x0005
DPIN = b"****"  # 2A 2A 2A 2A: the PIN of a card whose holder set none (MF/EF02 = 05 01 00)
PIN_SETTING_LENGTH = 3
# (in DF1?, EF): the only files this module may select.
ALLOWED_FILES = frozenset(
    {
        (False, EF_PIN_SETTING),
        (False, IEF_PIN1),
        (True, EF_MATTERS),
        (True, EF_GAIJI),
        (True, EF_CHANGES),
        (True, EF_GAIJI_MORE),
    }
)
LOCKED_MESSAGE = (
    "運転免許証の暗証番号1がロックされています。解除できるのは運転免許センター（公安委員会）だけです。"
    "券面を見て入力してください。"
)


class LicenceSession(Channel):
    def __init__(self, connection: CardConnection) -> None:
        super().__init__(connection)
        self._in_df1 = False
        self._verify_sent = False

    def select_mf(self) -> None:
        _, sw = self.transmit(SELECT_MF)
        check_sw(sw, "SELECT MF")
        self._in_df1 = False

    def select_df1(self) -> int:
        _, sw = self.transmit(apdu.select_aid(AID_DF1))
        self._in_df1 = sw == StatusWord.OK
        return sw

    def select_file(self, fid: int) -> None:
        if (self._in_df1, fid) not in ALLOWED_FILES:
            raise ForbiddenFileError(f"EF {fid:04X} is not on the licence allow-list")
        _, sw = self.transmit(apdu.select_fid(fid))
        check_sw(sw, f"SELECT EF {fid:04X}")

    def pin_is_set(self) -> bool:
        self.select_file(EF_PIN_SETTING)
        data = self.read_file(PIN_SETTING_LENGTH)
        if data not in (licence_data.PIN_SET, licence_data.PIN_NOT_SET):
            raise MalformedDataError("運転免許証の暗証番号設定（MF/EF02）の形式が正しくありません。")
        return data == licence_data.PIN_SET

    def tries_left(self) -> int | None:
        self.select_file(IEF_PIN1)
        _, sw = self.transmit(apdu.verify_query())
        return tries_from_query(sw)

    def verify(self, secret: bytes) -> None:
        if self._verify_sent:
            raise RuntimeError("a second VERIFY in one session is never allowed")
        self._verify_sent = True
        _, sw = self.transmit(apdu.verify(secret))
        check_verify(sw, LOCKED_MESSAGE, KeyKind.LICENCE_PIN1)

    def read_file(self, exact: int | None = None) -> bytes:
        """The selected EF: `exact` bytes, or 256-byte chunks until the FF filler or the end of the file."""
        if exact is not None:
            data, sw = self.transmit(apdu.read_binary(0, exact))
            check_sw(sw, "READ BINARY")
            return data
        data = b""
        while True:
            chunk, sw = self.transmit(apdu.read_binary(len(data), MAX_SHORT_LE))
            if sw in (StatusWord.WRONG_P1P2, StatusWord.END_OF_FILE_WARNING) and data:
                break
            check_sw(sw, "READ BINARY")
            data += chunk
            if len(chunk) < MAX_SHORT_LE or licence_data.scan_complete(data):
                break
        return data


def read_driving_licence(connection: CardConnection, pin_handler: PinHandler) -> CardReading:
    session = LicenceSession(connection)
    session.select_mf()
    pin_set = session.pin_is_set()
    tries = session.tries_left()
    if tries is not None:
        session.verify(_secret(pin_handler, tries, pin_set))
    sw = session.select_df1()
    check_sw(sw, "SELECT DF1")
    session.select_file(EF_MATTERS)
    return _reading(session, session.read_file())


def _secret(handler: PinHandler, tries: int, pin_set: bool) -> bytes:
    if tries == 0:
        raise PinLockedError(LOCKED_MESSAGE)
    if not pin_set:
        return DPIN  # the card itself says no PIN was set: asking the resident would only confuse
    return ask_secret(handler, KeyKind.LICENCE_PIN1, tries, LOCKED_MESSAGE).encode("ascii")


def _reading(session: LicenceSession, ef01: bytes) -> CardReading:
    records = licence_data.iter_records(ef01)
    missing = [t for t in (Ef01Tag.NAME, Ef01Tag.BIRTH_DATE, Ef01Tag.ADDRESS) if t not in records]
    if missing:
        raise MalformedDataError(
            "運転免許証の記載事項（DF1/EF01）に氏名・生年月日・住所のいずれかがありません。"
        )
    name, name_marks = licence_data.text(records[Ef01Tag.NAME], "氏名")
    address, address_marks = licence_data.text(records[Ef01Tag.ADDRESS], "住所")
    birth = licence_data.wareki_date(records[Ef01Tag.BIRTH_DATE], "生年月日")
    notes: list[str] = []
    session.select_file(EF_CHANGES)
    change = licence_data.latest_address_change(session.read_file())
    if change is not None:
        notes.append(
            f"住所は裏書（{change.changed_on.isoformat()} 変更）の最新の住所です。券面の住所: {address}"
        )
        address, address_marks = change.address, change.marks
    marks = {"name": name_marks, "address": address_marks}
    glyphs: list[GaijiGlyph] = []
    if any(marks.values()):
        session.select_file(EF_GAIJI)
        files = [session.read_file()]
        if any(m.number > licence_data.GAIJI_IN_EF03 for ms in marks.values() for m in ms):
            session.select_file(EF_GAIJI_MORE)
            files.append(session.read_file())
        bitmaps = licence_data.gaiji_bitmaps(*files)
        for field, ms in marks.items():
            glyphs += licence_data.glyphs(field, ms, bitmaps)
    expiry = records.get(Ef01Tag.EXPIRY, b"")
    extra = (("expiry", licence_data.wareki_date(expiry, "有効期間の末日").isoformat()),) if expiry else ()
    return CardReading(
        CardKind.DRIVING_LICENCE,
        name,
        address,
        birth,
        None,  # the licence holds no sex: the counter asks
        unconfirmed=tuple(Unconfirmed(f, Reason.GAIJI) for f, ms in marks.items() if ms),
        notes=tuple(notes),
        extra=extra,
        gaiji=tuple(glyphs),
    )
