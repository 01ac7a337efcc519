"""The texts a counter's scanner can meet, in one place (issue 15): a resident's pre-entry code
(``KKN1:`` parts, docs/qr-format.md, kakanai.qr.frame) and a guidance sheet's reception code (北見's
"continue from the barcode": another counter or department scans it and opens the same reception from
the shared database).

The reception code is ``KKR1:<reception id>``; the id is a UUID made by the counter when the reception
began. A keyboard-wedge scanner may deliver it in upper or lower case, with the trailing Enter, so both
are accepted; nothing else is taken for a reception code.
"""

from __future__ import annotations

import re

RECEPTION_CODE_PREFIX = "KKR1:"
_CODE = re.compile(re.escape(RECEPTION_CODE_PREFIX)
                   + r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", re.IGNORECASE)


def reception_code(reception_id: str) -> str:
    """The text of a guidance sheet's code for this reception."""
    return f"{RECEPTION_CODE_PREFIX}{reception_id}"


def guidance_reception_id(text: str) -> str | None:
    """The reception id of a scanned guidance-sheet code, or None for any other text."""
    m = _CODE.fullmatch(text.strip())
    return m[1].lower() if m is not None else None

