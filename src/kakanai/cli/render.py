"""`kakanai render RECEPTION.json --out DIR`, `kakanai forms check`, `kakanai forms preview FORM_ID`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kakanai.cli import forms_inputs
from kakanai.cli.common import (
    EXIT_DOMAIN,
    CliError,
    definitions_folder,
    output_failure,
    parse_date_option,
    print_json,
    write_output,
)


def register(sub: Any) -> None:
    r = sub.add_parser("render", help="受付の申請書と窓口案内シートをPDFで作成します")
    r.add_argument("reception", help="受付データ（JSON）")
    r.add_argument("--out", required=True, help="PDFを書き出すフォルダ。新しいフォルダか空のフォルダ、または同じ受付で"
                   "kakanai が前に作ったフォルダ（そのファイルはまとめて置き換えます）。別の受付のファイルや"
                   "kakanai が作っていないファイルのあるフォルダには書き出しません")
    r.add_argument("--json", action="store_true")
    r.add_argument("--municipality", help="市町村パラメータのファイル")
    r.add_argument("--large-print", action="store_true", help="窓口案内シートを大きな文字で")
    r.add_argument("--today", help="届出日（既定: 来庁日）")
    r.add_argument("--lang", help="窓口案内シートの言語（ja、ja-easy、en、zh-Hans、ko、vi、pt-BR …。"
                                   "既定: 受付データの language）。申請書は日本語のまま")
    r.set_defaults(handler=run_render)
    f = sub.add_parser("forms", help="様式定義の点検と見本の作成")
    fsub = f.add_subparsers(dest="forms_command", required=True)
    c = fsub.add_parser("check", help="すべての様式定義を点検します")
    c.add_argument("--dir", help="様式定義のフォルダ（既定: forms/）")
    c.set_defaults(handler=run_check)
    p = fsub.add_parser("preview", help="見本のデータで様式を作成します")
    p.add_argument("form_id")
    p.add_argument("--out", required=True, help="書き出す PDF ファイル（同名のファイルは置き換えます）")
    p.set_defaults(handler=run_preview)
    forms_inputs.register(fsub)


def _form_error(exc: Exception) -> CliError:
    from kakanai.forms import GlyphMissingError, TextOverflowError

    extra: dict[str, Any] = {}
    if isinstance(exc, GlyphMissingError):
        extra = {"field": exc.field, "character": exc.char, "codepoint": f"U+{ord(exc.char):04X}"}
    elif isinstance(exc, TextOverflowError):
        extra = {"field": exc.field}
    code = getattr(exc, "code", "form_error")
    return CliError(code, str(exc), EXIT_DOMAIN, **extra)


def refuse_wrong_inputs(reception: Any, plan: Any, source: str, text: str) -> None:
    """A choice input's value must be one of the options its forms declare, a phone number a number (exit 2
    naming the file, the line and the key)."""
    from kakanai.cli.plan import shown_source
    from kakanai.forms.inputs import input_problems
    from kakanai.forms.library import form_library
    from kakanai.model.jsonfile import line_of

    problems = input_problems(form_library(), reception, plan)
    if problems:
        where = f"{shown_source(source)}:{line_of(text, problems[0].field)}"
        raise CliError("invalid_reception", f"受付データの誤り: {where}: {problems[0].message}",
                       field=problems[0].field)


def run_render(args: argparse.Namespace) -> int:
    from kakanai.cli.plan import canonical_language, language_texts, plan_reception_text
    from kakanai.cli.render_files import render_reception_files
    from kakanai.fileout import OutputError, check_folder_target
    from kakanai.forms import FormDefinitionError, FormError

    today = parse_date_option(args.today, "--today") if args.today else None
    try:
        check_folder_target(args.out)  # before the work: Path("") would be the current folder
    except OutputError as exc:
        raise output_failure(exc) from None
    book, reception, plan, text = plan_reception_text(args)
    if today is not None:
        from kakanai.model.reception_schema import visit_date_problem

        problem = visit_date_problem(reception.event, reception.event_date, today)
        if problem:  # --today is the visit date the forms print as 届出日: the reception's own rule applies
            raise CliError("bad_date", f"--today: {problem}")
    refuse_wrong_inputs(reception, plan, args.reception, text)
    language = canonical_language(args.lang or reception.language)
    language_texts(book, language)  # an unknown language: exit 2 before any file is written
    try:
        files, blanks = render_reception_files(book, reception, plan, Path(args.out),
                                               today=today or reception.effective_visit_date,
                                               large_print=args.large_print, language=language)
    except OutputError as exc:
        raise output_failure(exc) from None
    except FormError as exc:
        raise _form_error(exc) from None
    except FormDefinitionError as exc:
        raise CliError("bad_form", f"様式定義の誤り: {exc}") from None
    if args.json:
        print_json({"files": files, "blank_inputs": blanks})
    else:
        for f in files:
            sys.stdout.write(f"{f['path']}\n")
        if blanks:  # under the file that prints them: the same label may be several members' or sheets'
            sys.stdout.write("空欄で印刷した項目（住民が記入）:\n")
            by_file: dict[str, list[str]] = {}
            for b in blanks:
                by_file.setdefault(str(b["path"]), []).append(str(b["label"]))
            for path, labels in by_file.items():
                sys.stdout.write(f"  {Path(path).name}: {'、'.join(labels)}\n")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from kakanai.forms import check_forms
    from kakanai.paths import forms_dir

    folder = definitions_folder(args.dir, "--dir") if args.dir else forms_dir()
    problems, count = check_forms(folder)
    if not problems and not args.dir:
        # The catalog's forms: also render each with the sample data (what only a rendering shows).
        from kakanai.cli.render_files import input_print_problems, preview_problems
        from kakanai.forms import FormError

        for path in sorted(folder.glob("*.yaml")):
            try:
                problems.extend(preview_problems(path.stem))
                problems.extend(input_print_problems(path.stem))
            except FormError as exc:
                problems.append(f"{path}: 見本データで印刷できません: {exc}")
    if not args.dir:
        # The resident-language catalogs print on the guidance sheet: every character needs a glyph.
        from kakanai.forms.catalog_fonts import catalog_glyph_problems
        from kakanai.model.i18n import locales_dir

        problems.extend(catalog_glyph_problems(locales_dir()))
    for line in problems:
        sys.stdout.write(line + "\n")
    sys.stdout.write(f"{'OK' if not problems else 'NG'}: 様式 {count}件、誤り {len(problems)}件\n")
    return 0 if not problems else 2


def run_preview(args: argparse.Namespace) -> int:
    from kakanai.cli.render_files import preview_form
    from kakanai.forms import FormDefinitionError, FormError

    try:
        pdf = preview_form(args.form_id)
    except FormError as exc:
        raise _form_error(exc) from None
    except FormDefinitionError as exc:
        raise CliError("bad_form", f"様式定義の誤り: {exc}") from None
    write_output(args.out, pdf, "--out")
    sys.stdout.write(json.dumps({"path": args.out, "form": args.form_id}, ensure_ascii=False) + "\n")
    return 0
