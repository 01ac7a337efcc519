"""`kakanai rules table`: the decision table a municipal reviewer reads (issue 14) — triggers in plain
Japanese with whom they are about, the parameters in force on the table's date, legal basis, mode,
deadline rule and forms; a self-contained Japanese HTML page and a CSV."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from kakanai.cli.main import main
from kakanai.rules.book import RuleBook, load_rulebook
from kakanai.rules.table import CSV_HEADER, procedure_rows, table_csv, write_table
from tests.unit.rules.conftest import write

RULES = """procedures:
  - id: child_medical_subsidy
    title: 子ども医療費助成 受給者証交付申請
    department: child
    who: person
    mode: here
    forms: [school_transfer]
    legal_basis: 見本市子ども医療費助成条例
    triggers:
      - events: [moving_in, birth]
        about: subjects
        when:
          all:
            - child_until_march31_after: {param: child_medical_subsidy_age}
            - fact: {health_insurance: [national, employee]}
        reason: "{person}が対象年齢のため"
  - id: child_allowance_claim
    title: 児童手当 認定請求
    department: child
    who: household
    mode: here
    forms: [child_allowance_claim]
    legal_basis: 児童手当法4条・7条・8条
    valid_from: 2024-10-01
    claimant: {rule: parent, basis: 児童手当法4条1項1号・3項}
    judged_on: {date: visit_date, basis: 児童手当法7条1項・8条2項}
    deadline: {days: 15, from: planned_moveout_date, note: 転出予定日の翌日から15日以内（15日特例）}
    triggers:
      - events: [moving_in]
        about: subjects
        when:
          all:
            - any_member: {child_until_march31_after: 18}
            - not: {claimant: {fact: {public_servant: true}}}
        reason: "{members}が児童のため"
  - id: water_service
    title: 上下水道 使用開始・中止
    department: waterworks
    who: household
    mode: guidance
    triggers:
      - events: [moving_in]
        about: subjects
        when: {whole_household: true}
        reason: "{subject}が転入されたため"
      - events: [moving_out]
        about: subjects
        when: {any_member: {age: {gte: 15}}}
        mode: here
        deadline: {days: 14, from: event_date, counting: inclusive, note: 転出の日を含めて14日以内}
        reason: "{subject}が転出されるため"
