"""Synthetic camera frames for the robustness corpus (issue 5, "Reading").

A rendered code is placed in a 1280x720 frame of a cluttered, unevenly lit counter, then: rotated up to
20 degrees, perspective-skewed (each corner moved up to 6% of the code's width), at 25-60% of the frame
width, dimmed (35-100% brightness), blurred (Gaussian sigma up to 1.5 px), noisy (sigma 2-10) and JPEG
compressed (quality 35-90). A code at 60% of 1280 px (768 px) cannot fit a 720 px high frame, least of all
rotated: such a code is shrunk until its corners are inside the frame, and the size actually used is
reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from kakanai.qr.image import Image

WIDTH, HEIGHT = 1280, 720
MARGIN = 12


@dataclass(frozen=True)
class Conditions:
    width_fraction: float  # asked for: the code with its quiet zone, as a fraction of the frame width
    angle: float
    skew: float
    blur: float
    jpeg_quality: int
    brightness: float
    noise: float


@dataclass(frozen=True)
class Frame:
    image: Image
    conditions: Conditions
    width_fraction: float  # used, after shrinking to fit the frame


def random_conditions(rng: np.random.Generator) -> Conditions:
    return Conditions(
        width_fraction=float(rng.uniform(0.25, 0.60)), angle=float(rng.uniform(-20, 20)),
        skew=float(rng.uniform(0, 0.06)), blur=float(rng.uniform(0, 1.5)),
        jpeg_quality=int(rng.integers(35, 91)), brightness=float(rng.uniform(0.35, 1.0)),
        noise=float(rng.uniform(2, 10)),
    )


def _background(rng: np.random.Generator) -> Image:
    corners = rng.uniform(40, 220, (2, 2)).astype(np.float32)  # uneven light: a bilinear gradient
    gray = cv2.resize(corners, (WIDTH, HEIGHT), interpolation=cv2.INTER_LINEAR).astype(np.uint8)
    image = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    for _ in range(int(rng.integers(3, 9))):  # forms, pens, the edge of a phone
        color = tuple(int(v) for v in rng.integers(0, 256, 3))
        p1 = (int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT)))
        p2 = (int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT)))
        if rng.random() < 0.5:
            cv2.rectangle(image, p1, p2, color, -1)
        else:
            cv2.line(image, p1, p2, color, int(rng.integers(1, 12)))
    for _ in range(int(rng.integers(0, 4))):
        origin = (int(rng.integers(0, WIDTH - 300)), int(rng.integers(30, HEIGHT)))
        shade = int(rng.integers(0, 255))
        cv2.putText(image, "KAKANAI 2026", origin, cv2.FONT_HERSHEY_SIMPLEX, float(rng.uniform(0.6, 2)),
                    (shade, shade, shade), 2)
    return np.asarray(image, dtype=np.uint8)


def _corners(rng: np.random.Generator, c: Conditions) -> tuple[npt.NDArray[np.float32], float]:
    side = c.width_fraction * WIDTH
    half = side / 2
    quad = np.array([[-half, -half], [half, -half], [half, half], [-half, half]], np.float32)
    quad += rng.uniform(-c.skew, c.skew, (4, 2)).astype(np.float32) * side
    theta = math.radians(c.angle)
    rotation = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]], np.float32)
    quad = quad @ rotation.T
    span = quad.max(axis=0) - quad.min(axis=0)
    # 0.999: stay strictly inside, so the random placement below always has room.
    shrink = min(1.0, 0.999 * (WIDTH - 2 * MARGIN) / span[0], 0.999 * (HEIGHT - 2 * MARGIN) / span[1])
    quad *= shrink
    low, high = -quad.min(axis=0) + MARGIN, np.array([WIDTH, HEIGHT]) - quad.max(axis=0) - MARGIN
    quad += np.array([rng.uniform(low[0], high[0]), rng.uniform(low[1], high[1])], np.float32)
    return quad.astype(np.float32), c.width_fraction * shrink


def place(code: Image, rng: np.random.Generator, c: Conditions) -> Frame:
    """`code`: a rendered code (grayscale, with its quiet zone)."""
    quad, used = _corners(rng, c)
    side = code.shape[0]
    source = np.array([[0, 0], [side, 0], [side, side], [0, side]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, quad)
    warped = cv2.warpPerspective(cv2.cvtColor(code, cv2.COLOR_GRAY2BGR), matrix, (WIDTH, HEIGHT))
    mask = cv2.warpPerspective(np.full(code.shape, 255, np.uint8), matrix, (WIDTH, HEIGHT))
    image = np.where(mask[..., None] > 127, warped, _background(rng))
    image = cv2.convertScaleAbs(image, alpha=c.brightness, beta=0)
    if c.blur > 0.3:
        image = cv2.GaussianBlur(image, (0, 0), c.blur)
    noise = np.empty(image.shape, dtype=np.int16)
    cv2.randn(noise, 0, c.noise)
    noisy = np.clip(image.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    _, jpeg = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, c.jpeg_quality])
    decoded = cv2.imdecode(jpeg, cv2.IMREAD_COLOR)
    return Frame(np.asarray(decoded, dtype=np.uint8), c, used)
