"""A child who comes with no health insurance yet (from abroad) joins 国保 in the same reception (国保法5条),
so its 子ども医療費 is applied for there too, on 国民健康保険 (found by driving a move-in from abroad
through `kakanai render`: the subsidy was never planned for an uninsured child)."""

from __future__ import annotations

from tests.unit.forms.conftest import household, render_household


def test_the_uninsured_childs_subsidy_is_applied_for_on_national_health_insurance() -> None:
    documents = {d.form: d for d in render_household(household("movein_child_uninsured"))}
    assert {"nhi_notice", "child_medical_subsidy"} <= set(documents)
    sheet = dict(documents["child_medical_subsidy"].sheets[0])
    assert (sheet["insurance_national"], sheet["insurance_employee"]) == ("1", "0")
