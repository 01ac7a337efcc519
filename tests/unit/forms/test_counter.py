"""The counter's renderer on the forms' side alone (kakanai.forms.counter): what it needs of the rule book
comes in as BookData, so the forms never import the rules (the layers contract, issue 15). The composed
renderer with the real rule book is tested in tests/unit/app/test_forms_adapter.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from kakanai.forms import FormLibrary
from kakanai.forms.check import pdf_text
from kakanai.forms.counter import GUIDANCE_TITLE, BookData, CounterRenderer
from kakanai.model import Plan, PlannedProcedure, Reception
from kakanai.model.documents import GUIDANCE_SHEET, Document
from kakanai.model.i18n import ResidentTexts, load_catalog
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY


class Fallback:
    def __init__(self) -> None:
        self.forms: list[str] = []

    def render_form(self, reception: Reception, procedure: PlannedProcedure, form_id: str) -> Document:
        self.forms.append(form_id)
        return Document(form_id, procedure.title, b"%PDF-stub", procedure.person)

    def render_guidance(self, reception: Reception, plan: Plan) -> Document:
        raise AssertionError("the guidance sheet needs no fallback")


def test_the_book_data_is_all_the_renderer_asks_of_the_rules(example: Reception, tmp_path: Path) -> None:
    example = replace(example, id="R2026-0001")
    asked: list[tuple[str, object]] = []

    def large_print(day: date) -> bool:
        asked.append(("large_print", day))
        return False

    def texts(language: str) -> ResidentTexts:
        asked.append(("texts", language))
        return ResidentTexts(load_catalog(language))

    def code(reception_id: str) -> str:
        asked.append(("code", reception_id))
        return f"KKR1:{reception_id}"

    book = BookData(MUNICIPALITY, large_print, texts, code, lambda input_id: input_id)
    plan = load_rulebook().plan(example)
    fallback = Fallback()
    empty = tmp_path / "forms"
    empty.mkdir()  # no definitions: every form is the fallback's, the guidance sheet is drawn
    result = CounterRenderer(book, FormLibrary(empty), fallback=fallback,
                             counter_name=lambda: "1番窓口").render(example, plan)
    forms = [form for form, _ in plan.forms_to_print()]
    assert fallback.forms == forms
    assert [d.key for d in result.documents] == [*forms, GUIDANCE_SHEET]
    assert all(d.fallback for d in result.documents[:-1]) and not result.documents[-1].fallback
    guidance = result.documents[-1]
    assert (guidance.title, result.errors, result.renderer) == (GUIDANCE_TITLE, (), "様式（kakanai.forms）")
    assert "見本市" in pdf_text(guidance.pdf) and "1番窓口" in pdf_text(guidance.pdf)
    assert asked == [("large_print", date(2026, 4, 10)), ("texts", "ja"), ("code", "R2026-0001")]
