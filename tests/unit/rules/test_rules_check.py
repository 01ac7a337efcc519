"""`kakanai rules check` catches each kind of error and names the file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kakanai.model.applicant import CLAIMANT_RULES
from kakanai.rules.check import check_rules
from tests.unit.rules.conftest import write

GOOD = """procedures:
  - id: seal_registration
    title: 印鑑登録申請
    department: citizen
    who: person
    mode: here
    forms: [seal_registration]
    triggers:
      - events: [moving_in]
        about: subjects
        when:
          all:
            - age: {gte: 15}
            - fact: {wants_seal_registration: true}
        reason: "{person}が印鑑登録を希望されているため"
"""


def run_check(rules: Path) -> list[str]:
    report = check_rules(rules, rules.parent / "municipality.yaml", rules.parent / "forms")
    return report.errors


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("    mode: here\n", "    mode: here\n    colour: red\n", 2, "知らないキー 'colour'"),
        ("wants_seal_registration: true", "wants_seal: true", 14, "知らない事実IDです: wants_seal"),
        ("{gte: 15}", "{gte: fifteen}", 13, "数値か"),
        ("- age: {gte: 15}", "- next_day: {fact: {wants_seal_registration: true}}", 13, "next_day: には人の条件を1つ書きます"),
        ("forms: [seal_registration]", "forms: [seal_form]", 2, "知らない様式IDです: seal_form"),
        ("    triggers:\n", "    valid_from: 2026-02-30\n    triggers:\n", 8, "valid_from: 実在しない日付か、読めない値です（2026-02-30）"),
        # inside a list: the day itself named, not the parser's node objects (ScalarNode(tag=…))
        ("    triggers:\n", "    note: [2026-01-01, 2026-02-29]\n    triggers:\n", 8, "note: 実在しない日付か、読めない値です（2026-02-29）"),
        ("    triggers:\n", "    valid_from: 2026-05-01\n    valid_to: 2026-04-01\n    triggers:\n", 2, "valid_from"),
        ("events: [moving_in]", "events: [moving]", 9, "知らないライフイベント"),
        ("{person}が", "{persn}が", 9, "差し込み {persn}"),
        ("department: citizen", "department: parks", 2, "知らない課です: parks"),
        # issue 14: every trigger says whom it is about; no default
        ("        about: subjects\n", "", 9, "about: がありません（このきっかけが誰についてか: subjects / household / others / claimant）"),
        ("about: subjects", "about: everyone", 9, "about: は subjects / household / others / claimant のいずれかです（'everyone'）"),
        ("about: subjects", "each: subject", 9, "each: は about: に変わりました（about: subjects と書いてください。"),
        ("    triggers:\n", "    claimant: {rule: parent}\n    triggers:\n", 8, f"claimant: は {{rule: {' / '.join(CLAIMANT_RULES)}, basis: 根拠条文}} です"),
        ("    triggers:\n      - events: [moving_in]\n        about: subjects\n",
         "    claimant: {rule: head, basis: 国民健康保険法9条}\n    triggers:\n      - events: [moving_in]\n"
         "        about: claimant\n", 8, "about: claimant と is_claimant は"),
        ("    triggers:\n      - events: [moving_in]\n        about: subjects\n        when:\n          all:\n"
         "            - age: {gte: 15}\n",
         "    claimant: {rule: parent, basis: 児童手当法4条}\n    triggers:\n      - events: [moving_in]\n"
         "        about: subjects\n        when:\n          all:\n            - is_claimant: true\n",
         8, "about: claimant と is_claimant は"),
        ("    triggers:\n", "    judged_on: {date: claim_date, basis: 児童手当法7条}\n    triggers:\n", 8, "judged_on: は {date: event_date か visit_date, basis: 根拠条文} です"),
    ],
)
def test_each_error_names_file_and_line(mini_rules: Path, old: str, new: str, line: int, message: str) -> None:
    assert old in GOOD
    path = write(mini_rules / "procedures" / "seal.yaml", GOOD.replace(old, new, 1))
    errors = run_check(mini_rules)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{path}:"), errors[0]
    if line:
        assert errors[0].startswith(f"{path}:{line}:"), errors[0]
    assert message in errors[0]


def test_unknown_fact_value(mini_rules: Path) -> None:
    write(mini_rules / "procedures" / "seal.yaml",
          GOOD.replace("- fact: {wants_seal_registration: true}", "- fact: {school: college}"))
    (error,) = run_check(mini_rules)
    assert ":14: " in error and "school に値 'college' はありません" in error


def test_duplicate_ids(mini_rules: Path) -> None:
    write(mini_rules / "procedures" / "a.yaml", GOOD)
    path_b = write(mini_rules / "procedures" / "b.yaml", GOOD)
    (error,) = run_check(mini_rules)
    assert error.startswith(f"{path_b}:2:") and "重複" in error


def test_duplicate_yaml_key(mini_rules: Path) -> None:
    path = write(mini_rules / "procedures" / "seal.yaml", GOOD.replace("    who: person\n", "    who: person\n    who: household\n"))
    (error,) = run_check(mini_rules)
    assert error.startswith(f"{path}:6:") and "重複" in error


def test_failing_case_is_reported_with_its_place(mini_rules: Path) -> None:
    write(mini_rules / "procedures" / "seal.yaml", GOOD)
    case = write(mini_rules / "tests" / "seal.yaml", """cases:
  - name: 印鑑登録の希望
    reception:
      event: moving_in
      event_date: 2026-04-09
      household: {facts: {wants_seal_registration: true}}
      members:
        - {id: p1, name: 鈴木　一, birth_date: 2012-01-01, sex: male}
    expect:
      present: [{procedure: seal_registration, person: p1}]
""")
    report = check_rules(mini_rules, mini_rules.parent / "municipality.yaml", mini_rules.parent / "forms")
    assert report.cases_run == 1 and report.cases_failed == 1
    assert report.errors[0].startswith(f"{case}:2: 印鑑登録の希望: 計画にあるはず")


def test_municipality_errors_are_located(mini_rules: Path) -> None:
    muni = mini_rules.parent / "municipality.yaml"
    muni.write_text(muni.read_text(encoding="utf-8").replace("    values: {1989-01-08: 13}", "    values: 13"),
                    encoding="utf-8")
    write(mini_rules / "procedures" / "seal.yaml", GOOD)
    (error,) = run_check(mini_rules)
    # The line of the edited value, found rather than written down: the default file grows.
    line = muni.read_text(encoding="utf-8").splitlines().index("    values: 13") + 1
    assert error == f"{muni}:{line}: params.vaccination_ticket_age.values: オブジェクト（キー: 値）が必要です（13）"


def test_cli_exit_codes(mini_rules: Path) -> None:
    write(mini_rules / "procedures" / "seal.yaml", GOOD.replace("who: person", "who: everyone"))
    out = subprocess.run([sys.executable, "-m", "kakanai.cli.main", "rules", "check", str(mini_rules),
                          "--municipality", str(mini_rules.parent / "municipality.yaml"),
                          "--forms", str(mini_rules.parent / "forms")], capture_output=True, text=True)
    assert out.returncode == 2 and "NG:" in out.stdout and "Traceback" not in out.stderr
