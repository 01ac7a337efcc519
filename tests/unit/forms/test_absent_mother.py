"""A newborn's mother whom the household does not list (the father's household; she lives elsewhere): the 出生届
names her all the same (戸籍法49条2項), so the counter asks her name and birth date once and every form of the
birth prints them — they were left empty and unlisted (found driving households through `kakanai render`).
The father is never asked so: a child of an unmarried mother has none to name."""

from __future__ import annotations

from tests.unit.forms.conftest import asked_household, household, render_household


def test_the_mother_elsewhere_is_asked_once_and_printed_on_every_form_of_the_birth() -> None:
    data = household("birth_mother_elsewhere")  # 石井 隆 (世帯主) and his newborn son
    asked = {a.id: a.forms for a in asked_household(data)}
    assert asked["absent_mother_name"] == asked["absent_mother_birth"] == ("birth_registration", "newborn_visit_notice")
    assert not {"absent_father_name"} & set(asked)
    registration = next(d for d in render_household(data) if d.form == "birth_registration")
    assert "母の氏名（世帯にいない母）" in registration.blank_inputs  # said, until typed
    data["form_inputs"].update(absent_mother_name="小川　真理", absent_mother_birth="H5.6.7")  # as she says it
    sheets = {d.form: dict(d.sheets[0]) for d in render_household(data)}
    assert (sheets["birth_registration"]["mother_name"], sheets["birth_registration"]["mother_birth"],
            sheets["birth_registration"]["mother_age"]) == ("小川　真理", "平成5年6月7日", "32")
    assert sheets["newborn_visit_notice"]["mother_name"] == "小川　真理"


def test_a_mother_the_household_lists_is_never_asked() -> None:
    data = household("birth_mother_elsewhere")
    data["members"].append({"id": "p3", "name": "石井　真理", "name_kana": "イシイ　マリ", "birth_date": "1993-06-07",
                            "sex": "female", "facts": {"relationship": "spouse"}})
    assert not {"absent_mother_name", "absent_mother_birth"} & {a.id for a in asked_household(data)}
