"""Every store test runs on SQLite and on PostgreSQL (a fresh database per test).

KAKANAI_TEST_PG_URL is set in CI by scripts/run-tests; locally the PostgreSQL variants skip with a reason
when it is unset.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from kakanai.store import ReceptionStore

PG_URL = os.environ.get("KAKANAI_TEST_PG_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
PG_CTL = os.environ.get("KAKANAI_PG_CTL")
PG_START_OPTS = os.environ.get("KAKANAI_PG_START_OPTS", "")
# A closed port: connecting fails at once, like a shared server that is down.
UNREACHABLE_URL = "postgresql+psycopg://kakanai@127.0.0.1:1/x?connect_timeout=1"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "pg_outage: stops and restarts the test PostgreSQL server")


def create_pg_database() -> str:
    assert PG_URL is not None
    name = f"kk_store_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    assert PG_URL is not None
    name = make_url(url).database
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def backend_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'kakanai.sqlite3'}"
        return
    if not PG_URL:
        pytest.skip("KAKANAI_TEST_PG_URL is not set (run scripts/services, or scripts/run-tests)")
    url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from backend_url(request.param, tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[ReceptionStore]:
    opened = ReceptionStore.open(db_url, upgrade=True)
    try:
        yield opened
    finally:
        opened.close()


def run_sql(store: ReceptionStore, statement: str, **params: object) -> None:
    """Raw SQL outside kakanai, as an intruder (or a careless administrator) would change the data."""
    with store.engine.begin() as conn:
        conn.execute(sa.text(statement), params)


def _pg_ctl(*args: str) -> None:
    assert PG_CTL is not None
    command = shlex.split(PG_CTL)
    if args[0] == "start" and "-D" in command:
        # The server's own log, as scripts/services does; without -l it would hold our stdout pipe open.
        command += ["-l", f"{command[command.index('-D') + 1]}/server.log"]
    subprocess.run([*command, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, timeout=120)


@contextmanager
def pg_stopped() -> Iterator[None]:
    """The test PostgreSQL server stopped for the block, started again whatever happens in it."""
    _pg_ctl("stop", "-m", "fast")
    try:
        yield
    finally:
        _pg_ctl("start", "-o", PG_START_OPTS, "-w")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty database on the test server, for the tests that stop that server (pg_outage)."""
    if not PG_URL or not PG_CTL:
        pytest.skip("KAKANAI_TEST_PG_URL / KAKANAI_PG_CTL are not set (run scripts/services)")
    url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)
