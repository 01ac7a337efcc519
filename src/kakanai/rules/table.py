"""`kakanai rules table`: the catalog as a decision table a municipal reviewer checks without reading
YAML — per procedure its legal basis, mode, deadline rule, forms, claimant and judging date, and per
trigger whom it is about, which events and which conditions in words, with the parameter values in force
on the table's date. Written as index.html (self-contained: no external asset, Japanese) and
rules-table.csv (UTF-8 with BOM, so that a spreadsheet opens it as UTF-8)."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kakanai.fileout import publish_folder
from kakanai.model import LifeEvent, Who
from kakanai.rules.book import RuleBook
from kakanai.rules.catalog import DeadlineRule, ProcedureDef, Trigger
from kakanai.rules.wording import ABOUT_WORDS, CLAIMANT_WORDS, Wording

_EVENT_ORDER = tuple(LifeEvent)
_BASES = {"event_date": "異動日（事由の発生日）", "visit_date": "来庁日"}


def deadline_words(rule: DeadlineRule | None, facts_prompt: dict[str, str]) -> str:
    if rule is None:
        return "期限なし"
    if rule.days is None:
        return rule.note
    base = _BASES.get(rule.base) or facts_prompt.get(rule.base, rule.base).replace("は？", "")
    count = "初日を含めて" if rule.counting.value == "inclusive" else "翌日から"
    return f"{base}の{count}{rule.days}日以内（閉庁日なら翌開庁日）: {rule.note}"


@dataclass(frozen=True)
class TriggerRow:
    procedure: str
    title: str
    number: int  # 1-based, in the order the triggers are tried
    who: str
    events: str
    conditions: str
    mode: str
    deadline: str
    reason: str


@dataclass(frozen=True)
class ProcedureRow:
    id: str
    title: str
    department: str
    valid: str
    per: str
    legal_basis: str
    mode: str
    deadline: str
    forms: str
    bring: str
    claimant: str
    judged_on: str
    triggers: tuple[TriggerRow, ...]


def procedure_rows(book: RuleBook, on: date) -> list[ProcedureRow]:
    """Every procedure version of the catalog (in the files' order), worded with the parameters of `on`."""
    wording = Wording(book.catalog.facts, book.municipality.params_on(on), on)
    prompts = {f.id: f.prompt for f in book.catalog.facts.values()}
    departments = book.municipality.departments
    return [_procedure(p, wording, prompts, departments[p.department].name if p.department in departments
                       else p.department) for p in book.catalog.procedures]


def _valid(p: ProcedureDef) -> str:
    if p.valid_from == date.min and p.valid_to == date.max:
        return "期限の定めなし"
    start = "" if p.valid_from == date.min else f"{p.valid_from.isoformat()}から"
    end = "" if p.valid_to == date.max else f"{p.valid_to.isoformat()}まで"
    return start + end


def _procedure(p: ProcedureDef, wording: Wording, prompts: dict[str, str], department: str) -> ProcedureRow:
    claimant = CLAIMANT_WORDS[p.claimant.rule] + (f"（{p.claimant.basis}）" if p.claimant.basis else "")
    judged = ("来庁日（請求の日）の法令・年齢で判定" + f"（{p.judged_on.basis}）" if p.judged_on.date == "visit_date"
              else "異動日の法令・年齢で判定")
    return ProcedureRow(
        id=p.id, title=p.title, department=department, valid=_valid(p),
        per="人ごと" if p.who is Who.PERSON else "世帯に1件", legal_basis=p.legal_basis or "（記載なし）",
        mode=p.mode.label, deadline=deadline_words(p.deadline, prompts), forms="、".join(p.forms) or "なし",
        bring="、".join(p.bring) or "なし", claimant=claimant, judged_on=judged,
        triggers=tuple(_trigger(p, i, t, wording, prompts) for i, t in enumerate(p.triggers, 1)),
    )


def _trigger(p: ProcedureDef, number: int, t: Trigger, wording: Wording, prompts: dict[str, str]) -> TriggerRow:
    events = "、".join(e.label for e in _EVENT_ORDER if e in t.events)
    return TriggerRow(
        procedure=p.id, title=p.title, number=number, who=ABOUT_WORDS[t.about], events=events,
        conditions=wording.words(t.when_source, t.about), mode=(t.mode or p.mode).label,
        deadline=deadline_words(t.deadline or p.deadline, prompts),  # the trigger's, else the procedure's
        reason=t.reason,
    )


@dataclass(frozen=True)
class DerivationRow:
    """A fact the law decides (derivations.yaml): never asked when its conditions hold."""

    fact: str  # the question, as the clerk would have read it
    value: str
    events: str
    conditions: str
    basis: str


def derivation_rows(book: RuleBook, on: date) -> list[DerivationRow]:
    wording = Wording(book.catalog.facts, book.municipality.params_on(on), on)
    out = []
    for d in book.catalog.derivations:
        fact = book.catalog.facts[d.fact]
        out.append(DerivationRow(
            fact=fact.prompt.replace("{name}さん", "本人"), value=fact.label_of(str(d.value)),
            events="、".join(e.label for e in _EVENT_ORDER if e in d.events),
            conditions=wording.words(d.when_source, "subjects"), basis=d.basis))
    return out


CSV_HEADER = ("手続ID", "手続名", "担当課", "有効期間", "単位", "根拠法令", "請求者・届出人", "判定日",
              "きっかけ番号", "誰について", "ライフイベント", "条件", "方式", "期限", "様式", "理由の文面")


def table_csv(rows: list[ProcedureRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for p in rows:
        for t in p.triggers:
            writer.writerow((p.id, p.title, p.department, p.valid, p.per, p.legal_basis, p.claimant, p.judged_on,
                             t.number, t.who, t.events, t.conditions, t.mode, t.deadline, p.forms, t.reason))
    return out.getvalue()


_CSS = """body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif;margin:2em;line-height:1.6}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:2px solid #333;margin-top:2em}
dl{display:grid;grid-template-columns:10em 1fr;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.3em .5em;vertical-align:top}
th{background:#eee}nav li{display:inline-block;margin-right:1em}@media print{nav{display:none}}"""


def table_html(rows: list[ProcedureRow], title: str, on: date, version: str,
               derived: tuple[DerivationRow, ...] = ()) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="ja">', "<head>", '<meta charset="utf-8">',
        f"<title>{e(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>", f"<h1>{e(title)}</h1>",
        f"<p>{e(on.isoformat())}現在の市町村パラメータで表示しています（規則の版 {e(version)}）。"
        "きっかけは上から順に判定し、最初に当てはまったものが理由になります。</p>",
        "<nav><ul>", *(f'<li><a href="#{e(p.id)}-{i}">{e(p.title)}</a></li>' for i, p in enumerate(rows)), "</ul></nav>",
    ]
    for i, p in enumerate(rows):
        parts += [f'<section id="{e(p.id)}-{i}">', f"<h2>{e(p.title)}（{e(p.id)}）</h2>", "<dl>"]
        for label, value in (("担当課", p.department), ("有効期間", p.valid), ("単位", p.per),
                             ("根拠法令", p.legal_basis), ("方式", p.mode), ("期限", p.deadline),
                             ("様式", p.forms), ("持ち物", p.bring), ("請求者・届出人", p.claimant),
                             ("判定日", p.judged_on)):
            parts.append(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>")
        parts += ["</dl>", "<table>", "<tr><th>順</th><th>誰について</th><th>ライフイベント</th><th>条件</th>"
                  "<th>方式</th><th>期限</th><th>理由の文面</th></tr>"]
        for t in p.triggers:
            cells = (str(t.number), t.who, t.events, t.conditions, t.mode, t.deadline, t.reason)
            parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
        parts += ["</table>", "</section>"]
    if derived:
        parts += ['<div id="derivations">', "<h2>法令で決まるため聞き取らない事実</h2>",
                  "<p>条件に当てはまると、その事実は質問せずに決まります（回答がある場合は回答が優先）。</p>",
                  "<table>", "<tr><th>事実</th><th>値</th><th>ライフイベント</th><th>条件（対象の方について）</th>"
                  "<th>根拠法令</th></tr>"]
        for d in derived:
            parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in (d.fact, d.value, d.events, d.conditions,
                                                                         d.basis)) + "</tr>")
        parts += ["</table>", "</div>"]  # not a <section>: those are one per procedure
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


TABLE_OWNER = "rules-table"  # the folder's marker: a table's folder is replaced by the next table


def write_table(book: RuleBook, out_dir: Path, on: date) -> tuple[Path, Path]:
    rows = procedure_rows(book, on)
    title = f"{book.municipality.name} 手続の判定表"
    page, sheet = out_dir / "index.html", out_dir / "rules-table.csv"
    page_text = table_html(rows, title, on, book.version, tuple(derivation_rows(book, on)))
    # kakanai.fileout: the two files as a whole into a new, empty or earlier table's folder (never over a
    # user's index.html), never through a symlink; a full disk leaves nothing (raises OutputError).
    publish_folder(out_dir, {page.name: page_text.encode("utf-8"), sheet.name: table_csv(rows).encode("utf-8-sig")},
                   owner=TABLE_OWNER, others="判定表ではないファイル")
    return page, sheet
