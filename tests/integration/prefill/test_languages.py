"""The pre-entry page in every shipped language (issue 19), in headless Chromium: the resident opens the page,
picks the language in the picker (each language named in its own script), answers a short 転入 interview,
and the QR code read back with `kakanai qr read` is the reception the rules expect, with the page's
language as `language`. No text of the page is left in Japanese where the language's catalog translates
it, nothing falls back (※), and the language is remembered in the address only (the page stores nothing)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from tests.integration.prefill.interview import base_reception, interview
from tests.integration.prefill.test_page import drive, read_codes

from kakanai.model import reception_from_dict, reception_to_dict
from kakanai.model.i18n import SHIPPED, load_catalog
from kakanai.rules import RuleBook

HOME = "三重県志摩市阿児町鵜方３０９８番地２２　志摩ハイツＢ棟２０３号室"
BEFORE = "大阪府大阪市北区梅田１丁目２番３号"
NAMES = {"ja": "日本語", "ja-easy": "やさしい にほんご", "en": "English", "zh-Hans": "中文（简体）", "ko": "한국어",
         "vi": "Tiếng Việt", "pt-BR": "Português"}


def moving_in(lang: str) -> dict[str, Any]:
    """Two people move in from Osaka; the questions a resident of this household is shown."""
    return {
        "lang": lang, "pick": True, "event": "moving_in", "event_date": "2026-04-03", "visit_date": "2026-04-06",
        "address": HOME, "previous": BEFORE,
        "members": [
            {"name": "NGUYEN　VAN AN", "kana": "グエン　ヴァン　アン", "birth": "1990-02-11", "sex": "male"},
            {"name": "NGUYEN　THI HOA", "kana": "グエン　ティ　ホア", "birth": "2019-07-30", "sex": "female"},
        ],
        "answers": {
            "planned_moveout_date|": "2026-03-31", "wants_seal_registration|": False, "wants_certificates|": False,
            "from_abroad|": False, "has_kei_car|": False, "has_moped|": False, "has_dog|": False,
            "owns_real_estate|": False, "single_parent|": False, "receives_child_allowance|": True,
            "relationship|p1": "head", "relationship|p2": "child",
            "health_insurance|p1": "employee", "health_insurance|p2": "employee",
            "pension_category|p1": "2", "has_mynumber_card|p1": True, "has_mynumber_card|p2": True,
            "uses_signing_certificate|p1": False, "nationality|p1": "foreign", "nationality|p2": "foreign",
            "public_servant|p1": False, "main_earner|p1": True, "school|p2": "nursery",
            "disability_handbook|p1": [], "disability_handbook|p2": [], "pregnant|p1": False,
            "ltc_certified|p1": False, "receives_public_pension|p1": False,
        },
    }


def page_languages(site: Path) -> dict[str, dict[str, str]]:
    """Each language's texts as the build wrote them into the page (kakanai.cli.prefill_site)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    inline = re.search(r'<script type="application/json" id="catalog">(.*?)</script>', html, re.S)
    assert inline is not None
    return {lang["code"]: lang["texts"] for lang in json.loads(inline.group(1))["languages"]}


def text_pattern(text: str) -> re.Pattern[str]:
    """A catalog text as shown: {placeholders} match whatever filled them; a short text (a word) only a
    whole text node, a longer one anywhere in one (「＋ 世帯の方を追加」, 「窓口に来る予定日（任意）」)."""
    parts = [re.escape(p) for p in re.split(r"\{\w+\}", text)]
    return re.compile(".+".join(parts) if len(re.sub(r"\{\w+\}", "", text)) >= 4 else "^" + ".+".join(parts) + "$")


