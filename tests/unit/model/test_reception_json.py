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


# --- one 世帯主 (住民基本台帳法7条4号) ------------------------------------------------------------------------

def test_two_heads_are_refused_naming_both() -> None:
    raw = _base()
    raw["members"][1]["facts"]["relationship"] = "head"  # 花子 as well as 太郎
    with pytest.raises(ReceptionError) as err:
        reception_from_dict(raw)
    assert err.value.field == "members[1].facts.relationship"
    assert err.value.message == "世帯主は1人だけ選んでください（山田　太郎、山田　花子）"


def test_the_message_is_the_counters_members_step() -> None:
    from dataclasses import replace

    from kakanai.model.reception_edit import relationship_problem

    raw = _base()
    raw["members"][3]["facts"]["relationship"] = "head"
    with pytest.raises(ReceptionError) as err:
        reception_from_dict(raw)
    members = list(reception_from_dict(_base()).members)
    members[3] = replace(members[3], facts={**members[3].facts, "relationship": "head"})
    assert err.value.field == "members[3].facts.relationship"
    assert err.value.message == relationship_problem(members) == "世帯主は1人だけ選んでください（山田　太郎、山田　髙志）"


def test_no_head_is_a_member_joining_a_household_and_is_read() -> None:
    raw = _base()
    for member in raw["members"]:
        member["facts"].pop("relationship", None)
    raw["members"] = raw["members"][:1]
    raw["members"][0]["facts"]["relationship"] = "child"  # joins her parents' household: its 世帯主 is not here
    assert reception_from_dict(raw).members[0].facts["relationship"] == "child"


# --- フリガナ: full-width katakana, the name as given ----------------------------------------------------------

@pytest.mark.parametrize(
    ("kana", "expected"),
    [
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ"),  # half-width, ﾞ joined to its kana, the space made ideographic
        ("ﾔﾏﾀﾞ　ﾊﾟﾊﾟ", "ヤマダ　パパ"),
        ("ｳﾞｪﾝ", "ヴェン"),
        ("やまだ　たろう", "ヤマダ　タロウ"),  # hiragana: katakana, as a clerk writes it
        ("ヤマダ　タ\u3099イチ", "ヤマダ　ダイチ"),  # combining 濁点 composed (NFC)
        ("ヤマダ　ハ\u309aル", "ヤマダ　パル"),  # combining 半濁点
        ("ヤマダ　ワ\u3099", "ヤマダ　ヷ"),
        ("ヤマダ　カ゛ク", "ヤマダ　ガク"),  # the spacing 濁点 of an old IME
        ("ヤマダ　タロウ", "ヤマダ　タロウ"),  # already as printed: unchanged, the ideographic space kept
        ("", ""),
    ],
)
def test_name_kana_is_read_as_full_width_katakana(kana: str, expected: str) -> None:
    raw = _base()
    raw["members"][0]["name_kana"] = kana
    reception = reception_from_dict(raw)
    assert reception.members[0].name_kana == expected
    assert reception_from_dict(reception_to_dict(reception)) == reception  # the round trip stays exact


def test_the_name_itself_is_never_normalized() -> None:
    raw = _base()
    raw["members"][0]["name"] = "ﾔﾏﾀﾞ　𠮷\ufa11か\u3099"  # whatever the card holds is the legal name
    raw["members"][0]["name_kana"] = "ﾔﾏﾀﾞ"
    member = reception_from_dict(raw).members[0]
    assert (member.name, member.name_kana) == ("ﾔﾏﾀﾞ　𠮷\ufa11か\u3099", "ヤマダ")


@pytest.mark.parametrize(
    ("kana", "problem"),
    [
        ("ヤマダ　タロ\u3099ウ", "「ロ」に濁点（U+3099）は付けられません"),
        ("ヤマダ　ア\u309a", "「ア」に半濁点（U+309A）は付けられません"),
        ("\u3099ヤマダ", "先頭の濁点（U+3099）は付ける文字がありません"),
        ("ﾞﾔﾏﾀﾞ", "先頭の濁点（U+FF9E）は付ける文字がありません"),
    ],
)
def test_a_mark_that_joins_no_kana_is_refused_from_outside_never_dropped(kana: str, problem: str) -> None:
    from kakanai.model.reception_schema import check_untrusted

    raw = _base()
    raw["members"][0]["name_kana"] = kana
    reception = reception_from_dict(raw)  # kept as it is: a stored reception stays readable
    assert any(ch in reception.members[0].name_kana for ch in "\u3099\u309a\uff9e")
    with pytest.raises(ReceptionError) as err:
        check_untrusted(reception)  # a reception from outside (a JSON file, a pre-entry QR) is refused
    assert err.value.field == "members[0].name_kana"
    assert err.value.message.startswith(f"山田　太郎さんのフリガナの{problem}。")
