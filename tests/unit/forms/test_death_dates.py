"""The day a death's insurance and pension changes take effect, as the sheets print it (procedure.effective_date):
the day after the death (国保法・高確法53条・介護保険法11条: 死亡した日の翌日; 健保法36条1号, so the widow who was
her husband's 被扶養者 enters 国保 and stops being 第3号 that day, 国年法9条1号・11条の2). Before, every sheet
printed the day of the death; 6/7 for a 国保加入 that starts 6/8."""

from __future__ import annotations

from typing import Any

from kakanai.forms import FormLibrary
from kakanai.forms.render import render_plan_forms
from kakanai.model import reception_from_dict
from kakanai.paths import forms_dir
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY

ADDRESS = "北海道見本市北５条東２丁目１５番地"
NONE_OF_THEM = {"nationality": "japanese", "disability_handbook": [], "has_mynumber_card": False,
                "public_servant": False, "receives_public_pension": False}


def _sheets(husband: dict[str, Any], wife: dict[str, Any]) -> dict[str | None, dict[str, str]]:
    reception = reception_from_dict({
        "event": "death", "event_date": "2026-06-07", "subject": ["p1"], "applicant": "p2",
        "household": {"address": ADDRESS, "facts": {"funeral_held": False, "owns_real_estate": False,
                                                   "has_kei_car": False, "has_dog": False, "has_moped": False,
                                                   "wants_certificates": False}},
        "members": [
            {"id": "p1", "name": "佐藤　一郎", "birth_date": "1958-03-03", "sex": "male", "address": ADDRESS,
             "facts": {**NONE_OF_THEM, "relationship": "head", **husband}},
            {"id": "p2", "name": "佐藤　和子", "birth_date": "1966-06-10", "sex": "female", "address": ADDRESS,
             "facts": {**NONE_OF_THEM, "relationship": "spouse", **wife}}]})
    docs = render_plan_forms(FormLibrary(forms_dir()), reception, load_rulebook().plan(reception), MUNICIPALITY, TODAY)
    return {d.procedure: dict(d.sheets[0]) for d in docs}  # by the procedure each sheet is printed for


def test_the_widow_of_an_employee_enters_nhi_and_leaves_category_3_the_day_after_his_death() -> None:
    sheets = _sheets({"health_insurance": "employee", "pension_category": "2", "employee_insurance_dependent": False},
                     {"health_insurance": "employee", "pension_category": "3", "employee_insurance_dependent": True})
    assert sheets["nhi_enroll"]["event_date"] == "令和8年6月8日"  # 資格取得: the day after the death
    assert sheets["pension_category_change"]["event_date"] == "9-080608"  # 第3号でなくなった日
    assert sheets["pension_category_change"]["r_divorce"] == "1"  # 「離婚・死別（第3号でなくなった）」
    assert sheets["ltc_withdraw"]["event_date"] == "令和8年6月8日"  # his 介護保険 (68: 第1号) ends the next day


def test_the_deceased_leaves_nhi_the_day_after_and_the_head_changes_the_day_of_the_death() -> None:
    sheets = _sheets({"health_insurance": "national", "pension_category": "none"},
                     {"health_insurance": "national", "pension_category": "1"})
    assert sheets["nhi_withdraw"]["event_date"] == "令和8年6月8日"  # 資格喪失: 死亡した日の翌日
    assert sheets["nhi_change"]["event_date"] == "令和8年6月7日"  # the 世帯主 changed on the day itself
