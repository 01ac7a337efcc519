"""Repository-wide pytest set-up: Qt offscreen before anything imports Qt, and the collector for the rule
test cases written as YAML (resources/rules/tests/*.yaml, OpenFisca style)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Without a display Qt aborts the whole process; tests run offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_RULE_TESTS = Path(__file__).parent / "resources" / "rules" / "tests"


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent == _RULE_TESTS:
        return RuleCaseFile.from_parent(parent, path=file_path)
    return None


class RuleCaseFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        from kakanai.rules.testcases import load_cases

        for case in load_cases(self.path):
            yield RuleCaseItem.from_parent(self, name=case.name, case=case)


_BOOK: Any = None


class RuleCaseItem(pytest.Item):
    def __init__(self, *, case: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        global _BOOK
        from kakanai.rules import load_rulebook
        from kakanai.rules.testcases import check_case

        if _BOOK is None:
            _BOOK = load_rulebook()
        failures = check_case(_BOOK, self.case)
        if failures:
            raise RuleCaseFailure("\n".join(failures))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, RuleCaseFailure):
            return f"{self.case.where}: {self.case.name}\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"rule case: {self.name}"


class RuleCaseFailure(AssertionError):
    pass
