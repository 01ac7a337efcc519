"""`kakanai plan RECEPTION.json [--json] [--municipality FILE] [--trace]`: decide every procedure."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kakanai.cli.common import EXIT_DOMAIN, CliError, print_json, read_text_file


def register(sub: Any) -> None:
    p = sub.add_parser("plan", help="受付データから必要な手続を判定します")
    p.add_argument("reception", help="受付データ（JSON）のファイル。- で標準入力")
    p.add_argument("--json", action="store_true", help="JSONで出力")
    p.add_argument("--municipality", help="市町村パラメータのファイル（既定: resources/municipality/default.yaml）")
    p.add_argument("--trace", action="store_true", help="判定の経過（どの規則がなぜ該当したか）も出力")
    p.add_argument("--lang", help="住民の言語（ja、ja-easy、en、zh-Hans、ko、vi、pt-BR …）: 理由をその言語でも出力"
                                   "（--json では reason_resident）。既定: 受付データの language")
    p.set_defaults(handler=run)


def load_book(municipality: str | None) -> Any:
    from pathlib import Path

    from kakanai.rules import RuleFileError, load_rulebook

    try:
        return load_rulebook(municipality_file=Path(municipality) if municipality else None)
    except RuleFileError as exc:
        raise CliError("bad_rules", f"規則ファイルの誤り: {exc}") from None


def read_reception_text(source: str) -> tuple[Any, str]:
    """The reception of a file (`-`: standard input) and its text (for reception_failure)."""
    from kakanai.model import ReceptionError, reception_from_json
    from kakanai.model.reception_schema import check_untrusted

    text = read_text_file(source, "受付データ")
    try:
        reception = reception_from_json(text, shown_source(source))
        # A file from outside is as untrusted as a resident's QR: the characters no form prints and no record
        # should keep (bidi overrides, zero-width, 外字 of the private use area, U+FFFF, U+FFFD) are refused
        # here, naming the line, as `qr make` refuses them — not planned and recorded, then refused at print.
        check_untrusted(reception)
        return reception, text
    except ReceptionError as exc:
        raise reception_failure(exc, source, text) from None


def shown_source(source: str) -> str:
    return "標準入力" if source == "-" else source


def reception_failure(exc: Any, source: str, text: str) -> CliError:
    """A ReceptionError as one line naming the file, the line and the key — also for a check made after the
    reception was read (the planner's fact values, a pre-entry's characters), which knows only the key."""
    from kakanai.model import ReceptionError
    from kakanai.model.jsonfile import line_of

    if not exc.source:
        exc = ReceptionError(exc.field, exc.message, source=shown_source(source), line=line_of(text, exc.field))
    return CliError("invalid_reception", f"受付データの誤り: {exc}", field=exc.field)


def plan_reception(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    book, reception, plan, _text = plan_reception_text(args)
    return book, reception, plan


def plan_reception_text(args: argparse.Namespace, office: str | None = None) -> tuple[Any, Any, Any, str]:
    """The rule book, the reception of args.reception, its plan, and the file's text (reception_failure).
    `office` (record --office): planned for that office (a 支所 sends on what it does not accept), one the
    municipality parameters have: a typo is refused, never planned for."""
    from dataclasses import replace

    from kakanai.model import ReceptionError

    book = load_book(args.municipality)
    reception, text = read_reception_text(args.reception)
    offices = book.municipality.offices
    if office is not None and office not in offices:
        raise CliError("unknown_office", f"--office の庁舎 {office} は市町村パラメータにありません（{'、'.join(offices)}）")
    try:
        return book, reception, book.plan(replace(reception, office=office) if office else reception), text
    except ReceptionError as exc:
        raise reception_failure(exc, args.reception, text) from None


def canonical_language(language: str) -> str:
    """The shipped code of a language given on the command line: a tag is case-insensitive (BCP 47: EN,
    pt-br) and some write it with _ (pt_BR, as its folder); unchanged when no catalog matches (refused
    then by language_texts, naming the languages there are)."""
    from kakanai.model.i18n.catalog import available_languages

    wanted = language.replace("_", "-").lower()
    return next((code for code in available_languages() if code.lower() == wanted), language)


def language_texts(book: Any, language: str) -> Any:
    """The resident's language for a CLI command; a language without a catalog is bad input (exit 2), a
    damaged compiled catalog is not (exit 3: to recompile)."""
    from kakanai.model.i18n import UnknownLanguageError
    from kakanai.model.i18n.catalog import CatalogDamagedError
    from kakanai.rules.resident_texts import resident_texts

    try:
        return resident_texts(book, language)
    except UnknownLanguageError as exc:
        raise CliError("unknown_language", str(exc), language=language) from None
    except CatalogDamagedError as exc:
        raise CliError("bad_compiled_catalog", str(exc), EXIT_DOMAIN, file=str(exc.path)) from None


def plan_to_json(plan: Any, *, trace: bool = False, texts: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "event": plan.event.value,
        "event_date": plan.event_date.isoformat(),
        "rules_version": plan.rules_version,
        "procedures": [
            {
                "id": p.id, "person": p.person, "mode": p.mode.value, "title": p.title, "reason": p.reason,
                "department": p.department_name, "department_id": p.department, "counter": p.counter,
                "deadline": p.deadline.isoformat() if p.deadline else None, "deadline_note": p.deadline_note,
                "bring": list(p.bring), "forms": list(p.forms), "legal_basis": p.legal_basis,
                "claimant": p.claimant,
                **({"added_by_clerk": True} if p.added_by_clerk else {}),
                **({"reason_resident": texts.reason(p).text} if texts is not None else {}),
            }
            for p in plan.procedures
        ],
        "questions": [
            {"fact": q.fact, "person": q.person, "prompt": q.prompt, "kind": q.kind, "values": list(q.values),
             "value_labels": list(q.value_labels), "asked_for": list(q.asked_for)}
            for q in plan.questions
        ],
        "removed": [{"procedure": r.procedure, "person": r.person, "reason": r.reason} for r in plan.removed],
    }
    if texts is not None:
        out["language"] = texts.language
    if trace:
        out["trace"] = [{"procedure": t.procedure, "person": t.person, "outcome": t.outcome, "detail": t.detail}
                        for t in plan.trace]
    return out


def format_plan_text(reception: Any, plan: Any, *, trace: bool = False, texts: Any = None) -> str:
    from kakanai.model.wareki import format_wareki

    names = {m.id: m.name for m in reception.members}
    lines = [f"{plan.event.label}（{format_wareki(plan.event_date)}）の手続: {len(plan.procedures)}件", ""]
    current = None
    for p in plan.procedures:
        if p.department_name != current:
            current = p.department_name
            lines.append(f"■ {p.department_name}（{p.counter}）")
        who = f"［{names[p.person]}］" if p.person else ""
        due = f"  期限: {format_wareki(p.deadline)}（{p.deadline_note}）" if p.deadline else (
            f"  期限: {p.deadline_note}" if p.deadline_note else "")
        lines.append(f"  ・{p.title}{who}〈{p.mode.label}〉{due}")
        lines.append(f"      理由: {p.reason}")
        if texts is not None and texts.language != "ja":
            lines.append(f"      理由（{texts.language}）: {texts.reason(p).text}")
        if p.bring:
            lines.append(f"      持ち物: {'、'.join(p.bring)}")
    if plan.questions:
        lines += ["", f"まだお聞きすること: {len(plan.questions)}件"]
        for q in plan.questions:
            lines.append(f"  ？ {q.prompt}（{' / '.join(q.value_labels) if q.value_labels else q.kind}）")
    if trace:
        lines += ["", "判定の経過:"]
        lines += [f"  {t.procedure} {names.get(t.person or '', '世帯')}: {t.outcome} {t.detail}" for t in plan.trace]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    book, reception, plan = plan_reception(args)
    language = canonical_language(args.lang or reception.language)
    texts = language_texts(book, language) if args.lang or language != "ja" else None
    if args.json:
        print_json(plan_to_json(plan, trace=args.trace, texts=texts))
    else:
        sys.stdout.write(format_plan_text(reception, plan, trace=args.trace, texts=texts) + "\n")
    return 0
