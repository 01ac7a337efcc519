"""The page's QR encoder (prefill/src/preentry.js, in Node) against kakanai.qr: what the page makes, the
counter reads (`kakanai qr decode`), and a pre-entry encoded by the page and by `kakanai qr make` decodes
to the same reception."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.integration.prefill.conftest import kakanai, run_node

from kakanai.model import reception_from_dict, reception_to_dict
from kakanai.paths import examples_dir
from kakanai.qr import decode_texts, encode_reception, parse_part
from kakanai.qr.document import document_bytes, to_document
from kakanai.rules import RuleBook

EXAMPLES = sorted((examples_dir() / "qr").glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def big_household() -> dict[str, Any]:
    """30 members, each with an own long address: more than one code (docs/qr-format.md section 5)."""
    kanji = "山川田中村木林森本松竹梅桜菊藤原野沢石井"
    members = [
        {"id": f"p{i + 1}", "name": f"{kanji[i % 20]}{kanji[(i * 7) % 20]}　{kanji[(i * 3) % 20]}子",
         "name_kana": "ヤマダ　ハナコ", "birth_date": f"{1950 + i}-0{1 + i % 9}-1{i % 9}",
         "sex": "female" if i % 2 else "male",
         "address": f"北海道見本市北{i + 1}条東{i % 7 + 1}丁目{i * 13 % 97 + 1}番地{i * 7 % 31 + 1}号　見本ハイツ{i + 1}棟{100 + i}号室",
         "facts": {"relationship": "head" if i == 0 else "other", "has_mynumber_card": i % 3 != 0}}
        for i in range(30)
    ]
    return {"event": "moving_in", "event_date": "2026-04-09",
            "household": {"address": "北海道見本市北５条東２丁目１５番地", "facts": {"from_abroad": False}},
            "members": members}


def receptions() -> list[tuple[str, dict[str, Any]]]:
    return [(p.stem, load(p)) for p in EXAMPLES] + [("30人", big_household())]


@pytest.fixture(scope="module")
def js_texts(node_modules: object) -> dict[str, list[str]]:
    cases = receptions()
    out = run_node("encode-runner.mjs", {"receptions": [r for _, r in cases]})
    return {name: entry["texts"] for (name, _), entry in zip(cases, out, strict=True)}


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 9


@pytest.mark.parametrize(("name", "reception"), receptions(), ids=[n for n, _ in receptions()])
def test_page_codes_decode_to_the_reception(name: str, reception: dict[str, Any], js_texts: dict[str, list[str]],
                                            book: RuleBook) -> None:
    texts = js_texts[name]
    want = reception_to_dict(reception_from_dict(reception))
    got = decode_texts(texts, validate=book.validate_reception)
    assert reception_to_dict(got) == want
    # The same pre-entry through kakanai.qr's own encoder decodes to the same reception.
    python_made = encode_reception(reception_from_dict(reception), validate=book.validate_reception)
    assert reception_to_dict(decode_texts(python_made.texts)) == reception_to_dict(got)
    # The same framing: one set id, parts 1..n of n, equal chunks (the last may be shorter), version 25 at most.
    parts = [parse_part(t) for t in texts]
    assert [p.number for p in parts] == list(range(1, len(parts) + 1))
    assert {p.count for p in parts} == {len(parts)} and len({p.set_id for p in parts}) == 1
    assert all(len(t) <= 1451 for t in texts)
    assert len(parts) == len(python_made.texts)  # the same number of codes as kakanai qr make
    if name == "30人":
        assert len(texts) > 1


def test_kakanai_qr_decode_reads_the_page_codes_in_any_order(js_texts: dict[str, list[str]]) -> None:
    texts = js_texts["30人"][::-1]
    done = kakanai("qr", "decode", *texts)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == reception_to_dict(reception_from_dict(big_household()))


def test_the_test_vector_document(node_modules: object) -> None:
    """The document of docs/qr-format.md section 8 with set id 01020304: the page's text decodes to the
    same reception as the documented text (DEFLATE bytes may differ; any valid stream is accepted)."""
    reception = {
        "event": "certificates", "event_date": "2026-04-01",
        "household": {"address": "三重県志摩市阿児町鵜方３０９８番地２２", "facts": {"wants_certificates": True}},
        "members": [{"id": "p1", "name": "﨑村　花子", "name_kana": "サキムラ　ハナコ", "birth_date": "1970-03-03",
                     "sex": "female", "facts": {"relationship": "head"}}],
    }
    (entry,) = run_node("encode-runner.mjs", {"receptions": [reception], "set_id": "01020304"})
    (text,) = entry["texts"]
    assert parse_part(text).set_id == 0x01020304
    documented = ("KKN1:W50KB0ZM0M90++AN$A6IAX*9II5*V94T9.Q5-W5LQQ0G9KC1Y73QKJDG3IFTQ13PT0ZZIJPLCF2GNK*/ED3OJCUJ-7EET7AWK8Q"
                  "S2MYQNRPT3$HK1A9/4M8K: TV3RDBQ11U*8ODWUKW7B8S.KJI1GQ H5OANZ7EXM 2WWB9-N04P4MUCAZILMI4C9VED.%DT:H53M6 AN-M$-6%"
                  "DR1AIZEF:6P+T249KU/JFFNOLSNCRJ7L*-4SZ8ZBG/6IY1NZ.D0$VTHFM S3*I*LN%1Q/6IMTNE07ZZ0+-4/%KPZ5OV13W12EGF45660C"
                  "69..P7$PR%GVKTBS2E697T9/PL:+HKS0 LGFLV")
    assert reception_to_dict(decode_texts([text])) == reception_to_dict(decode_texts([documented]))


def test_the_same_document_bytes_as_kakanai_qr(node_modules: object) -> None:
    """Before compression the page writes exactly kakanai.qr's document: the same short keys, fact codes,
    key order, and UTF-8 without escapes."""
    cases = receptions()
    out = run_node("encode-runner.mjs", {"receptions": [r for _, r in cases]})
    for (name, reception), entry in zip(cases, out, strict=True):
        want = document_bytes(to_document(reception_from_dict(reception)))
        assert entry["document"].encode("utf-8") == want, name
        assert entry["document_bytes"] == len(want), name
