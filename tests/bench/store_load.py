"""Load test of the store: N processes record M receptions each, concurrently, into one database.

    python tests/bench/store_load.py --db postgresql+psycopg://kakanai@127.0.0.1:54329/postgres --fresh \\
        --processes 8 --count 500
    python tests/bench/store_load.py --db sqlite --fresh --processes 4 --count 500

All processes record for the same office and day (the worst case for number allocation). Checks: every
record stored, none lost, no duplicate reception number, the audit chain intact. Prints record latency
p50/p95 and the throughput. `--fresh` records into a new throwaway database (a temp SQLite file, or a new
PostgreSQL database dropped afterwards); `--db sqlite` alone means a temp SQLite file.
"""

from __future__ import annotations

import argparse
import importlib
import json
import multiprocessing
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class LoadResult:
    backend: str
    processes: int
    per_process: int
    stored: int
    lost: int
    duplicate_numbers: int
    audit_ok: bool
    p50_ms: float
    p95_ms: float
    max_ms: float
    seconds: float
    per_second: float

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicate_numbers == 0 and self.audit_ok and self.stored == (
            self.processes * self.per_process)


def _worker(url: str, office: str, counter: str, count: int, start_at: float) -> tuple[list[int], list[float]]:
    from kakanai.model import reception_from_json
    from kakanai.paths import examples_dir
    from kakanai.rules import load_rulebook
    from kakanai.store import ReceptionStore, RecordInput, StepTiming, utcnow

    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    plan = load_rulebook().plan(reception)
    store = ReceptionStore.open(url, upgrade=False)
    numbers: list[int] = []
    latencies: list[float] = []
    while time.time() < start_at:  # every process starts together, after its imports
        time.sleep(0.005)
    for _ in range(count):
        now = utcnow()
        item = RecordInput(reception=reception, plan=plan, office=office, counter=counter, staff="load",
                           started_at=now, finished_at=now, business_day=date.today(),
                           steps=(StepTiming("members", now, 30.0),))
        t0 = time.perf_counter()
        result = store.record(item)
        latencies.append(time.perf_counter() - t0)
        numbers.append(result.number or 0)
    store.close()
    return numbers, latencies


@contextmanager
def _database(db: str, fresh: bool) -> Iterator[str]:
    if db == "sqlite" or (fresh and db.startswith("sqlite")):
        with tempfile.TemporaryDirectory(prefix="kakanai-load-") as tmp:
            yield f"sqlite:///{Path(tmp) / 'load.sqlite3'}"
        return
    if not fresh:
        yield db
        return
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    name = f"kk_load_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(db, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(db).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def run_load(db: str, *, processes: int, count: int, fresh: bool = True) -> LoadResult:
    from kakanai.store import ReceptionStore

    with _database(db, fresh) as url:
        setup = ReceptionStore.open(url, upgrade=True)
        office = f"load-{uuid.uuid4().hex[:8]}"  # this run's records only, even in a shared database
        ctx = multiprocessing.get_context("spawn")
        # Pickle the worker as store_load._worker (not __main__._worker) so that spawned processes find it
        # whether this file runs as a script or is imported by pytest.
        here = str(Path(__file__).resolve().parent)
        if here not in sys.path:
            sys.path.insert(0, here)
        worker = importlib.import_module("store_load")._worker
        start_at = time.time() + 2.0 + 0.4 * processes  # time for every process to import and plan once
        with ctx.Pool(processes) as pool:
            jobs = [pool.apply_async(worker, (url, office, f"c{i}", count, start_at)) for i in range(processes)]
            outcomes = [job.get(timeout=1800) for job in jobs]
        elapsed = time.time() - start_at
        numbers = [n for nums, _ in outcomes for n in nums]
        latencies = [lat for _, lats in outcomes for lat in lats]
        stored = setup.count_receptions(office)
        expected = processes * count
        result = LoadResult(
            backend=url.split(":", 1)[0], processes=processes, per_process=count, stored=stored,
            lost=max(0, expected - stored),
            duplicate_numbers=len(numbers) - len(set(numbers)) + setup.duplicate_numbers(),
            audit_ok=setup.verify_audit().ok,
            p50_ms=round(_pct(latencies, 0.50), 2), p95_ms=round(_pct(latencies, 0.95), 2),
            max_ms=round(max(latencies) * 1000, 2), seconds=round(elapsed, 2),
            per_second=round(expected / elapsed, 1) if elapsed > 0 else 0.0,
        )
        setup.close()
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite", help="database URL, or 'sqlite' for a temp SQLite file")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--count", type=int, default=500, help="receptions per process")
    parser.add_argument("--fresh", action="store_true", help="use a new throwaway database")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run_load(args.db, processes=args.processes, count=args.count, fresh=args.fresh)
    if args.json:
        print(json.dumps({**asdict(result), "ok": result.ok}))
    else:
        print(f"{result.backend}: {result.processes} processes x {result.per_process} = {result.stored} stored, "
              f"lost {result.lost}, duplicate numbers {result.duplicate_numbers}, audit {'ok' if result.audit_ok else 'BROKEN'}")
        print(f"record latency p50 {result.p50_ms} ms, p95 {result.p95_ms} ms, max {result.max_ms} ms; "
              f"{result.seconds} s, {result.per_second} records/s")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
