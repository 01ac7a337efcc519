"""The printed output of a reception: every form of the plan and the guidance sheet, as PDF bytes.

`DocumentRenderer` is what the counter needs from kakanai.forms: one call per reception, returning
the documents in print order and the characters the forms' font lacks. Until kakanai.forms is
available the Qt layer supplies a simple renderer of its own (kakanai.ui.fallback_render).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from kakanai.app.characters import GlyphChecker, GlyphProblem
from kakanai.model import Plan, Reception

GUIDANCE_SHEET = "guidance_sheet"


@dataclass(frozen=True)
class Document:
    key: str  # form id, or GUIDANCE_SHEET
    title: str  # shown in the preview list and used as the print job's name
    pdf: bytes = field(repr=False)
    person: str | None = None  # member id for a per-person form

    @property
    def size(self) -> int:
        return len(self.pdf)


@dataclass(frozen=True)
class RenderResult:
    documents: tuple[Document, ...]
    problems: tuple[GlyphProblem, ...] = ()
    renderer: str = ""  # which renderer made them (recorded with the print)


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


def checker_of(renderer: DocumentRenderer) -> GlyphChecker:
    return renderer.missing_glyphs
