"""The pre-entry page's tests: Node.js runs the page's JavaScript, Debian's Chromium shows the page.

`npm ci` runs in prefill/ when node_modules is missing (kakanai.cli.prefill_site.ensure_node_modules); CI's
machine gets node, npm and chromium from scripts/setup. Nothing here is skipped: a missing tool fails."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kakanai.cli.prefill_site import ensure_node_modules, prefill_dir
from kakanai.rules import RuleBook, load_rulebook

CHROMIUM = Path("/usr/bin/chromium")


def kakanai(*args: str, stdin: str | None = None, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kakanai.cli.main", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout, check=False)


def run_node(script: str, payload: Any, *args: str, timeout: int = 120) -> Any:
    """Run prefill/tests/<script> with JSON on standard input; its JSON output."""
    done = subprocess.run(["node", str(prefill_dir() / "tests" / script), *args], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=timeout, check=False, cwd=prefill_dir())
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def node_modules() -> Path:
    for tool in ("node", "npm"):
        assert shutil.which(tool), f"{tool} is missing: scripts/setup installs Node.js and npm"
    return ensure_node_modules()


@pytest.fixture(scope="session")
def book() -> RuleBook:
    return load_rulebook()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, node_modules: Path) -> Iterator[Path]:
    """The site as a municipality builds it: `kakanai prefill build --out DIR`."""
    out = tmp_path_factory.mktemp("site")
    done = kakanai("prefill", "build", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    yield out


@pytest.fixture(scope="session")
def chromium() -> Path:
    assert CHROMIUM.is_file(), "Debian's chromium is missing: scripts/setup installs it"
    return CHROMIUM
