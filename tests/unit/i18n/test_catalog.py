"""The resident-language lookup (issue 19): the fallback chain language → ja-easy → ja, visibly reported;
rule texts keyed by their rule's id and exact Japanese; reasons re-worded from their templates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import write_mo

from kakanai.model import Plan, reception_from_dict
from kakanai.model.i18n import Catalog, ResidentTexts, UnknownLanguageError, available_languages, load_catalog
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook
from kakanai.rules.resident_texts import resident_texts


def _plan(name: str) -> Plan:
    return load_rulebook().plan(reception_from_dict(json.loads((examples_dir() / name).read_text(encoding="utf-8"))))


def _write(home: Path, folder: str, entries: dict[tuple[str | None, str], str]) -> None:
    catalog = BabelCatalog(locale="ja")
    for (context, source), text in entries.items():
        catalog.add(source, text, context=context)
    target = home / "resources" / "locales" / folder / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "kakanai.mo").open("wb") as f:
        write_mo(f, catalog)
    (target / "kakanai.po").write_text("", encoding="utf-8")


def test_a_missing_entry_falls_back_to_easy_japanese_then_japanese(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAKANAI_HOME", str(tmp_path))
    _write(tmp_path, "tl", {("title:x", "住民異動届"): "Abiso ng paglipat"})
    _write(tmp_path, "ja_easy", {("title:x", "住民異動届"): "引っ越しの 届け", ("title:y", "出生届"): "生まれた 届け"})
    catalog = Catalog("tl")
    assert catalog.lookup("title:x", "住民異動届").text == "Abiso ng paglipat"
    fallback = catalog.lookup("title:y", "出生届")
    assert (fallback.text, fallback.source, fallback.language) == ("生まれた 届け", "出生届", "ja-easy")
    assert fallback.is_fallback_for("tl")
    # The same id with another Japanese text (the rule was edited): not the old translation.
    edited = catalog.lookup("title:x", "住民異動届（転入）")
    assert (edited.text, edited.language) == ("住民異動届（転入）", "ja")
    assert available_languages() == ("ja", "ja-easy", "tl")
    with pytest.raises(UnknownLanguageError, match="言語「ne」の翻訳カタログがありません"):
        Catalog("ne")


def test_the_shipped_languages_name_themselves_in_their_own_script() -> None:
    names = {code: load_catalog(code).name for code in available_languages()}
    assert names == {"ja": "日本語", "ja-easy": "やさしい にほんご", "en": "English", "zh-Hans": "中文（简体）",
                     "ko": "한국어", "vi": "Tiếng Việt", "pt-BR": "Português"}
    assert {code: load_catalog(code).font for code in names} == {
        "ja": "ud-gothic", "ja-easy": "ud-gothic", "en": "latin", "zh-Hans": "hanzi", "ko": "hangul",
        "vi": "latin", "pt-BR": "latin"}


def test_reasons_are_reworded_from_their_templates_with_the_people_in_the_language() -> None:
    plan = _plan("moving_in_family.json")
    texts = resident_texts(load_rulebook(), "en")
    reasons = {(p.id, p.person): texts.reason(p) for p in plan.procedures}
    move = reasons[("resident_move_notice", None)]
    assert (move.text, move.language) == (
        "head of household 太郎 (40) and 3 others moved into the city (Basic Resident Registration Act, art. 22)",
        "en")
    assert move.source == "世帯主 太郎さん（40歳）ほか3人が転入されたため（住民基本台帳法22条）"
    assert reasons[("child_allowance_claim", None)].text == (
        "eldest daughter 𠮷子 (7), eldest son 髙志 (3) are children up to the first March 31 after turning 18 "
        "(the child allowance from your previous city ends when you move in; claimant: head of household 太郎 (40) "
        "or wife 花子 (38))")
    dog = next(p for p in plan.procedures if p.id == "dog_registration_change")
    deadline = texts.deadline(dog)
    assert (deadline.text, deadline.source) == (
        "Within 30 days after the moving date", "異動日の翌日から30日以内（5/9は土曜日、5/10は日曜日のため翌開庁日）")
    assert texts.department(dog)[1].text == "Main building, 2nd floor, Dog Registration Section"


def test_a_reason_that_no_template_gives_stays_japanese_and_is_marked() -> None:
    plan = _plan("moving_in_family.json")
    texts = resident_texts(load_rulebook(), "pt-BR")
    edited = plan.procedures[0].__class__(**{**plan.procedures[0].__dict__, "reason": "職員が追加した手続"})
    found = texts.reason(edited)
    assert (found.text, found.language) == ("職員が追加した手続", "ja")
    assert ResidentTexts(load_catalog("pt-BR")).people("世帯主 太郎さん（40歳）ほか3人") == "chefe da família 太郎 (40 anos) e mais 3 pessoas"


def test_the_deceased_is_named_with_sama_and_reworded_in_the_language() -> None:
    """おくやみ: a reason names the deceased 「世帯主 一郎様（86歳）」, never さん (the bereaved read it on the
    guidance sheet); the resident's language words the deceased as anyone else, やさしい日本語 keeps 様."""
    data = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    data.update(event="death", event_date="2026-04-05", subject=["p1"])
    plan = load_rulebook().plan(reception_from_dict(data))
    widow = next(p for p in plan.procedures if p.id == "surname_restoration")
    assert widow.reason.startswith("妻 花子さん（38歳）が配偶者の世帯主 太郎様（40歳）を亡くされたため")
    english = resident_texts(load_rulebook(), "en").reason(widow)
    assert english.language == "en" and "wife 花子 (38)" in english.text and "head of household 太郎 (40)" in english.text
    easy = resident_texts(load_rulebook(), "ja-easy").reason(widow)
    assert easy.language == "ja-easy" and "花子さん（38歳（さい））" in easy.text and "太郎様（40歳（さい））" in easy.text
