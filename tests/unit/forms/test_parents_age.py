"""The 出生届's 父母の満年齢 is the age at the child's birth (戸籍法49条2項, the 届書 asks 「子が生まれたときの
年齢」): an age is attained at the end of the day before the birthday (年齢計算ニ関スル法律, 民法143条), so on
that day itself the parent is still the younger age. A child born on 29 February 2028 to a mother born on
1 March 1996 is born while she is 31 (she turns 32 as that day ends); the father born on 29 February 1992 has
his 36th birthday that very day. Before, the mother was printed 32: the rules' age (which counts the eve as
the day the age is reached, 「達する日」) was used for a moment within the day."""

from __future__ import annotations

from tests.unit.forms.conftest import household, render_household


def test_the_parents_ages_at_the_birth() -> None:
    sheet = next(d.sheets[0] for d in render_household(household("birth_on_29_february"))
                 if d.form == "birth_registration")
    assert (sheet["father_age"], sheet["mother_age"]) == ("36", "31")
