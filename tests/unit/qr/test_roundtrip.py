"""Round trips reception -> code text(s) -> reception, and through rendered images, for every event."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kakanai.model import LifeEvent, reception_from_dict, reception_to_dict
from kakanai.model.kana import kana_problem, normalize_kana
from kakanai.paths import examples_dir
from kakanai.qr import PREFIX, decode_texts, encode_reception, version_for
from kakanai.qr.base45 import ALPHABET
from kakanai.qr.image import decode_image, load_image, make_symbol, render_symbol
from kakanai.rules import load_rulebook
from tests.unit.qr.samples import EVENTS, EXAMPLES, example, example_reception, household

BOOK = load_rulebook()


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_are_valid_for_the_catalog(name: str) -> None:
    BOOK.validate_reception(example_reception(name))


def test_every_catalog_event_has_an_example() -> None:
    assert [example(name)["event"] for name in EVENTS] == list(EVENTS)
    assert set(EVENTS) == {event.value for event in LifeEvent}


@pytest.mark.parametrize("name", EXAMPLES)
def test_text_round_trip_is_exact(name: str) -> None:
    reception = example_reception(name)
    encoded = encode_reception(reception, validate=BOOK.validate_reception)
    assert all(t.startswith(PREFIX) and set(t[len(PREFIX):]) <= set(ALPHABET) for t in encoded.texts)
    assert all(version_for(t) <= 25 for t in encoded.texts)
    back = decode_texts(encoded.texts, validate=BOOK.validate_reception)
    assert back == reception
    assert reception_to_dict(back) == reception_to_dict(reception)


@pytest.mark.parametrize("name", EXAMPLES)
def test_image_round_trip_is_exact(name: str) -> None:
    reception = example_reception(name)
    texts = encode_reception(reception).texts
    read = [d.text for t in texts for d in decode_image(render_symbol(make_symbol(t), module_px=4))]
    assert read == list(texts)
    assert reception_to_dict(decode_texts(read)) == reception_to_dict(reception)


def test_mj_characters_and_full_width_text_are_kept_code_point_for_code_point() -> None:
    data = example("moving_in")
    data["members"][0]["name"] = "𠮷田　髙﨑邊"  # U+20BB7, U+9AD9, U+FA11, U+908A
    data["members"][0]["name_kana"] = "ヨシダ　タカサキホトリ"
    data["members"][1]["name"] = "葛\U000e0100城　辻\U000e0101"  # ideographic variation sequences
    data["household"]["address"] = "東京都千代田区霞が関１－２－３　ＡＢＣビル１０１"
    reception = reception_from_dict(data)
    back = decode_texts(encode_reception(reception).texts)
    assert back.members[0].name == "𠮷田　髙﨑邊"
    assert [hex(ord(c)) for c in back.members[0].name] == [hex(ord(c)) for c in "𠮷田　髙﨑邊"]
    assert "\ufa11" in back.members[0].name  # not normalized to 崎 (U+5D0E)
    assert back.members[1].name == "葛\U000e0100城　辻\U000e0101"
    assert back.household.address == data["household"]["address"]


def test_ten_member_household_fits_and_round_trips() -> None:
    reception = reception_from_dict(household(10))
    encoded = encode_reception(reception)
    assert len(encoded.texts) == 1
    assert decode_texts(encoded.texts) == reception


def test_thirty_members_with_different_long_addresses_split_and_round_trip() -> None:
    reception = reception_from_dict(household(30, distinct_addresses=True))
    encoded = encode_reception(reception)
    assert len(encoded.texts) == 2
    assert decode_texts(reversed(encoded.texts)) == reception


# Any text the model accepts: CJK of every plane a name can use, kana, full-width forms, ASCII.
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF, categories=["Lo"]),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
        st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF, categories=["Lo"]),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    ),
    max_size=60,
)
# A フリガナ is read as full-width katakana (kakanai.model.kana); one with a 濁点 joined to no kana is refused.
_KANA = _TEXT.filter(lambda text: kana_problem(normalize_kana(text)) is None)
_FACT = st.one_of(st.booleans(), st.integers(-(2**31) + 1, 2**31 - 1), st.sampled_from(["national", "1", "none"]),
                  st.dates(min_value=date(1873, 1, 1), max_value=date(2099, 12, 31)).map(date.isoformat),
                  st.lists(st.sampled_from(["physical", "mental"]), max_size=2, unique=True))
_FACTS = st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True), _FACT, max_size=8)


@st.composite
def receptions(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(1, 6))
    members = [{
        "id": f"p{i}", "name": draw(_TEXT) + "名", "name_kana": draw(_KANA),
        "birth_date": draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 1, 1))).isoformat(),
        "sex": draw(st.sampled_from(["male", "female", "not_applicable"])), "address": draw(_TEXT),
        "facts": draw(_FACTS),
        "form_inputs": draw(st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), _TEXT, max_size=2)),
    } for i in range(n)]
    return {"event": draw(st.sampled_from(EVENTS)), "event_date": "2026-04-01",
            "visit_date": draw(st.one_of(st.none(), st.just("2026-04-02"))),
            "household": {"address": draw(_TEXT), "previous_address": draw(_TEXT), "facts": draw(_FACTS)},
            "members": members, "form_inputs": draw(st.dictionaries(st.just("phone"), _TEXT, max_size=1)),
            "subject": draw(st.one_of(st.none(), st.just(["p0"]))),
            "applicant": draw(st.one_of(st.none(), st.just("p0")))}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(receptions())
def test_any_reception_round_trips_exactly(data: dict[str, Any]) -> None:
    reception = reception_from_dict(data)
    assert reception_to_dict(decode_texts(encode_reception(reception).texts)) == reception_to_dict(reception)


def test_the_test_vector_of_the_format_document() -> None:
    doc = (examples_dir().parent.parent / "docs" / "qr-format.md").read_text(encoding="utf-8")
    (vector,) = [line for line in doc.splitlines() if line.startswith("KKN1:") and len(line) > 100]
    reception = decode_texts([vector], validate=BOOK.validate_reception)
    assert reception.members[0].name == "﨑村　花子" and reception.household.facts == {"wants_certificates": True}
    assert reception.members[0].facts == {"relationship": "head"}


@pytest.mark.parametrize("name", ["moving_in", "moving_in_10_members"])
def test_example_images_read_back(name: str) -> None:
    folder = examples_dir() / "qr"
    files = [folder / f"{name}.png"] if (folder / f"{name}.png").exists() else sorted(folder.glob(f"{name}-*.png"))
    texts = [d.text for f in files for d in decode_image(load_image(f))]
    assert len(texts) == len(files) >= 1
    assert decode_texts(texts, validate=BOOK.validate_reception) == example_reception(name)
