"""The last line of defence (issue 16): an unexpected exception becomes one Japanese message with an
incident number, and its traceback goes to a rotating log file in the user's data folder.

No personal data in the log: a reception's names, addresses and birth dates reach exceptions as their
arguments (`KeyError('山田太郎')`, a ValueError quoting a JSON value) and as local variables. So the log holds
only the exception's TYPE (and those of its causes), and for each frame the file (relative to the package,
so not the user's home folder either), the line number and the function name — never str(exc), the
arguments, the locals or the command-line values (file names can be names). That is enough to find the
bug; the data that triggered it is for the clerk to provide, with the incident number, if needed.

Where: $XDG_DATA_HOME/kakanai/logs (~/.local/share/kakanai/logs), %LOCALAPPDATA%\\kakanai\\logs on
Windows — the folder of the counter's database and spool. Standard library only: every layer may use it.
"""

from __future__ import annotations

import logging
import logging.handlers
import secrets
import sys
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kakanai import __version__
from kakanai.paths import user_data_dir

LOG_FILE = "incidents.log"
LOG_MAX_BYTES = 512 * 1024
LOG_BACKUPS = 4  # incidents.log.1 … .4: at most 2.5 MB
EXIT_UNEXPECTED = 70  # EX_SOFTWARE (sysexits.h): an internal software error
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # src/ (or site-packages/)


def log_path() -> Path:
    return user_data_dir() / "logs" / LOG_FILE


@dataclass(frozen=True)
class Incident:
    number: str
    log_file: Path | None  # None when the log could not be written (its folder read-only, a full disk)

    def message(self, what: str = "処理") -> str:
        """The one message the user sees (Japanese)."""
        where = (f"記録: {self.log_file}（個人情報は含みません）" if self.log_file is not None
                 else "記録ファイルは書けませんでした")
        return (f"予期しない内部エラーのため{what}を中止しました（事故番号 {self.number}）。"
                f"この番号を添えて管理者に連絡してください。{where}")


def new_number(now: datetime | None = None) -> str:
    """Time (UTC, to the second) and 4 random hex digits: unique enough, and it sorts by time."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2).upper()}"


def _where(filename: str) -> str:
    path = Path(filename)
    try:
        return path.resolve().relative_to(_PACKAGE_ROOT).as_posix()
    except (ValueError, OSError):
        return path.name  # the standard library or a dependency: its file name says enough


def scrubbed_report(exc: BaseException, *, context: str = "") -> list[str]:
    """The log lines of an exception: types and frames only (see the module docstring)."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    first = True
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        lines.append(("例外" if first else "原因") + f": {kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {_where(frame.filename)}:{frame.lineno} in {frame.name}")
        first = False
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    header = f"kakanai {__version__} python {sys.version.split()[0]} {sys.platform}"
    return [header + (f" [{context}]" if context else ""), *lines]


class _QuietHandler(logging.handlers.RotatingFileHandler):
    """logging reports its own write errors on stderr with a traceback: here they only mean "not written"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.failed: list[bool] = []

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed.append(True)


def record(exc: BaseException, *, context: str = "") -> Incident:
    """Write the incident to the rotating log; never raises (a failing log must not hide the incident)."""
    number = new_number()
    path = log_path()
    logger = logging.getLogger("kakanai.incident")
    logger.propagate = False  # the report never reaches the console through the root logger
    logger.setLevel(logging.INFO)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _QuietHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8",
                                delay=True)
    except OSError:
        return Incident(number, None)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    failed = handler.failed
    logger.addHandler(handler)
    try:
        logger.error("事故番号 %s\n%s", number, "\n".join(scrubbed_report(exc, context=context)))
    finally:
        logger.removeHandler(handler)
        try:
            handler.close()
        except OSError:
            failed.append(True)
    return Incident(number, None if failed else path)


class UnexpectedError(RuntimeError):
    """An unexpected exception after it was recorded: its message is the one the user sees (the counter app
    shows str(error) of a failed background operation)."""

    def __init__(self, incident: Incident, what: str = "処理") -> None:
        super().__init__(incident.message(what))
        self.incident = incident


def is_expected(exc: BaseException) -> bool:
    """kakanai's own errors carry a message for the user (CardError, RecordError, ReceptionError…), and an
    OSError says what the system refused (a full disk, a missing printer); anything else — TypeError,
    KeyError, a library's internal error — is a bug to record."""
    return type(exc).__module__.startswith("kakanai.") or isinstance(exc, OSError)


def guarded(exc: BaseException, *, context: str, what: str = "処理") -> BaseException:
    """`exc` itself when expected; otherwise an UnexpectedError after recording the incident."""
    if is_expected(exc):
        return exc
    return UnexpectedError(record(exc, context=context), what)
