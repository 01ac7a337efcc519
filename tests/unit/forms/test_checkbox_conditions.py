"""Checkboxes that belong to one procedure AND one event (`also:`), and multiple answers (`when` on a list):
the 国保の届 serves 加入・喪失・変更, so a reason box must never be ticked on another procedure's sheet."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import pytest

import kakanai.forms.render as render_module
from kakanai.app.forms_adapter import municipality_info
from kakanai.forms import FormDefinitionError, render_reception
from kakanai.forms.definition import FormLoader
from kakanai.forms.library import form_library
from kakanai.model import reception_from_dict
from kakanai.rules import load_rulebook

Printed = dict[tuple[str | None, str | None], Mapping[str, str]]


def _member(pid: str, name: str, born: str, sex: str, relationship: str) -> dict[str, Any]:
    return {"id": pid, "name": name, "name_kana": "", "birth_date": born, "sex": sex,
            "facts": {"relationship": relationship, "health_insurance": "national", "pension_category": "1",
                      "has_mynumber_card": False, "school": "none", "public_servant": False}}


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> Iterator[Printed]:
    """The fields of every printed nhi_notice sheet, as its back-office code carries them."""
    seen: Printed = {}
    original = render_module.payload

    def capture(form: str, reception_id: str, procedure: str | None, person: str | None, sheet: str,
                fields: Mapping[str, str]) -> bytes:
        if form == "nhi_notice":
            seen[(procedure, person)] = dict(fields)
        return original(form, reception_id, procedure, person, sheet, fields)

    monkeypatch.setattr(render_module, "payload", capture)
    yield seen


def _render(event: str, subject: list[str] | None, members: list[dict[str, Any]]) -> None:
    book = load_rulebook()
    raw = {"event": event, "event_date": "2026-04-09", "visit_date": "2026-04-10", "subject": subject,
           "household": {"address": "北海道見本市北５条東２丁目１５番地", "previous_address": None,
                         "facts": {"facility_admission": False}},  # not into a facility (住所地特例)
           "members": members}
    reception = reception_from_dict(raw)
    plan = book.plan(reception)  # open questions (a dog, a moped…) do not concern the 国保 procedures
    render_reception(form_library(), reception, plan, municipality_info(book), date(2026, 4, 10))


FAMILY = [_member("p1", "山田　太郎", "1975-06-15", "male", "head"),
          _member("p2", "山田　花子", "1977-11-03", "female", "spouse"),
          _member("p3", "山田　一郎", "2004-09-20", "male", "child")]


def test_the_head_moving_out_ticks_withdrawal_on_his_sheet_and_head_change_on_the_others(printed: Printed) -> None:
    _render("moving_out", ["p1"], FAMILY)
    withdraw = next(f for (proc, _p), f in printed.items() if proc == "nhi_withdraw")
    change = next(f for (proc, _p), f in printed.items() if proc == "nhi_change")
    assert withdraw["kind_withdraw"] == "1" and withdraw["out_move"] == "1" and withdraw["change_head"] == "0"
    # Before `also:` the change sheet ticked 転出 under 喪失の理由 as well.
    assert change["kind_change"] == "1" and change["change_head"] == "1" and change["out_move"] == "0"
    assert all(f["in_move"] == "0" and f["out_death"] == "0" for f in printed.values())


def test_a_death_ticks_death_only_on_the_withdrawal(printed: Printed) -> None:
    _render("death", ["p1"], FAMILY)
    by_procedure = {proc: f for (proc, _p), f in printed.items()}
    assert by_procedure["nhi_withdraw"]["out_death"] == "1" and by_procedure["nhi_withdraw"]["change_head"] == "0"
    # The wife becomes the head: her sheet is a 変更 (世帯主), not a second 死亡.
    assert by_procedure["nhi_change"]["out_death"] == "0" and by_procedure["nhi_change"]["change_head"] == "1"


def test_also_is_validated_like_any_binding(tmp_path: Any) -> None:
    bad = ("id: t\ntitle: t\nitems:\n  - {type: checkbox, id: c, text: x, x: 1, y: 1, value: procedure.id, "
           "when: [a], also: [{value: no.such.binding, when: [b]}]}\n")
    (tmp_path / "t.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(FormDefinitionError):
        FormLoader(tmp_path).load(tmp_path / "t.yaml")
    wrong_place = "id: t\ntitle: t\nitems:\n  - {type: text, text: x, x: 1, y: 1, also: []}\n"
    (tmp_path / "t.yaml").write_text(wrong_place, encoding="utf-8")
    with pytest.raises(FormDefinitionError, match="チェックボックスにだけ"):
        FormLoader(tmp_path).load(tmp_path / "t.yaml")


def test_a_multiple_answer_ticks_when_any_of_its_values_is_listed() -> None:
    """障害者手帳の種類 is a list: 「身体」 is ticked for ["physical", "mental"], not for ["mental"]."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from kakanai.forms.definition import Item
    from kakanai.forms.draw import SheetPainter

    answers: dict[str, object] = {"person.fact.disability_handbook": ["physical", "mental"]}
    painter = SheetPainter(Canvas(io.BytesIO()), "t", (210.0, 297.0), lambda binding, _row: answers.get(binding))
    box = Item(kind="checkbox", id="physical", text="身体", value="person.fact.disability_handbook", when=("physical",))
    assert painter._holds(box.value, box.when)
    answers["person.fact.disability_handbook"] = ["mental"]
    assert not painter._holds(box.value, box.when)
    answers["person.fact.disability_handbook"] = []
    assert not painter._holds(box.value, ()) and not painter._holds(box.value, box.when)
