"""The 出生届's 父母の満年齢 is the age at the child's birth (戸籍法49条2項, the 届書 asks 「子が生まれたときの
年齢」): an age is attained at the end of the day before the birthday (年齢計算ニ関スル法律, 民法143条), so on
that day itself the parent is still the younger age. A child born on 29 February 2028 to a mother born on
1 March 1996 is born while she is 31 (she turns 32 as that day ends); the father born on 29 February 1992 has
his 36th birthday that very day. Before, the mother was printed 32: the rules' age (which counts the eve as
the day the age is reached, 「達する日」) was used for a moment within the day."""

from __future__ import annotations

import json
from typing import Any

from kakanai.forms import FormLibrary
from kakanai.forms.render import render_plan_forms
from kakanai.model import reception_from_dict
from kakanai.paths import forms_dir
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY
from tests.unit.forms.test_child_allowance_people import HOUSEHOLDS


def test_the_parents_ages_at_the_birth() -> None:
    data: dict[str, Any] = json.loads((HOUSEHOLDS / "birth_on_29_february.json").read_text(encoding="utf-8"))
    reception = reception_from_dict(data)
    documents = render_plan_forms(FormLibrary(forms_dir()), reception, load_rulebook().plan(reception),
                                  MUNICIPALITY, TODAY)
    sheet = next(d.sheets[0] for d in documents if d.form == "birth_registration")
    assert (sheet["father_age"], sheet["mother_age"]) == ("36", "31")
