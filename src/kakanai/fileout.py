"""Every file kakanai writes for a user goes through here: atomic, contained, never half-written (issue 16).

- One file (`write_file`): written to a fresh temporary file in the same folder, flushed to the disk, then
  renamed over the target (os.replace is atomic on POSIX and on Windows within one volume). A reader
  never sees a truncated PDF or PNG; a full disk leaves the old file (or nothing) in place.
- A folder of files (`publish_folder`; `staged_folder` for files another program writes): written into a
  fresh temporary folder next to the target, then moved into place as a whole. The target must be
  missing, empty, or hold only the files kakanai made for the same reception (named in its
  `.kakanai.json` marker) — those are replaced together; anything else (another household's PDFs, a
  file of the user's, a planted symlink) is refused, never mixed in.
- A symlink is never followed: a target or a folder that is a symlink is refused, and the files are
  created with O_EXCL|O_NOFOLLOW inside a folder only kakanai has just made.

Standard library only (and kakanai.oserror_text), so that every layer may use it (like kakanai.paths).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from kakanai.oserror_text import os_reason

MARKER = ".kakanai.json"
# What a folder kakanai refuses to write into holds, as the message says it (`others`).
OTHER_RECEPTIONS = "別の受付のファイルや kakanai が作っていないファイル"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, where creating a symlink needs privileges
_BINARY = getattr(os, "O_BINARY", 0)


class OutputError(Exception):
    """A file that cannot be written where asked (Japanese message naming the path and the reason)."""

    def __init__(self, message: str, *, disk_full: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.disk_full = disk_full


def os_failure(path: Path | str, exc: OSError) -> OutputError:
    """The Japanese message for a failed write: a full disk is said in so many words (ENOSPC, EDQUOT)."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OutputError(f"ディスクがいっぱいで書き込めません: {path}（空き容量を確保してから、もう一度実行してください）",
                           disk_full=True)
    return OutputError(f"書き込めません: {path}（{os_reason(exc, path, files=not _own_temporary(path, exc))}）")


def _own_temporary(path: Path | str, exc: OSError) -> bool:
    """The error names a file kakanai made beside the target (.NAME.1a2b3c4d.tmp, or one inside it): its
    random name tells the user nothing the target does not."""
    name = exc.filename
    if not isinstance(name, str | bytes | os.PathLike):
        return False
    prefix = f".{Path(path).name}."
    return any(part.startswith(prefix) for part in Path(os.fsdecode(name)).parts)


def _checked_target(path: Path | str, what: str) -> tuple[Path, os.stat_result | None]:
    """The target and what is there now (never through a symlink): refused when empty or a symlink."""
    if str(path).strip() == "":
        raise OutputError(f"{what}が空です。書き出す場所を指定してください")
    target = Path(path)
    info = _lstat(target)
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{what}がシンボリックリンクです。リンク先には書き込みません: {target}")
    return target, info


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise os_failure(path, exc) from None


