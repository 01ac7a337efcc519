"""My Number card: the basic 4 information over any CardConnection (pyscard only in kakanai.card.pcsc).

from kakanai.card import read_card, StaticPin
from kakanai.card.pcsc import connect
info = read_card(lambda: connect("Virtual PCD 00 00"), StaticPin(pin))
"""

from kakanai.card.basicinfo import BasicInfo, parse_basic_info
from kakanai.card.connection import CardConnection
from kakanai.card.errors import (
    CancelledError,
    CardError,
    CardRemovedError,
    ErrorCode,
    InvalidPinFormatError,
    LastTryNeedsConfirmationError,
    MalformedDataError,
    NoCardError,
    NoReaderError,
    NotMyNumberCardError,
    PinLockedError,
    SeveralCardsError,
    WrongPinError,
)
from kakanai.card.pin import (
    BlockingPinPrompt,
    CallbackPinHandler,
    KeyKind,
    PinAnswer,
    PinHandler,
    PinRequest,
    StaticPin,
    match_b_secret,
)
from kakanai.card.reader import read_card, start_read
from kakanai.card.session import MyNumberCardSession, read_basic_info

__all__ = [
    "BasicInfo",
    "BlockingPinPrompt",
    "CallbackPinHandler",
    "CancelledError",
    "CardConnection",
    "CardError",
    "CardRemovedError",
    "ErrorCode",
    "InvalidPinFormatError",
    "KeyKind",
    "LastTryNeedsConfirmationError",
    "MalformedDataError",
    "MyNumberCardSession",
    "NoCardError",
    "NoReaderError",
    "NotMyNumberCardError",
    "PinAnswer",
    "PinHandler",
    "PinLockedError",
    "PinRequest",
    "SeveralCardsError",
    "StaticPin",
    "WrongPinError",
    "match_b_secret",
    "parse_basic_info",
    "read_basic_info",
    "read_card",
    "start_read",
]
