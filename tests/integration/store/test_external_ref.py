"""The reception id is always made by kakanai; a supplied id is an external reference: the same reception
sent twice is recorded once, another reception under the same reference is refused (never merged)."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from tests.unit.store.support import example_reception, make_input

from kakanai.cli.main import main
from kakanai.paths import examples_dir
from kakanai.store import ExternalRefConflict, ReceptionStore, utcnow


def _other_household() -> object:
    first = example_reception().members[0]
    return replace(example_reception(), members=(replace(first, name="佐藤　花子"),))


def test_same_reference_same_content_is_one_record(store: ReceptionStore) -> None:
    first = store.record(make_input(external_ref="pre-0001"))
    again = store.record(make_input(external_ref="pre-0001"))  # a new kakanai id, the same reception
    assert (again.id, again.number, again.repeated, first.repeated) == (first.id, 1, True, False)
    assert store.count_receptions() == 1
    stored = store.load_reception(first.id)
    assert stored is not None and stored.id == first.id != "pre-0001"
    assert store.audit_events(first.id)[0].detail["external_ref"] == "pre-0001"


def test_same_reference_other_household_is_refused(store: ReceptionStore) -> None:
    first = store.record(make_input(external_ref="pre-0002"))
    other = replace(make_input(external_ref="pre-0002"), reception=_other_household())
    with pytest.raises(ExternalRefConflict) as refused:
        store.record(other)
    assert str(refused.value) == (
        f"外部参照ID pre-0002 では別の内容の受付が記録済みです（受付番号 0001（main 2026-04-10、受付ID {first.id}））。"
        "記録しませんでした。受付データの id を確かめてください")
    assert store.count_receptions() == 1
    loaded = store.load_reception(first.id)
    assert loaded is not None and loaded.reception is not None
    assert loaded.reception.members == example_reception().members  # the first household, untouched
    assert store.verify_audit().ok


def test_a_purged_reference_cannot_be_compared_and_is_refused(store: ReceptionStore) -> None:
    store.record(make_input(external_ref="pre-0003", finished=utcnow() - timedelta(days=40)))
    assert store.purge(older_than_days=30).receptions == 1
    with pytest.raises(ExternalRefConflict, match="個人情報を削除済みのため、同じ受付か確かめられません"):
        store.record(make_input(external_ref="pre-0003"))
    assert store.count_receptions() == 1


def test_two_counters_sending_the_same_reference_at_once_make_one_record(store: ReceptionStore) -> None:
    results: list[int | None] = []
    failures: list[BaseException] = []

    def send() -> None:
        try:
            results.append(store.record(make_input(external_ref="pre-race")).number)
        except BaseException as exc:  # reported below
            failures.append(exc)

    workers = [threading.Thread(target=send) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not failures and results == [1, 1, 1, 1]
    assert store.count_receptions() == 1 and store.verify_audit().ok


def _reception_file(tmp_path: Path, name: str, ext_id: str, member_name: str | None = None) -> str:
    raw = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    raw["id"] = ext_id
    if member_name:
        raw["members"][0]["name"] = member_name
    path = tmp_path / name
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_cli_record_keeps_a_supplied_id_as_external_reference(db_url: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    first_file = _reception_file(tmp_path, "a.json", "qr-0001")
    assert main(["db", "upgrade", "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["record", first_file, "--json", "--db", db_url]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["external_ref"] == "qr-0001" and first["id"] != "qr-0001" and len(first["id"]) == 36
    assert (first["number"], first["repeated"]) == (1, False)

    assert main(["record", first_file, "--db", db_url]) == 0  # sent twice: the same reception
    assert capsys.readouterr().out == (f"この受付（外部参照ID qr-0001）は記録済みです。新しくは記録していません\n"
                                       f"受付番号 0001（main {first['business_day']}）\n受付ID {first['id']}\n")

    other = _reception_file(tmp_path, "b.json", "qr-0001", member_name="佐藤　花子")
    assert main(["record", other, "--db", db_url]) == 3
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err.splitlines()[-1].startswith("kakanai: 外部参照ID qr-0001 では別の内容の受付が記録済みです（受付番号 0001")

    assert main(["stats", "--json", "--db", db_url]) == 0
    assert json.loads(capsys.readouterr().out)["receptions"] == 1
    assert main(["audit", "verify", "--db", db_url]) == 0


def test_cli_refuses_a_supplied_id_with_a_control_character(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = _reception_file(tmp_path, "c.json", "qr\u202e1000")
    assert main(["record", bad, "--db", f"sqlite:///{tmp_path / 'k.sqlite3'}"]) == 2
    # Refused by the reception schema (the same check as `plan`), the character escaped, never echoed raw.
    assert capsys.readouterr().err == (f"kakanai: 受付データの誤り: {bad}:1: id: 英数字で始まり英数字・_・.・:・- の"
                                       "64文字まで（'qr\\u202e1000'）\n")
