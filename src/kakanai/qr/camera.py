"""Reading pre-entry codes from a camera: a capture loop in a worker thread (no Qt here).

The loop reads frames, decodes each with zxing-cpp, feeds the texts to an Intake and stops by itself once
a pre-entry is complete. Every callback runs on the worker thread: the UI must hand the values over to its
own thread (a Qt signal) and must not block in them.

- on_frame(preview): a reduced BGR copy of the frame with found codes outlined, for the preview;
- on_part(progress): a part read for the first time (`progress.missing` lists the parts still to show);
- on_complete(reception): the validated pre-entry; the loop has stopped;
- on_error(error): a QrError for a code that cannot be used (reported once per distinct text; scanning
  goes on), or a CameraError when the camera cannot be opened or stops delivering (the loop ends).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np

from kakanai.model import Reception
from kakanai.qr.errors import QrError
from kakanai.qr.image import (
    Detected,
    Image,
    ImageError,
    check_pixels,
    decode_frame,
    decode_image,
    draw_preview,
)
from kakanai.qr.intake import Intake
from kakanai.qr.payload import PartProgress, Validator

PREVIEW_WIDTH = 640
FRAME_WIDTH, FRAME_HEIGHT = 1280, 720
MAX_FAILED_READS = 30  # about one second of a camera that delivers nothing: unplugged or taken by another app
SLOW_PASS_EVERY = 4  # every 4th frame without a code also gets the slower preprocessing passes


class CameraError(RuntimeError):
    """The camera cannot be opened or stopped delivering frames (Japanese message for the clerk)."""


class FrameSource(Protocol):
    def read(self) -> Image | None:
        """The next frame (BGR), or None if none could be read."""

    def close(self) -> None: ...


class OpenCvCamera:
    """A camera through OpenCV's VideoCapture (DirectShow/MSMF on Windows, V4L2 on Linux)."""

    def __init__(self, index: int = 0, *, width: int = FRAME_WIDTH, height: int = FRAME_HEIGHT) -> None:
        self._capture = cv2.VideoCapture(index)
        if not self._capture.isOpened():
            self._capture.release()
            raise CameraError(f"カメラ（{index}番）を開けません。接続と、他のアプリが使っていないかを確認してください")
        self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the newest frame, not a queue of old ones

    def read(self) -> Image | None:
        ok, frame = self._capture.read()
        return np.asarray(frame, dtype=np.uint8) if ok and frame is not None else None

    def close(self) -> None:
        self._capture.release()


@dataclass(frozen=True)
class CameraCallbacks:
    on_frame: Callable[[Image], None] | None = None
    on_part: Callable[[PartProgress], None] | None = None
    on_complete: Callable[[Reception], None] | None = None
    on_error: Callable[[Exception], None] | None = None
    # Any code's text before it is taken as a pre-entry part; True = the caller took it and the loop stops
    # (the counter reads a guidance sheet's reception code with the same camera). Runs on the camera thread.
    on_text: Callable[[str], bool] | None = None


class CameraReader:
    """`start()` runs the loop on a worker thread; `stop()` ends it (from any thread) and waits."""

    def __init__(
        self,
        open_source: Callable[[], FrameSource] = OpenCvCamera,
        callbacks: CameraCallbacks | None = None,
        *,
        validate: Validator | None = None,
        intake: Intake | None = None,
        preview_width: int = PREVIEW_WIDTH,
        max_failed_reads: int = MAX_FAILED_READS,
    ) -> None:
        self._open_source = open_source
        self._callbacks = callbacks or CameraCallbacks()
        # Pass the scanner input's Intake to let parts come from the camera and the scanner alike.
        self._intake = intake if intake is not None else Intake(validate=validate)
        self._preview_width = preview_width
        self._max_failed_reads = max_failed_reads
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._reported: set[str] = set()
        self.result: Reception | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._reported.clear()
        self.result = None
        self._thread = threading.Thread(target=self._run, name="kakanai-qr-camera", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the loop to end; True if it has."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return not self.running

    def _run(self) -> None:
        try:
            source = self._open_source()
        except CameraError as exc:
            self._emit_error(exc)
            return
        except Exception as exc:  # an OpenCV backend failing in its own way: report, never a traceback
            self._emit_error(CameraError(f"カメラを開けません（{exc}）"))
            return
        try:
            self._loop(source)
        finally:
            source.close()

    def _loop(self, source: FrameSource) -> None:
        failed = empty = 0
        while not self._stop.is_set():
            frame = source.read()
            if frame is None:
                failed += 1
                if failed >= self._max_failed_reads:
                    self._emit_error(CameraError("カメラから映像が届きません。接続を確認してください"))
                    return
                time.sleep(0.03)
                continue
            failed = 0
            try:  # a camera (or a virtual one) delivering huge frames: refused before any decoding
                check_pixels(frame.shape[1], frame.shape[0], "カメラの映像")
            except ImageError as exc:
                self._emit_error(CameraError(str(exc)))
                return
            found = decode_frame(frame)
            if not found:
                empty += 1
                if empty % SLOW_PASS_EVERY == 0:
                    found = decode_image(frame)
            else:
                empty = 0
            if self._callbacks.on_frame is not None:
                self._callbacks.on_frame(draw_preview(frame, found, width=self._preview_width))
            if self._handle(found):
                return

    def _handle(self, found: list[Detected]) -> bool:
        for code in found:
            if self._callbacks.on_text is not None and self._callbacks.on_text(code.text):
                self._stop.set()
                return True
            try:
                result = self._intake.add_text(code.text)
            except QrError as exc:
                if code.text not in self._reported:
                    self._reported.add(code.text)
                    self._emit_error(exc)
                continue
            if result.progress.new and self._callbacks.on_part is not None:
                self._callbacks.on_part(result.progress)
            if result.reception is not None:
                self.result = result.reception
                self._stop.set()
                if self._callbacks.on_complete is not None:
                    self._callbacks.on_complete(result.reception)
                return True
        return False

    def _emit_error(self, error: Exception) -> None:
        if self._callbacks.on_error is not None:
            self._callbacks.on_error(error)
