"""The printed output of a reception: every form of the plan and the guidance sheet, as PDF bytes.

`DocumentRenderer` is what the counter needs from kakanai.forms: one call per reception, returning
the documents in print order and the characters the forms' font lacks. kakanai.forms.counter
implements it on the official layouts (composed with the rules by kakanai.app.forms_adapter); a form with
no definition yet is drawn by a `FallbackForms` (the Qt layer's simple renderer,
kakanai.ui.fallback_render), and so is everything while kakanai.forms is not installed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from kakanai.model import Plan, PlannedProcedure, Reception
from kakanai.model.characters import GlyphProblem

GUIDANCE_SHEET = "guidance_sheet"


@dataclass(frozen=True)
class Document:
    key: str  # form id, or GUIDANCE_SHEET
    title: str  # shown in the preview list and used as the print job's name
    pdf: bytes = field(repr=False)
    person: str | None = None  # member id for a per-person form
    fallback: bool = False  # drawn by the simple renderer (the form has no definition yet)
    # The labels of the boxes printed empty for the resident to write (inputs nobody entered): the preview
    # lists them, so the clerk fills them in or shows the resident where to write, before printing.
    blanks: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.pdf)


@dataclass(frozen=True)
class DocumentProblem:
    """A document that could not be printed as it stands: a character the font lacks or text too long for
    its box. `message` is Japanese and names the form and the field; the clerk fixes it on the inputs step."""

    key: str  # form id, or GUIDANCE_SHEET
    title: str  # the form's title
    field: str  # the field as the form labels it
    message: str
    char: str | None = None  # the character the font lacks (None: the text does not fit)
    person: str | None = None


@dataclass(frozen=True)
class RenderResult:
    documents: tuple[Document, ...]
    problems: tuple[GlyphProblem, ...] = ()  # reception fields with a character the font lacks
    renderer: str = ""  # which renderer made them (recorded with the print)
    errors: tuple[DocumentProblem, ...] = ()  # documents left out, and why


class DocumentRenderer(Protocol):
    name: str

    def render(self, reception: Reception, plan: Plan,
               on_document: Callable[[Document], None] | None = None) -> RenderResult:
        """Every document in print order; `on_document` is told of each as soon as it is ready (the
        preview shows the first page while the rest are still being drawn)."""
        ...

    def missing_glyphs(self, text: str) -> frozenset[str]:
        """Characters of `text` the forms' font cannot print (a GlyphChecker)."""
        ...


class FallbackForms(Protocol):
    """Simple documents for a form with no definition yet (every value in a table, empty boxes)."""

    def render_form(self, reception: Reception, procedure: PlannedProcedure, form_id: str) -> Document:
        ...

    def render_guidance(self, reception: Reception, plan: Plan) -> Document:
        ...
