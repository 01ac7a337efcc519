"""kakanai.forms as the counter's DocumentRenderer: the forms with their official layouts and the guidance
sheet, one document at a time, never stopping the reception.

Forms are written one by one (forms/*.yaml): a form the plan needs with no definition yet (or a broken
one) is drawn by the fallback for that document only, with a log entry. A character the forms' font lacks
or a text too long for its box leaves that document out and is reported as a DocumentProblem naming the
form and the field, in Japanese, for the clerk to fix. Which documents a plan prints is
kakanai.forms.documents' (the same grouping as `kakanai render`).

The forms never import the rules (the layers contract): what they need of the rule book comes in as
`BookData`, composed by kakanai.app.forms_adapter."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date

from kakanai.forms.bindings import MunicipalityInfo
from kakanai.forms.definition import FormDefinitionError
from kakanai.forms.documents import plan_documents
from kakanai.forms.errors import FormError, GlyphMissingError, TextOverflowError
from kakanai.forms.fonts import FontRole, load_font
from kakanai.forms.guidance import render_guidance
from kakanai.forms.library import FormLibrary
from kakanai.forms.render import render_document
from kakanai.forms.watermark import watermark_pdf
from kakanai.model import Plan, PlannedProcedure, Reception
from kakanai.model.characters import GlyphProblem, find_glyph_problems, shown_char
from kakanai.model.documents import GUIDANCE_SHEET, Document, DocumentProblem, FallbackForms, RenderResult
from kakanai.model.i18n import ResidentTexts

log = logging.getLogger(__name__)

GUIDANCE_TITLE = "窓口案内シート"


@dataclass(frozen=True)
class BookData:
    """What the documents need of the rule book, as plain values and look-ups."""

    municipality: MunicipalityInfo
    large_print: Callable[[date], bool]  # the municipality's large-print guidance sheet, on a day
    texts: Callable[[str], ResidentTexts]  # the guidance sheet's texts in a language (BCP 47)
    reception_code: Callable[[str], str]  # the continuation code of a reception id (kakanai.qr.codes)
    input_label: Callable[[str], str]  # an input's label as the forms declare it (「本籍」 for honseki)


class CounterRenderer:
    name = "様式（kakanai.forms）"

    def __init__(self, book: BookData, library: FormLibrary, *, fallback: FallbackForms | None = None,
                 counter_name: Callable[[], str] = lambda: "", watermark: str = "") -> None:
        self.book = book
        self.library = library
        self.fallback = fallback
        self.watermark = watermark  # across every page of every document (「研修」 in demo mode), or none
        self._counter_name = counter_name
        self._lock = threading.Lock()
        self._reported: set[str] = set()  # form ids already logged as missing (once per process)

    def missing_glyphs(self, text: str) -> frozenset[str]:
        """Characters of `text` IPAmj明朝 (the font of every value on the forms) has no glyph for."""
        return frozenset(load_font(FontRole.DATA).missing(text))

    def warm_up(self) -> None:
        """Load the fonts and the form definitions, so that the first preview does not pay for them."""
        for role in FontRole:
            load_font(role)
        for form_id in self.library.ids():
            with suppress(FormDefinitionError, OSError, ValueError):  # told when a plan needs it (render)
                self.library.get(form_id)

    def _report(self, form_id: str, text: str) -> None:
        with self._lock:
            if form_id in self._reported:
                return
            self._reported.add(form_id)
        log.warning("%s", text)

    def render(self, reception: Reception, plan: Plan,
               on_document: Callable[[Document], None] | None = None) -> RenderResult:
        today = reception.effective_visit_date
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
                problems.extend(p for p in self._problems_with(reception, exc.char) if p not in problems)
            elif isinstance(exc, TextOverflowError):
                errors.append(DocumentProblem(
                    key, title, exc.field, f"「{title}」の「{exc.field}」: 文字が欄に収まりません（{len(exc.text)}文字）。"
                    "入力画面で短く（略記などに）してください", None, person))
            else:
                errors.append(DocumentProblem(key, title, "", f"「{title}」を作成できません（{exc}）", None, person))

        for planned in plan_documents(self.library, reception, plan):
            proc = planned.procedure
            if planned.form is None:
                self._report(planned.form_id, f"form {planned.form_id}: no usable definition ({planned.problem}); "
                             "the simple form is printed")
                self._fallback_form(reception, proc, planned.form_id, add)
                continue
            title = planned.form.title or proc.title
            if planned.person is not None:
                title = f"{title}（{names.get(planned.person.id, '')}）"
            try:
                doc = render_document(planned, reception, self.book.municipality, today)
            except FormError as exc:
                log.info("form %s not printed: %s", planned.form_id, exc)
                failed(exc, planned.form_id, title, planned.person.id if planned.person else None)
                continue
            except Exception:  # a definition being written may still be wrong: never stop the counter
                log.exception("form %s failed; the simple form is printed", planned.form_id)
                self._fallback_form(reception, proc, planned.form_id, add)
                continue
            add(Document(planned.form_id, title, doc.pdf, doc.person, blanks=doc.blank_inputs), proc.title)
        try:
            sheet = render_guidance(reception, plan, self.book.municipality.name, today,
                                    large_print=self.book.large_print(today), counter_name=self._counter_name(),
                                    texts=self.book.texts(reception.language),
                                    reception_code=self.book.reception_code(reception.id) if reception.id else "")
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

    def _problems_with(self, reception: Reception, char: str) -> tuple[GlyphProblem, ...]:
        """The reception's fields holding `char` (to offer the standard form on the inputs step)."""
        return find_glyph_problems(reception, lambda text: frozenset({char}) if char in text else frozenset(),
                                   self.book.input_label)
