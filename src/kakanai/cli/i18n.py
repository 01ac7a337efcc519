"""`kakanai i18n extract|update|compile|status`: the resident-language catalogs (issue 19, docs/i18n.md).

extract/update/compile are `pybabel extract/update/compile` with this project's options (babel.cfg, the
catalog folder, the domain); status compares every catalog with what the program and the rules need now
(extracted afresh, so a rule edited since the last extract shows as missing) and counts the entries a
municipality has marked reviewed (`#, reviewed`, a flag Babel keeps through `update`)."""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path
from typing import Any

from kakanai.cli.common import EXIT_DOMAIN, CliError, print_json, read_text_file

REVIEWED = "reviewed"
COMMENT_TAGS = ("TRANSLATORS:",)
# A line of a .po that holds a string: a keyword and/or one closed "…" (escapes allowed).
_STRING_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"')


def register(sub: Any) -> None:
    p = sub.add_parser("i18n", help="住民の言語の翻訳カタログ（抽出・更新・コンパイル・状況）")
    isub = p.add_subparsers(dest="i18n_command", required=True)
    e = isub.add_parser("extract", help="プログラムと規則から翻訳の原文を抽出します（resources/locales/kakanai.pot）")
    e.set_defaults(handler=run_extract)
    u = isub.add_parser("update", help="各言語のカタログ（.po）を原文に合わせます。新しい言語は --lang で作成")
    u.add_argument("--lang", action="append", help="この言語だけ（なければ作成）。繰り返し指定可")
    u.set_defaults(handler=run_update)
    c = isub.add_parser("compile", help="カタログ（.po）を実行用（.mo）にコンパイルします")
    c.set_defaults(handler=run_compile)
    s = isub.add_parser("status", help="言語ごとの未翻訳と未確認（reviewed でない）項目")
    s.add_argument("--json", action="store_true")
    s.add_argument("--lang", action="append", help="この言語だけ")
    s.set_defaults(handler=run_status)


def _babel(*argv: str) -> None:
    import os

    from babel.messages.frontend import CommandLineInterface

    from kakanai.paths import project_home

    here = Path.cwd()
    os.chdir(project_home())  # babel.cfg's patterns are relative to src/ and resources/ of the project
    try:
        CommandLineInterface().run(["pybabel", "-q", *argv])  # type: ignore[no-untyped-call]
    except SystemExit as exc:
        if exc.code:
            raise CliError("babel", f"pybabel {argv[0]} が失敗しました（{exc.code}）", EXIT_DOMAIN) from None
    finally:
        os.chdir(here)


def _sources_home() -> Path:
    """The project folder with babel.cfg, src/ and resources/: what extract and status read the texts from
    (an installed application has no sources: FileNotFoundError was exit 70)."""
    from kakanai.paths import project_home

    home = project_home()
    if not (home / "babel.cfg").is_file():
        raise CliError("no_sources", f"翻訳の原文を抽出するソースがありません（{home / 'babel.cfg'} がありません）。"
                                     "i18n extract と status はソースの入ったフォルダで実行します")
    return home


def _template() -> Path:
    from kakanai.model.i18n import locales_dir

    return locales_dir() / "kakanai.pot"


def run_extract(args: argparse.Namespace) -> int:
    _sources_home()
    _babel("extract", "-F", "babel.cfg", "-o", str(_template()), "--no-location", "--sort-output",
           "--omit-header", *(f"--add-comments={t}" for t in COMMENT_TAGS), "src", "resources")
    sys.stdout.write(f"{_template()}\n")
    return 0


def _check_new_language(language: str) -> None:
    """A --lang of `update` names a catalog folder: a language code, never a path (../x), and one Babel
    knows when the catalog is new (Babel raised ValueError on anything else: exit 70)."""
    from babel import Locale, UnknownLocaleError

    from kakanai.model.i18n import SOURCE, catalog_file
    from kakanai.model.i18n.catalog import folder_of
    from kakanai.model.reception_schema import LANGUAGE_DOC, LANGUAGE_MAX, LANGUAGE_PATTERN

    if language == SOURCE:
        raise CliError("source_language", "ja は原文の言語です（カタログはありません）")
    if len(language) > LANGUAGE_MAX or not re.fullmatch(LANGUAGE_PATTERN, language):
        raise CliError("bad_language", f"--lang の言語コードが正しくありません: {language!r}（{LANGUAGE_DOC}、"
                                       f"{LANGUAGE_MAX}文字まで）")
    if catalog_file(language).is_file():
        return
    try:
        Locale.parse(folder_of(language))
    except (ValueError, UnknownLocaleError):
        raise CliError("unknown_language", f"--lang の言語 {language} は翻訳ツール（Babel）の知らない言語です"
                                           "（新しいカタログを作れません）", language=language) from None


def run_update(args: argparse.Namespace) -> int:
    from kakanai.model.i18n import SOURCE, available_languages, catalog_file, locales_dir
    from kakanai.model.i18n.catalog import folder_of

    languages = args.lang or [lang for lang in available_languages() if lang != SOURCE]
    for language in languages:  # all of them before any catalog is written
        _check_new_language(language)
        if catalog_file(language).is_file():
            read_catalog(catalog_file(language))
    for language in languages:
        command = "update" if catalog_file(language).is_file() else "init"
        _babel(command, "-i", str(_template()), "-d", str(locales_dir()), "-D", "kakanai", "-l", folder_of(language),
               *(["--ignore-obsolete"] if command == "update" else []))
        sys.stdout.write(f"{catalog_file(language)}\n")
    return 0


