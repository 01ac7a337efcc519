"""The age a form and the guidance sheet print is the law's age on the event date (年齢計算ニ関スル法律 with
民法143条: attained at the end of the day before the birthday; born 29 February, on 28 February): the age
the rules test and the reasons state, so one sheet never says two ages of one person, and the 介護保険の届's
年齢 never contradicts its 第1号（65歳以上） tick."""

from __future__ import annotations

import json
from datetime import date

from kakanai.forms import render_form
from kakanai.forms.check import pdf_text
from kakanai.forms.guidance import render_guidance
from kakanai.forms.library import form_library
from kakanai.model import reception_from_dict
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY, example_members, example_raw, reception_with


def test_the_ltc_notice_age_agrees_with_its_first_class_tick_on_the_day_before_the_65th_birthday() -> None:
    # Moving in on 2026-04-09, born 1961-04-10: 65 at the end of 04-09 (第1号被保険者 from that day).
    reception = reception_with(members=example_members(birth_date="1961-04-10"))
    doc = render_form(form_library().get("ltc_notice"), reception, None, reception.members[0], [], MUNICIPALITY,
                      TODAY)
    assert (doc.sheets[0]["age"], doc.sheets[0]["insured_1"], doc.sheets[0]["insured_2"]) == ("65", "1", "0")


def test_a_centenarian_born_29_february_is_one_age_on_the_whole_guidance_sheet() -> None:
    # Died on 2026-02-28, born 1920-02-29: 106 at the end of 28 February (no 29 February in 2026).
    raw = example_raw()
    members = example_members(birth_date="1920-02-29")
    # Past 75 his 健康保険 is 後期高齢者医療 (高確法50条; a 国保 answer is refused).
    members[0]["facts"] = {**members[0]["facts"], "health_insurance": "late_elderly"}
    raw.update(event="death", event_date="2026-02-28", visit_date="2026-03-02", subject=["p1"], members=members)
    reception = reception_from_dict(json.loads(json.dumps(raw)))
    plan = load_rulebook().plan(reception)
    text = pdf_text(render_guidance(reception, plan, "見本市", date(2026, 3, 2)).pdf)
    assert "太郎 様\u3000106歳" in text and "太郎様（106歳）" in text  # the reasons too: 様 for the deceased
    assert "105歳" not in text
