"""`kakanai i18n status|update`, `plan --lang`, `render --lang` and the catalogs' glyph check (issue 19)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from kakanai.cli.i18n import language_status
from kakanai.cli.main import main
from kakanai.forms.catalog_fonts import catalog_glyph_problems
from kakanai.forms.check import pdf_text
from kakanai.model.i18n import SHIPPED, locales_dir
from kakanai.paths import examples_dir
from tests.unit.cli.test_plan_cli import kakanai

EXAMPLE = examples_dir() / "moving_in_family.json"


def test_status_lists_no_missing_entry_and_none_reviewed_for_the_shipped_languages() -> None:
    out = kakanai("i18n", "status", "--json")
    assert out.returncode == 0, out.stderr
    report = {r["language"]: r for r in json.loads(out.stdout)["languages"]}
    assert list(report) == list(SHIPPED[1:])
    entries = report["en"]["entries"]
    assert entries > 550
    for language, r in report.items():
        # Drafted by the project; a municipality reviews them (`#, reviewed`).
        assert (r["entries"], r["translated"], r["reviewed"], r["drafted"], r["missing"], r["compiled"]) == (
            entries, entries, 0, entries, [], True), language


def test_the_reviewed_flag_survives_an_update_and_is_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "resources" / "locales"
    (target / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(locales_dir() / "kakanai.pot", target / "kakanai.pot")
    source = locales_dir() / "en" / "LC_MESSAGES" / "kakanai.po"
    with source.open("rb") as f:
        catalog = read_po(f)
    reviewed = catalog.get("住民異動届", context="title:resident_move_notice")
    assert reviewed is not None
    reviewed.flags.add("reviewed")
    with (target / "en" / "LC_MESSAGES" / "kakanai.po").open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setenv("KAKANAI_HOME", str(tmp_path))
    assert main(["i18n", "update", "--lang", "en"]) == 0
    with (target / "en" / "LC_MESSAGES" / "kakanai.po").open("rb") as f:
        updated = read_po(f)
    kept = updated.get("住民異動届", context="title:resident_move_notice")
    assert kept is not None and "reviewed" in kept.flags and kept.string == "Notice of change of residence"
    needed = {("title:resident_move_notice", "住民異動届"): "", ("title:birth_registration", "出生届"): "",
              ("title:no_such", "ない手続"): ""}
    status = language_status("en", needed)
    assert (status["reviewed"], status["drafted"], status["missing"], status["compiled"]) == (
        1, 1, [{"context": "title:no_such", "source": "ない手続"}], False)  # no .mo yet
    assert main(["i18n", "compile"]) == 0
    assert language_status("en", needed)["compiled"] is True


def test_plan_gives_the_reasons_in_the_residents_language() -> None:
    out = kakanai("plan", str(EXAMPLE), "--json", "--lang", "pt-BR")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    move = next(p for p in data["procedures"] if p["id"] == "resident_move_notice")
    assert data["language"] == "pt-BR"
    assert move["reason"] == "世帯主 太郎さん（40歳）ほか3人が転入されたため（住民基本台帳法22条）"
    assert move["reason_resident"] == ("chefe da família 太郎 (40 anos) e mais 3 pessoas mudou-se para a cidade "
                                       "(Lei do Registro Básico de Residentes, art. 22)")
    plain = kakanai("plan", str(EXAMPLE), "--json")
    assert "reason_resident" not in json.loads(plain.stdout)["procedures"][0]


def test_an_unknown_language_is_bad_input() -> None:
    out = kakanai("plan", str(EXAMPLE), "--lang", "xx")
    assert out.returncode == 2
    assert out.stderr.strip().endswith(
        "言語「xx」の翻訳カタログがありません（使える言語: ja、ja-easy、en、zh-Hans、ko、vi、pt-BR）")


def test_render_prints_the_guidance_sheet_in_the_language_and_the_forms_in_japanese(tmp_path: Path) -> None:
    out = kakanai("render", str(EXAMPLE), "--out", str(tmp_path), "--lang", "ko", "--json")
    assert out.returncode == 0, out.stderr
    sheet = pdf_text((tmp_path / "guidance.pdf").read_bytes())
    assert "창구 안내 시트" in sheet and "窓口案内シート" in sheet
    move = next(tmp_path.glob("*_resident_move_notice.pdf"))
    assert "창구" not in pdf_text(move.read_bytes())


def test_forms_check_fails_on_a_character_the_catalogs_font_lacks(tmp_path: Path) -> None:
    assert catalog_glyph_problems(locales_dir()) == []
    folder = tmp_path / "ne" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "kakanai.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "language:font"\nmsgid "ud-gothic"\nmsgstr "latin"\n\n'
        'msgctxt "title:birth_registration"\nmsgid "出生届"\nmsgstr "जन्म दर्ता"\n', encoding="utf-8")
    problems = catalog_glyph_problems(tmp_path)
    letters = dict.fromkeys("जन्म दर्ता".replace(" ", ""))  # ज न ् म द र त ा: none in DejaVu Sans
    assert len(letters) == 8
    assert problems == [f"{folder / 'kakanai.po'}:10: title:birth_registration: 「जन्म दर्ता」の文字「{c}」"
                        f"（U+{ord(c):04X}）は印刷用フォント（latin）にありません" for c in letters]
