"""The camera loop with a scripted frame source: previews, parts in any order, completion, errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import cv2
import numpy as np

from kakanai.model import Reception
from kakanai.qr import Intake, PartProgress, QrError, QrErrorCode, encode_reception
from kakanai.qr.camera import CameraCallbacks, CameraError, CameraReader, FrameSource
from kakanai.qr.image import Image, make_symbol, render_symbol
from tests.unit.qr.samples import example_reception

TEN = example_reception("moving_in_10_members")
SPLIT = encode_reception(TEN, max_version=15, set_id=5).texts


def frame_showing(text: str | None) -> Image:
    frame = np.full((720, 1280, 3), 90, dtype=np.uint8)
    if text is not None:
        code = cv2.cvtColor(render_symbol(make_symbol(text), module_px=5), cv2.COLOR_GRAY2BGR)
        h, w = code.shape[:2]
        frame[40:40 + h, 300:300 + w] = code
    return frame


class Script(FrameSource):
    def __init__(self, frames: list[Image | None], *, repeat_last: bool = True) -> None:
        self._frames: Iterator[Image | None] = iter(frames)
        self._last = frames[-1] if repeat_last else None
        self.closed = threading.Event()

    def read(self) -> Image | None:
        return next(self._frames, self._last)

    def close(self) -> None:
        self.closed.set()


class Recorder:
    def __init__(self) -> None:
        self.previews: list[Image] = []
        self.parts: list[PartProgress] = []
        self.complete: list[Reception] = []
        self.errors: list[Exception] = []

    def callbacks(self) -> CameraCallbacks:
        return CameraCallbacks(self.previews.append, self.parts.append, self.complete.append, self.errors.append)


def run(source: Script, recorder: Recorder, **kwargs: object) -> CameraReader:
    reader = CameraReader(lambda: source, recorder.callbacks(), **kwargs)  # type: ignore[arg-type]
    reader.start()
    assert reader.wait(30)
    return reader


def test_parts_accumulate_in_any_order_and_the_loop_stops() -> None:
    assert len(SPLIT) == 3
    order = [SPLIT[2], None, SPLIT[0], SPLIT[2], SPLIT[1]]  # part 3 twice, a frame without a code
    source, recorder = Script([frame_showing(t) for t in order]), Recorder()
    reader = run(source, recorder)
    assert [p.number for p in recorder.parts] == [3, 1, 2]
    assert recorder.parts[0].missing == (1, 2) and recorder.parts[-1].complete
    assert recorder.complete == [TEN] and reader.result == TEN
    assert recorder.errors == []
    assert source.closed.is_set()
    assert recorder.previews and recorder.previews[0].shape == (360, 640, 3)


def test_preview_outlines_the_code() -> None:
    source = Script([frame_showing(None), frame_showing(SPLIT[0]), frame_showing(None)], repeat_last=False)
    recorder = Recorder()
    run(source, recorder, max_failed_reads=1)
    green = [int(((p[..., 1] == 200) & (p[..., 0] == 0)).sum()) for p in recorder.previews]
    assert green[0] == 0 and green[1] > 100


def test_a_bad_code_is_reported_once_and_scanning_goes_on() -> None:
    other = encode_reception(example_reception("certificates"), set_id=6).texts[0]
    url = frame_showing("HTTPS://EXAMPLE.ORG/")
    source, recorder = Script([url, url, url, frame_showing(other)]), Recorder()
    run(source, recorder)
    assert len(recorder.errors) == 1
    assert isinstance(recorder.errors[0], QrError) and recorder.errors[0].code is QrErrorCode.NOT_KAKANAI
    assert len(recorder.complete) == 1


def test_a_camera_that_stops_delivering() -> None:
    source, recorder = Script([frame_showing(None), None]), Recorder()
    run(source, recorder, max_failed_reads=3)
    assert len(recorder.errors) == 1 and isinstance(recorder.errors[0], CameraError)
    assert source.closed.is_set() and recorder.complete == []


def test_a_camera_that_cannot_be_opened() -> None:
    def fail() -> FrameSource:
        raise CameraError("カメラ（0番）を開けません")

    recorder = Recorder()
    reader = CameraReader(fail, recorder.callbacks())
    reader.start()
    assert reader.wait(5)
    assert [str(e) for e in recorder.errors] == ["カメラ（0番）を開けません"]


def test_stop_ends_a_loop_that_sees_nothing() -> None:
    source, recorder = Script([frame_showing(None)]), Recorder()
    reader = CameraReader(lambda: source, recorder.callbacks())
    reader.start()
    assert reader.running
    reader.stop()
    assert not reader.running and source.closed.is_set()
    assert recorder.errors == [] and recorder.complete == []


def test_camera_and_scanner_share_one_intake() -> None:
    intake = Intake()
    assert intake.add_text(SPLIT[0]).progress.missing == (2, 3)  # scanned by hand
    source, recorder = Script([frame_showing(SPLIT[1]), frame_showing(SPLIT[2])]), Recorder()
    run(source, recorder, intake=intake)
    assert [p.number for p in recorder.parts] == [2, 3] and recorder.complete == [TEN]
