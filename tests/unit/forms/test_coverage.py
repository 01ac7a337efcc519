"""Every box accounted for: `kakanai forms coverage` classifies each field of each form, and `kakanai forms
check` refuses a field nobody fills, a declared input printed nowhere, and one input declared two ways."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kakanai.forms import FormLibrary, check_forms
from kakanai.forms.coverage import Coverage, FieldCoverage, form_coverage
from kakanai.paths import forms_dir
from tests.unit.forms.conftest import MINI_FORM


def kakanai(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kakanai.cli.main", *args], capture_output=True, text=True,
                          timeout=120)


def _by_field(fields: list[FieldCoverage]) -> dict[str, FieldCoverage]:
    return {f.field: f for f in fields}


def test_move_notice_fields_come_from_the_reception_the_inputs_or_the_law() -> None:
    fields = _by_field(form_coverage(FormLibrary(forms_dir()).get("resident_move_notice")))
    assert fields["movers: 続柄"].status is Coverage.RECEPTION and fields["movers: 続柄"].binding == "row.relationship"
    assert fields["movers: ふりがな"].status is Coverage.RECEPTION
    assert fields["movers: 本籍（外国人は国籍・地域）"].status is Coverage.INPUT and fields["movers: 筆頭者"].binding == "row.input.hittousha"
    mynumber = fields["movers: 個人番号"]
    assert mynumber.status is Coverage.BY_LAW and "番号法" in mynumber.reason
    assert fields["署名（ご本人が自署してください）"].status is Coverage.BY_LAW
    assert fields["※選挙人名簿"].reason == "※欄は職員が記入します"


def test_the_doctors_birth_certificate_is_left_for_the_doctor_by_law() -> None:
    fields = _by_field(form_coverage(FormLibrary(forms_dir()).get("birth_registration")))
    for name in ("体重", "身長", "証明者の住所", "証明者の氏名（署名）"):
        assert fields[name].status is Coverage.BY_LAW and "戸籍法49条3項" in fields[name].reason, name


def test_coverage_command_shows_no_field_left_blank_without_a_reason() -> None:
    out = kakanai("forms", "coverage", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["unasked"] == 0
    assert len(data["forms"]) == len(list(forms_dir().glob("*.yaml")))
    statuses = {c["status"] for f in data["forms"] for c in f["fields"]}
    assert {"reception", "input", "by_law"} <= statuses and "unasked" not in statuses
    assert all(c["reason"] for f in data["forms"] for c in f["fields"] if c["status"] == "by_law")


def _folder(tmp_path: Path, text: str, name: str = "mini") -> Path:
    folder = tmp_path / "forms"
    (folder / "blocks").mkdir(parents=True, exist_ok=True)
    for block in (forms_dir() / "blocks").glob("*.yaml"):
        (folder / "blocks" / block.name).write_text(block.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / f"{name}.yaml").write_text(text.replace("id: mini", f"id: {name}"), encoding="utf-8")
    return folder


def test_check_refuses_a_field_nobody_fills(tmp_path: Path) -> None:
    text = MINI_FORM.replace("  - {type: signature,", "  - {type: field, id: memo, label: メモ, x: 120, y: 110, w: 60, "
                             "h: 12}\n  - {type: signature,")
    problems, _ = check_forms(_folder(tmp_path, text))
    assert len(problems) == 1 and "欄「メモ」は受付の情報にも入力にも結び付いていません" in problems[0]
    reasoned = text.replace("w: 60, h: 12}", "w: 60, h: 12, resident: 本人が記入します（試験）}")
    assert check_forms(_folder(tmp_path, reasoned))[0] == []


def test_check_refuses_an_input_printed_nowhere(tmp_path: Path) -> None:
    text = MINI_FORM.replace("inputs:\n", "inputs:\n  - {id: fax, label: FAX番号, scope: reception}\n")
    problems, _ = check_forms(_folder(tmp_path, text))
    assert problems == [f"{tmp_path / 'forms' / 'mini.yaml'}: 入力 fax（FAX番号）は inputs: に宣言されていますが、"
                        "どの欄にも印字されません"]


def test_check_refuses_one_input_declared_two_ways(tmp_path: Path) -> None:
    _folder(tmp_path, MINI_FORM)
    other = MINI_FORM.replace("{id: phone, label: 電話番号, scope: reception}",
                              "{id: phone, label: 電話番号, scope: person}")
    problems, count = check_forms(_folder(tmp_path, other, "mini2"))
    assert count == 2
    assert problems == [f"{tmp_path / 'forms' / 'mini2.yaml'}: 入力 phone の scope/kind/family_register（person/text/"
                        "false）が様式 mini の宣言（reception/text/false）と違います"]


def test_check_refuses_a_family_register_input_declared_so_on_one_form_only(tmp_path: Path) -> None:
    # 本籍 a 戸籍 item on one form and not on another would print a foreign member's row differently.
    _folder(tmp_path, MINI_FORM)
    other = MINI_FORM.replace("{id: honseki, label: 本籍, scope: household}",
                              "{id: honseki, label: 本籍, scope: household, family_register: true}")
    problems, _ = check_forms(_folder(tmp_path, other, "mini2"))
    assert problems == [f"{tmp_path / 'forms' / 'mini2.yaml'}: 入力 honseki の scope/kind/family_register（household/"
                        "text/true）が様式 mini の宣言（household/text/false）と違います"]


def test_a_binding_to_an_undeclared_input_is_refused(tmp_path: Path) -> None:
    text = MINI_FORM.replace("value: input.phone}", "value: input.fax}")
    problems, _ = check_forms(_folder(tmp_path, text))
    assert len(problems) == 1 and "inputs: に宣言されていない入力です（input.fax）" in problems[0]


def test_an_unknown_scope_or_kind_is_refused_with_the_input_named(tmp_path: Path) -> None:
    text = MINI_FORM.replace("{id: phone, label: 電話番号, scope: reception}",
                             "{id: phone, label: 電話番号, scope: member}")
    problems, _ = check_forms(_folder(tmp_path, text))
    assert len(problems) == 1 and "入力 phone: scope は reception, household, person のいずれかです（'member'）" in problems[0]
    text = MINI_FORM.replace("{id: phone, label: 電話番号, scope: reception}",
                             "{id: phone, label: 電話番号, scope: reception, kind: colour}")
    problems, _ = check_forms(_folder(tmp_path, text))
    assert len(problems) == 1 and "入力 phone: kind は" in problems[0] and "'colour'" in problems[0]
