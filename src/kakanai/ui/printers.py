"""What the OS print system says about a printer, beyond what Qt reports: CUPS state reasons
(offline, out of paper, paused…) read with `lpstat`, so the clerk gets a clear message and a retry
instead of a job that silently waits in a queue. Without CUPS (Windows) this reports nothing."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

LPSTAT_TIMEOUT = 3.0

# IPP printer-state-reasons (RFC 8011 section 5.4.12) the clerk can act on, in Japanese.
REASONS = {
    "offline": "プリンターがオフラインです。電源とケーブルを確認してください",
    "media-empty": "用紙がありません。用紙を補給してください",
    "media-needed": "用紙がありません。用紙を補給してください",
    "media-jam": "紙詰まりです。詰まった用紙を取り除いてください",
    "door-open": "プリンターのカバーが開いています",
    "toner-empty": "トナー（インク）がありません",
    "marker-supply-empty": "トナー（インク）がありません",
    "paused": "プリンターが一時停止しています",
    "stopped": "プリンターが停止しています",
    "connecting-to-device": "プリンターに接続できません",
}


@dataclass(frozen=True)
class PrinterStatus:
    name: str
    known: bool  # False: the print system does not list this printer
    problem: str | None  # a Japanese message when printing now would not work
    queued_jobs: int = 0


def _lpstat(*args: str) -> str | None:
    exe = shutil.which("lpstat")
    if exe is None:
        return None
    try:
        done = subprocess.run([exe, *args], capture_output=True, text=True, timeout=LPSTAT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout


def cups_printer_status(name: str) -> PrinterStatus | None:
    """The CUPS view of one printer, or None where CUPS is not available."""
    out = _lpstat("-l", "-p", name)
    if out is None:
        return None
    jobs = _lpstat("-o", name)
    return parse_lpstat(name, out, jobs or "")


def parse_lpstat(name: str, printer: str, jobs: str) -> PrinterStatus:
    """`lpstat -l -p NAME` and `lpstat -o NAME` as a status (the first line says enabled/disabled, the
    `Alerts:` line lists the IPP printer-state-reasons)."""
    if not printer.strip():
        return PrinterStatus(name, False, f"プリンター「{name}」が見つかりません")
    text = printer.lower()
    problem = None
    if " disabled" in text.split("\n", 1)[0]:
        problem = REASONS["stopped"]
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("alerts:"):
            for reason in line.removeprefix("alerts:").split():
                base = reason.removesuffix("-error").removesuffix("-warning").removesuffix("-report")
                if base in REASONS and not reason.endswith("-warning"):
                    problem = REASONS[base]
                    break
    queued = len([j for j in jobs.splitlines() if j.strip()])
    return PrinterStatus(name, True, problem, queued)
