"""The built page in headless Chromium, filled as a resident would (prefill/tests/browser.mjs): a
4-person 転入 in Japanese and a death in English. The QR code is taken from the page's pixels and from the
saved image, read with `kakanai qr read`, and compared with the reception the rules say the page should
carry; the same pre-entry made by `kakanai qr make` reads the same. No request after the page has loaded."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.integration.prefill.conftest import kakanai
from tests.integration.prefill.interview import base_reception, interview

from kakanai.cli.prefill_site import prefill_dir
from kakanai.model import reception_from_dict, reception_to_dict
from kakanai.model.i18n import load_catalog
from kakanai.rules import RuleBook

HOME = "三重県志摩市阿児町鵜方３０９８番地２２　志摩ハイツＢ棟２０３号室"
BEFORE = "神奈川県横須賀市小川町１１番地　横須賀グランドハイツ東棟５０２号室"

MOVING_IN: dict[str, Any] = {
    "lang": "ja", "event": "moving_in", "event_date": "2026-04-03", "visit_date": "2026-04-06",
    "address": HOME, "previous": BEFORE,
    "members": [
        {"name": "𠮷田　太郎", "kana": "ヨシダ　タロウ", "birth": "1984-05-12", "sex": "male"},
        {"name": "𠮷田　美和子", "kana": "ヨシダ　ミワコ", "birth": "1986-10-02", "sex": "female"},
        {"name": "𠮷田　髙志", "kana": "ヨシダ　タカシ", "birth": "2016-08-19", "sex": "male"},
        {"name": "𠮷田　結衣", "kana": "ヨシダ　ユイ", "birth": "2022-01-07", "sex": "female"},
    ],
    "answers": {
        "from_abroad|": False, "has_dog|": True, "has_moped|": False, "has_kei_car|": False,
        "planned_moveout_date|": "2026-03-31", "wants_seal_registration|": True, "wants_certificates|": False,
        "single_parent|": False, "receives_child_allowance|": True, "owns_real_estate|": False,
        **{f"relationship|p{i}": v for i, v in enumerate(["head", "spouse", "child", "child"], 1)},
        **{f"health_insurance|p{i}": "employee" for i in range(1, 5)},
        **{f"has_mynumber_card|p{i}": True for i in range(1, 5)},
        **{f"uses_signing_certificate|p{i}": i <= 2 for i in range(1, 5)},
        **{f"nationality|p{i}": "japanese" for i in range(1, 5)},
        **{f"disability_handbook|p{i}": [] for i in range(1, 5)},
        "pension_category|p1": "2", "pension_category|p2": "3", "public_servant|p1": False,
        "public_servant|p2": False, "school|p3": "elementary", "school|p4": "nursery", "pregnant|p2": True,
        "ltc_certified|p1": False, "ltc_certified|p2": False, "child_allowance_recipient|p1": True,
        "child_allowance_recipient|p2": False,
    },
    # A second 世帯主 is taken back with the counter's own message (住基法7条4号), before her 配偶者 is answered.
    "refuse": {"relationship|p2": "head"},
}

DEATH: dict[str, Any] = {
    "lang": "en", "event": "death", "event_date": "2026-03-28", "visit_date": "2026-04-02", "address": HOME,
    "previous": "",
    "members": [
        {"name": "渡邊　茂", "kana": "ワタナベ　シゲル", "birth": "1941-01-05", "sex": "male", "subject": True},
        {"name": "渡邊　ふみ", "kana": "ワタナベ　フミ", "birth": "1944-08-30", "sex": "female", "subject": False},
        {"name": "渡邊　隆", "kana": "ワタナベ　タカシ", "birth": "1979-11-02", "sex": "male", "subject": False},
    ],
    "applicant": "p2",
    "answers": {
        "owns_real_estate|": True, "has_kei_car|": True, "funeral_held|": True, "has_dog|": False,
        "has_moped|": False, "receives_child_allowance|": False, "single_parent|": False,
        "relationship|p1": "head", "relationship|p2": "spouse", "relationship|p3": "child",
        "health_insurance|p1": "late_elderly", "health_insurance|p2": "late_elderly", "health_insurance|p3": "employee",
        "pension_category|p1": "none", "pension_category|p2": "none", "pension_category|p3": "2",
        "receives_public_pension|p1": True, "receives_public_pension|p2": True,
        "has_mynumber_card|p1": True, "has_mynumber_card|p2": True, "has_mynumber_card|p3": True,
        "uses_signing_certificate|p1": True, "seal_registered|p1": True, "ltc_certified|p1": True,
        "ltc_certified|p2": False, "disability_handbook|p1": ["physical"], "disability_handbook|p2": [],
        "disability_handbook|p3": [], "nationality|p1": "japanese", "public_servant|p3": False,
        "child_allowance_recipient|p1": False,
    },
}


def drive(site: Path, scenario: dict[str, Any], out: Path) -> dict[str, Any]:
    (out / "scenario.json").write_text(json.dumps(scenario, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["node", str(prefill_dir() / "tests" / "browser.mjs"), str(site), str(out / "scenario.json"),
                           str(out)], cwd=prefill_dir(), capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    assert not result["errors"], result["errors"]
    return result


def read_codes(images: list[str]) -> dict[str, Any]:
    done = kakanai("qr", "read", *images, "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


@pytest.mark.parametrize("scenario", [MOVING_IN, DEATH], ids=["moving_in_4", "death_en"])
def test_fill_the_page_and_read_its_code(scenario: dict[str, Any], site: Path, chromium: Path, book: RuleBook,
                                         tmp_path: Path) -> None:
    result = drive(site, scenario, tmp_path)
    expected = reception_to_dict(reception_from_dict(interview(book, base_reception(scenario), scenario["answers"])))

    # The code as shown on the page and as saved by the button: both read as the expected reception.
    assert result["codes"] and len(result["codes"]) == len(result["downloads"])
    assert read_codes(result["codes"]) == expected
    if "refuse" in scenario:
        assert result["refused"] == {"key": "relationship|p2", "checked": False, "shown": True,
                                     "message": "世帯主は1人だけ選んでください（𠮷田　太郎、𠮷田　美和子）"}
    assert read_codes(result["downloads"]) == expected
    assert all(v <= 25 for v in result["versions"])

    # The same pre-entry made by `kakanai qr make` reads the same.
    (tmp_path / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    made = kakanai("qr", "make", str(tmp_path / "expected.json"), "--out", str(tmp_path / "made.png"), "--json")
    assert made.returncode == 0, made.stderr
    assert read_codes([f["path"] for f in json.loads(made.stdout)["files"]]) == expected

    # The procedures listed are the rules' own, in the same order.
    plan = book.plan(reception_from_dict(expected))
    assert len(result["procedures"]) == len(plan.procedures) > 3
    catalog = load_catalog(scenario["lang"])  # titled in the page's language (issue 19)
    assert all(shown.startswith(catalog.lookup(f"title:{p.id}", p.title).text)
               for shown, p in zip(result["procedures"], plan.procedures, strict=True))
    assert len(result["bring"]) > 1
    assert result["lang"] == scenario["lang"]
    # Every control labelled, every touch target at least 48 px high, at every step.
    assert result["unlabelled"] == [] and result["small_targets"] == []

    # Nothing leaves the phone: the three files of the site at load, nothing after it.
    assert result["requests_after_load"] == []
    assert all(url.startswith("http://127.0.0.1:") for url in result["requests"])
    assert len(result["requests"]) == 3


def test_the_site_is_static_and_self_contained(site: Path) -> None:
    files = sorted(p.name for p in site.iterdir())
    # .kakanai.json: kakanai.fileout's marker (names the files; a rebuild replaces only its own folder).
    assert files == [".kakanai.json", "THIRD-PARTY-NOTICES.txt", "app.js", "index.html", "style.css"]
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "connect-src 'none'" in html and 'id="catalog"' in html
    for name in ("index.html", "app.js", "style.css"):
        text = (site / name).read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, name  # no CDN, no analytics, no beacon
    assert "document.cookie" not in (site / "app.js").read_text(encoding="utf-8")
