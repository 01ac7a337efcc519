"""`kakanai prefill build` when the bundler fails: its own error line, and a full disk said as every full
disk is (exit 3). On a full disk it printed 「ページの組み立てに失敗しました: errors: [Getter/Setter], / …」
(the tail of Node's stack dump), exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kakanai.cli import prefill_site
from kakanai.cli.main import main
from kakanai.cli.prefill_site import DISK_FULL, PrefillError, build_failure

ESBUILD_FULL = """✘ [ERROR] Failed to write to output file: write /x/.pf.1a2b.tmp/app.js: no space left on device

/p/node_modules/esbuild/lib/main.js:1752
  let error = new Error(text);
              ^

Error: Build failed with 1 error:
error: Failed to write to output file: write /x/.pf.1a2b.tmp/app.js: no space left on device
    at failureErrorWithLog (/p/node_modules/esbuild/lib/main.js:1752:15)
    at addChunk (node:internal/streams/readable:561:12) {
  errors: [Getter/Setter],
  warnings: [Getter/Setter]
}

Node.js v20.20.2
"""

ESBUILD_SYNTAX = """✘ [ERROR] Expected ";" but found "x"

    src/app.ts:3:7:
      3 │ let a x
        ╵       ^

Error: Build failed with 1 error:
src/app.ts:3:7: ERROR: Expected ";" but found "x"
    at failureErrorWithLog (/p/node_modules/esbuild/lib/main.js:1752:15) {
  errors: [Getter/Setter],
  warnings: [Getter/Setter]
}

Node.js v20.20.2
"""


def test_a_full_disk_is_its_own_failure() -> None:
    failure = build_failure("ページの組み立て", ESBUILD_FULL)
    assert (failure.code, failure.message) == (DISK_FULL, "ページの組み立て: ディスクがいっぱいです")


def test_the_error_lines_not_the_stack_dump() -> None:
    failure = build_failure("ページの組み立て", ESBUILD_SYNTAX)
    assert (failure.code, failure.message) == ("build_failed", "ページの組み立てに失敗しました: "
                                               '✘ [ERROR] Expected ";" but found "x" / '
                                               "Error: Build failed with 1 error:")


def test_output_without_error_lines_keeps_its_last_lines() -> None:
    assert build_failure("npm ci", "a\nb\nc\nd\ne\nf\n").message == "npm ciに失敗しました: b / c / d / e / f"


def test_prefill_build_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    def full(out_dir: Path, book: Any, **_kwargs: Any) -> None:
        (out_dir / "index.html").write_text("half", encoding="utf-8")
        raise build_failure("ページの組み立て", ESBUILD_FULL)

    monkeypatch.setattr(prefill_site, "build_site", full)
    out = tmp_path / "サイト 公開"
    assert main(["prefill", "build", "--out", str(out), "--json"]) == 3
    captured = capsys.readouterr()
    assert captured.err == (f"kakanai: ディスクがいっぱいで書き込めません: {out}"
                            "（空き容量を確保してから、もう一度実行してください）\n")
    assert '"code": "disk_full"' in captured.out
    assert list(tmp_path.iterdir()) == []  # the staged folder is gone, nothing half-built left


def test_prefill_build_failure_stays_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    def broken(out_dir: Path, book: Any, **_kwargs: Any) -> None:
        raise PrefillError("build_failed", "ページの組み立てに失敗しました: x")

    monkeypatch.setattr(prefill_site, "build_site", broken)
    assert main(["prefill", "build", "--out", str(tmp_path / "site")]) == 2
    assert capsys.readouterr().err == "kakanai: ページの組み立てに失敗しました: x\n"
