"""Twins born to the 世帯主's unmarried daughter, who lives in her parents' household (the newborns are `other`
to the 世帯主, she answered `child_parent`): the 出生届 names her as the 母 and ticks her as the 届出人 「母」 (the
届出義務者 of a 嫡出でない子, 戸籍法52条2項), never 「同居者」 (52条3項); its 母の氏名 and 生年月日, and the
出産育児一時金's 出産した方, are hers. Before, they were empty and not listed."""

from __future__ import annotations

from tests.unit.forms.conftest import household, render_household

FILERS = ("filer_father", "filer_mother", "filer_guardian", "filer_cohabitant", "filer_doctor")


def test_the_daughter_is_the_twins_mother_on_their_sheets() -> None:
    documents = render_household(household("twins_of_an_unmarried_daughter"))
    births = [d.sheets[0] for d in documents if d.form == "birth_registration"]
    assert len(births) == 2
    for sheet in births:
        assert (sheet["mother_name"], sheet["father_name"]) == ("田中　沙織", "")
        assert sheet["mother_birth"] == "平成16年12月12日" and sheet["mother_age"] == "21"
        assert {key: sheet[key] for key in FILERS} == {
            "filer_father": "0", "filer_mother": "1", "filer_guardian": "0", "filer_cohabitant": "0", "filer_doctor": "0"}
    lump = next(d.sheets[0] for d in documents if d.form == "nhi_childbirth_lump_sum")
    assert lump["mother_name"] == "田中　沙織"


def test_a_parent_is_twelve_years_older_at_least() -> None:
    """The son who answered `child_parent` is the 父 of his child, not of his wife (also `other` to the 世帯主):
    PARENT_MIN_AGE (12) years between them at least, counted as the age law counts (the day before the 12th
    birthday attains it)."""
    from datetime import date

    from kakanai.model import Person, Sex
    from kakanai.model.applicant import may_be_parent_of

    son = Person(id="p3", name="田中　誠", birth_date=date(1990, 5, 10), sex=Sex.MALE)
    assert may_be_parent_of(son, Person(id="p4", name="田中　光", birth_date=date(2002, 5, 9), sex=Sex.MALE))
    assert not may_be_parent_of(son, Person(id="p4", name="田中　光", birth_date=date(2002, 5, 8), sex=Sex.MALE))
    assert not may_be_parent_of(son, Person(id="p5", name="田中　愛", birth_date=date(1991, 1, 1), sex=Sex.FEMALE))


def test_the_health_centres_sheets_print_the_mother_the_household_knows() -> None:
    """The 出生通知票 and the 低体重児届 asked the mother's name and 生年月日 again as typed inputs (left empty
    when not typed), though her card gave them: they print the mother as the 出生届 does (mother.*)."""
    documents = render_household(household("twins_of_an_unmarried_daughter"))
    sheets = [d.sheets[0] for d in documents if d.form in ("newborn_visit_notice", "low_birth_weight_notice")]
    assert len(sheets) == 3  # each twin's 出生通知票, the 低体重児届 of the one under 2,500 g (2,300 g)
    assert {(s["mother_name"], s["mother_birth"]) for s in sheets} == {("田中　沙織", "平成16年12月12日")}
    assert {s["father_name"] for s in sheets if "father_name" in s} == {""}  # 嫡出でない子: no father named
