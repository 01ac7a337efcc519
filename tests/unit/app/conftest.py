"""The real rule book once per test session, and a fake clock for the idle timeout."""

from __future__ import annotations

from datetime import date

import pytest

from kakanai.rules import RuleBook, load_rulebook

TODAY = date(2026, 4, 10)


@pytest.fixture(scope="session")
def book() -> RuleBook:
    return load_rulebook()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
