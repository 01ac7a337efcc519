"""Printing through the OS print system (CUPS on Linux, the Windows spooler).

Each document is one print job, named `kakanai <form id>`, so a failed job can be retried alone. Where
CUPS' `lp` exists the document's own PDF is handed to it as it is (CUPS' pdftopdf fits it to the paper):
the 17 pages of a 4-person 転入 reach the queue in well under a second, where rasterising every page at
300 dpi through QPrinter took 16.5 s (issue 17). Elsewhere (the Windows spooler, or without `lp`) the pages
are rendered from the PDF (QtPdf) at the printer's resolution and painted onto a QPrinter. Before sending,
the printer's state is checked (kakanai.ui.printers reads CUPS' reasons: offline, out of paper, paused),
so a job never waits silently in a queue. Runs on a worker thread: `lp` and QPainter on a QPrinter are
both allowed off the UI thread.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kakanai.model.documents import Document
from kakanai.ui.printers import cups_printer_status

PRINT_DPI = 300
LP_TIMEOUT = 30.0  # seconds for `lp` to queue one job (a local cupsd answers in milliseconds)


@dataclass(frozen=True)
class PrintProgress:
    done: int  # documents sent
    total: int
    title: str  # the document being sent


@dataclass(frozen=True)
class PrintReport:
    printer: str
    printed: tuple[str, ...]  # titles
    pages: int
    reduced: tuple[str, ...] = ()  # titles printed smaller: the printer has no paper of the form's size


@dataclass(frozen=True)
class Paper:
    """The sheet one page is printed on: the page's own size and orientation (the 戸籍 届書 are A3
    landscape, the other forms A4 portrait), or A4 in the same orientation when the printer lacks it."""

    size: QPageSize
    orientation: QPageLayout.Orientation
    reduced: bool

    def layout(self) -> QPageLayout:
        return QPageLayout(self.size, self.orientation, QMarginsF())


class PrintError(Exception):
    def __init__(self, message: str, printed: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.printed = printed  # titles already sent before the failure (a retry skips them)


ProgressCallback = Callable[[PrintProgress], None]
PrintBackend = Callable[[str, Sequence[Document], ProgressCallback], PrintReport]


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str:
    return str(QPrinterInfo.defaultPrinterName())


def printer_in_use(configured: str, default: str, printers: Sequence[str]) -> str:
    """The printer the counter prints on: the one set for this counter, else the system's default, else
    the first one there is (what the preview's choice shows, and so what the settings show)."""
    return configured or default or (printers[0] if printers else "")


def check_printer(name: str) -> None:
    """PrintError with a clear message if printing to `name` now would not work."""
    if not name:
        raise PrintError("プリンターが選ばれていません。設定でプリンターを選んでください")
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise PrintError(f"プリンター「{name}」が見つかりません。接続と設定を確認してください")
    status = cups_printer_status(name)
    if status is not None and status.problem:
        raise PrintError(f"プリンター「{name}」: {status.problem}")
    if info.state() == QPrinter.PrinterState.Error:
        raise PrintError(f"プリンター「{name}」がエラー状態です（オフライン・用紙切れなど）。確認してから再試行してください")


def print_documents(printer_name: str, documents: Sequence[Document], progress: ProgressCallback, *,
                    output_dir: Path | None = None) -> PrintReport:
    """Send every document; with `output_dir`, Qt's own PDF printer writes files there instead (tests)."""
    if output_dir is None:
        check_printer(printer_name)
    printed: list[str] = []
    reduced: list[str] = []
    pages = 0
    supported = None if output_dir is not None else supported_paper(printer_name)
    lp = shutil.which("lp")
    for i, doc in enumerate(documents):
        progress(PrintProgress(i, len(documents), doc.title))
        try:
            if output_dir is None and lp is not None:
                pages += hand_to_cups(lp, printer_name, doc, supported=supported, reduced=reduced)
            else:
                pages += print_pdf(printer_name, doc, output_dir=output_dir, supported=supported, reduced=reduced)
        except PrintError as exc:
            raise PrintError(exc.message, tuple(printed)) from None
        printed.append(doc.title)
    progress(PrintProgress(len(documents), len(documents), ""))
    return PrintReport(printer_name, tuple(printed), pages, tuple(reduced))


def supported_paper(printer_name: str) -> frozenset[QPageSize.PageSizeId] | None:
    """The paper sizes the printer's driver offers; None when it does not say (then the form's own)."""
    sizes = QPrinterInfo.printerInfo(printer_name).supportedPageSizes()
    return frozenset(size.id() for size in sizes) or None


def paper_for(point_size: QSizeF, supported: frozenset[QPageSize.PageSizeId] | None) -> Paper:
    landscape = point_size.width() > point_size.height()
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    portrait = QSizeF(min(point_size.width(), point_size.height()), max(point_size.width(), point_size.height()))
    size_id = QPageSize.id(portrait, QPageSize.Unit.Point, QPageSize.SizeMatchPolicy.FuzzyMatch)
    if size_id is QPageSize.PageSizeId.Custom:
        size_id = QPageSize.PageSizeId.A4
    if supported is not None and size_id not in supported:
        # A3 has A4's proportions: halved in area, every box and character stays where it was.
        return Paper(QPageSize(QPageSize.PageSizeId.A4), orientation, reduced=True)
    return Paper(QPageSize(size_id), orientation, reduced=False)


def job_name(doc: Document) -> str:
    return f"kakanai {doc.key}" + (f" {doc.person}" if doc.person else "")


def _load(doc: Document) -> QPdfDocument:
    pdf = QPdfDocument()
    buffer = QBuffer(pdf)  # owned by the document: read for as long as the document is
    buffer.setData(QByteArray(doc.pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    pdf.load(buffer)
    if pdf.status() is not QPdfDocument.Status.Ready or pdf.pageCount() == 0:
        raise PrintError(f"「{doc.title}」のPDFを読み込めません（{pdf.error().name}）")
    return pdf


def lp_command(lp: str, printer_name: str, doc: Document, papers: Sequence[Paper]) -> list[str]:
    """`lp` for one document read from stdin, on the paper of its first page (the 戸籍 届書: A3, the other
    forms A4), or fitted to A4 when the printer lacks the form's size."""
    command = [lp, "-d", printer_name, "-t", job_name(doc), "-o", f"media={papers[0].size.key()}"]
    if any(p.reduced for p in papers):
        command += ["-o", "fit-to-page"]
    return [*command, "--", "-"]


def hand_to_cups(lp: str, printer_name: str, doc: Document, *,
                 supported: frozenset[QPageSize.PageSizeId] | None = None, reduced: list[str] | None = None) -> int:
    """Queue one document's PDF with CUPS' `lp` (no rasterising here); its page count."""
    pdf = _load(doc)
    papers = [paper_for(pdf.pagePointSize(page), supported) for page in range(pdf.pageCount())]
    count = pdf.pageCount()
    pdf.close()
    try:
        done = subprocess.run(lp_command(lp, printer_name, doc, papers), input=doc.pdf, capture_output=True,
                              timeout=LP_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintError(f"「{doc.title}」をプリンター「{printer_name}」に送れません（{exc}）") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip() or f"lp の終了コード {done.returncode}"
        raise PrintError(f"「{doc.title}」をプリンター「{printer_name}」に送れません（{why}）")
    if reduced is not None and any(p.reduced for p in papers):
        reduced.append(doc.title)
    return count


def print_pdf(printer_name: str, doc: Document, *, output_dir: Path | None = None,
              supported: frozenset[QPageSize.PageSizeId] | None = None, reduced: list[str] | None = None) -> int:
    """Print one document, each page on its own paper (`supported`: the printer's sizes, None = any)."""
    pdf = _load(doc)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if output_dir is None:
        printer.setPrinterName(printer_name)
    else:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output_dir / (job_name(doc).replace(" ", "_") + ".pdf")))
    printer.setDocName(job_name(doc))
    printer.setFullPage(True)
    printer.setResolution(PRINT_DPI)
    papers = [paper_for(pdf.pagePointSize(page), supported) for page in range(pdf.pageCount())]
    printer.setPageLayout(papers[0].layout())
    if reduced is not None and any(p.reduced for p in papers):
        reduced.append(doc.title)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(f"プリンター「{printer_name}」に送れません（印刷を開始できません）")
    try:
        for page in range(pdf.pageCount()):
            if page:
                printer.setPageLayout(papers[page].layout())  # applies from the next page on
                if not printer.newPage():
                    raise PrintError(f"「{doc.title}」の{page + 1}ページ目を送れません")
            target = painter.viewport()
            point = pdf.pagePointSize(page)
            scale = min(target.width() / point.width(), target.height() / point.height())
            size = QSize(round(point.width() * scale), round(point.height() * scale))
            image = pdf.render(page, size)
            painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
    finally:
        ended = painter.end()
    if not ended:
        raise PrintError(f"「{doc.title}」を送る途中でプリンターとの通信が切れました")
    return pdf.pageCount()
