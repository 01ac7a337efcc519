"""Store load (issue 7): concurrent processes recording into one database lose nothing and never share a
reception number. A small version runs in the suite; the full one is `tests/bench/store_load.py`
(8 x 500 into PostgreSQL, 4 x 500 into SQLite)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from store_load import run_load

PG_URL = os.environ.get("KAKANAI_TEST_PG_URL")


def test_store_load_sqlite_small(benchmark: Any) -> None:
    result = benchmark.pedantic(run_load, args=("sqlite",), kwargs={"processes": 2, "count": 15},
                                rounds=1, iterations=1)
    assert result.ok, result
    assert result.stored == 30


@pytest.mark.postgres
def test_store_load_postgresql_small(benchmark: Any) -> None:
    if not PG_URL:
        pytest.skip("KAKANAI_TEST_PG_URL is not set (run scripts/services)")
    result = benchmark.pedantic(run_load, args=(PG_URL,), kwargs={"processes": 3, "count": 15, "fresh": True},
                                rounds=1, iterations=1)
    assert result.ok, result
    assert result.stored == 45
