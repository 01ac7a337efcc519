"""Whichever card is on the reader: detect its kind, read it, give one CardReading (issue 18).

Detection spends nothing and reads nothing personal: SELECT of the My Number 券面事項入力補助AP, then of
the licence DF1, then the free card-type EF of the 在留カード (00 B0 8A). The マイナ免許証 is a My Number
card (its licence AP holds no name, address or birth date: id-cards.md §4), so it is read as one.
"""

from __future__ import annotations

from kakanai.card import apdu, licence, residence
from kakanai.card.apdu import AID_CARD_INFO_AP, StatusWord
from kakanai.card.connection import CardConnection
from kakanai.card.errors import MatchBNotApplicableError, MissingCardNumberError, UnknownCardError
from kakanai.card.pin import KeyKind, PinHandler
from kakanai.card.reader import OpenConnection, run_on_card
from kakanai.card.reading import NAME_BOX, CardKind, CardReading
from kakanai.card.residence import NameReader, SignatureVerifier
from kakanai.card.session import read_basic_info
from kakanai.card.trace import TraceWriter

RESIDENCE_KINDS = (CardKind.RESIDENCE_CARD, CardKind.SPECIAL_PERMANENT_RESIDENT)


def detect_kind(connection: CardConnection) -> CardKind:
    _, sw = connection.transmit(apdu.select_aid(AID_CARD_INFO_AP))
    if sw == StatusWord.OK:
        return CardKind.MYNUMBER
    _, sw = connection.transmit(apdu.select_aid(licence.AID_DF1))
    if sw == StatusWord.OK:
        return CardKind.DRIVING_LICENCE
    data, sw = connection.transmit(residence.sfi_read(residence.P1_CARD_TYPE, 0, 2))
    if sw == StatusWord.OK and data[:1] == bytes([residence.TAG_CARD_TYPE]):
        return CardKind.RESIDENCE_CARD  # which of the two, and the generation, the read itself tells
    raise UnknownCardError(sw=sw)


def ocr_name_reader(image: bytes, card_face: bool) -> tuple[str, float]:
    """The default NameReader: tesseract over the name box of a card face, or the whole name image."""
    from kakanai.card import ocr

    result = ocr.read_name(ocr.open_image(image), NAME_BOX if card_face else None)
    return result.text, result.confidence


def read_any(
    connection: CardConnection,
    pin_handler: PinHandler,
    *,
    kind: CardKind | None = None,
    card_number: str | None = None,
    key_kind: KeyKind = KeyKind.PIN,
    name_reader: NameReader | None = ocr_name_reader,
    verify_signature: SignatureVerifier | None = None,
) -> CardReading:
    """`kind` None: detect it. A 在留カード needs `card_number` (MissingCardNumberError before any auth)."""
    detected = kind is None
    if kind is None:
        kind = detect_kind(connection)
    if kind is CardKind.MYNUMBER:
        info = read_basic_info(connection, pin_handler, kind=key_kind, ap_selected=detected)
        return CardReading.from_basic_info(info)
    if key_kind is KeyKind.MATCH_B:  # detection told the kind; a 在留カード's two kinds only its read tells
        raise MatchBNotApplicableError("在留カード・特別永住者証明書" if kind in RESIDENCE_KINDS else kind.label)
    if kind is CardKind.DRIVING_LICENCE:
        return licence.read_driving_licence(connection, pin_handler)
    if not card_number:
        raise MissingCardNumberError()
    return residence.read_residence_card(
        connection, card_number, name_reader=name_reader, verify_signature=verify_signature
    )


def read_any_card(
    open_connection: OpenConnection,
    pin_handler: PinHandler,
    *,
    trace: TraceWriter | None = None,
    kind: CardKind | None = None,
    card_number: str | None = None,
    key_kind: KeyKind = KeyKind.PIN,
    name_reader: NameReader | None = ocr_name_reader,
    verify_signature: SignatureVerifier | None = None,
) -> CardReading:
    """read_any on a fresh connection that is always closed (as reader.read_card)."""

    def read(connection: CardConnection) -> CardReading:
        return read_any(
            connection,
            pin_handler,
            kind=kind,
            card_number=card_number,
            key_kind=key_kind,
            name_reader=name_reader,
            verify_signature=verify_signature,
        )

    return run_on_card(open_connection, read, trace=trace)
