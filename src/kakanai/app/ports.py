"""The types of card, qr, rules and store that the screens name, handed to kakanai.ui through app (the
composition root): the ui imports only kakanai.app and kakanai.model (an import-linter contract)."""

from kakanai.card import (
    BasicInfo,
    BlockingPinPrompt,
    CardError,
    ErrorCode,
    KeyKind,
    PinAnswer,
    PinRequest,
    match_b_secret,
)
from kakanai.card.polling import CardReaderPort, ReaderState, SimulatedCardReader, read_member_card
from kakanai.qr import PartProgress, QrError, WedgeBuffer, guidance_reception_id, reception_code
from kakanai.rules.facts import FactDef
from kakanai.store.counter_recorder import SignedIn, SignInError, StoreRecorder
from kakanai.store.recorders import RecordContext, RecordError

__all__ = [
    "BasicInfo",
    "BlockingPinPrompt",
    "CardError",
    "CardReaderPort",
    "ErrorCode",
    "FactDef",
    "KeyKind",
    "PartProgress",
    "PinAnswer",
    "PinRequest",
    "QrError",
    "ReaderState",
    "RecordContext",
    "RecordError",
    "SignInError",
    "SignedIn",
    "SimulatedCardReader",
    "StoreRecorder",
    "WedgeBuffer",
    "guidance_reception_id",
    "match_b_secret",
    "read_member_card",
    "reception_code",
]
