"""The guidance sheet (issue 17): BIZ UD fonts embedded, nothing under 11 pt, the counters in the order to
visit with where each is, おくやみ wording (故人, 様) for a death and only for a death."""

from __future__ import annotations

import io
import json
import logging
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from kakanai.forms.check import pdf_text
from kakanai.forms.fonts import FontRole
from kakanai.forms.guidance import render_guidance, route
from kakanai.forms.linebreak import wrap
from kakanai.model import Reception, reception_from_dict
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook
from kakanai.rules.resident_texts import resident_texts


def _reception(name: str) -> Reception:
    return reception_from_dict(json.loads((examples_dir() / name).read_text(encoding="utf-8")))


def _sheet(name: str, *, large: bool = False) -> tuple[bytes, Reception]:
    reception = _reception(name)
    plan = load_rulebook().plan(reception)
    doc = render_guidance(reception, plan, "見本市", date(2026, 4, 10), large_print=large)
    return doc.pdf, reception


def _sizes_and_fonts(pdf: bytes) -> tuple[set[float], set[str]]:
    sizes: set[float] = set()
    fonts: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"]["/Font"]
        used = re.findall(r"/(F[\d+]+) ([\d.]+) Tf", page.get_contents().get_data().decode("latin-1"))
        for key, size in used:
            base = str(resources["/" + key].get_object()["/BaseFont"])
            if base != "/Helvetica":  # ReportLab's initial font, set on every page before any text
                sizes.add(float(size))
                fonts.add(base.split("+", 1)[-1])
    return sizes, fonts


def test_the_sheet_is_in_biz_ud_at_11_pt_or_more() -> None:
    pdf, _ = _sheet("moving_in_family.json")
    sizes, fonts = _sizes_and_fonts(pdf)
    assert min(sizes) == 11.0 and max(sizes) == 20.0
    assert {"BIZUDGothic-Regular", "BIZUDGothic-Bold"} <= fonts
    # 𠮷 is not in BIZ UD: that name (and the reason naming her) is printed in IPAmj明朝.
    assert fonts - {"BIZUDGothic-Regular", "BIZUDGothic-Bold", "BIZUDMincho-Regular"} == {"IPAmjMincho"}


def test_large_print_is_14_pt_or_more() -> None:
    pdf, _ = _sheet("moving_in_family.json", large=True)
    sizes, _ = _sizes_and_fonts(pdf)
    assert min(sizes) == 14.0 and max(sizes) == 26.0


def test_the_counters_are_listed_in_the_order_to_visit_with_where_each_is() -> None:
    pdf, reception = _sheet("moving_in_family.json")
    stops = route(load_rulebook().plan(reception))
    assert [(s.department, s.counter, len(s.procedures)) for s in stops] == [
        ("市民課", "本庁舎1階 1番窓口", 5), ("子育て支援課", "本庁舎2階 3番窓口", 4),
        ("健康推進課（保健センター）", "本庁舎2階 母子保健係", 2), ("教育委員会 学校教育課", "本庁舎3階 学務係", 1),
        ("環境衛生課", "本庁舎2階 犬の登録係", 1), ("水道局", "電話または水道局庁舎 お客さまセンター", 1)]
    text = pdf_text(pdf)
    summary = text[text.index("回る順番"):]
    lines = [line.strip() for line in summary.splitlines()[1:7]]
    assert lines == ["① 市民課　場所: 本庁舎1階 1番窓口　（5件）", "② 子育て支援課　場所: 本庁舎2階 3番窓口　（4件）",
                     "③ 健康推進課（保健センター）　場所: 本庁舎2階 母子保健係　（2件）",
                     "④ 教育委員会 学校教育課　場所: 本庁舎3階 学務係　（1件）",
                     "⑤ 環境衛生課　場所: 本庁舎2階 犬の登録係　（1件）",
                     "⑥ 水道局　場所: 電話または水道局庁舎 お客さまセンター　（1件）"]
    assert "故人" not in text and "様" not in text


