"""The PyInstaller bundle builds, and the built executables run without the venv (issue 9)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kakanai import __version__

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def bundle() -> Path:
    out = subprocess.run([str(ROOT / "installer" / "build")], cwd=ROOT, capture_output=True, text=True,
                         timeout=1500)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    print(out.stdout.strip().splitlines()[-1])
    return ROOT / "dist" / "kakanai"


def _clean_env() -> dict[str, str]:
    # Nothing from the development environment: no venv on PATH, no PYTHONPATH, no KAKANAI_HOME.
    keep = {k: v for k, v in os.environ.items() if k in ("HOME", "LANG", "TMPDIR", "DISPLAY")}
    keep["PATH"] = "/usr/bin:/bin"
    keep["QT_QPA_PLATFORM"] = "offscreen"
    keep["LANG"] = "C.UTF-8"
    return keep


@pytest.mark.slow
def test_built_cli_reports_its_version(bundle: Path) -> None:
    out = subprocess.run([str(bundle / "kakanai"), "--version"], capture_output=True, text=True,
                         env=_clean_env(), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"kakanai {__version__}"


@pytest.mark.slow
def test_built_app_passes_its_selftest(bundle: Path) -> None:
    out = subprocess.run([str(bundle / "kakanai"), "--selftest"], capture_output=True, text=True,
                         env=_clean_env(), timeout=300, cwd="/")
    print(out.stdout)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().endswith("6 passed, 0 failed")


@pytest.mark.slow
def test_bundle_carries_fonts_with_their_licence(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "fonts" / "ipamjm.ttf").is_file()
    assert list((internal / "fonts" / "licenses").rglob("copyright"))
    assert not list(internal.rglob("*WebEngine*"))


@pytest.mark.slow
def test_built_cli_records_into_a_fresh_embedded_database(bundle: Path, tmp_path: Path) -> None:
    # Alembic's migration scripts must be in the bundle: a fresh SQLite database is created and migrated.
    example = ROOT / "resources" / "examples" / "moving_in_family.json"
    db = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    out = subprocess.run([str(bundle / "kakanai"), "record", str(example), "--db", db, "--json"],
                         capture_output=True, text=True, env=_clean_env(), timeout=120, cwd="/")
    assert out.returncode == 0, out.stdout + out.stderr
    assert '"number"' in out.stdout or "number" in out.stdout
