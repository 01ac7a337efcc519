"""The resident's pre-entry page (issue 8): a static site built from the rule catalog.

    kakanai prefill build --out DIR [--municipality FILE]

The page asks the resident the same questions as the counter, because it evaluates the same catalog:
`kakanai.rules.export.export_catalog` (conditions as written), plus what the engine takes from elsewhere
(life-event labels, the municipality's per-procedure overrides, and the office calendar of closed days for
deadlines). The JavaScript engine (prefill/src/rules.js) is cross-tested against kakanai.rules on every rule
test case. The site itself is bundled by prefill/build.mjs (esbuild) from the npm packages pinned in
prefill/package-lock.json; `npm ci` runs when prefill/node_modules is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kakanai import paths
from kakanai.cli.prefill_text import PAGE_TEXTS
from kakanai.model import LifeEvent
from kakanai.model.i18n import available_languages, load_catalog
from kakanai.model.i18n.resident import PLACE_COUNTER
from kakanai.oserror_text import os_reason
from kakanai.rules.book import RuleBook
from kakanai.rules.export import export_catalog

# Deadlines on the page need the closed days: the page is rebuilt with every catalog change (at least
# yearly, when the holidays of a new year are known), and a deadline beyond the exported years is shown
# without a date rather than guessed. (The holiday package is slow: about 0.15 s a year.)
CALENDAR_YEARS_BACK = 2
CALENDAR_YEARS_AHEAD = 3
NPM_TIMEOUT_S = 600
BUILD_TIMEOUT_S = 300


DISK_FULL = "disk_full"


class PrefillError(Exception):
    """A build that cannot be done (no Node.js, npm failed, an unwritable folder): one Japanese line."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class BuiltSite:
    out_dir: Path
    files: tuple[str, ...]
    rules_version: str
    municipality: str


def prefill_dir() -> Path:
    """prefill/ at the repository root: package.json, the lock file, the page's sources."""
    return paths.project_home() / "prefill"


def office_calendar(book: RuleBook, first: date, last: date) -> dict[str, Any]:
    """The closed weekdays between two dates with the engine's own reason (祝日名, 年末年始, 市の休日).

    Weekends are computed by the page itself; everything else comes from kakanai.rules.calendar, so the
    deadlines on the page move over the same days as the counter's."""
    calendar = book.planner.calendar
    closed: dict[str, str] = {}
    day = first
    while day <= last:
        if day.weekday() < 5:
            reason = calendar.closed_reason(day)
            if reason is not None:
                closed[day.isoformat()] = reason
        day += timedelta(days=1)
    return {"from": first.isoformat(), "to": last.isoformat(), "closed": closed}


def page_catalog(book: RuleBook, *, today: date | None = None,
                 years: tuple[int, int] | None = None) -> dict[str, Any]:
    """The catalog as the page evaluates it (JSON-able); `years`: first and last year of the calendar."""
    today = today or date.today()
    first, last = years or (today.year - CALENDAR_YEARS_BACK, today.year + CALENDAR_YEARS_AHEAD)
    data = export_catalog(book)
    data["events"] = [{"id": e.value, "label": e.label} for e in LifeEvent]
    data["overrides"] = {
        proc_id: {
            "enabled": o.enabled,
            "mode": o.mode.value if o.mode is not None else None,
            "department": o.department,
            "bring": list(o.bring) if o.bring is not None else None,
            "title": o.title,
        }
        for proc_id, o in book.municipality.overrides.items()
    }
    data["calendar"] = office_calendar(book, date(first, 1, 1), date(last, 12, 31))
    data["built"] = today.isoformat()
    data["languages"] = page_languages(page_sources(data), book)
    return data


