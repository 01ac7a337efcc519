"""Step 6: every form and the guidance sheet in an embedded PDF view (QtPdf), then one action prints
them all through the OS print system, with progress, printer errors and a retry. Finishing clears the
screen of personal data and starts a new reception."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.workflow import Step
from kakanai.model.documents import Document, DocumentProblem, RenderResult
from kakanai.ui.background import run_in_background
from kakanai.ui.pages.host import Host
from kakanai.ui.printing import (
    PrintBackend,
    PrintError,
    PrintProgress,
    PrintReport,
    print_documents,
    printer_in_use,
)
from kakanai.ui.widgets import button, message, open_dialog, set_role, title, wrap_rows

PRINTED_MARK = "［印刷済］"  # before a document's name in the list once it is handed to the printer
BLANKS_NOTE = "空欄のまま印刷する欄（住民の方が記入）: "


def row_text(doc: Document, printed: bool = False) -> str:
    """A document's row in the list: its title, how many of its boxes print empty (left for the resident's
    pen: the clerk sees which documents still need something before printing), and whether it was printed."""
    return f"{PRINTED_MARK if printed else ''}{doc.title}{f'　［空欄 {len(doc.blanks)}］' if doc.blanks else ''}"


class PreviewPage(QWidget):
    _progress = Signal(object)
    _document = Signal(int, object)  # generation, Document (from the rendering thread)
    printed = Signal(object)  # PrintReport
    print_failed = Signal(str)
    rendered = Signal()

    def __init__(self, host: Host, printers: Sequence[str], default: str) -> None:
        super().__init__()
        self.host = host
        self.print_backend: PrintBackend = print_documents
        self.documents: tuple[Document, ...] = ()
        self.errors: tuple[DocumentProblem, ...] = ()  # documents left out (a character, an overflow)
        self.pending: tuple[Document, ...] = ()  # not printed yet (a retry sends these)
        self.printed_rows: set[int] = set()  # documents of this rendering already handed to the printer
        self.confirm: QMessageBox | None = None  # 「もう一度すべて印刷しますか」 while it is open
        self._sending: tuple[Document, ...] = ()
        self.printing = False
        self.first_preview_seconds: float | None = None
        self.all_rendered_seconds: float | None = None
        self._render_started = 0.0
        self._generation = 0
        self._buffer: QBuffer | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(title("確認・印刷"))
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("preview_list")
        self.list.currentRowChanged.connect(self.show_document)
        self.list.itemActivated.connect(lambda _item: self.print_selected())  # Enter on a row: that one again
        self.list.setMinimumWidth(340)
        # Whole titles, wrapped: cut in the middle (「マイナン…更届（山田　太郎）」) the clerk choosing one to
        # reprint could not tell which document a row was.
        wrap_rows(self.list)
        side = QVBoxLayout()
        side.addWidget(self.list, 1)
        # The selected document's boxes printed empty, by name (the row only counts them).
        self.blank_note = message("preview_blanks", "notice")
        self.blank_note.hide()
        side.addWidget(self.blank_note)
        body.addLayout(side, 1)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("preview_view")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        body.addWidget(self.view, 3)
        layout.addLayout(body, 1)
        printer_row = QHBoxLayout()
        printer_row.addWidget(QLabel("プリンター"))
        self.printer = QComboBox()
        self.printer.setObjectName("printer_choice")
        self.printer.addItems(list(printers))
        chosen = printer_in_use(host.services.settings.printer, default, printers)
        if chosen and chosen not in printers:
            self.printer.addItem(chosen)
        self.printer.setCurrentText(chosen)
        self.printer.currentTextChanged.connect(self._printer_chosen)
        printer_row.addWidget(self.printer, 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("print_progress")
        self.progress.setFormat("%v / %m 件")
        printer_row.addWidget(self.progress, 1)
        layout.addLayout(printer_row)
        self.status = message("print_message", "notice")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(button("← 戻る", "preview_back", self._back))
        row.addStretch(1)
        self.print_button = button("すべて印刷（Ctrl+P）", "print_all", self.print_all, role="primary")
        self.print_one_button = button("選んだ書類だけ印刷（一覧で Enter）", "print_one", self.print_selected)
        self.print_one_button.setEnabled(False)
        self.retry_button = button("再試行", "print_retry", self.retry)
        self.retry_button.hide()
        self.fix_button = button("← 入力画面で直す", "preview_fix", self._fix)
        self.fix_button.hide()
        row.addWidget(self.fix_button)
        self.finish_button = button("受付を終了して次の方へ", "finish", self.host.new_reception)
        row.addWidget(self.retry_button)
        row.addWidget(self.print_one_button)
        row.addWidget(self.print_button)
        row.addWidget(self.finish_button)
        layout.addLayout(row)
        self._progress.connect(self._show_progress)
        self._document.connect(self._document_ready)

    def _back(self) -> None:
        self.host.session.back()

    def _fix(self) -> None:
        self.host.go(Step.INPUTS)

    def _printer_chosen(self, name: str) -> None:
        # The printer is remembered per counter (DESIGN: settings stored per machine).
        self.host.update_settings(replace(self.host.services.settings, printer=name))

    def refresh(self) -> None:
        pass

    # -- rendering -------------------------------------------------------------------------------------
    def activate(self) -> None:
        """Render the documents in the background (the UI stays responsive)."""
        s = self.host.session
        renderer = self.host.services.renderer
        if s.plan is None or renderer is None:
            return
        self._generation += 1
        generation = self._generation
        reception, plan = s.reception(), s.plan
        self._render_started = time.perf_counter()
        self.first_preview_seconds = None
        self.status.setText("申請書を作成しています…")
        set_role(self.status, "notice")
        self.fix_button.hide()
        self.errors = ()
        self.list.clear()
        self.blank_note.hide()
        self.print_button.setEnabled(False)
        self.print_one_button.setEnabled(False)
        self.documents = ()
        self.printed_rows = set()
        emit = self._document.emit
        run_in_background(lambda: renderer.render(reception, plan, lambda doc: emit(generation, doc)),
                          lambda result: self._rendered(result, generation), self._render_failed)

    @Slot(int, object)
    def _document_ready(self, generation: int, doc: Document) -> None:
        """One more document: listed at once; the first one is shown while the rest are drawn."""
        if generation != self._generation:
            return
        self.documents = (*self.documents, doc)
        self.list.addItem(row_text(doc))
        self.list.item(self.list.count() - 1).setToolTip(doc.title + ("（簡易様式）" if doc.fallback else ""))
        if len(self.documents) == 1:
            self.list.setCurrentRow(0)
            self.first_preview_seconds = time.perf_counter() - self._render_started

    def _rendered(self, result: RenderResult, generation: int) -> None:
        if generation != self._generation:
            return  # the reception changed meanwhile
        if len(self.documents) != len(result.documents):  # a renderer that does not report each one
            self.documents = ()
            self.list.clear()
            for doc in result.documents:
                self._document_ready(generation, doc)
        self.documents = result.documents
        self.pending = result.documents
        self.all_rendered_seconds = time.perf_counter() - self._render_started
        self.errors = result.errors
        self.print_button.setEnabled(bool(result.documents))
        self.print_one_button.setEnabled(bool(result.documents))
        self.progress.setRange(0, len(result.documents))
        self.progress.setValue(0)
        if result.errors:
            # Named by form and field, in Japanese: the clerk fixes the input (or prints the rest).
            lines = [e.message for e in result.errors]
            self.status.setText(f"{len(result.errors)}件の書類を作成できません。\n" + "\n".join(lines)
                                + f"\n作成できた{len(result.documents)}件は印刷できます")
            set_role(self.status, "warning")
            self.fix_button.show()
            self.fix_button.setFocus()
        else:
            with_blanks = sum(1 for d in result.documents if d.blanks)
            blanks = (f"\n{with_blanks}件の書類に空欄のまま印刷する欄があります（一覧の［空欄］）。"
                      "入力画面で埋めるか、住民の方に記入をお願いしてください" if with_blanks else "")
            self.status.setText(f"{len(result.documents)}件の書類ができました。内容を住民の方と確認してから印刷してください"
                                + blanks)
            set_role(self.status, "notice")
            self.print_button.setFocus()
        self.rendered.emit()

    def _render_failed(self, error: BaseException) -> None:
        self.status.setText(f"申請書を作成できませんでした（{error}）")
        set_role(self.status, "warning")

    @Slot(int)
    def show_document(self, row: int) -> None:
        if not 0 <= row < len(self.documents):
            self.blank_note.hide()
            return
        doc = self.documents[row]
        self.blank_note.setText(BLANKS_NOTE + "、".join(doc.blanks))
        self.blank_note.setVisible(bool(doc.blanks))
        data = QByteArray(doc.pdf)
        buffer = QBuffer(self)
        buffer.setData(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.close()
        self.pdf.load(buffer)
        old, self._buffer = self._buffer, buffer
        if old is not None:
            old.deleteLater()

    def clear(self) -> None:
        self._generation += 1
        self.documents = self.pending = self._sending = ()
        self.printed_rows = set()
        self.errors = ()
        self.fix_button.hide()
        self.list.clear()
        self.blank_note.hide()
        self.pdf.close()
        self.status.setText("")
        self.retry_button.hide()

    # -- printing --------------------------------------------------------------------------------------
    def print_all(self) -> None:
        """Every document; once they have been printed, only after the clerk confirms (a resident must
        not take home a second set by accident, and the record would count it twice)."""
        if self.printing or not self.documents:
            return
        if not self.host.may_print():  # the resident's confirmation first, when the resident screen is on
            return
        if not self.printed_rows:
            self._print_all_now()
            return
        box = QMessageBox(QMessageBox.Icon.Question, "もう一度印刷しますか",
                          f"この受付の書類はすでに{len(self.printed_rows)}件印刷しました。"
                          "もう一度すべて印刷しますか？（1件だけなら一覧で選んで Enter）",
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("reprint_confirm")
        again = box.addButton("もう一度すべて印刷", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton("やめる", QMessageBox.ButtonRole.RejectRole))
        self.confirm = box

        def done(_result: int) -> None:
            self.confirm = None
            if box.clickedButton() is again:
                self._print_all_now()

        open_dialog(box, done)

    def _print_all_now(self) -> None:
        self.pending = self.documents
        self._print(self.pending)

    def print_selected(self) -> None:
        """The document chosen in the list, alone (a reprint after a paper jam, a spoiled form)."""
        row = self.list.currentRow()
        if 0 <= row < len(self.documents):
            self._print((self.documents[row],))

    def retry(self) -> None:
        self._print(self.pending)

    def _print(self, documents: tuple[Document, ...]) -> None:
        if self.printing or not documents:
            return
        name = self.printer.currentText()
        self.printing = True
        self._sending = documents
        self.print_button.setEnabled(False)
        self.print_one_button.setEnabled(False)
        self.retry_button.hide()
        self.status.setText(f"「{name}」に送っています…")
        set_role(self.status, "notice")
        backend, progress = self.print_backend, self._progress.emit
        run_in_background(lambda: backend(name, documents, progress), self._printed, self._print_failed)

    @Slot(object)
    def _show_progress(self, p: PrintProgress) -> None:
        self.progress.setRange(0, p.total)
        self.progress.setValue(p.done)
        if 0 < p.done <= len(self._sending):
            self._mark_printed(self._sending[p.done - 1])  # each document as soon as it is queued
        if p.title:
            self.status.setText(f"印刷中: {p.title}（{p.done + 1}/{p.total}）")

    def _mark_printed(self, doc: Document) -> None:
        row = next((i for i, d in enumerate(self.documents) if d is doc), None)
        item = self.list.item(row) if row is not None else None
        if row is None or item is None or row in self.printed_rows:
            return
        self.printed_rows.add(row)
        item.setText(row_text(doc, printed=True))

    def _printed(self, report: PrintReport) -> None:
        self.printing = False
        self.print_button.setEnabled(True)
        self.print_one_button.setEnabled(True)
        sent = self._sending
        self.host.session.record_printed(report.printed, report.printer)
        self._note_printed(sent, report.printed)
        self.pending = tuple(d for d in self.pending if d not in sent)
        reduced = (f"（このプリンターにはA3用紙がないため、{'、'.join(report.reduced)}をA4に縮小しました。"
                   "届書はA3のプリンターで印刷し直してください）" if report.reduced else "")
        self.status.setText(f"「{report.printer}」に{len(report.printed)}件（{report.pages}ページ）を送りました。"
                            f"印刷物を住民の方に確認していただき、署名をお願いしてください{reduced}")
        set_role(self.status, "notice")
        self.finish_button.setFocus()
        self.printed.emit(report)

    def _note_printed(self, sent: tuple[Document, ...], titles: tuple[str, ...]) -> None:
        """The record keeps each handed-over document's content hash (what exactly the resident got)."""
        for d in sent:
            if d.title in titles:
                self.host.session.note_printed(d.key, d.person, d.pdf)
                self._mark_printed(d)

    def _print_failed(self, error: BaseException) -> None:
        self.printing = False
        self.print_button.setEnabled(True)
        self.print_one_button.setEnabled(True)
        sent = self._sending
        done = error.printed if isinstance(error, PrintError) else ()
        if done:
            self.host.session.record_printed(done, self.printer.currentText())
            self._note_printed(sent, done)
        left = tuple(d for d in sent if d.title not in done)
        self.pending = left + tuple(d for d in self.pending if d not in sent)
        text = error.message if isinstance(error, PrintError) else f"印刷できませんでした（{error}）"
        self.host.session.note_error("print_failed", text)
        self.status.setText(f"{text}　残り{len(self.pending)}件は「再試行」で送ります")
        set_role(self.status, "warning")
        self.retry_button.show()
        self.retry_button.setFocus()
        self.print_failed.emit(text)