"""


@pytest.fixture
def book(mini_rules: Path) -> RuleBook:
    write(mini_rules / "procedures" / "p.yaml", RULES)
    return load_rulebook(mini_rules, mini_rules.parent / "municipality.yaml")


def test_rows_in_plain_japanese(book: RuleBook) -> None:
    subsidy, allowance, water = procedure_rows(book, date(2026, 6, 1))
    (t,) = subsidy.triggers
    assert (subsidy.per, subsidy.mode, subsidy.deadline, subsidy.valid) == ("人ごと", "この窓口で手続", "期限なし", "期限の定めなし")
    assert t.who == "異動の対象者（転入・転出する人、生まれた子、亡くなった人など）"
    assert t.events == "転入、出生"
    assert t.conditions == ("【18歳に達した後の最初の3月31日まで（市町村パラメータ child_medical_subsidy_age の"
                            "2026-06-01現在の値）、かつ、「本人の健康保険は？」が国民健康保険・被用者保険（勤務先・扶養）】")
    assert allowance.valid == "2024-10-01から"
    assert allowance.claimant == "父母（父母ともにいれば所得の高い方。わからなければ質問）（児童手当法4条1項1号・3項）"
    assert allowance.judged_on == "来庁日（請求の日）の法令・年齢で判定（児童手当法7条1項・8条2項）"
    assert allowance.triggers[0].conditions == (
        "【対象者のうち誰かが 18歳に達した後の最初の3月31日まで、かつ、次に当たらない: 請求者が 「本人は公務員ですか？」がはい】")
    assert allowance.deadline == ("前住所地での転出予定日（転出証明書に記載の日）の翌日から15日以内（閉庁日なら翌開庁日）: "
                                  "転出予定日の翌日から15日以内（15日特例）")
    assert water.per == "世帯に1件"
    assert water.triggers[0].conditions == "世帯全員が異動する（残る世帯員・すでに住んでいる世帯員がいない）"
    assert water.triggers[0].mode == "ご案内"
    assert water.triggers[1].conditions == "対象者のうち誰かが 年齢が15歳以上（年齢計算ニ関スル法律：誕生日の前日に加齢）"
    assert (water.triggers[1].mode, water.triggers[1].deadline) == (
        "この窓口で手続", "異動日（事由の発生日）の初日を含めて14日以内（閉庁日なら翌開庁日）: 転出の日を含めて14日以内")


def test_parameter_values_of_the_date(book: RuleBook) -> None:
    params = book.municipality.params["child_medical_subsidy_age"]
    (start, value) = params.changes[-1]
    (t,) = procedure_rows(book, start)[0].triggers
    assert t.conditions.startswith(f"【{value}歳に達した後の最初の3月31日まで（市町村パラメータ child_medical_subsidy_age の"
                                   f"{start.isoformat()}現在の値）")


def test_csv_one_line_per_trigger(book: RuleBook) -> None:
    lines = list(csv.reader(io.StringIO(table_csv(procedure_rows(book, date(2026, 6, 1))))))
    assert tuple(lines[0]) == CSV_HEADER
    assert len(lines) == 1 + 4
    assert lines[3] == [
        "water_service", "上下水道 使用開始・中止", "水道局", "期限の定めなし", "世帯に1件", "（記載なし）",
        "届出人（窓口に来た方。指定がなければ世帯主）", "異動日の法令・年齢で判定", "1",
        "異動の対象者（転入・転出する人、生まれた子、亡くなった人など）", "転入",
        "世帯全員が異動する（残る世帯員・すでに住んでいる世帯員がいない）", "ご案内", "期限なし", "なし",
        "{subject}が転入されたため"]


def test_shipped_catalog_page_is_self_contained(tmp_path: Path) -> None:
    book = load_rulebook()
    page, sheet = write_table(book, tmp_path / "out", date(2026, 6, 1))
    text = page.read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">')
    for external in ("http:", "https:", "<script", "<link", "src=", "@import", "url("):
        assert external not in text
    assert text.count("<section ") == len(book.catalog.procedures)
    assert "<h2>上下水道 使用開始・中止（water_service）</h2>" in text
    assert "<td>世帯全員が異動する（残る世帯員・すでに住んでいる世帯員がいない）</td>" in text
    assert "<dt>根拠法令</dt><dd>児童手当法3条・4条・7条・8条（令和6年10月1日改正）</dd>" in text
    raw = sheet.read_bytes()
    assert raw.startswith("\ufeff手続ID,手続名".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1 + sum(len(p.triggers) for p in book.catalog.procedures)


def test_cli_writes_and_refuses_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "table", "--out", str(tmp_path / "t"), "--date", "2026-06-01"]) == 0
    assert (tmp_path / "t" / "index.html").is_file() and (tmp_path / "t" / "rules-table.csv").is_file()
    assert capsys.readouterr().out.startswith("書き出しました: ")
    assert main(["rules", "table", "--out", str(tmp_path / "u"), "--date", "2026-02-30"]) == 2
    assert capsys.readouterr().err == ("kakanai: --date の日付が正しくありません: '2026-02-30'"
                                       "（YYYY-MM-DD の形の実在する日付）\n")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["rules", "table", "--out", str(blocker), "--date", "2026-06-01"]) == 2
    assert capsys.readouterr().err == f"--out: 出力先フォルダにフォルダではないもの（ファイルなど）が指定されています: {blocker}\n"
    assert not (tmp_path / "u").exists()


def test_the_table_replaces_an_earlier_table_and_never_a_users_files(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The two files are written as a whole (kakanai.fileout.publish_folder): a folder holding a page of the
    user's is refused and left as it was (the table overwrote its index.html), an earlier table's folder is
    replaced."""
    out = tmp_path / "table"
    assert main(["rules", "table", "--out", str(out), "--date", "2026-06-01"]) == 0
    assert main(["rules", "table", "--out", str(out), "--date", "2026-07-01"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [".kakanai.json", "index.html", "rules-table.csv"]
    assert "2026-07-01現在" in (out / "index.html").read_text(encoding="utf-8")  # the second table
    users = tmp_path / "site"
    users.mkdir()
    (users / "index.html").write_text("市のページ", encoding="utf-8")
    capsys.readouterr()
    assert main(["rules", "table", "--out", str(users)]) == 2
    assert capsys.readouterr().err == (f"--out: 出力先フォルダに判定表ではないファイルがあります: {users}"
                                       "（空のフォルダか新しいフォルダを指定してください）\n")
    assert [p.name for p in users.iterdir()] == ["index.html"]
    assert (users / "index.html").read_text(encoding="utf-8") == "市のページ"