def _write_new(path: Path, data: bytes) -> None:
    """Create `path` (it must not exist: O_EXCL, and never through a symlink), write, flush to the disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o644)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def check_file_target(path: Path | str, what: str = "出力ファイル") -> Path:
    """The path of a file to write, refused before any work: empty, a folder, a symlink, a device or pipe."""
    if str(path).endswith(("/", os.sep)):  # Path() drops the separator: "out/" would become a file "out"
        raise OutputError(f"{what}の末尾が「{str(path)[-1]}」です。フォルダではなくファイル名を指定してください: {path}")
    target, info = _checked_target(path, what)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{what}にフォルダが指定されています。ファイル名を指定してください: {target}")
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"{what}が通常のファイルではありません（デバイスなど）: {target}")
    return target


def write_file(path: Path | str, data: bytes, *, what: str = "出力ファイル") -> Path:
    """Write `data` to `path` atomically (see check_file_target for what is refused)."""
    target = check_file_target(path, what)
    # A fresh name beside the target (same volume: the rename is atomic); O_EXCL, so never an existing file.
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_new(tmp, data)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise os_failure(target, exc) from None
    return target


def _marker(owner: str, names: list[str]) -> bytes:
    return json.dumps({"made_by": "kakanai", "owner": owner, "files": names}, ensure_ascii=False).encode()


def _own_files(folder: Path, owner: str) -> bool:
    """True when the folder holds nothing but the files kakanai made there for the same owner."""
    try:
        entries = {entry.name: entry for entry in os.scandir(folder)}
    except OSError as exc:
        raise os_failure(folder, exc) from None
    if not entries:
        return True
    marker = entries.get(MARKER)
    if marker is None or not marker.is_file(follow_symlinks=False):
        return False
    try:
        recorded = json.loads(Path(marker.path).read_text(encoding="utf-8"))
        names = set(recorded["files"])
        same_owner = recorded["made_by"] == "kakanai" and recorded["owner"] == owner
    except (OSError, ValueError, KeyError, TypeError):
        return False
    # Files and folders kakanai made (a site's assets/); a symlink never counts as kakanai's.
    ours = all(name in names and (entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False))
               for name, entry in entries.items() if name != MARKER)
    return same_owner and ours


def check_folder_target(out: Path | str, what: str = "出力先フォルダ") -> Path:
    """The folder to write into, refused before any work: empty, a symlink, a file or anything not a folder."""
    target, info = _checked_target(out, what)
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{what}にフォルダではないもの（ファイルなど）が指定されています: {target}")
    return target


@contextlib.contextmanager
def staged_folder(out: Path | str, *, owner: str, what: str = "出力先フォルダ",
                  others: str = OTHER_RECEPTIONS) -> Iterator[Path]:
    """A fresh empty folder beside `out` to fill; on a normal exit it becomes `out` as a whole (see the
    module docstring for what `out` may hold), on an exception it is removed and `out` is left as it was.

    `owner` identifies what the files belong to (a reception): a folder kakanai filled for another owner
    is refused rather than mixed with the new files. An OSError becomes an OutputError."""
    target = check_folder_target(out, what)
    info = _lstat(target)
    if info is not None and not _own_files(target, owner):
        raise OutputError(f"{what}に{others}があります: {target}（空のフォルダか新しいフォルダを指定してください）")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _fresh_folder(target, ".tmp")
        if info is not None:
            os.chmod(staging, stat.S_IMODE(info.st_mode))  # the folder keeps its permissions
    except OSError as exc:
        raise os_failure(target, exc) from None
    try:
        yield staging
        _write_new(staging / MARKER, _marker(owner, sorted(os.listdir(staging))))
        _swap_in(staging, target, existed=info is not None)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise os_failure(target, exc) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def publish_folder(out: Path | str, files: Mapping[str, bytes], *, owner: str, what: str = "出力先フォルダ",
                   others: str = OTHER_RECEPTIONS) -> Path:
    """Write `files` (name -> content) into the folder `out` as a whole (staged_folder)."""
    for name in files:
        if name in ("", ".", "..", MARKER) or "/" in name or "\\" in name or "\0" in name:
            raise OutputError(f"書き出すファイル名が正しくありません: {name!r}")
    with staged_folder(out, owner=owner, what=what, others=others) as staging:
        for name, data in files.items():
            _write_new(staging / name, data)
    return Path(out)


def _fresh_folder(target: Path, suffix: str) -> Path:
    """A new empty folder beside `target` (os.mkdir honours the umask; tempfile.mkdtemp would make it 0o700)."""
    for _ in range(100):
        folder = target.with_name(f".{target.name}.{secrets.token_hex(4)}{suffix}")
        try:
            os.mkdir(folder, 0o777)
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(errno.EEXIST, "一時フォルダを作れません", str(target))


def _swap_in(staging: Path, target: Path, *, existed: bool) -> None:
    """Move the finished folder into place; the earlier one (kakanai's own or empty) goes only after."""
    if not existed:
        os.rename(staging, target)
        return
    old = _fresh_folder(target, ".old")
    os.rmdir(old)  # a unique free name for the earlier folder
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old, target)  # put the earlier files back: nothing lost, nothing mixed
        raise
    shutil.rmtree(old, ignore_errors=True)
