"""After the 世帯主's death, the sheets dated the day after it (国保: 国保法6条・7条, 健保法36条1号) show the
household as it is then: the widow, the only member of 15 or more left, heads it by law (住基法施行令: no
世帯主変更届 when only one could), so her 続柄 is 世帯主 and her children's 子, and she files the 国保の届 as
世帯主 (国保法9条: the 世帯主 files). Before, her row said 妻 under her own name as 世帯主, and the 届出人 box
「同一世帯員」 was ticked. The deceased keeps his 続柄 at his death on his own sheets."""

from __future__ import annotations

from tests.unit.forms.conftest import household
from tests.unit.forms.conftest import render_household as _documents


def test_the_widow_heads_the_household_on_the_sheets_of_the_day_after() -> None:
    data = household("death_of_the_recipient")
    nhi = next(d.sheets[0] for d in _documents(data) if d.form == "nhi_notice")
    rows = [r.split("\x1f") for r in nhi["persons"].split("\x1e") if r.strip("\x1f")]
    assert [(r[1], r[4]) for r in rows] == [("佐藤　美咲", "世帯主"), ("佐藤　陽向", "子"), ("佐藤　凛", "子")]
    assert (nhi["head_name"], nhi["filer_head"], nhi["filer_member"]) == ("佐藤　美咲", "1", "0")


def test_with_two_who_could_head_it_the_choice_decides_and_the_deceased_keeps_his_own() -> None:
    data = household("death_of_the_recipient")
    son = {"id": "p5", "name": "佐藤　大輝", "name_kana": "サトウ　ダイキ", "birth_date": "2008-01-01", "sex": "male",
           "facts": {"relationship": "child", "health_insurance": "employee", "employee_insurance_dependent": True,
                     "nationality": "japanese", "school": "none"}}
    data = {**data, "members": [*data["members"], son]}
    undecided = next(d.sheets[0] for d in _documents(data) if d.form == "nhi_notice")
    rows = [r.split("\x1f") for r in undecided["persons"].split("\x1e") if r.strip("\x1f")]
    assert rows[0][4] == ""  # two of 15 or more remain: who heads it is the household's to say (住基法25条)
    chosen = {**data, "form_inputs": {**data["form_inputs"], "new_head_name": "佐藤　美咲"}}
    documents = _documents(chosen)
    nhi = next(d.sheets[0] for d in documents if d.form == "nhi_notice")
    rows = [r.split("\x1f") for r in nhi["persons"].split("\x1e") if r.strip("\x1f")]
    assert [r[4] for r in rows] == ["世帯主", "子", "子", "子"]
