"""The pixel size an image file declares, read from its header without decoding it (issue 16).

A 150 KB PNG can declare 30000×30000 pixels: OpenCV would allocate 2.7 GB for it (5.3 GB and 20 s measured
in `qr read`), and above its own limit (2^30 pixels) raise a raw cv2.error. So the size is read here first
and an image over MAX_PIXELS is refused before anything is allocated. Formats: those a clerk's phone,
scanner or screenshot produces and OpenCV decodes — PNG, JPEG, GIF, BMP, WebP, TIFF, PNM. Anything else
is not read at all (None: "not an image"). Standard library only.
"""

from __future__ import annotations

import re
import struct

# 50 megapixels: the largest phone photos (8160×6120) fit; decoding one takes about 150 MB.
MAX_PIXELS = 50_000_000
MAX_FILE_BYTES = 64 * 1024 * 1024
# JPEG start-of-frame markers (ITU-T T.81 table B.1): C0-CF except DHT (C4), JPG (C8) and DAC (CC).
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_NO_LENGTH = frozenset([0x01, *range(0xD0, 0xDA)])  # TEM, RSTn, SOI, EOI
_PNM = re.compile(rb"P[1-6](?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)")


def pixel_limit_text() -> str:
    return f"{MAX_PIXELS // 10_000:,}万ピクセル"


def declared_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) the file says it has, or None when it is not an image of a known format."""
    try:
        for reader in (_png, _jpeg, _gif, _bmp, _webp, _tiff, _pnm):
            size = reader(data)
            if size is not None:
                return size
    except (struct.error, IndexError, ValueError):
        return None  # a header cut short or inconsistent: not a readable image
    return None


def _png(data: bytes) -> tuple[int, int] | None:
    # PNG (ISO/IEC 15948 section 11.2.2): the signature, then IHDR first with width and height.
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg(data: bytes) -> tuple[int, int] | None:
    if not data.startswith(b"\xff\xd8"):
        return None
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError("not a marker")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _JPEG_NO_LENGTH:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            return width, height
        pos += 2 + length
    raise ValueError("no frame header")


def _gif(data: bytes) -> tuple[int, int] | None:
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        return None
    width, height = struct.unpack("<HH", data[6:10])
    return width, height


def _bmp(data: bytes) -> tuple[int, int] | None:
    if not data.startswith(b"BM"):
        return None
    if struct.unpack("<I", data[14:18])[0] == 12:  # BITMAPCOREHEADER: 16-bit sizes
        width, height = struct.unpack("<HH", data[18:22])
        return width, height
    width, height = struct.unpack("<ii", data[18:26])
    return abs(width), abs(height)  # a negative height: stored top-down


def _webp(data: bytes) -> tuple[int, int] | None:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    chunk = data[12:16]
    if chunk == b"VP8X":  # extended: 24-bit sizes minus one
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if chunk == b"VP8L":  # lossless: 14-bit sizes minus one, packed
        b = data[21:25]
        return 1 + (b[0] | (b[1] & 0x3F) << 8), 1 + (b[1] >> 6 | b[2] << 2 | (b[3] & 0x0F) << 10)
    if chunk == b"VP8 ":  # lossy: 14-bit sizes after the frame tag and start code
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    raise ValueError("unknown WebP chunk")


def _tiff(data: bytes) -> tuple[int, int] | None:
    if data[:4] == b"II*\x00":
        order = "<"
    elif data[:4] == b"MM\x00*":
        order = ">"
    else:
        return None
    ifd = struct.unpack(order + "I", data[4:8])[0]  # OpenCV reads the first page only
    count = struct.unpack(order + "H", data[ifd:ifd + 2])[0]
    found: dict[int, int] = {}
    for n in range(count):
        entry = data[ifd + 2 + 12 * n:ifd + 14 + 12 * n]
        tag, kind = struct.unpack(order + "HH", entry[:4])
        if tag in (256, 257):  # ImageWidth, ImageLength: SHORT (3) or LONG (4)
            found[tag] = struct.unpack(order + ("H" if kind == 3 else "I"), entry[8:10] if kind == 3 else entry[8:12])[0]
    if 256 not in found or 257 not in found:
        raise ValueError("no image size")
    return found[256], found[257]


def _pnm(data: bytes) -> tuple[int, int] | None:
    match = _PNM.match(data[:1024])
    if match is None:
        return None
    return int(match[1]), int(match[2])
