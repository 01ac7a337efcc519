import json
from pathlib import Path

import pytest

from kakanai.model import ReceptionError, reception_from_dict, reception_from_json, reception_to_dict
from kakanai.paths import examples_dir

EXAMPLE = examples_dir() / "moving_in_family.json"


def _base() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_round_trip_is_exact() -> None:
    reception = reception_from_json(EXAMPLE.read_text(encoding="utf-8"))
    again = reception_from_dict(reception_to_dict(reception))
    assert again == reception
    assert reception.members[2].name == "山田　𠮷子"


def test_compatibility_ideograph_is_not_normalized() -> None:
    raw = _base()
    raw["members"][0]["name"] = "山\ufa11　太郎"  # 﨑 (U+FA11) must stay as typed
    assert reception_from_dict(raw).members[0].name == "山\ufa11　太郎"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda r: r.update(event="moving"), "event"),
        (lambda r: r.update(event_date="2026-02-30"), "event_date"),
        (lambda r: r.update(event_date="2026/04/09"), "event_date"),
        (lambda r: r["members"][1].update(birth_date="1987-13-03"), "members[1].birth_date"),
        (lambda r: r["members"][1].update(sex="m"), "members[1].sex"),
        (lambda r: r["members"][1].update(id="p1"), "members[1].id"),
        (lambda r: r.update(subject=["p9"]), "subject[0]"),
        (lambda r: r.update(applicant="p7"), "applicant"),
        (lambda r: r["members"][0].update(name="山田\x07太郎"), "members[0].name"),
        (lambda r: r["members"][0].update(nickname="x"), "members[0].nickname"),
        (lambda r: r.update(members=[]), "members"),
        (lambda r: r["members"][3].update(birth_date="2027-01-01"), "members[3].birth_date"),
    ],
)
def test_bad_input_names_the_field(mutate, field: str) -> None:  # type: ignore[no-untyped-def]
    raw = _base()
    mutate(raw)
    with pytest.raises(ReceptionError) as err:
        reception_from_dict(raw)
    assert err.value.field == field


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(ReceptionError) as err:
        reception_from_json('{"event": "moving_in",\n  "event_date": }', "in.json")
    assert (err.value.source, err.value.line) == ("in.json", 2)
    assert str(err.value) == "in.json:2: （ファイル全体）: JSONとして読めません（値がありません、17列）"


def test_example_file_exists() -> None:
    assert Path(EXAMPLE).is_file()


def test_planned_procedure_build_equals_the_constructor() -> None:
    from datetime import date

    from kakanai.model import Mode, PlannedProcedure

    args = dict(id="nhi_enroll", title="国民健康保険 資格取得", person="p1", mode=Mode.HERE, reason="理由",
                department="insurance", department_name="保険年金課", counter="1番", deadline=date(2026, 4, 23),
                deadline_note="14日以内", bring=("本人確認書類",), forms=("nhi_notice",), legal_basis="国保法9条")
    built = PlannedProcedure.build(**args)  # type: ignore[arg-type]
    made = PlannedProcedure(**args)  # type: ignore[arg-type]
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert built.added_by_clerk is False
