"""Reading the resident's pre-entry QR: a handheld scanner (keyboard wedge) or the counter's camera.

The wedge input tells a scan from typing by timing (kakanai.qr.WedgeBuffer); each code goes to one
ScanRouter (kakanai.app.scans), which reports the parts still missing of a split pre-entry and validates the complete one
against the rule catalog. The camera loop runs on its own thread (kakanai.qr.camera) and reports
through queued signals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kakanai.app.ports import PartProgress, QrError, WedgeBuffer, guidance_reception_id
from kakanai.app.scans import ScanKind, ScanRouter
from kakanai.model import Reception
from kakanai.ui.widgets import message

POLL_MS = 100

WIDTH_IN_CHARS = 36  # the dialog's width in full-width characters (its text wraps within it)


def event_seconds(event: QKeyEvent) -> float:
    stamp = event.timestamp()
    return stamp / 1000.0 if stamp else time.monotonic()


class ScanInput(QLabel):
    """A focusable target for a keyboard-wedge scanner: keys in, whole scans out."""

    scanned = Signal(str)

    def __init__(self) -> None:
        super().__init__("ここにスキャナーで読み取ってください（この枠が選ばれている状態で）")
        self.setObjectName("qr_scan_input")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(64)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { border: 2px dashed #0b5394; } QLabel:focus { border: 3px solid #0d652d; }")
        self.buffer = WedgeBuffer()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = "\r"
        elif event.key() == Qt.Key.Key_Tab:
            text = "\t"
        if not text:
            super().keyPressEvent(event)
            return
        for scan in self.buffer.feed(text, event_seconds(event)):
            self.scanned.emit(scan)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab may end a scan; it must reach keyPressEvent

    def _poll(self) -> None:
        for scan in self.buffer.poll(time.monotonic()):
            self.scanned.emit(scan)


class QrDialog(QDialog):
    _camera_part = Signal(object)
    _camera_done = Signal(object)
    _camera_error = Signal(object)
    _camera_frame = Signal(object)
    _camera_continue = Signal(str)

    def __init__(self, validate: Any, parent: QWidget | None = None, *, camera_index: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle("事前入力のQRコードを読み取る")
        self.setObjectName("qr_dialog")
        self.reception: Reception | None = None
        self.continue_id: str | None = None  # a guidance sheet's reception code was scanned instead
        self._validate = validate
        self._camera_index = camera_index
        self._scans = ScanRouter(validate=validate)
        self._camera: Any = None
        # What opens the camera (kakanai.qr.camera.FrameSource factory); tests give a scripted one.
        self.camera_source: Callable[[], Any] | None = None
        layout = QVBoxLayout(self)
        intro = QLabel("住民の方のスマートフォンや印刷したQRコードを読み取ります。"
                       "複数に分かれている場合は、順番を気にせずすべて読み取ってください。")
        intro.setWordWrap(True)  # one line was 1396 px at text scale 1.4: wider than a 1366 px screen
        layout.addWidget(intro)
        self.ensurePolished()
        self.setMinimumWidth(WIDTH_IN_CHARS * self.fontMetrics().horizontalAdvance("あ"))  # two lines, not six
        self.scan_input = ScanInput()
        self.scan_input.scanned.connect(self.add_text)
        layout.addWidget(self.scan_input)
        self.progress = QLabel("")
        self.progress.setObjectName("qr_progress")
        layout.addWidget(self.progress)
        self.error = message("qr_error")
        layout.addWidget(self.error)
        self.preview = QLabel()
        self.preview.setObjectName("qr_camera_preview")
        self.preview.hide()
        layout.addWidget(self.preview)
        row = QHBoxLayout()
        self.camera_button = QPushButton("カメラで読み取る")
        self.camera_button.setObjectName("qr_camera")
        self.camera_button.clicked.connect(self.toggle_camera)
        cancel = QPushButton("閉じる（Esc）")
        cancel.clicked.connect(self.reject)
        row.addWidget(self.camera_button)
        row.addStretch(1)
        row.addWidget(cancel)
        layout.addLayout(row)
        self._camera_part.connect(self._show_progress)
        self._camera_done.connect(self._complete)
        self._camera_error.connect(self._show_error)
        self._camera_frame.connect(self._show_frame)
        self._camera_continue.connect(self._continue_from)
        self.scan_input.setFocus()

    @Slot(str)
    def add_text(self, text: str) -> None:
        """One code's text (a scan, or a camera read)."""
        scan = self._scans.route(text)
        if scan.kind is ScanKind.CONTINUE and scan.reception_id is not None:
            self._continue_from(scan.reception_id)
        elif scan.kind is ScanKind.ERROR:
            self.error.setText(scan.message)
        elif scan.progress is not None:
            self._show_progress(scan.progress)
            if scan.reception is not None:
                self._complete(scan.reception)

    @Slot(object)
    def _show_progress(self, progress: PartProgress) -> None:
        self.error.setText("")
        if progress.missing:
            missing = "、".join(f"{n}枚目" for n in progress.missing)
            self.progress.setText(f"{progress.count}枚中{len(progress.received)}枚を読み取りました。残り: {missing}")
        else:
            self.progress.setText("すべて読み取りました")

    @Slot(object)
    def _show_error(self, error: Exception) -> None:
        self.error.setText(error.message if isinstance(error, QrError) else str(error))

    @Slot(str)
    def _continue_from(self, reception_id: str) -> None:
        """A guidance sheet's code instead of a pre-entry: the counter opens that reception (北見)."""
        self.continue_id = reception_id
        self.stop_camera()
        self.accept()

    def _camera_text(self, text: str) -> bool:
        """On the camera thread: take a guidance sheet's code (only a signal crosses to the UI thread)."""
        reception_id = guidance_reception_id(text)
        if reception_id is None:
            return False
        self._camera_continue.emit(reception_id)
        return True

    @Slot(object)
    def _complete(self, reception: Reception) -> None:
        self.reception = reception
        self.stop_camera()
        self.accept()

    @Slot(object)
    def _show_frame(self, frame: Any) -> None:
        height, width = frame.shape[:2]
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888).copy()
        self.preview.setPixmap(QPixmap.fromImage(image))

    def toggle_camera(self) -> None:
        if self._camera is not None:
            self.stop_camera()
            return
        from kakanai.app.camera import CameraCallbacks, CameraReader, OpenCvCamera

        index = self._camera_index
        callbacks = CameraCallbacks(on_frame=self._camera_frame.emit, on_part=self._camera_part.emit,
                                    on_complete=self._camera_done.emit, on_error=self._camera_error.emit,
                                    on_text=self._camera_text)
        source = self.camera_source or (lambda: OpenCvCamera(index))
        self._camera = CameraReader(source, callbacks, validate=self._validate)
        self._camera.start()
        self.preview.show()
        self.camera_button.setText("カメラを止める")

    def stop_camera(self) -> None:
        camera, self._camera = self._camera, None
        if camera is not None:
            camera.stop(timeout=1.0)
        self.preview.hide()
        self.camera_button.setText("カメラで読み取る")

    def done(self, result: int) -> None:
        self.stop_camera()
        super().done(result)
