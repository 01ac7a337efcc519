"""CUPS with the cups-pdf printer `PDF`, as scripts/services sets it up (started here if it is not running:
these tests never skip). cups-pdf writes each job as a PDF file; where depends on its configuration
(`Out` in /etc/cups/cups-pdf.conf, ~/PDF by default; anonymous jobs in /var/spool/cups-pdf/ANONYMOUS)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[3]
PRINTER = "PDF"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


def _lpstat_ok() -> bool:
    exe = shutil.which("lpstat")
    if exe is None:
        return False
    return subprocess.run([exe, "-p", PRINTER], capture_output=True, check=False).returncode == 0


@pytest.fixture(scope="session")
def cups() -> str:
    if not _lpstat_ok():
        subprocess.run([str(REPO / "scripts" / "services")], capture_output=True, check=False, timeout=120)
    assert _lpstat_ok(), "CUPS with the PDF printer is not available (scripts/services starts it)"
    return PRINTER


def output_dirs() -> list[Path]:
    """Where cups-pdf puts the files of jobs submitted by this user."""
    out = "${HOME}/PDF"
    anonymous = "/var/spool/cups-pdf/ANONYMOUS"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            m = re.match(r"^\s*(Out|AnonDirName)\s+(\S+)", line)
            if m and m[1] == "Out":
                out = m[2]
            elif m:
                anonymous = m[2]
    home = str(Path.home())
    user = os.environ.get("USER") or Path.home().name
    return [Path(out.replace("${HOME}", home).replace("${USER}", user)), Path(anonymous)]


def new_pdfs(since: float, prefix: str) -> list[Path]:
    found: list[Path] = []
    for folder in output_dirs():
        if folder.is_dir():
            found += [p for p in folder.glob(f"{prefix}*.pdf") if p.stat().st_mtime >= since - 1]
    return sorted(found)


def wait_for_pdfs(since: float, prefix: str, count: int, timeout: float = 60.0) -> list[Path]:
    deadline = time.monotonic() + timeout
    sizes: list[int] = []
    while time.monotonic() < deadline:
        files = new_pdfs(since, prefix)
        now = [f.stat().st_size for f in files]
        if len(files) >= count and all(now) and now == sizes:  # complete: unchanged since the last look
            return files
        sizes = now
        time.sleep(0.3)
    raise AssertionError(f"cups-pdf wrote {len(new_pdfs(since, prefix))} of {count} files in {output_dirs()}")


def queued_jobs(printer: str) -> list[str]:
    done = subprocess.run(["lpstat", "-o", printer], capture_output=True, text=True, check=False)
    return [line for line in done.stdout.splitlines() if line.strip()]


@pytest.fixture
def offline_printer(cups: str) -> Iterator[str]:
    """A second cups-pdf queue, stopped with a reason, as a printer that is off or out of paper."""
    name = "KakanaiOffline"
    subprocess.run(["lpadmin", "-p", name, "-v", "cups-pdf:/", "-E", "-m", "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"],
                   capture_output=True, check=True)
    subprocess.run(["cupsdisable", "-r", "用紙切れ（テスト）", name], capture_output=True, check=True)
    try:
        yield name
    finally:
        subprocess.run(["cancel", "-a", name], capture_output=True, check=False)
        subprocess.run(["lpadmin", "-x", name], capture_output=True, check=False)


@pytest.fixture(scope="session", autouse=True)
def _gui_thread_collector(qapp: QApplication) -> Iterator[None]:
    # As the counter does (kakanai.ui.collector): cyclic garbage holding Qt objects is freed on the GUI
    # thread, never inside a background operation's thread.
    from kakanai.ui.collector import install_gui_thread_collector

    collector = install_gui_thread_collector(qapp)
    yield
    collector.stop()