def page_sources(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Every text of the page as `key: (msgctxt, Japanese)`: the page's own words (prefill_text), the
    questions of the exported facts (the contexts of kakanai.model.i18n.extract.extract_facts) and the
    rules' resident-facing texts of the result (title, what to bring, deadline wording, department), keyed
    `msgctxt|Japanese` since one procedure has several of them. Reasons are not here: the page shows
    them in Japanese beside the translation (re-wording the people in them is the sheet's, issue 19)."""
    sources = {context: (context, text) for context, text in PAGE_TEXTS}
    for fact in data["facts"]:
        sources[f"question:{fact['id']}"] = (f"question:{fact['id']}", fact["prompt"])
        if fact["help"]:
            sources[f"help:{fact['id']}"] = (f"help:{fact['id']}", fact["help"])
        if fact["kind"] == "bool":
            continue  # はい/いいえ: the page's own words (prefill:questions.yes/no), not the rule's
        for value, label in zip(fact["values"], fact["value_labels"], strict=True):
            sources[f"value:{fact['id']}:{value}"] = (f"value:{fact['id']}:{value}", label)
    for proc in data["procedures"]:
        rule_texts = [("title", proc["title"]), *(("bring", item) for item in proc["bring"])]
        for spec in (proc, *proc["triggers"]):
            if spec["deadline"] and spec["deadline"].get("note"):
                rule_texts.append(("deadline", spec["deadline"]["note"]))
        rule_texts += [("bring", item) for trigger in proc["triggers"] for item in trigger["bring"]]
        for kind, text in rule_texts:
            sources[f"{kind}:{proc['id']}|{text}"] = (f"{kind}:{proc['id']}", text)
    for key, dept in data["departments"].items():
        sources[f"department:{key}|{dept['name']}"] = (f"department:{key}", dept["name"])
    return sources


def page_languages(sources: dict[str, tuple[str, str]], book: RuleBook) -> list[dict[str, Any]]:
    """Per language of resources/locales (ja first): its name in its own script and the entries it has
    translated itself. The page falls back to ja-easy, then ja, and marks the fallback (prefill/src/i18n.js),
    so a missing entry is left out here rather than filled."""
    languages = []
    for code in available_languages():
        catalog = load_catalog(code)
        texts = {}
        for key, (context, source) in sources.items():
            found = catalog.lookup(context, source)
            if found.language == code:
                texts[key] = found.text
        for dept_key, dept in book.municipality.departments.items():
            # Where the counter is, as the sheet words it (kakanai.model.i18n.resident PLACE_COUNTER).
            parts = [catalog.lookup(f"{kind}:{dept_key}", text) for kind, text in
                     (("place", dept.place), ("counter", dept.counter)) if text]
            if all(part.language == code for part in parts):
                texts[f"where:{dept_key}|{dept.full_counter}"] = (
                    catalog.program(PLACE_COUNTER).text.format(place=parts[0].text, counter=parts[1].text)
                    if len(parts) == 2 else parts[0].text if parts else "")
        languages.append({"code": code, "name": catalog.name, "texts": texts})
    return languages


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise PrefillError("no_node", f"{name} が見つかりません。Node.js と npm を導入してください（scripts/setup）")
    return found


def _run(cmd: list[str], cwd: Path, timeout: int, what: str) -> None:
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PrefillError("build_failed", f"{what}が{timeout}秒で終わりませんでした") from None
    if done.returncode != 0:
        raise build_failure(what, done.stderr or done.stdout)


def build_failure(what: str, output: str) -> PrefillError:
    """The tool's own error lines (esbuild: 「✘ [ERROR] …」, Node: 「Error: …」), not the tail of its stack
    dump (「errors: [Getter/Setter]」); a full disk has its own code (DISK_FULL: the caller names the folder)."""
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    if any("no space left on device" in line.lower() or "ENOSPC" in line for line in lines):
        return PrefillError(DISK_FULL, f"{what}: ディスクがいっぱいです")
    errors = [line for line in lines if "[ERROR]" in line or re.match(r"\w*Error\b|error:", line)]
    shown = errors[:3] if errors else lines[-5:]
    return PrefillError("build_failed", f"{what}に失敗しました: {' / '.join(shown)}")


def ensure_node_modules(source: Path | None = None) -> Path:
    """`npm ci` (exactly the versions of package-lock.json) when node_modules is missing or stale."""
    source = source or prefill_dir()
    lock = source / "package-lock.json"
    installed = source / "node_modules" / ".package-lock.json"
    if not lock.is_file():
        raise PrefillError("no_sources", f"事前入力ページのソースがありません: {source}")
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime:
        _run([_tool("npm"), "ci", "--no-audit", "--no-fund"], source, NPM_TIMEOUT_S, "npm ci")
    return source


def build_site(out_dir: Path, book: RuleBook, *, today: date | None = None) -> BuiltSite:
    """Write the static site (index.html, app.js, style.css, notices) into out_dir."""
    source = ensure_node_modules()
    catalog = page_catalog(book, today=today)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrefillError("unwritable", f"出力先を作れません: {out_dir}（{os_reason(exc, out_dir)}）") from None
    with tempfile.TemporaryDirectory(prefix="kakanai-prefill-") as tmp:
        catalog_file = Path(tmp) / "catalog.json"
        catalog_file.write_text(json.dumps(catalog, ensure_ascii=False), encoding="utf-8")
        _run([_tool("node"), str(source / "build.mjs"), "--out", str(out_dir.resolve()),
              "--catalog", str(catalog_file)], source, BUILD_TIMEOUT_S, "ページの組み立て")
    files = tuple(sorted(p.name for p in out_dir.iterdir() if p.is_file()))
    return BuiltSite(out_dir=out_dir, files=files, rules_version=book.version,
                     municipality=book.municipality.name)
