"""Images over the pixel limit are refused from their header, before decoding (issue 16): a small PNG
declaring 30000×30000 pixels took 20 s and 5.3 GB in `qr read`; 60000×60000 raised a raw cv2.error."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from kakanai.cli.main import main
from kakanai.qr.camera import CameraError
from kakanai.qr.image import ImageError, check_pixels, load_image
from kakanai.qr.imagesize import MAX_PIXELS, declared_size
from tests.unit.qr.test_camera import Recorder, Script, run


def png_declaring(width: int, height: int, *, body: int = 150_000) -> bytes:
    """A PNG whose header says width×height, with `body` bytes of compressed zero rows (a bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit grayscale
    idat = zlib.compress(bytes(body * 1000), 9)[:body]
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def jpeg_declaring(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


@pytest.mark.parametrize("side", [30000, 60000])
def test_qr_read_refuses_a_huge_png_at_once(tmp_path: Path, side: int, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(png_declaring(side, side))
    assert 100_000 < path.stat().st_size < 200_000
    started = time.perf_counter()
    code = main(["qr", "read", str(path)])
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert code == 2 and elapsed < 1.0
    assert err == (f"kakanai: 画像 {path} が大きすぎます: {side}×{side} ピクセル（上限 5,000万ピクセル）。"
                   "縮小してから読み取ってください\n")


def test_a_huge_jpeg_is_refused_from_its_frame_header(tmp_path: Path) -> None:
    path = tmp_path / "huge.jpg"
    path.write_bytes(jpeg_declaring(20000, 10000))
    with pytest.raises(ImageError, match=r"20000×10000 ピクセル（上限 5,000万ピクセル）"):
        load_image(path)


def test_the_limit_itself_is_allowed() -> None:
    assert MAX_PIXELS == 10000 * 5000
    check_pixels(10000, 5000, "画像")
    with pytest.raises(ImageError, match="10001×5000"):
        check_pixels(10001, 5000, "画像")


@pytest.mark.parametrize("extension", [".png", ".jpg", ".bmp", ".webp", ".tiff", ".pgm", ".gif"])
def test_declared_size_agrees_with_opencv(extension: str) -> None:
    image = np.zeros((37, 53, 3), np.uint8)
    if extension == ".gif":
        # OpenCV writes GIF only from 4.11; a minimal GIF87a header is enough for the size.
        data = b"GIF87a" + struct.pack("<HH", 53, 37) + b"\x00\x00\x00;"
    else:
        ok, buffer = cv2.imencode(extension, image[..., 0] if extension == ".pgm" else image)
        assert ok
        data = buffer.tobytes()
    assert declared_size(data) == (53, 37)


@pytest.mark.parametrize("data", [b"", b"not an image", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0\x00", b"RIFF0000WEBPXXXX",
                                  b"II*\x00\xff\xff\xff\xff", b"BM"])
def test_unknown_or_cut_headers_are_not_images(data: bytes) -> None:
    assert declared_size(data) is None


def test_a_file_that_is_not_an_image_or_lies_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lies.png"
    path.write_bytes(png_declaring(40, 40, body=10))  # a valid header, a broken body
    with pytest.raises(ImageError, match="画像として読めません"):
        load_image(path)


def test_the_camera_refuses_huge_frames_before_decoding() -> None:
    huge = np.broadcast_to(np.uint8(128), (8000, 8000, 3))  # 64 MP without allocating them
    recorder = Recorder()
    run(Script([huge]), recorder)
    assert [str(e) for e in recorder.errors] == [
        "カメラの映像が大きすぎます: 8000×8000 ピクセル（上限 5,000万ピクセル）。縮小してから読み取ってください"]
    assert isinstance(recorder.errors[0], CameraError) and recorder.previews == []
