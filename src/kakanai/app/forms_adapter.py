"""kakanai.forms as the counter's DocumentRenderer, composed with the rule book (the forms never import the
rules): the renderer itself is kakanai.forms.counter.

    renderer = forms_renderer(book, fallback=QtFallbackRenderer())
    result = renderer.render(reception, plan, on_document=show)   # on a worker thread

kakanai.forms (ReportLab, ~0.5 s to import, IPAmj明朝 ~0.1 s to load) is imported on first use, not at
start-up; `warm_up()` does it ahead of time on a worker thread.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kakanai.model import Plan, Reception
from kakanai.model.documents import Document, DocumentRenderer, FallbackForms, RenderResult
from kakanai.model.input_values import PHONE_KIND
from kakanai.paths import font_file
from kakanai.qr.codes import reception_code
from kakanai.rules import RuleBook, load_rulebook
from kakanai.rules.resident_texts import resident_texts

if TYPE_CHECKING:
    from kakanai.forms import MunicipalityInfo
    from kakanai.forms.counter import BookData, CounterRenderer
    from kakanai.forms.inputs import AskedInput as AskedInput  # re-exported: kakanai.ui imports only app

log = logging.getLogger(__name__)

TRAINING_MARK = "研修"  # across every page printed in demo and training mode (issue 17)
FONT_FILES = ("ipamjm.ttf", "ipaexg.ttf")  # kakanai.forms.fonts: IPAmj明朝 (values), IPAexゴシック (labels)


def _no_counter() -> str:
    return ""


class FormsRenderer:
    """kakanai.forms.counter.CounterRenderer for this rule book, built (and kakanai.forms imported) on first use."""

    name = "様式（kakanai.forms）"

    def __init__(self, book: RuleBook, *, fallback: FallbackForms | None = None,
                 counter_name: Callable[[], str] = _no_counter, folder: Path | None = None,
                 watermark: str = "") -> None:
        self.book = book
        self._args = (fallback, counter_name, folder, watermark)
        self._lock = threading.Lock()
        self._renderer: CounterRenderer | None = None

    def _built(self) -> CounterRenderer:
        with self._lock:
            if self._renderer is None:
                from kakanai.forms.counter import CounterRenderer
                from kakanai.forms.library import form_library

                fallback, counter_name, folder, watermark = self._args
                self._renderer = CounterRenderer(book_data(self.book), form_library(folder), fallback=fallback,
                                                 counter_name=counter_name, watermark=watermark)
            return self._renderer

    def missing_glyphs(self, text: str) -> frozenset[str]:
        return self._built().missing_glyphs(text)

    def warm_up(self) -> None:
        """Import kakanai.forms, load the fonts and the form definitions (a worker thread at start-up)."""
        self._built().warm_up()

    def render(self, reception: Reception, plan: Plan,
               on_document: Callable[[Document], None] | None = None) -> RenderResult:
        return self._built().render(reception, plan, on_document)


def book_data(book: RuleBook) -> BookData:
    """What the forms need of the rule book (kakanai.forms.counter.BookData)."""
    from kakanai.forms.counter import BookData

    return BookData(municipality_info(book), lambda day: large_print_default(book, day),
                    lambda language: resident_texts(book, language), reception_code, input_label)


def asked_inputs(reception: Reception, plan: Plan, folder: Path | None = None) -> tuple[AskedInput, ...]:
    """What the counter asks before printing: exactly the inputs of the forms this plan prints
    (kakanai.forms.inputs); nothing when kakanai.forms cannot run here (the simple forms ask nothing)."""
    if not forms_available():
        return ()
    from kakanai.forms.inputs import inputs_to_ask
    from kakanai.forms.library import form_library

    return inputs_to_ask(form_library(folder), reception, plan)


def phone_input(reception: Reception, plan: Plan | None, folder: Path | None = None) -> str | None:
    """The id of the resident's phone number to ask now: the one the forms planned so far print (None when
    they print none); while nothing is planned yet (the deceased or the newborn still to be chosen), the one
    the forms declare, as every form's 申請者 block prints it. None when kakanai.forms cannot run here."""
    if not forms_available():
        return None
    from kakanai.forms.inputs import declared_inputs
    from kakanai.forms.library import form_library

    asked = asked_inputs(reception, plan, folder) if plan is not None else ()
    if asked:
        return next((a.id for a in asked if a.kind == PHONE_KIND), None)
    declared = declared_inputs(form_library(folder), PHONE_KIND)
    return declared[0] if len(declared) == 1 else None


def input_label(input_id: str, folder: Path | None = None) -> str:
    """The label the forms give an input (「本籍」 for honseki), for messages; the id when none declares it."""
    if not forms_available():
        return input_id
    from kakanai.forms.inputs import input_labels
    from kakanai.forms.library import form_library

    return input_labels(form_library(folder)).get(input_id, input_id)


def forms_available() -> bool:
    """ReportLab installed and both fonts of the forms present (bundled or the system's)."""
    if importlib.util.find_spec("reportlab") is None:
        return False
    return all(font_file(name).is_file() for name in FONT_FILES)


def forms_renderer(book: RuleBook | None = None, *, fallback: FallbackForms | None = None,
                   counter_name: Callable[[], str] = _no_counter,
                   folder: Path | None = None, watermark: str = "") -> DocumentRenderer | None:
    """The kakanai.forms renderer, or None when kakanai.forms cannot run here (the UI then draws every
    document with its simple renderer). Imports nothing heavy: see FormsRenderer.warm_up."""
    if not forms_available():
        log.warning("kakanai.forms cannot run here (no reportlab or no IPAmj明朝/IPAexゴシック): simple forms are printed")
        return None
    return FormsRenderer(book or load_rulebook(), fallback=fallback, counter_name=counter_name, folder=folder,
                         watermark=watermark)


def municipality_info(book: RuleBook) -> MunicipalityInfo:
    from kakanai.forms import MunicipalityInfo

    m = book.municipality
    return MunicipalityInfo(m.name, m.mayor_title, m.prefecture)


def large_print_default(book: RuleBook, day: date) -> bool:
    return bool(book.municipality.params_on(day).get("large_print_guidance"))