def test_a_death_names_the_deceased_as_koji_with_sama() -> None:
    pdf, _ = _sheet("qr/death.json")
    text = pdf_text(pdf)
    assert "亡くなった方（故人）: 渡邊　茂 様" in text
    assert "心よりお悔やみ申し上げます。" in text
    assert "故人 渡邊　茂 様　85歳" in text and "渡邊　ふみ 様　妻　81歳" in text
    assert "印鑑登録証 返却［故人 渡邊　茂 様］" in text
    assert "復氏届［渡邊　ふみ 様］" in text


def test_line_breaks_follow_japanese_rules_and_latin_words() -> None:
    lines = wrap("理由: 世帯主 茂さん（85歳）が亡くなったため（通常は葬儀社が提出済み）。", FontRole.UD_GOTHIC, 11, 110)
    assert lines == ["理由: 世帯主 茂さん", "（85歳）が亡くなった", "ため（通常は葬儀社が", "提出済み）。"]
    assert all(not line.startswith(("、", "。", "）")) and not line.endswith("（") for line in lines)
    assert wrap("Because the head of household moved in", FontRole.LATIN, 11, 110) == [
        "Because the head", "of household", "moved in"]


def test_a_counter_without_biz_ud_prints_in_ipaex_and_says_which_package_is_missing(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    from kakanai.forms import fonts

    real = fonts.font_file
    monkeypatch.setattr(fonts, "font_file", lambda name: tmp_path / name if name.startswith("BIZUD") else real(name))
    fonts.load_font.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="kakanai.forms.fonts"):
            loaded = fonts.load_font(FontRole.UD_GOTHIC_BOLD)
        assert loaded.name == "KakanaiGothic"  # bold → regular → IPAexゴシック
        assert caplog.messages[0] == (f"フォント BIZUDGothic-Bold.ttf がありません（{tmp_path / 'BIZUDGothic-Bold.ttf'}）: "
                                      "代わりのフォントで印刷します。fonts-morisawa-bizud-gothic を導入してください")
    finally:
        fonts.load_font.cache_clear()


@pytest.mark.parametrize("large", [False, True])
def test_a_procedure_is_never_split_across_two_pages(large: bool) -> None:
    # 10 people moving in: 40 procedures over several pages. A page starts with a counter's heading or a
    # procedure's title, never with the rest of a reason or the 持ち物 of a procedure on the page before;
    # it never ends with a counter's heading whose procedures are all on the next page.
    reception = _reception("qr/moving_in_10_members.json")
    plan = load_rulebook().plan(reception)
    doc = render_guidance(reception, plan, "見本市", date(2026, 4, 10), large_print=large)
    pages = pdf_text(doc.pdf).split("\f")
    assert doc.pages == len(pages) >= 4
    titles = tuple(p.title for p in plan.procedures)
    for n, page in enumerate(pages[1:], start=2):
        first = page.strip().splitlines()[0]
        assert first.startswith(titles) or first[0] in "①②③④⑤⑥⑦⑧⑨⑩", (n, first)
    for n, page in enumerate(pages, start=1):
        last = page.strip().splitlines()[-2]  # the line above the footer
        assert last[0] not in "①②③④⑤⑥⑦⑧⑨⑩" or "場所:" in last, (n, last)  # 場所: the route at the top


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("language", ["en", "vi"])
def test_in_the_residents_language_a_page_starts_with_a_heading_or_a_procedure(language: str, large: bool) -> None:
    # Bilingual lines are twice as many: the route (回る順番) is kept on one page, and no item of it or of a
    # procedure continues at the top of the next.
    book = load_rulebook()
    reception = _reception("qr/moving_in_10_members.json")
    plan = book.plan(reception)
    texts = resident_texts(book, language)
    doc = render_guidance(reception, plan, "見本市", date(2026, 4, 10), large_print=large, texts=texts)
    pages = pdf_text(doc.pdf).split("\f")
    route = texts.program("回る順番（上から順にお進みください）").text
    titles = (route, *(texts.title(p).text for p in plan.procedures))
    for n, page in enumerate(pages[1:], start=2):
        first = page.strip().splitlines()[0]
        assert first.startswith(titles) or first[0] in "①②③④⑤⑥⑦⑧⑨⑩", (n, first)
