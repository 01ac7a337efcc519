"""Printing the forms and the guidance sheet through real CUPS (QPrinter to the cups-pdf printer `PDF`):
every job completes and its PDF appears; a stopped printer gives a clear message, and the retry prints
what was left once it is running again."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pypdf
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tests.integration.ui.conftest import queued_jobs, wait_for_pdfs

from kakanai.model import reception_from_json
from kakanai.model.documents import RenderResult
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook
from kakanai.ui.fallback_render import QtFallbackRenderer
from kakanai.ui.printing import PrintError, PrintProgress, check_printer, print_documents

pytestmark = pytest.mark.cups


@pytest.fixture(scope="module")
def rendered() -> RenderResult:
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    return QtFallbackRenderer().render(reception, load_rulebook().plan(reception))


def test_every_document_is_printed_through_cups(qtbot: QtBot, cups: str, rendered: RenderResult) -> None:
    assert QApplication.instance() is not None
    docs = rendered.documents[:3] + rendered.documents[-1:]  # three forms and the guidance sheet
    seen: list[PrintProgress] = []
    started = time.time()
    report = print_documents(cups, docs, seen.append)
    assert report.printed == tuple(d.title for d in docs)
    assert seen[-1].done == len(docs)
    deadline = time.monotonic() + 60
    while queued_jobs(cups) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert queued_jobs(cups) == []  # every job completed
    files = wait_for_pdfs(started, "kakanai_", len(docs))
    names = " ".join(f.name for f in files)
    assert "kakanai_guidance_sheet" in names and "kakanai_resident_move_notice" in names
    for f in files:
        assert len(pypdf.PdfReader(f).pages) >= 1


def test_a_stopped_printer_is_reported_and_nothing_is_queued(cups: str, offline_printer: str,
                                                             rendered: RenderResult) -> None:
    with pytest.raises(PrintError, match="停止"):
        check_printer(offline_printer)
    with pytest.raises(PrintError, match="停止"):
        print_documents(offline_printer, rendered.documents[:1], lambda p: None)
    assert queued_jobs(offline_printer) == []


def test_an_unknown_printer_is_named_in_the_message(cups: str) -> None:
    with pytest.raises(PrintError, match="見つかりません"):
        check_printer("NoSuchPrinter")


def test_the_window_shows_the_error_then_retries(qtbot: QtBot, cups: str, offline_printer: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from kakanai.app.settings import CounterSettings
    from kakanai.app.workflow import Step
    from kakanai.model import IdentityDocument, LifeEvent, Sex
    from kakanai.ui.main import build_window, make_services

    monkeypatch.setenv("KAKANAI_CONFIG_DIR", str(tmp_path))
    services = make_services(CounterSettings(printer=offline_printer, idle_minutes=0), demo=True)
    window = build_window(services, save=False)
    qtbot.addWidget(window)
    window.show()
    s = window.session
    s.choose_event(LifeEvent.CERTIFICATES)
    s.add_member_typed(name="見本　一郎", birth_date=__import__("datetime").date(1970, 5, 5), sex=Sex.MALE)
    s.set_relationship("p1", "head")
    s.set_identity(IdentityDocument.DRIVERS_LICENSE)  # typed: 本人確認 is asked (issue 17)
    for _ in range(50):
        if not s.questions:
            break
        q = s.questions[0]
        s.answer(q.fact, q.person, True if q.fact == "wants_certificates" else
                 (False if q.kind == "bool" else (() if q.kind == "multi" else q.values[0])))
    s.go(Step.PREVIEW)
    page = window.preview_page
    with qtbot.waitSignal(page.rendered, timeout=10000):
        pass
    assert page.printer.currentText() == offline_printer
    with qtbot.waitSignal(page.print_failed, timeout=30000) as failed:
        page.print_all()
    assert "停止" in failed.args[0]
    assert page.retry_button.isVisible() or not page.retry_button.isHidden()
    assert "再試行" in page.status.text()
    started = time.time()
    subprocess.run(["cupsenable", offline_printer], check=True)
    with qtbot.waitSignal(page.printed, timeout=60000):
        page.retry()
    files = wait_for_pdfs(started, "kakanai_", len(page.documents))
    assert len(files) >= len(page.documents)
    window.close()


def test_an_a3_landscape_form_reaches_cups_on_a3_paper(qtbot: QtBot, cups: str) -> None:
    """The 戸籍 届書 are A3 landscape: the job asks CUPS for A3 (cups-pdf offers it), nothing is reduced."""
    import io

    from PySide6.QtGui import QPageSize
    from reportlab.lib.pagesizes import A3, landscape
    from reportlab.pdfgen.canvas import Canvas

    from kakanai.model.documents import Document
    from kakanai.ui.printing import supported_paper

    supported = supported_paper(cups)
    assert supported is not None and QPageSize.PageSizeId.A3 in supported
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=landscape(A3))
    canvas.rect(20, 20, landscape(A3)[0] - 40, landscape(A3)[1] - 40)
    canvas.showPage()
    canvas.save()
    started = time.time()
    report = print_documents(cups, [Document("marriage_registration", "婚姻届", out.getvalue())], lambda p: None)
    assert report.printed == ("婚姻届",) and report.reduced == ()
    (path,) = wait_for_pdfs(started, "kakanai_marriage_registration", 1)
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert sorted((round(float(box.width)), round(float(box.height)))) == [842, 1191]  # A3, either way up
