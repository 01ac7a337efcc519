"""What the counter asks is what prints (issue 15): `kakanai forms inputs` lists exactly the inputs of the
forms a reception prints, and every one of them, given a distinct value in the reception JSON's
`form_inputs`, appears in the PDFs `kakanai render` writes. Checked end to end for the four receptions of
the issue, and form by form for every definition in forms/ (what `kakanai forms check` holds too)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kakanai.cli.render_files import input_print_problems
from kakanai.forms.check import choice_shown
from kakanai.forms.choices import join_choices
from kakanai.forms.inputs import InputTarget, input_problems, inputs_to_ask
from kakanai.forms.library import form_library
from kakanai.model import reception_from_dict
from kakanai.paths import examples_dir, forms_dir
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import read_codes

FORM_IDS = sorted(p.stem for p in forms_dir().glob("*.yaml"))


def kakanai(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kakanai.cli.main", *args], capture_output=True, text=True,
                          timeout=300)


def _moving_in_with_seal_and_certificates() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    raw["household"]["facts"].update(wants_seal_registration=True, wants_certificates=True)
    return raw


def _qr_example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((examples_dir() / "qr" / f"{name}.json").read_text(encoding="utf-8"))
    return data


RECEPTIONS: dict[str, Callable[[], dict[str, Any]]] = {
    "moving_in_4_seal_certificates": _moving_in_with_seal_and_certificates,
    "death_funeral_benefit": lambda: _qr_example("death"),
    "birth": lambda: _qr_example("birth"),
    "marriage_surname_change": lambda: _qr_example("marriage"),
}
# What each reception must ask (a few entries named by the issue), as (id, scope, person, a form listing it).
EXPECTED = {
    "moving_in_4_seal_certificates": [("honseki", "household", None, "resident_move_notice"),
                                      ("hittousha", "household", None, "resident_move_notice"),
                                      ("copies_all", "person", "p1", "certificate_request")],
    "death_funeral_benefit": [("bank_name", "reception", None, "funeral_benefit"),
                              ("account_number", "reception", None, "funeral_benefit"),
                              ("funeral_date", "reception", None, "funeral_benefit")],
    "birth": [("birth_place", "reception", None, "birth_registration"),
              ("honseki", "household", None, "birth_registration")],
    "marriage_surname_change": [("honseki", "household", None, "marriage_registration")],
}


def _value(n: int, asked: dict[str, Any]) -> str:
    """A distinct value for the n-th asked input: a text marker (a number for a phone number or a count),
    or an option of a choice input (rotating through the options, so two members' choices differ; a
    multiple choice picks two options)."""
    options: list[str] = asked.get("options", [])
    kind = _kinds()[asked["id"]]
    if kind == "phone":
        return f"0120-000-{n:03d}"  # a number it can be (kakanai.model.input_values), distinct per input
    if kind == "digits":
        return f"9{n:03d}"
    if not options:
        return f"値{n:03d}"
    first = options[n % len(options)]
    second = options[(n + 1) % len(options)]
    return join_choices((first, second)) if asked["multiple"] and second != first else first


def _kinds() -> dict[str, str]:
    library = form_library()
    return {"name_kana": "kana", **{i.id: i.kind for f in library.ids() for i in library.get(f).inputs}}


def _codes(pdf: bytes, folder: Path) -> list[dict[str, Any]]:
    """The back-office codes of every page, read from a 150 dpi scan (docs/backoffice-code.md)."""
    out: list[dict[str, Any]] = []
    for page in range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1):
        out.extend(read_codes(pdf, folder, page))
    return out


@pytest.mark.parametrize("name", sorted(RECEPTIONS))
def test_every_listed_input_prints_on_the_rendered_forms(name: str, tmp_path: Path,
                                                         pdf_text: Callable[[bytes], str]) -> None:
    raw = RECEPTIONS[name]()
    src = tmp_path / "reception.json"
    src.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    listed = kakanai("forms", "inputs", str(src), "--json")
    assert listed.returncode == 0, listed.stderr
    asked = json.loads(listed.stdout)
    base = {"id", "scope", "person", "label", "forms"}
    assert asked and all(set(a) in (base, base | {"options", "multiple"}) for a in asked)
    assert any("options" in a for a in asked)  # every reception asks at least one choice (a tick box)
    for input_id, scope, person, form in EXPECTED[name]:
        entry = next(a for a in asked if a["id"] == input_id and a["person"] == person)
        assert entry["scope"] == scope and form in entry["forms"], entry
    assert len({(a["id"], a["person"]) for a in asked}) == len(asked)  # each asked once
    values: dict[tuple[str, str | None], str] = {}
    members = {m["id"]: m for m in raw["members"]}
    raw.setdefault("form_inputs", {})
    for n, a in enumerate(asked, start=1):
        value = _value(n, a)
        values[(a["id"], a["person"])] = value
        target = members[a["person"]] if a["person"] else raw
        target.setdefault("form_inputs", {})[a["id"]] = value
    src.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = kakanai("render", str(src), "--out", str(tmp_path / "out"), "--json")
    assert out.returncode == 0, out.stderr
    files = json.loads(out.stdout)["files"]
    printed = {f["form"]: "" for f in files}
    codes: dict[str, list[dict[str, Any]]] = {f["form"]: [] for f in files}
    choice_forms = {form for a in asked if "options" in a for form in a["forms"]}
    for n, f in enumerate(files):
        pdf = Path(f["path"]).read_bytes()
        printed[f["form"]] += "".join(pdf_text(pdf).split())
        if f["form"] in choice_forms:
            codes[f["form"]] += _codes(pdf, tmp_path / f"scan{n}")
    library = form_library()
    for a in asked:
        value = values[(a["id"], a["person"])]
        for form in a["forms"]:
            if "options" not in a:
                assert value in printed[form], f"{a['id']} ({a['label']}, {a['person']}) not printed on {form}"
                continue
            # A choice is a tick, not text: the ticks the back-office code carries for that person's sheets.
            sheets = [c["fields"] for c in codes[form] if a["person"] is None or c["person"] in (a["person"], None)]
            assert sheets, (form, a)
            assert choice_shown(library.get(form), a["id"], value, sheets), \
                f"{a['id']} ({a['label']}, {a['person']}) = {value} not ticked on {form}"


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_declared_input_of_every_form_prints(form_id: str) -> None:
    assert input_print_problems(form_id) == []


def test_a_household_input_is_asked_once_and_a_member_may_have_their_own(
        tmp_path: Path, pdf_text: Callable[[bytes], str]) -> None:
    raw = _moving_in_with_seal_and_certificates()
    raw["form_inputs"].update(honseki="北海道見本市本町１番地", hittousha="山田　太郎")
    raw["members"][1]["form_inputs"] = {"honseki": "青森県見本町２番地"}
    reception = reception_from_dict(raw)
    book = load_rulebook()
    asked = inputs_to_ask(form_library(), reception, book.plan(reception))
    honseki = [a for a in asked if a.id == "honseki"]
    assert [(a.person, a.scope, a.persons) for a in honseki] == [(None, "household", ("p1", "p2", "p3", "p4"))]
    kana = [a.person for a in asked if a.target is InputTarget.NAME_KANA]
    assert kana == ["p1", "p2", "p3", "p4"]
    src = tmp_path / "r.json"
    src.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = kakanai("render", str(src), "--out", str(tmp_path / "out"), "--json")
    assert out.returncode == 0, out.stderr
    move = next(f for f in json.loads(out.stdout)["files"] if f["form"] == "resident_move_notice")
    text = "".join(pdf_text(Path(move["path"]).read_bytes()).split())
    assert text.count("北海道見本市本町１番地") == 3 and text.count("青森県見本町２番地") == 1
    assert text.count("山田太郎") >= 4  # 筆頭者 on every row, besides the 届出人 and 世帯主


def test_an_input_limited_to_some_events_is_not_asked_for_others(tmp_path: Path) -> None:
    raw = _qr_example("death")
    reception = reception_from_dict(raw)
    book = load_rulebook()
    asked = {a.id for a in inputs_to_ask(form_library(), reception, book.plan(reception))}
    assert "other_address" not in asked  # 転出先の住所: only when moving out
    assert {"relation_to_insured", "funeral_date", "bank_name"} <= asked


def test_a_tick_the_reception_decides_is_not_asked_again() -> None:
    """A choice of reasons is asked only where the reception does not tick one already (`events:`) and
    only for the procedure whose sheet prints it (`procedures:`): a birth is not asked why the newborn joins
    国保, a death is not asked for the 障害認定 of a 後期高齢者 enrolment."""
    book = load_rulebook()
    asked = {}
    for name in ("birth", "death", "marriage"):
        reception = reception_from_dict(_qr_example(name))
        plan = book.plan(reception)
        asked[name] = {a.id: a.forms for a in inputs_to_ask(form_library(), reception, plan)}
    assert "nhi_notice" in asked["birth"]["phone"] and "nhi_enroll_reason" not in asked["birth"]
    assert "late_elderly_notice" in asked["death"]["phone"]
    assert not {"late_elderly_disability", "late_elderly_reason", "burden_certificate"} & set(asked["death"])
    assert "nhi_notice" in asked["marriage"]["phone"] and "nhi_change_reason" not in asked["marriage"]
    assert asked["marriage"]["husband_marriage_history"] == ("marriage_registration",)
    assert "married_surname" not in asked["marriage"]  # the wife's surname changes: 夫の氏 (民法750条)


def test_the_procedures_an_input_is_asked_for_print_its_form() -> None:
    catalog = load_rulebook().catalog
    library = form_library()
    for form_id in FORM_IDS:
        printing = {p.id for p in catalog.procedures if form_id in p.forms}
        for i in library.get(form_id).inputs:
            assert set(i.procedures) <= printing, (form_id, i.id, i.procedures)


def test_render_refuses_a_choice_that_is_not_one_of_its_options(tmp_path: Path) -> None:
    raw = _qr_example("death")
    raw.setdefault("form_inputs", {})["public_account"] = "利用しない"
    src = tmp_path / "r.json"
    src.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = kakanai("render", str(src), "--out", str(tmp_path / "out"), "--json")
    assert out.returncode == 2 and not (tmp_path / "out").exists()
    assert json.loads(out.stdout)["error"] == {
        "code": "invalid_reception", "field": "form_inputs.public_account",
        "message": f"受付データの誤り: {src}:1: form_inputs.public_account（公金受取口座の利用）: "
                   "「利用しない」は選択肢にありません（利用する）"}


def test_a_single_choice_takes_one_option() -> None:
    raw = _qr_example("birth")
    raw.setdefault("form_inputs", {}).update(household_work="農業、自営業")
    reception = reception_from_dict(raw)
    problems = input_problems(form_library(), reception, load_rulebook().plan(reception))
    assert [(p.field, p.message) for p in problems] == [(
        "form_inputs.household_work",
        "form_inputs.household_work（世帯のおもな仕事）: 選べるのは1つだけです"
        "（農業、自営業、勤め先の従業者99人まで、3以外の勤労者、その他、無職）")]


def test_render_refuses_a_phone_number_with_a_digit_missing_and_a_count_in_words() -> None:
    raw = _qr_example("moving_in")
    raw["form_inputs"]["phone"] = "090-1234-567"
    reception = reception_from_dict(raw)
    plan = load_rulebook().plan(reception)
    assert [(p.field, p.message) for p in input_problems(form_library(), reception, plan)] == [(
        "form_inputs.phone",
        "form_inputs.phone（電話番号）: 桁数が合いません（090で始まる番号は11桁、入力は10桁）")]
    raw["form_inputs"]["phone"] = "０９０－１２３４－５６７８"  # as the pre-entry page sends it: a number
    reception = reception_from_dict(raw)
    assert input_problems(form_library(), reception, load_rulebook().plan(reception)) == ()
