"""Reception JSON (`kakanai plan`/`render` input, the QR pre-entry content): every hostile or careless
input of issue 16 is refused with file, line and key, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kakanai.model import ReceptionError, reception_from_dict, reception_from_json
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook


def _base() -> dict[str, Any]:
    return {
        "event": "moving_in", "event_date": "2026-04-09",
        "household": {"address": "見本市1-1"},
        "members": [
            {"id": "p1", "name": "見本　太郎", "birth_date": "1980-01-01", "sex": "male"},
            {"id": "p2", "name": "見本　花子", "birth_date": "2015-06-01", "sex": "female"},
        ],
    }


def _error(text: str) -> str:
    with pytest.raises(ReceptionError) as caught:
        reception_from_json(text, "in.json")
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "in.json:1: [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: 入れ子が深すぎます（16段まで）"),
        ('{"event": "moving_in",\n "n": ' + "9" * 5000 + "}", "in.json:2: n: 数値の桁数が多すぎます（5000桁、15桁まで）"),
        ('{"event": "moving_in",\n "event": "death"}', "in.json:2: event: キーが重複しています"),
        ('{"event": NaN}', "in.json:1: event: NaN は使えません"),
        ('{"event": "moving_in", "x": 1e999}', "in.json:1: x: 数値が大きすぎます（1e999）"),
    ],
)
def test_hostile_json_is_refused_with_its_line(text: str, message: str) -> None:
    assert _error(text) == message


def _json_with(mutate: Any) -> str:
    raw = _base()
    mutate(raw)
    return json.dumps(raw, ensure_ascii=False, indent=1)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["members"][0].update(name="\ud800太郎"), "in.json:10: members[0].name: 使えない文字 U+D800 を含んでいます"),
        (lambda r: r["members"][0].update(id="p1\n"), "in.json:9: members[0].id: 使えない文字 U+000A を含んでいます"),
        (lambda r: r["members"][0].update(id="../p1"),
         "in.json:9: members[0].id: 世帯員のID（'../p1'）"),
        (lambda r: r.update(event_date="9999-01-01"), "in.json:3: event_date: 1989-01-08〜2099-12-31 の日付です（9999-01-01）"),
        (lambda r: r.update(event_date="1872-12-31"), "in.json:3: event_date: 1989-01-08〜2099-12-31 の日付です（1872-12-31）"),
        (lambda r: r["members"][0].update(birth_date="1872-12-31"),
         "in.json:11: members[0].birth_date: 1873-01-01〜2099-12-31 の日付です（1872-12-31）"),
        (lambda r: r.update(visit_date="2026-04-08"),
         "in.json:21: visit_date: 来庁日（2026-04-08）が異動日（2026-04-09）より前です"),
        (lambda r: r.update(evnt="moving_in"), "in.json:21: evnt: 知らないキーです。event のことですか？"),
        (lambda r: r["members"][1].update(sexx="female"), "in.json:19: members[1].sexx: 知らないキーです。sex のことですか？"),
        (lambda r: r["household"].update(facts={"moved_on": "2026-02-30"}),
         "in.json:7: household.facts.moved_on: 実在しない日付です（'2026-02-30'）"),
        (lambda r: r.pop("event_date"), "in.json:1: （ファイル全体）: event_date: がありません（異動日（事由発生日））"),
    ],
)
def test_bad_values_name_file_line_and_key(mutate: Any, message: str) -> None:
    assert _error(_json_with(mutate)) == message


def test_a_moving_out_may_be_notified_before_the_move() -> None:
    raw = {**_base(), "event": "moving_out", "visit_date": "2026-04-01"}
    assert reception_from_dict(raw).visit_date is not None


def test_a_dict_without_a_file_names_the_key_only() -> None:
    with pytest.raises(ReceptionError) as caught:
        reception_from_dict({**_base(), "event_date": "2026-02-30"})
    assert (caught.value.field, caught.value.line, str(caught.value)) == (
        "event_date", 0, "event_date: 実在しない日付です（'2026-02-30'）")


@pytest.mark.parametrize("event_date", ["1989-01-08", "2010-05-01", "2019-03-31"])
def test_every_supported_event_date_plans(event_date: str) -> None:
    """Issue 16: before 2019-04-01 child_medical_subsidy_age had no value and None reached agelaw."""
    reception = reception_from_dict({**_base(), "event_date": event_date,
                                     "members": [{**m, "birth_date": "1985-01-01" if m["id"] == "p1" else "1988-06-01"}
                                                 for m in _base()["members"]]})
    plan = load_rulebook().plan(reception)
    assert plan.event_date.isoformat() == event_date
    assert any(p.id == "resident_move_notice" for p in plan.procedures)


def test_the_example_file_loads_with_its_name_as_source() -> None:
    path = Path(examples_dir() / "moving_in_family.json")
    reception = reception_from_json(path.read_text(encoding="utf-8"), str(path))
    assert reception.event.value == "moving_in"


def test_a_reception_built_in_memory_outside_the_dates_is_refused_by_the_planner() -> None:
    """The counter builds its Reception itself (typed dates): the planner refuses what it cannot plan."""
    from dataclasses import replace
    from datetime import date

    reception = replace(reception_from_dict(_base()), event_date=date(1980, 1, 1))
    with pytest.raises(ReceptionError) as caught:
        load_rulebook().plan(reception)
    assert str(caught.value) == "event_date: 1989-01-08〜2099-12-31 の日付です（1980-01-01）"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["event", "event_date", "members", "id", "name", "birth_date", "sex", "facts", "x"]),
        inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(value=_JSON, cut=st.integers(0, 400))
def test_any_json_or_broken_text_gives_a_reception_or_a_reception_error(value: object, cut: int) -> None:
    text = json.dumps(value, ensure_ascii=False)
    for candidate in (text, text[:cut]):
        try:
            reception_from_json(candidate, "f.json")
        except ReceptionError as exc:
            assert str(exc).startswith("f.json")
