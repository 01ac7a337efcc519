"""QR intake: the pre-entry code format (docs/qr-format.md), reading it from images, a camera or a scanner.

The only user of qrcode, zxing-cpp and OpenCV. Imports kakanai.model (and may use kakanai.paths), never
kakanai.rules: the rule catalog's check of fact ids and values is passed in as `validate`.

This module imports no OpenCV: `kakanai.qr.image` and `kakanai.qr.camera` do, and are imported where
images are handled, so the scanner path stays light.
"""

from kakanai.qr.codes import RECEPTION_CODE_PREFIX, guidance_reception_id, reception_code
from kakanai.qr.errors import QrEncodeError, QrError, QrErrorCode
from kakanai.qr.frame import MAX_PARTS, PREFIX, SCHEMA_VERSION, Part, parse_part
from kakanai.qr.intake import Intake, IntakeResult
from kakanai.qr.payload import (
    DEFAULT_MAX_VERSION,
    EncodedPreEntry,
    PartProgress,
    Validator,
    decode_parts,
    decode_texts,
    encode_reception,
    version_for,
)
from kakanai.qr.wedge import WedgeBuffer, WedgeSettings

__all__ = [
    "DEFAULT_MAX_VERSION",
    "MAX_PARTS",
    "PREFIX",
    "RECEPTION_CODE_PREFIX",
    "SCHEMA_VERSION",
    "EncodedPreEntry",
    "Intake",
    "IntakeResult",
    "Part",
    "PartProgress",
    "QrEncodeError",
    "QrError",
    "QrErrorCode",
    "Validator",
    "WedgeBuffer",
    "WedgeSettings",
    "decode_parts",
    "decode_texts",
    "encode_reception",
    "guidance_reception_id",
    "parse_part",
    "reception_code",
    "version_for",
]
