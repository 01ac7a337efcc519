"""Municipality parameter files: every value issue 16 found crashing `plan`/`render` or passing
`rules check` is refused by the loader — the same function `rules check` runs — with file, line and key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kakanai.paths import default_municipality_file
from kakanai.rules import RuleFileError, load_rulebook
from kakanai.rules.check import check_rules

DEFAULT = default_municipality_file().read_text(encoding="utf-8")
AGE = "    values: {1989-01-08: 6, 2019-04-01: 15, 2023-04-01: 18}"
RETENTION = "    values: {1989-01-08: 30}\n  large_print_guidance:"
LARGE_PRINT = "  large_print_guidance:\n    description: 窓口案内シートを大きな文字で印刷する\n    values: {1989-01-08: false}"


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        (AGE, "    values: {1989-01-08: 6.5}", "params.child_medical_subsidy_age.values.1989-01-08",
         "整数が必要です（6.5）"),
        (AGE, "    values: {1989-01-08: '15'}", "params.child_medical_subsidy_age.values.1989-01-08",
         "整数が必要です（'15'）"),
        (AGE, "    values: {1989-01-08: 100000000000000000000}", "params.child_medical_subsidy_age.values.1989-01-08",
         "0〜22 の整数です（100000000000000000000）"),
        (AGE, "    values: {}", "params.child_medical_subsidy_age.values", "1〜200項目です（0項目）"),
        (AGE, "    values: {2019-04-01: 15}", "params.child_medical_subsidy_age.values",
         "2019-04-01 より前の値がありません。受付は 1989-01-08 以降の異動日を扱うので、その日以前の施行日の値を書いてください"),
        (AGE, "    values: {2030-04-01: 18}", "params.child_medical_subsidy_age.values",
         "2030-04-01 より前の値がありません。受付は 1989-01-08 以降の異動日を扱うので、その日以前の施行日の値を書いてください"),
        (RETENTION, "    values: {1989-01-08: -1}\n  large_print_guidance:", "params.retention_days.values.1989-01-08",
         "0〜3650 の整数です（-1）"),
        (RETENTION, "    values: {1989-01-08: '30'}\n  large_print_guidance:", "params.retention_days.values.1989-01-08",
         "整数が必要です（'30'）"),
        (LARGE_PRINT, LARGE_PRINT.replace("false}", "maybe}"), "params.large_print_guidance.values.1989-01-08",
         "true か false です（'maybe'）"),
        (LARGE_PRINT, LARGE_PRINT + "\n  retension_days: 30", "params.retension_days",
         "知らない名前です。retention_days のことですか？"),
        ("procedures: {}", "procedures: {nhi_enroll: {enabled: 'no'}}", "procedures.nhi_enroll.enabled",
         "true か false です（'no'）"),
        ("procedures: {}", "procedures: {nhi_enroll: {department: insurence}}", "procedures.nhi_enroll.department",
         "担当課 insurence は departments: にありません。insurance のことですか？"),
        ("procedures: {}", "procedures: {nhi_enroll: {mode: later}}", "procedures.nhi_enroll.mode",
         "here / guidance / done のいずれかです（'later'）"),
        ("  child: {name: 子育て支援課", "  child: {nmae: 子育て支援課", "departments.child.nmae",
         "知らないキーです。name のことですか？"),
    ],
)
def test_bad_parameters_are_refused_by_the_loader_and_by_rules_check(
        tmp_path: Path, old: str, new: str, key: str, message: str) -> None:
    assert old in DEFAULT
    text = DEFAULT.replace(old, new, 1)
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    changed = next(x for x in new.splitlines() if x not in old.splitlines())
    line = _line(text, changed)  # the line the edit changed: where the key is
    expected = f"{path}:{line}: {key}: {message}"
    with pytest.raises(RuleFileError) as caught:
        load_rulebook(municipality_file=path)
    assert str(caught.value) == expected
    assert check_rules(municipality_file=path).errors == [expected]


def _load_error(tmp_path: Path, text: str) -> tuple[Path, str]:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rulebook(municipality_file=path)
    return path, str(caught.value)


def test_a_typo_in_a_procedure_id_is_refused(tmp_path: Path) -> None:
    text = DEFAULT.replace("procedures: {}", "procedures:\n  nhi_enrol: {enabled: false}")
    path, error = _load_error(tmp_path, text)
    assert error == f"{path}:{_line(text, 'nhi_enrol:')}: procedures.nhi_enrol: 知らない手続IDです。nhi_enroll のことですか？"


def test_a_missing_parameter_is_named(tmp_path: Path) -> None:
    text = DEFAULT.replace(LARGE_PRINT, "")
    path, error = _load_error(tmp_path, text)
    assert error == (f"{path}:{_line(text, 'params:')}: params: パラメータ large_print_guidance がありません"
                     "（窓口案内シートを大きな文字で印刷する）")


def test_the_cli_exits_2_or_3_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(DEFAULT.replace(AGE, "    values: {2019-04-01: 15}"), encoding="utf-8")
    example = Path(__file__).parents[3] / "resources" / "examples" / "moving_in_family.json"
    for args in (["rules", "check", "--municipality", str(path)], ["plan", str(example), "--municipality", str(path)]):
        done = subprocess.run([sys.executable, "-m", "kakanai.cli.main", *args], capture_output=True, text=True)
        assert done.returncode in (2, 3), done.stderr
        assert "Traceback" not in done.stderr
        assert "params.child_medical_subsidy_age.values: 2019-04-01 より前の値がありません" in done.stderr + done.stdout
