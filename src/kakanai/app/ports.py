"""The types of card, qr, rules and store that the screens name, handed to kakanai.ui through app (the
composition root): the ui imports only kakanai.app and kakanai.model (an import-linter contract)."""

from kakanai.card import (
    BasicInfo,
    BlockingPinPrompt,
    CancelledError,
    CardError,
    ErrorCode,
    KeyKind,
    PinAnswer,
    PinRequest,
    match_b_secret,
)
from kakanai.card.polling import CardReaderPort, ReaderState, SimulatedCardReader
from kakanai.card.simulator import CardProfile
from kakanai.qr import PartProgress, QrError, WedgeBuffer, guidance_reception_id, reception_code
from kakanai.rules.facts import FactDef
from kakanai.rules.municipality_edit import (
    MunicipalityEditError,
    MunicipalityEditor,
    ParamKind,
    ParamRow,
    SavedParameters,
)
from kakanai.rules.municipality_offices import (
    MAIN_ACCEPTS_ALL,
    OfficeKind,
    OfficeRow,
    check_new_office,
    check_removable,
)
from kakanai.store.counter_recorder import SignedIn, SignInError, StoreRecorder
from kakanai.store.recorders import RecordContext, RecordError

__all__ = [
    "MAIN_ACCEPTS_ALL",
    "BasicInfo",
    "BlockingPinPrompt",
    "CancelledError",
    "CardError",
    "CardProfile",
    "CardReaderPort",
    "ErrorCode",
    "FactDef",
    "KeyKind",
    "MunicipalityEditError",
    "MunicipalityEditor",
    "OfficeKind",
    "OfficeRow",
    "ParamKind",
    "ParamRow",
    "PartProgress",
    "PinAnswer",
    "PinRequest",
    "QrError",
    "ReaderState",
    "RecordContext",
    "RecordError",
    "SavedParameters",
    "SignInError",
    "SignedIn",
    "SimulatedCardReader",
    "StoreRecorder",
    "WedgeBuffer",
    "check_new_office",
    "check_removable",
    "guidance_reception_id",
    "match_b_secret",
    "reception_code",
]
