"""The given name a reason calls a member by (「妻 花子さん」)."""

from __future__ import annotations

from datetime import date

import pytest

from kakanai.model import Person, Sex
from kakanai.rules.reasons import given_name


@pytest.mark.parametrize(("name", "given"), [
    ("山田　花子", "花子"), ("SMITH ANNE MARIE", "ANNE MARIE"), ("NGUYEN VAN AN", "VAN AN"), ("マリア", "マリア"),
])
def test_the_given_name_is_all_after_the_family_name(name: str, given: str) -> None:
    assert given_name(Person(id="p1", name=name, birth_date=date(1990, 1, 1), sex=Sex.FEMALE)) == given
