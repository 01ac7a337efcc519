"""`kakanai rules check`: strict validation of the rule files and the municipality file, then every rule
test case. What a municipality runs after editing its rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kakanai.rules.book import RuleBook, load_rulebook
from kakanai.rules.testcases import check_case, iter_case_files, load_cases
from kakanai.rules.yamlfile import RuleFileError


@dataclass
class CheckReport:
    errors: list[str] = field(default_factory=list)  # file:line: message
    cases_run: int = 0
    cases_failed: int = 0
    procedures: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and self.cases_failed == 0


def check_rules(rules_dir: Path | None = None, municipality_file: Path | None = None,
                forms_dir: Path | None = None) -> CheckReport:
    report = CheckReport()
    try:
        book: RuleBook = load_rulebook(rules_dir, municipality_file, forms_dir, check_forms=True)
    except RuleFileError as exc:
        report.errors.append(str(exc))
        return report
    report.procedures = len(book.catalog.procedures)
    for path in iter_case_files(book.rules_dir):
        try:
            cases = load_cases(path)
        except RuleFileError as exc:
            report.errors.append(str(exc))
            continue
        for case in cases:
            report.cases_run += 1
            failures = check_case(book, case)
            if failures:
                report.cases_failed += 1
                report.errors.extend(f"{case.where}: {case.name}: {f}" for f in failures)
    return report
