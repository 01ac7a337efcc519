"""Printing through the OS print system (CUPS on Linux, the Windows spooler) with QPrinter.

Each document is one print job, named `kakanai <form id>`, so a failed job can be retried alone. The
pages are rendered from the PDF (QtPdf) at the printer's resolution and painted onto the QPrinter. Before
sending, the printer's state is checked (kakanai.app.printers reads CUPS' reasons: offline, out of
paper, paused), so a job never waits silently in a queue. Runs on a worker thread: QPainter on a QPrinter
is allowed off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kakanai.app.documents import Document
from kakanai.app.printers import cups_printer_status

PRINT_DPI = 300


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
    pages = 0
    for i, doc in enumerate(documents):
        progress(PrintProgress(i, len(documents), doc.title))
        try:
            pages += print_pdf(printer_name, doc, output_dir=output_dir)
        except PrintError as exc:
            raise PrintError(exc.message, tuple(printed)) from None
        printed.append(doc.title)
    progress(PrintProgress(len(documents), len(documents), ""))
    return PrintReport(printer_name, tuple(printed), pages)


def job_name(doc: Document) -> str:
    return f"kakanai {doc.key}" + (f" {doc.person}" if doc.person else "")


def print_pdf(printer_name: str, doc: Document, *, output_dir: Path | None = None) -> int:
    pdf = QPdfDocument()
    data = QByteArray(doc.pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    pdf.load(buffer)
    if pdf.status() is not QPdfDocument.Status.Ready or pdf.pageCount() == 0:
        raise PrintError(f"「{doc.title}」のPDFを読み込めません（{pdf.error().name}）")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if output_dir is None:
        printer.setPrinterName(printer_name)
    else:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output_dir / (job_name(doc).replace(" ", "_") + ".pdf")))
    printer.setDocName(job_name(doc))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    printer.setResolution(PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(f"プリンター「{printer_name}」に送れません（印刷を開始できません）")
    try:
        for page in range(pdf.pageCount()):
            if page and not printer.newPage():
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