def untranslated(shown: list[str], source: dict[str, str], own: dict[str, str]) -> list[str]:
    """The Japanese source texts still on the page although the language has its own wording for them (a
    text that is one of the language's own wordings does not count: やさしい日本語 keeps 障害者手帳 and adds
    ふりがな)."""
    own_patterns = [text_pattern(text) for text in own.values() if len(re.sub(r"\{\w+\}", "", text)) >= 2]
    foreign = [text for text in shown if not any(p.search(text) for p in own_patterns)]
    left = []
    for key, japanese in source.items():
        if own.get(key, japanese) == japanese:
            continue  # the same words in both (「言語 / Language」, a name kept in Japanese)
        left += [f"{key}: {text}" for text in foreign if text_pattern(japanese).search(text)]
    return left


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_page_in_each_language(lang: str, site: Path, chromium: Path, book: RuleBook, tmp_path: Path) -> None:
    scenario = moving_in(lang)
    result = drive(site, scenario, tmp_path)

    # The picker names every language in its own script, ja first, each option tagged with its language.
    assert result["picker"] == [[code, NAMES[code], "ja" if code == "ja-easy" else code] for code in SHIPPED]
    assert result["lang"] == ("ja" if lang == "ja-easy" else lang)  # <html lang>
    assert result["url_lang"] == lang  # remembered in the address of this tab, nowhere else

    # The code reads back as the reception the rules expect, in this language.
    expected = reception_to_dict(reception_from_dict(interview(book, base_reception(scenario), scenario["answers"])))
    assert expected.get("language", "ja") == lang  # ja: the default, not written
    assert read_codes(result["codes"]) == expected
    assert read_codes(result["downloads"]) == expected

    # The procedures listed are the rules' own, titled in the language's catalog.
    plan = book.plan(reception_from_dict(expected))
    catalog = load_catalog(lang)
    titles = [catalog.lookup(f"title:{p.id}", p.title).text for p in plan.procedures]
    assert len(result["procedures"]) == len(titles) > 3
    assert all(shown.startswith(title) for shown, title in zip(result["procedures"], titles, strict=True))

    # Nothing fell back, nothing of the Japanese source is left where the language has its own words.
    texts = page_languages(site)
    assert not [text for text in result["texts"] if "※" in text]
    assert untranslated(result["texts"], texts["ja"], texts[lang]) == []
    assert result["requests_after_load"] == []


def test_every_page_text_is_in_every_catalog(site: Path) -> None:
    """The build wrote every text of the page for every shipped language: no fallback anywhere."""
    texts = page_languages(site)
    assert list(texts) == list(SHIPPED)
    for lang in SHIPPED:
        assert sorted(set(texts["ja"]) - set(texts[lang])) == [], lang
    # The check of test_the_page_in_each_language finds a Japanese text left on a translated page.
    shown = ["＋ 世帯の方を追加", "窓口に来る予定日（任意）", "手順 2 / 5", "住所", "住所（じゅうしょ）"]
    assert sorted(untranslated(shown, texts["ja"], texts["ko"])) == sorted([
        "prefill:steps.address: 住所", "prefill:address.current: 住所", "prefill:step: 手順 2 / 5",
        "prefill:event.visit: 窓口に来る予定日（任意）", "prefill:members.add: ＋ 世帯の方を追加",
        "prefill:steps.members: ＋ 世帯の方を追加"])


def test_a_missing_entry_falls_back_marked(site: Path, chromium: Path, tmp_path: Path) -> None:
    """A language without an entry shows the やさしい日本語 wording, marked ※ (as the guidance sheet marks it)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    inline = re.search(r'(<script type="application/json" id="catalog">)(.*?)(</script>)', html, re.S)
    assert inline is not None
    data = json.loads(inline.group(2))
    ko = next(lang for lang in data["languages"] if lang["code"] == "ko")
    del ko["texts"]["prefill:next"], ko["texts"]["prefill:steps.event"]
    easy = next(lang for lang in data["languages"] if lang["code"] == "ja-easy")
    del easy["texts"]["prefill:steps.event"]
    broken = tmp_path / "site"
    broken.mkdir()
    for name in ("app.js", "style.css"):
        (broken / name).write_bytes((site / name).read_bytes())
    inlined = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    (broken / "index.html").write_text(html[:inline.start(2)] + inlined + html[inline.end(2):], encoding="utf-8")
    scenario = moving_in("ko")
    (tmp_path / "out").mkdir()
    result = drive(broken, scenario, tmp_path / "out")
    assert "※次（つぎ）へ" in result["texts"]  # ja-easy's wording
    assert "※届出の内容" in result["texts"]  # neither has it: the Japanese source
    assert "다음" not in result["texts"]
