"""kakanai.forms as the counter's DocumentRenderer: the forms with their official layouts (ReportLab) and
the guidance sheet.

    renderer = forms_renderer(book, fallback=QtFallbackRenderer())
    result = renderer.render(reception, plan, on_document=show)   # on a worker thread

Forms are written one by one (forms/*.yaml): a form the plan needs with no definition yet (or a broken
one) is drawn by the fallback for that document only, with a log entry, and never stops the reception.
A character the forms' font lacks or a text too long for its box leaves that document out and is
reported as a DocumentProblem naming the form and the field, in Japanese, for the clerk to fix.

kakanai.forms (ReportLab, ~0.5 s to import, IPAmj明朝 ~0.1 s to load) is imported on first use, not at
start-up; `warm_up()` does it ahead of time on a worker thread.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kakanai.model import Plan, PlannedProcedure, Reception
from kakanai.model.characters import GlyphProblem, find_glyph_problems, shown_char
from kakanai.model.documents import (
    GUIDANCE_SHEET,
    Document,
    DocumentProblem,
    DocumentRenderer,
    FallbackForms,
    RenderResult,
)
from kakanai.paths import font_file, forms_dir
from kakanai.qr.codes import reception_code
from kakanai.rules import RuleBook, load_rulebook

if TYPE_CHECKING:
    from kakanai.forms import FormDefinition, FormLibrary, MunicipalityInfo
    from kakanai.forms.inputs import AskedInput as AskedInput  # re-exported: kakanai.ui imports only app

log = logging.getLogger(__name__)

GUIDANCE_TITLE = "窓口案内シート"
TRAINING_MARK = "研修"  # across every page printed in demo and training mode (issue 17)
FONT_FILES = ("ipamjm.ttf", "ipaexg.ttf")  # kakanai.forms.fonts: IPAmj明朝 (values), IPAexゴシック (labels)


def _no_counter() -> str:
    return ""


class FormsRenderer:
    name = "様式（kakanai.forms）"

    def __init__(self, book: RuleBook, *, fallback: FallbackForms | None = None,
                 counter_name: Callable[[], str] = _no_counter, folder: Path | None = None,
                 watermark: str = "") -> None:
        self.book = book
        self.watermark = watermark  # across every page of every document (「研修」 in demo mode), or none
        self.fallback = fallback
        self._counter_name = counter_name
        self._folder = folder
        self._lock = threading.Lock()
        self._reported: set[str] = set()  # form ids already logged as missing (once per process)

    # -- the font ------------------------------------------------------------------------------------
    def missing_glyphs(self, text: str) -> frozenset[str]:
        """Characters of `text` IPAmj明朝 (the font of every value on the forms) has no glyph for."""
        from kakanai.forms.fonts import FontRole, load_font

        return frozenset(load_font(FontRole.DATA).missing(text))

    def warm_up(self) -> None:
        """Import kakanai.forms, load the fonts and the form definitions (a worker thread at start-up), so
        that the first preview does not pay for them."""
        from kakanai.forms.fonts import FontRole, load_font

        for role in FontRole:
            load_font(role)
        library = self._library()
        for form_id in library.ids():
            self._definition(library, form_id, quiet=True)

    # -- documents -------------------------------------------------------------------------------------
    def _library(self) -> FormLibrary:

        return form_library(self._folder)

    def _definition(self, library: FormLibrary, form_id: str, *, quiet: bool = False) -> FormDefinition | None:
        from kakanai.forms import FormDefinitionError

        try:
            return library.get(form_id)
        except FormDefinitionError as exc:
            self._report(form_id, f"form {form_id}: no usable definition ({exc}); the simple form is printed",
                         quiet=quiet)
        except (OSError, ValueError) as exc:
            self._report(form_id, f"form {form_id}: cannot load ({exc}); the simple form is printed", quiet=quiet)
        return None

    def _report(self, form_id: str, text: str, *, quiet: bool) -> None:
        with self._lock:
            if form_id in self._reported or quiet:
                return
            self._reported.add(form_id)
        log.warning("%s", text)

    def render(self, reception: Reception, plan: Plan,
               on_document: Callable[[Document], None] | None = None) -> RenderResult:
        from kakanai.forms import FormError, GlyphMissingError, TextOverflowError
        from kakanai.forms.documents import plan_documents
        from kakanai.forms.guidance import render_guidance
        from kakanai.forms.render import render_document
        from kakanai.forms.watermark import watermark_pdf
        from kakanai.rules.resident_texts import resident_texts

        library = self._library()
        today = reception.effective_visit_date
        municipality = municipality_info(self.book)
        names = {m.id: m.name for m in reception.members}
        documents: list[Document] = []
        errors: list[DocumentProblem] = []
        problems: list[GlyphProblem] = []
        titles: set[str] = set()

        def add(doc: Document, procedure_title: str = "") -> None:
            if self.watermark:
                doc = replace(doc, pdf=watermark_pdf(doc.pdf, self.watermark))
            title = doc.title
            if title in titles and procedure_title:
                title = f"{title}・{procedure_title}"
            n = 2
            while title in titles:
                title, n = f"{doc.title}（{n}）", n + 1
            titles.add(title)
            doc = replace(doc, title=title)
            documents.append(doc)
            if on_document is not None:
                on_document(doc)

        def failed(exc: FormError, key: str, title: str, person: str | None) -> None:
            if isinstance(exc, GlyphMissingError):
                shown = shown_char(exc.text, exc.char)
                code = " ".join(f"U+{ord(c):04X}" for c in shown)
                errors.append(DocumentProblem(
                    key, title, exc.field, f"「{title}」の「{exc.field}」: 文字「{shown}」（{code}）は印刷用の字体に"
                    "ありません。入力画面で標準の字形を選ぶか、印刷後に手書きで補ってください", exc.char, person))
                problems.extend(p for p in _problems_with(reception, exc.char) if p not in problems)
            elif isinstance(exc, TextOverflowError):
                errors.append(DocumentProblem(
                    key, title, exc.field, f"「{title}」の「{exc.field}」: 文字が欄に収まりません（{len(exc.text)}文字）。"
                    "入力画面で短く（略記などに）してください", None, person))
            else:
                errors.append(DocumentProblem(key, title, "", f"「{title}」を作成できません（{exc}）", None, person))

        for planned in plan_documents(library, reception, plan):
            proc = planned.procedure
            if planned.form is None:
                self._report(planned.form_id, f"form {planned.form_id}: no usable definition ({planned.problem}); "
                             "the simple form is printed", quiet=False)
                self._fallback_form(reception, proc, planned.form_id, add)
                continue
            definition = planned.form
            title = definition.title or proc.title
            if planned.person is not None:
                title = f"{title}（{names.get(planned.person.id, '')}）"
            try:
                doc = render_document(planned, reception, municipality, today)
            except FormError as exc:
                log.info("form %s not printed: %s", planned.form_id, exc)
                failed(exc, planned.form_id, title, planned.person.id if planned.person else None)
                continue
            except Exception:  # a definition being written may still be wrong: never stop the counter
                log.exception("form %s failed; the simple form is printed", planned.form_id)
                self._fallback_form(reception, proc, planned.form_id, add)
                continue
            add(Document(planned.form_id, title, doc.pdf, doc.person), proc.title)
        try:
            sheet = render_guidance(reception, plan, municipality.name, today,
                                    large_print=large_print_default(self.book, today),
                                    counter_name=self._counter_name(),
                                    texts=resident_texts(self.book, reception.language),
                                    reception_code=reception_code(reception.id) if reception.id else "")
        except FormError as exc:
            failed(exc, GUIDANCE_SHEET, GUIDANCE_TITLE, None)
        except Exception:
            log.exception("the guidance sheet failed; the simple one is printed")
            if self.fallback is not None:
                add(replace(self.fallback.render_guidance(reception, plan), fallback=True))
        else:
            add(Document(GUIDANCE_SHEET, GUIDANCE_TITLE, sheet.pdf))
        return RenderResult(tuple(documents), tuple(problems), self.name, tuple(errors))

    def _fallback_form(self, reception: Reception, proc: PlannedProcedure, form_id: str,
                       add: Callable[[Document, str], None]) -> None:
        if self.fallback is None:
            return
        add(replace(self.fallback.render_form(reception, proc, form_id), fallback=True), proc.title)


def _problems_with(reception: Reception, char: str) -> tuple[GlyphProblem, ...]:
    """The reception's fields holding `char` (to offer the standard form on the inputs step)."""
    return find_glyph_problems(reception, lambda text: frozenset({char}) if char in text else frozenset(),
                               input_label)


