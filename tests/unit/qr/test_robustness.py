"""The robustness corpus: real pre-entry codes in synthetic camera frames (frames.py); decode rate >= 99%.

The corpus is made here with a fixed seed: every catalog event's example, the 10-member household and the
two parts of a 30-member household (versions 15 to 25), in 360 frames. The rate is that of
`decode_image` (what `kakanai qr read` uses); the rate of the camera's per-frame fast path
(`decode_frame`) is reported too. Run with `-s` to see the report.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np

from kakanai.model import reception_from_dict
from kakanai.qr import encode_reception, version_for
from kakanai.qr.image import decode_frame, decode_image, make_symbol, render_symbol
from tests.unit.qr.frames import place, random_conditions
from tests.unit.qr.samples import EXAMPLES, example_reception, household

SEED = 20260405
FRAMES = 360


def corpus_codes() -> list[str]:
    texts = [t for name in EXAMPLES for t in encode_reception(example_reception(name), set_id=1).texts]
    texts += encode_reception(reception_from_dict(household(30, distinct_addresses=True)), set_id=2).texts
    texts.append(encode_reception(reception_from_dict(household(10)), set_id=3).texts[0])
    return texts


def test_decode_rate_of_the_robustness_corpus(record_property: Callable[[str, object], None]) -> None:
    rng = np.random.default_rng(SEED)
    codes = [(t, render_symbol(make_symbol(t), module_px=4)) for t in corpus_codes()]
    fast = full = 0
    per_version: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[str] = []
    sizes: list[float] = []
    shrunk = 0
    decode_ms: list[float] = []
    started = time.perf_counter()
    for i in range(FRAMES):
        text, code = codes[i % len(codes)]
        frame = place(code, rng, random_conditions(rng))
        sizes.append(frame.width_fraction)
        shrunk += frame.width_fraction < frame.conditions.width_fraction
        t0 = time.perf_counter()
        hit = any(d.text == text for d in decode_frame(frame.image))
        decode_ms.append((time.perf_counter() - t0) * 1000)
        fast += hit
        hit = hit or any(d.text == text for d in decode_image(frame.image))
        full += hit
        per_version[version_for(text)][0] += hit
        per_version[version_for(text)][1] += 1
        if not hit:
            failures.append(f"frame {i}: v{version_for(text)} {frame.conditions}")
    rate = full / FRAMES
    record_property("decode_rate", rate)  # in the JUnit XML of CI
    record_property("fast_path_rate", fast / FRAMES)
    print(f"\nrobustness corpus: {FRAMES} frames 1280x720, versions {sorted(per_version)}, seed {SEED}")
    print(f"  code width: asked 25-60% of the frame, used {min(sizes):.0%}-{max(sizes):.0%} "
          f"({shrunk} frames shrunk to fit 720 px, {sum(1 for s in sizes if s > 0.5)} above 50%)")
    print(f"  decode rate: {rate:.1%} ({full}/{FRAMES}); camera fast path alone: {fast / FRAMES:.1%}; "
          f"fast path median {np.median(decode_ms):.1f} ms")
    print("  per version: " + ", ".join(f"v{v} {h}/{n}" for v, (h, n) in sorted(per_version.items())))
    print(f"  took {time.perf_counter() - started:.1f} s")
    for line in failures:
        print("  missed " + line)
    assert rate >= 0.99
