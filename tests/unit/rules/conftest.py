"""A small rule set in a temporary folder, to test the engine apart from the shipped catalog."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kakanai.paths import default_municipality_file, rules_dir


@pytest.fixture
def mini_rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    (root / "procedures").mkdir(parents=True)
    (root / "tests").mkdir()
    shutil.copy(rules_dir() / "facts.yaml", root / "facts.yaml")
    shutil.copy(default_municipality_file(), tmp_path / "municipality.yaml")
    (tmp_path / "forms").mkdir()
    for form in ("school_transfer", "seal_registration", "child_allowance_claim"):
        (tmp_path / "forms" / f"{form}.yaml").write_text("id: x\n", encoding="utf-8")
    return root


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