def asked_inputs(reception: Reception, plan: Plan, folder: Path | None = None) -> tuple[AskedInput, ...]:
    """What the counter asks before printing: exactly the inputs of the forms this plan prints
    (kakanai.forms.inputs); nothing when kakanai.forms cannot run here (the simple forms ask nothing)."""
    if not forms_available():
        return ()
    from kakanai.forms.inputs import inputs_to_ask

    return inputs_to_ask(form_library(folder), reception, plan)


def input_label(input_id: str, folder: Path | None = None) -> str:
    """The label the forms give an input (「本籍」 for honseki), for messages; the id when none declares it."""
    if not forms_available():
        return input_id
    from kakanai.forms.inputs import input_labels

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


_LIBRARIES: dict[Path, FormLibrary] = {}


def form_library(folder: Path | None = None) -> FormLibrary:
    """The form definitions of a folder (default forms/), loaded once per process."""
    from kakanai.forms import FormLibrary

    folder = folder or forms_dir()
    if folder not in _LIBRARIES:
        _LIBRARIES[folder] = FormLibrary(folder)
    return _LIBRARIES[folder]


def municipality_info(book: RuleBook) -> MunicipalityInfo:
    from kakanai.forms import MunicipalityInfo

    m = book.municipality
    return MunicipalityInfo(m.name, m.mayor_title, m.prefecture)


def large_print_default(book: RuleBook, day: date) -> bool:
    return bool(book.municipality.params_on(day).get("large_print_guidance"))
