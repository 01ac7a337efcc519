"""kakanai.forms as the counter's DocumentRenderer (no Qt): the real forms where a definition exists, the
fallback (with a log entry) where none does yet, and the forms' character and overflow errors as Japanese
problems naming the field, never an exception."""

from __future__ import annotations

import io
import json
import logging
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from kakanai.app.forms_adapter import FormsRenderer, forms_renderer
from kakanai.model import Plan, PlannedProcedure, Reception, reception_from_json
from kakanai.model.documents import GUIDANCE_SHEET, Document
from kakanai.paths import examples_dir, forms_dir
from kakanai.rules import RuleBook

MOVE = "resident_move_notice"


class StubFallback:
    """Records what it is asked to draw (the Qt renderer in the application)."""

    def __init__(self) -> None:
        self.forms: list[tuple[str, str | None]] = []

    def render_form(self, reception: Reception, procedure: PlannedProcedure, form_id: str) -> Document:
        self.forms.append((form_id, procedure.person))
        return Document(form_id, procedure.title, b"%PDF-stub", procedure.person)

    def render_guidance(self, reception: Reception, plan: Plan) -> Document:
        return Document(GUIDANCE_SHEET, "窓口案内シート", b"%PDF-stub")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Only the 住民異動届 (and the shared blocks): other forms are being written as these tests run."""
    out = tmp_path / "forms"
    out.mkdir()
    shutil.copy(forms_dir() / f"{MOVE}.yaml", out)
    shutil.copytree(forms_dir() / "blocks", out / "blocks")
    return out


def family(address: str | None = None) -> Reception:
    """The example 山田 household (docs and `kakanai plan`), complete after its one open question."""
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    if address is not None:
        reception = replace(reception, household=replace(reception.household, address=address))
    return reception


def planned(book: RuleBook, reception: Reception) -> Plan:
    plan = book.plan(reception)
    assert plan.forms_to_print()
    return plan


def test_real_form_then_fallback_for_forms_not_written_yet(book: RuleBook, folder: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    fallback = StubFallback()
    renderer = FormsRenderer(book, fallback=fallback, folder=folder)
    reception = family()
    plan = planned(book, reception)
    seen: list[str] = []
    with caplog.at_level(logging.WARNING, logger="kakanai.forms.counter"):
        result = renderer.render(reception, plan, lambda doc: seen.append(doc.title))
    assert not result.errors
    first = result.documents[0]
    assert first.key == MOVE and first.title == "住民異動届" and not first.fallback
    text = pypdf.PdfReader(__import__("io").BytesIO(first.pdf)).pages[0].extract_text()
    assert "𠮷子" in text and "髙志" in text and "北５条東２丁目" in text
    assert result.documents[-1].key == GUIDANCE_SHEET and not result.documents[-1].fallback
    assert seen == [d.title for d in result.documents]  # told of each as soon as it was ready
    others = {f for f, _ in plan.forms_to_print()} - {MOVE}
    assert others and {f for f, _ in fallback.forms} == others
    assert all(d.fallback for d in result.documents if d.key in others)
    assert len({d.title for d in result.documents}) == len(result.documents)  # print jobs are told apart
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert all(f in logged for f in others)


def test_a_character_the_font_lacks_names_the_field(book: RuleBook, folder: Path) -> None:
    renderer = FormsRenderer(book, fallback=StubFallback(), folder=folder)
    reception = family()
    plan = planned(book, reception)
    # 本籍 with U+9FFF (not in IPAmj明朝): the 住民異動届 is left out, the rest is printed.
    odd = replace(reception, members=(replace(reception.members[0], form_inputs={"honseki": "北海道\u9fff市"}),
                                      *reception.members[1:]))
    result = renderer.render(odd, plan)
    assert [e.key for e in result.errors] == [MOVE]
    error = result.errors[0]
    assert error.char == "\u9fff" and error.field.startswith("本籍（")
    assert "「住民異動届」の「本籍（外国人は国籍・地域）（1行目）」" in error.message and "U+9FFF" in error.message
    assert MOVE not in {d.key for d in result.documents} and result.documents[-1].key == GUIDANCE_SHEET


def test_a_variant_selector_in_a_name_offers_the_base_character(book: RuleBook, folder: Path) -> None:
    renderer = FormsRenderer(book, fallback=StubFallback(), folder=folder)
    reception = family()
    plan = planned(book, reception)
    ivs = "葛\U000E0100"
    named = replace(reception, members=(replace(reception.members[0], name=f"{ivs}西　太郎"), *reception.members[1:]))
    assert renderer.missing_glyphs(named.members[0].name) == frozenset({"\U000E0100"})
    assert renderer.missing_glyphs("山田　𠮷子　髙志") == frozenset()  # MJ characters print
    result = renderer.render(named, plan)
    assert result.errors and all(e.char == "\U000E0100" for e in result.errors)
    assert ("p1", "name", ivs, "葛") in {(p.person, p.field, p.char, p.suggestion) for p in result.problems}


def test_text_too_long_for_its_box_names_the_field(book: RuleBook, folder: Path) -> None:
    renderer = FormsRenderer(book, fallback=StubFallback(), folder=folder)
    reception = family()
    plan = planned(book, reception)
    result = renderer.render(family(address="北海道見本市" * 40), plan)
    moved = [e for e in result.errors if e.key == MOVE]
    assert moved and moved[0].char is None and moved[0].field == "新しい住所（方書まで）"
    assert "収まりません" in moved[0].message


def test_a_broken_definition_falls_back(book: RuleBook, folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    (folder / f"{MOVE}.yaml").write_text("id: resident_move_notice\nitems: [{type: nonsense}]\n", encoding="utf-8")
    fallback = StubFallback()
    reception = family()
    with caplog.at_level(logging.WARNING, logger="kakanai.forms.counter"):
        result = FormsRenderer(book, fallback=fallback, folder=folder).render(reception, planned(book, reception))
    assert result.documents[0].key == MOVE and result.documents[0].fallback
    assert (MOVE, None) in fallback.forms and MOVE in caplog.text


def test_forms_renderer_is_cheap_to_build(book: RuleBook) -> None:
    renderer = forms_renderer(book)
    assert isinstance(renderer, FormsRenderer) and renderer.name


def _pages(pdf: bytes) -> list[str]:
    return ["".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_counter_and_kakanai_render_print_the_same_documents(book: RuleBook, tmp_path: Path) -> None:
    """One path from plan to documents (kakanai.forms.documents): same form ids in the same order, the same
    text on every page, for the 4-person 転入 that also wants 印鑑登録 and 証明書."""
    raw = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    raw["household"]["facts"].update(wants_seal_registration=True, wants_certificates=True)
    raw["form_inputs"].update(honseki="北海道見本市本町１番地", copies_all="2")
    src = tmp_path / "reception.json"
    src.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    reception = reception_from_json(src.read_text(encoding="utf-8"))
    renderer = forms_renderer(book)
    assert renderer is not None
    counter = renderer.render(reception, book.plan(reception))
    assert not counter.errors and not any(d.fallback for d in counter.documents)
    out = subprocess.run([sys.executable, "-m", "kakanai.cli.main", "render", str(src), "--out",
                          str(tmp_path / "out"), "--json"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    files = json.loads(out.stdout)["files"]
    cli = [("guidance_sheet" if f["form"] == "guidance" else f["form"], Path(f["path"]).read_bytes()) for f in files]
    assert [d.key for d in counter.documents] == [form for form, _ in cli]
    assert len(cli) >= 10
    for doc, (form, pdf) in zip(counter.documents, cli, strict=True):
        assert _pages(doc.pdf) == _pages(pdf), form


def test_an_unreadable_definition_prints_the_simple_form(book: RuleBook, folder: Path) -> None:
    """A definition that cannot be read (not UTF-8) never stops the counter: its simple form is printed."""
    (folder / "seal_registration.yaml").write_bytes(b"id: seal_registration\ntitle: \x93\x96\n")
    fallback = StubFallback()
    reception = replace(family(), household=replace(family().household, facts={
        **family().household.facts, "wants_seal_registration": True}))
    result = FormsRenderer(book, fallback=fallback, folder=folder).render(reception, planned(book, reception))
    assert ("seal_registration", "p1") in fallback.forms
    assert MOVE in {d.key for d in result.documents if not d.fallback}


def test_demo_mode_marks_every_page_of_every_document() -> None:
    import io

    import pypdf

    from kakanai.app.forms_adapter import TRAINING_MARK, FormsRenderer
    from kakanai.model import reception_from_json
    from kakanai.paths import examples_dir
    from kakanai.rules import load_rulebook

    book = load_rulebook()
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    result = FormsRenderer(book, watermark=TRAINING_MARK).render(reception, book.plan(reception))
    assert result.errors == () and len(result.documents) == 13
    assert result.documents[-1].key == "guidance_sheet"
    for doc in result.documents:
        for page in pypdf.PdfReader(io.BytesIO(doc.pdf)).pages:
            assert "【研修】この用紙は練習用です" in "".join(page.extract_text().split()), doc.title


def test_the_phone_is_asked_once_per_reception_for_every_form_that_prints_it() -> None:
    from kakanai.app.forms_adapter import asked_inputs
    from kakanai.model import reception_from_json
    from kakanai.paths import examples_dir
    from kakanai.rules import load_rulebook

    book = load_rulebook()
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    phones = [a for a in asked_inputs(reception, book.plan(reception)) if a.id == "phone"]
    assert [(a.id, a.scope, a.person) for a in phones] == [("phone", "reception", None)]
    assert len(phones[0].forms) == 8  # one answer, printed on each of them
