"""The guidance sheet's reception code (北見's "continue from the barcode"): another counter or department
scans it and opens the same reception from the shared database.

The symbol carries ``KKR1:<reception id>`` (kakanai.forms.guidance); the id is a UUID made by the counter
when the reception began. A keyboard-wedge scanner may deliver it in upper or lower case, with the
trailing Enter, so both are accepted; nothing else is taken for a reception code.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"KKR1:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", re.IGNORECASE)


def guidance_reception_id(text: str) -> str | None:
    """The reception id of a scanned guidance-sheet code, or None for any other text."""
    m = _CODE.fullmatch(text.strip())
    return m[1].lower() if m is not None else None