def run_compile(args: argparse.Namespace) -> int:
    from kakanai.model.i18n import SOURCE, available_languages, catalog_file

    languages = [language for language in available_languages() if language != SOURCE]
    for language in languages:  # every catalog checked before any .mo is written
        read_catalog(catalog_file(language))
    for language in languages:
        _babel("compile", "-i", str(catalog_file(language)), "-o", str(catalog_file(language, ".mo")))
        sys.stdout.write(f"{catalog_file(language, '.mo')}\n")
    return 0


def read_catalog(path: Path) -> Any:
    """A catalog read strictly, one clear line naming the file and the line (exit 2) for what Babel gets
    wrong: a file that is not UTF-8 (UnicodeDecodeError: exit 70), a string without its closing quote
    (read as an empty translation: silently lost), a line Babel does not know (only a warning)."""
    from babel.messages.pofile import PoFileError, read_po

    text = read_text_file(str(path), "翻訳カタログ")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(("msg", '"')) and not _STRING_LINE.fullmatch(stripped):
            raise CliError("bad_catalog", f"翻訳カタログの誤り: {path}:{number}: 文字列の \" が閉じていないか、"
                                          f"書き方が違います（{stripped[:40]}）")
    try:
        return read_po(io.StringIO(text), abort_invalid=True)
    except PoFileError as exc:
        raise CliError("bad_catalog", f"翻訳カタログの誤り: {path}:{exc.lineno + 1}: 書き方が違います"
                                      f"（{exc.line.strip()[:40]}）") from None


def needed_entries() -> dict[tuple[str | None, str], str]:
    """Every (msgctxt, msgid) the program and the rules have now, as `extract` would write them."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    home = _sources_home()
    with (home / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)  # type: ignore[no-untyped-call]
    out: dict[tuple[str | None, str], str] = {}
    for folder in ("src", "resources"):
        for _file, _line, message, _comments, context in extract_from_dir(
                str(home / folder), method_map, options_map, DEFAULT_KEYWORDS, COMMENT_TAGS):
            msgid = message if isinstance(message, str) else message[0]
            out[(context, msgid)] = context or ""
    return out


def language_status(language: str, needed: dict[tuple[str | None, str], str], catalog: Any = None) -> dict[str, Any]:
    """`catalog`: the language's .po already read (else it is read here)."""
    from kakanai.model.i18n import catalog_file, load_catalog

    catalog = catalog if catalog is not None else read_catalog(catalog_file(language))
    missing: list[dict[str, Any]] = []
    drafted: list[dict[str, Any]] = []
    reviewed = 0
    for context, msgid in needed:
        message = catalog.get(msgid, context=context)
        entry = {"context": context, "source": msgid}
        if message is None or not message.string or message.fuzzy:
            missing.append(entry)
        elif REVIEWED in message.flags:
            reviewed += 1
        else:
            drafted.append(entry)
    mo = catalog_file(language, ".mo")
    return {"language": language, "name": load_catalog(language).name if mo.is_file() else language,
            "entries": len(needed), "translated": len(needed) - len(missing), "reviewed": reviewed,
            "drafted": len(drafted), "missing": missing, "drafted_entries": drafted,
            "compiled": mo.is_file() and _entries(catalog) == _compiled_entries(mo)}


def _entries(catalog: Any) -> dict[tuple[str | None, str], str]:
    """What a catalog translates, as compiled (fuzzy and empty entries are left out of a .mo)."""
    return {(m.context, m.id): m.string for m in catalog
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def _compiled_entries(mo: Path) -> dict[tuple[str | None, str], str]:
    """The .mo's entries: compared by content, not by file time (a checkout sets every time anew)."""
    from babel.messages.mofile import read_mo

    with mo.open("rb") as f:
        return _entries(read_mo(f))


def _check_compiled(languages: list[str]) -> None:
    """A compiled catalog (.mo) that cannot be read (empty, cut short): exit 3, to recompile. A missing one
    is reported by status itself (「.mo が古い」)."""
    from kakanai.model.i18n import catalog_file, load_catalog
    from kakanai.model.i18n.catalog import CatalogDamagedError

    for language in languages:
        if catalog_file(language, ".mo").is_file():
            try:
                load_catalog(language)
            except CatalogDamagedError as exc:
                raise CliError("bad_compiled_catalog", str(exc), EXIT_DOMAIN, file=str(exc.path)) from None


def run_status(args: argparse.Namespace) -> int:
    from kakanai.model.i18n import SOURCE, available_languages, catalog_file

    languages = args.lang or [lang for lang in available_languages() if lang != SOURCE]
    unknown = [lang for lang in languages if lang not in available_languages() or lang == SOURCE]
    if unknown:
        raise CliError("unknown_language", f"翻訳カタログのない言語です: {'、'.join(unknown)}（使える言語: "
                                           f"{'、'.join(available_languages()[1:])}）", language=unknown[0])
    # A damaged catalog is said before the minutes of extracting the sources; each is read once.
    catalogs = {lang: read_catalog(catalog_file(lang)) for lang in languages}
    _check_compiled(languages)
    needed = needed_entries()
    report = [language_status(lang, needed, catalogs[lang]) for lang in languages]
    if args.json:
        print_json({"languages": report})
        return 0
    for r in report:
        sys.stdout.write(f"{r['language']}（{r['name']}）: {r['entries']}項目、翻訳 {r['translated']}"
                         f"（確認済み {r['reviewed']}、未確認 {r['drafted']}）、未翻訳 {len(r['missing'])}"
                         f"{'' if r['compiled'] else '、.mo が古い（kakanai i18n compile）'}\n")
        for m in r["missing"]:
            sys.stdout.write(f"  未翻訳 {m['context'] or '（プログラム）'}: {m['source']}\n")
    return 0
