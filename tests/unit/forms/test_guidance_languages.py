"""Issue 19, done-when: every shipped language renders the guidance sheet of the sample 4-person 転入 and of
an おくやみ with no missing glyph (the PDF's text extracts back to the catalog's text, 𠮷 beyond U+FFFF
included) and no untranslated entry; the Japanese of every item is printed beside it."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from kakanai.forms.check import pdf_text
from kakanai.forms.guidance import render_guidance
from kakanai.model import Plan, Reception, reception_from_dict
from kakanai.model.i18n import SHIPPED, SOURCE, ResidentTexts, Text
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook
from kakanai.rules.resident_texts import resident_texts

SAMPLES = ("moving_in_family.json", "qr/death.json")


def _squeezed(text: str, footers: tuple[str, ...] = ()) -> str:
    """Without the line breaks and spaces the wrapping adds or removes, and without the page footers (an item
    may continue on the next page)."""
    squeezed = re.sub(r"\s+", "", text)
    for footer in footers:
        squeezed = squeezed.replace(re.sub(r"\s+", "", footer), "")
    return squeezed


def _footers(texts: ResidentTexts) -> tuple[str, ...]:
    label = texts.program("{page}ページ").text
    return tuple(f"見本市 窓口案内シート（受付ID -）　{label.format(page=n)}" for n in range(20, 0, -1))


def _sheet_texts(texts: ResidentTexts, plan: Plan) -> list[Text]:
    out: list[Text] = [texts.event(plan.event)]
    for p in plan.procedures:
        out += [texts.title(p), texts.reason(p), *texts.bring(p), *texts.department(p)]
        if p.deadline_note:
            out.append(texts.deadline(p))
    return out


def _render(name: str, language: str) -> tuple[str, Reception, Plan, ResidentTexts]:
    book = load_rulebook()
    reception = reception_from_dict(json.loads((examples_dir() / name).read_text(encoding="utf-8")))
    plan = book.plan(reception)
    texts = resident_texts(book, language)
    doc = render_guidance(reception, plan, "見本市", date(2026, 4, 10), texts=texts)
    return pdf_text(doc.pdf), reception, plan, texts


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("language", SHIPPED)
def test_the_sheet_prints_every_entry_in_the_language_and_reads_back(language: str, sample: str) -> None:
    text, reception, plan, texts = _render(sample, language)
    printed = _squeezed(text, _footers(texts))
    entries = _sheet_texts(texts, plan)
    assert len(entries) >= 40
    untranslated = [t.source for t in entries if t.source and t.language != language]
    assert untranslated == []
    for entry in entries:
        assert _squeezed(entry.text) in printed, entry.text
        if language != SOURCE:
            assert _squeezed(entry.source) in printed, entry.source  # the Japanese beside it
    for member in reception.members:
        assert _squeezed(member.name) in printed  # 𠮷 (U+20BB7) extracts back through the ToUnicode fix
    assert "※" not in text


def test_a_missing_translation_is_marked_and_explained() -> None:
    book = load_rulebook()
    reception = reception_from_dict(json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8")))
    plan = book.plan(reception)
    first = plan.procedures[0]
    edited = Plan(**{**plan.__dict__, "procedures": (first.__class__(**{**first.__dict__, "title": "新しい手続"}),
                                                      *plan.procedures[1:])})
    doc = render_guidance(reception, edited, "見本市", date(2026, 4, 10), texts=resident_texts(book, "en"))
    text = _squeezed(pdf_text(doc.pdf))
    assert "※新しい手続" in text
    assert text.count("※") == 3  # the item, and the note's two lines (the resident's and the Japanese)
    assert _squeezed("Items marked ※ are not yet translated into this language and are shown in easy Japanese "
                     "or Japanese.") in text


def test_a_name_of_three_parts_translates_its_reasons() -> None:
    """「グエン　ヴァン　アン」: the reasons name him 「世帯主 ヴァン　アンさん（32歳）」, a given name holding a
    U+3000; they were left in Japanese on a Vietnamese sheet (the person pattern stopped at the space)."""
    book = load_rulebook()
    data = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    data["members"][0] = {**data["members"][0], "name": "グエン　ヴァン　アン", "name_kana": "グエン　ヴァン　アン"}
    reception = reception_from_dict(data)
    plan = book.plan(reception)
    texts = resident_texts(book, "vi")
    reasons = [texts.reason(p) for p in plan.procedures]
    assert any("ヴァン　アン" in t.source for t in reasons)
    assert [t.source for t in reasons if t.language != "vi"] == []
