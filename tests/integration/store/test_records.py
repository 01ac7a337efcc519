"""Recording receptions and reading them back, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

from tests.unit.store.support import example_plan, example_reception, make_input

from kakanai.model import Reception
from kakanai.store import ReceptionStore, StoredReception


def test_record_and_load_returns_model_objects(store: ReceptionStore) -> None:
    item = make_input(overrides=True)
    result = store.record(item)
    assert (result.id, result.number, result.label, result.stored) == (item.id, 1, "0001", True)
    stored = store.load_reception(item.id)
    assert isinstance(stored, StoredReception)
    assert isinstance(stored.reception, Reception)
    assert stored.reception.members == example_reception().members
    assert stored.reception.household == example_reception().household
    assert stored.reception.overrides == item.reception.overrides
    assert (stored.office, stored.counter, stored.staff, stored.event) == ("main", "c1", "tanaka", "moving_in")
    assert stored.rules_version == example_plan().rules_version
    assert [(p.procedure, p.person, p.mode) for p in stored.procedures] == [
        (p.id, p.person, p.mode.value) for p in example_plan().procedures]
    assert stored.procedures[0].reason == example_plan().procedures[0].reason
    assert stored.documents == item.documents
    assert stored.steps == item.steps
    assert stored.errors == item.errors
    assert stored.seconds == 720.0
    assert store.load_reception("no-such-id") is None


def test_record_is_idempotent_by_reception_id(store: ReceptionStore) -> None:
    item = make_input()
    first = store.record(item)
    again = store.record(item)
    assert again == replace(first, repeated=True) and not first.repeated
    assert store.count_receptions() == 1
    assert len(store.audit_events(item.id)) == len(item.documents) + len(item.errors) + 1


def test_numbers_are_per_office_and_day(store: ReceptionStore) -> None:
    numbers = [store.record(make_input(office=o, day=d)).number for o, d in [
        ("main", date(2026, 4, 10)), ("main", date(2026, 4, 10)), ("branch", date(2026, 4, 10)),
        ("main", date(2026, 4, 11)), ("main", date(2026, 4, 10)), ("branch", date(2026, 4, 10))]]
    assert numbers == [1, 2, 1, 1, 3, 2]


def test_concurrent_counters_get_distinct_numbers(store: ReceptionStore) -> None:
    per_thread, threads = 15, 6
    results: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def counter(name: str) -> None:
        try:
            for _ in range(per_thread):
                number = store.record(make_input(counter=name)).number
                with lock:
                    results.append(number or 0)
        except BaseException as exc:  # reported below, a thread must not swallow it
            failures.append(exc)

    workers = [threading.Thread(target=counter, args=(f"c{i}",)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not failures
    assert sorted(results) == list(range(1, per_thread * threads + 1))
    assert store.count_receptions() == per_thread * threads
    assert store.duplicate_numbers() == 0
    assert store.verify_audit().ok


def test_reception_id_from_the_qr_opens_the_same_reception(store: ReceptionStore) -> None:
    reception = replace(example_reception(), id="qr-0001")
    item = make_input(id="qr-0001")
    item = replace(item, reception=reception)
    store.record(item)
    # Another counter, another connection: the same reception, ready to continue.
    other = ReceptionStore.open(store.url)
    try:
        again = other.load_reception("qr-0001")
        assert again is not None and again.reception is not None
        assert again.reception.members == reception.members
    finally:
        other.close()
