"""Every class of bad input gets its error code and a message naming what is wrong; never a crash."""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
import pytest

from kakanai.model import Reception, ReceptionError, reception_from_dict
from kakanai.qr import QrEncodeError, QrError, QrErrorCode, decode_texts, encode_reception
from kakanai.qr.base45 import b45decode, b45encode
from kakanai.qr.frame import PREFIX
from kakanai.qr.image import decode_image, make_symbol, render_symbol
from kakanai.qr.payload import MAX_DOCUMENT_BYTES
from kakanai.rules import load_rulebook
from tests.unit.qr.craft import document_code, frame, minimal_document, with_member
from tests.unit.qr.samples import example, example_reception

C = QrErrorCode
GOOD = encode_reception(example_reception("certificates")).texts[0]


def error_of(*texts: str, validate: Any = None) -> QrError:
    with pytest.raises(QrError) as info:
        decode_texts(texts, validate=validate)
    assert info.value.message  # a Japanese sentence for the clerk
    return info.value


def test_the_crafting_helper_makes_valid_codes() -> None:
    reception = decode_texts([document_code(minimal_document())])
    assert reception.members[0].name == "﨑村　花子"


# --- no_code_found / not_kakanai -----------------------------------------------------------------------

def test_an_image_without_any_code() -> None:
    blank = np.full((720, 1280), 180, dtype=np.uint8)
    assert decode_image(blank) == []
    assert error_of().code is C.NO_CODE_FOUND  # nothing to decode at all


@pytest.mark.parametrize("text", ["https://www.city.shima.mie.jp/", "", "HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC",
                                  "KKN", "kkn1", "漢字のテキスト"])
def test_other_codes_are_not_kakanai(text: str) -> None:
    assert error_of(text).code is C.NOT_KAKANAI


# --- damaged -----------------------------------------------------------------------------------------------

def test_one_changed_character_is_detected() -> None:
    body = GOOD[len(PREFIX):]
    for i in range(0, len(body), 7):
        changed = body[:i] + ("A" if body[i] != "A" else "B") + body[i + 1:]
        assert error_of(PREFIX + changed).code is C.DAMAGED


def test_one_flipped_bit_is_detected() -> None:
    raw = bytearray(b45decode(GOOD[len(PREFIX):]))
    for i in range(len(raw)):
        raw[i] ^= 0x10
        assert error_of(PREFIX + b45encode(bytes(raw))).code is C.DAMAGED
        raw[i] ^= 0x10


@pytest.mark.parametrize("cut", [1, 2, 3, 10, 100])
def test_truncated_code(cut: int) -> None:
    assert error_of(GOOD[:-cut]).code is C.DAMAGED


@pytest.mark.parametrize("text", [PREFIX, PREFIX + "A", PREFIX + "GGW", PREFIX + "00000000000000"])
def test_too_short_or_out_of_range_base45(text: str) -> None:
    assert error_of(text).code is C.DAMAGED


def test_longer_than_any_qr_code() -> None:
    assert error_of(PREFIX + "0" * 5000).code is C.DAMAGED
    assert error_of("X" * 20000).code is C.DAMAGED  # refused before any parsing


@pytest.mark.parametrize(("number", "count"), [(0, 1), (2, 1), (1, 0), (1, 17), (17, 17)])
def test_bad_part_numbers(number: int, count: int) -> None:
    assert error_of(frame(b"\x03\x00", number=number, count=count)).code is C.DAMAGED


@pytest.mark.parametrize("stream", [b"\xff\xff\xff", b"\x00", zlib.compress(b"{}")])
def test_invalid_deflate_behind_a_valid_crc(stream: bytes) -> None:
    assert error_of(frame(stream)).code is C.DAMAGED


def test_truncated_deflate_and_trailing_data() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = packer.compress(b'{"e":"birth"}') + packer.flush()
    assert error_of(frame(stream[:-2])).code is C.DAMAGED
    assert error_of(frame(stream + b"junk")).code is C.DAMAGED


# --- unsupported_version -------------------------------------------------------------------------------------

def test_newer_format_prefix() -> None:
    err = error_of("KKN2:" + GOOD[len(PREFIX):])
    assert err.code is C.UNSUPPORTED_VERSION and "KKN2" in err.message


def test_newer_schema_behind_a_valid_crc() -> None:
    assert error_of(document_code(minimal_document(), schema=2)).code is C.UNSUPPORTED_VERSION


# --- missing_parts and mixed sets ----------------------------------------------------------------------------

def test_missing_parts_are_named() -> None:
    texts = encode_reception(example_reception("moving_in_10_members"), max_version=10).texts
    assert len(texts) >= 4
    err = error_of(texts[0], texts[2], texts[0])
    assert err.code is C.MISSING_PARTS
    assert err.extra["missing"] == [n for n in range(1, len(texts) + 1) if n not in (1, 3)]
    assert err.extra["count"] == len(texts)
    assert "2" in err.message


def test_parts_of_two_pre_entries() -> None:
    one = encode_reception(example_reception("moving_in"), set_id=1).texts
    two = encode_reception(example_reception("death"), set_id=2).texts
    err = error_of(*one, *two)
    assert err.code is C.INVALID_CONTENT and err.extra["sets"] == ["00000001", "00000002"]


def test_conflicting_parts_of_one_set() -> None:
    assert error_of(frame(b"a", number=1, count=2), frame(b"b", number=1, count=2)).code is C.DAMAGED
    assert error_of(frame(b"a", number=1, count=2), frame(b"b", number=2, count=3)).code is C.DAMAGED


# --- invalid_content -------------------------------------------------------------------------------------------

def test_decompression_is_bounded() -> None:
    bomb = document_code(b" " * (MAX_DOCUMENT_BYTES * 16) + b"{}")  # 1 MB of spaces in a 1 KB stream
    err = error_of(bomb)
    assert err.code is C.INVALID_CONTENT and "大きすぎ" in err.message


@pytest.mark.parametrize(
    ("document", "field_or_text"),
    [
        (b"\xff\xfe{}", "UTF-8"),
        (b"{", "JSON"),
        (b"[" * 30_000, "深すぎ"),
        (b'{"e":"birth","e":"death"}', "2回"),
        (b'{"e":1.5}', "小数"),
        (b'{"e":NaN}', "小数"),
        (b'{"e": 1' + b"0" * 5000 + b"}", "大きすぎ"),
        (b"[]", "オブジェクト"),
    ],
)
def test_malformed_json(document: bytes, field_or_text: str) -> None:
    err = error_of(document_code(document))
    assert err.code is C.INVALID_CONTENT and field_or_text in err.message


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        (minimal_document(e="wedding"), "event"),
        (minimal_document(d="2026-02-30"), "event_date"),
        (minimal_document(d="20260401"), "event_date"),
        ({**with_member(b="1840-01-01"), "d": "1850-01-01"}, "event_date"),
        (minimal_document(v="2200-01-01"), "visit_date"),
        (minimal_document(zz=1), "zz"),
        (minimal_document(overrides=[]), "overrides"),
        (minimal_document(m=[]), "members"),
        (minimal_document(m={"k": "p1"}), "members"),
        (minimal_document(m=[{"k": "p1", "n": "x", "b": "1970-01-01", "x": "female"}] * 2), "members[1].id"),
        (minimal_document(m=[{"k": f"p{i}", "n": "x", "b": "1970-01-01", "x": "male"} for i in range(31)]),
         "members"),
        (minimal_document(s=["p9"]), "subject[0]"),
        (minimal_document(a="p9"), "applicant"),
        (minimal_document(h={"a": "住所", "q": 1}), "household"),
        (minimal_document(i={"phone": 5}), "form_inputs.phone"),
        (minimal_document(i={f"k{i}": "x" for i in range(65)}), "form_inputs"),
        (with_member(n=""), "members[0].name"),
        (with_member(n="名" * 101), "members[0].name"),
        (with_member(a="住" * 201), "members[0].address"),
        (with_member(n="山田\u0000太郎"), "members[0].name"),
        (with_member(n="山田\u202e太郎"), "members[0].name"),  # right-to-left override
        (with_member(n="山田\u200b太郎"), "members[0].name"),  # zero-width space
        (with_member(n="山田\ue000"), "members[0].name"),  # private use (外字)
        (with_member(n="山田\ufffd"), "members[0].name"),  # replacement character
        (with_member(a="住所\x85"), "members[0].address"),  # C1 control (NEL)
        (with_member(b="2027-01-01"), "members[0].birth_date"),
        (with_member(b="1850-01-01"), "members[0].birth_date"),
        (with_member(x="m"), "members[0].sex"),
        (with_member(y=1), "members[0]"),
        (with_member(f={"A": "head", "relationship": "head"}), "members[0].facts"),
        (with_member(f={"ZZ": 1}), "members[0].facts.ZZ"),
        (with_member(f={"Bad-Id": 1}), "members[0].facts"),
        (with_member(f={"M": 2**40}), "members[0].facts.birth_weight_g"),
        (with_member(f={"Y": "1000-01-01"}), "members[0].facts.planned_moveout_date"),
        (with_member(f={"A": {"x": 1}}), "members[0].facts.relationship"),
        (with_member(f={f"f{i}": True for i in range(65)}), "members[0].facts"),
        (with_member(i={"note": "\u2028"}), "members[0].form_inputs.note"),
    ],
)
def test_content_violations_name_the_field(doc: dict[str, Any], field: str) -> None:
    err = error_of(document_code(doc))
    assert err.code is C.INVALID_CONTENT, err.message
    assert err.message.startswith(field), err.message


def test_lone_surrogates_never_get_in() -> None:
    # A lone surrogate cannot be UTF-8 at all; a \\u escape of one parses in JSON and must be refused.
    err = error_of(document_code(b'{"e":"certificates","d":"2026-04-01","m":[{"k":"p1","n":"\\ud842",'
                                 b'"b":"1970-03-03","x":"female"}]}'))
    assert err.code is C.INVALID_CONTENT and err.message.startswith("members[0].name")


def test_catalog_violations_are_invalid_content() -> None:
    book = load_rulebook()
    for facts, path in (({"A": "king"}, "relationship"), ({"not_a_fact": True}, "not_a_fact"),
                        ({"M": 100}, "birth_weight_g")):
        err = error_of(document_code(with_member(f=facts)), validate=book.validate_reception)
        assert err.code is C.INVALID_CONTENT and path in err.message, err.message
    death = error_of(document_code(minimal_document(e="death")), validate=book.validate_reception)
    assert death.code is C.INVALID_CONTENT and death.extra["field"] == "subject"


def test_variation_selectors_are_allowed() -> None:
    reception = decode_texts([document_code(with_member(n="葛\U000e0100城　太郎\ufe00"))])
    assert reception.members[0].name == "葛\U000e0100城　太郎\ufe00"


# --- what make refuses -----------------------------------------------------------------------------------------

def _with(**top: Any) -> Reception:
    return reception_from_dict({**example("certificates"), **top})


@pytest.mark.parametrize("field", ["overrides", "id", "office"])
def test_counter_only_fields_are_not_encoded(field: str) -> None:
    value: Any = {"overrides": [{"action": "remove", "procedure": "x", "reason": "r"}], "id": "r-1",
                  "office": "branch"}[field]
    with pytest.raises(QrEncodeError) as info:
        encode_reception(_with(**{field: value}))
    assert info.value.code == "not_preentry" and field in info.value.message


def test_make_refuses_what_read_would_refuse() -> None:
    with pytest.raises(ReceptionError) as info:
        encode_reception(_with(form_inputs={"purpose": "\u202e逆"}))
    assert info.value.field == "form_inputs.purpose"
    with pytest.raises(ReceptionError):
        encode_reception(example_reception("certificates"), validate=_reject)


def _reject(reception: Reception) -> None:
    raise ReceptionError("members[0].facts.relationship", "値が不正です")


def test_too_large_for_sixteen_codes() -> None:
    data = example("certificates")
    first = data["members"][0]  # the 世帯主: the others are not (a household has one, 住基法7条4号)
    data["members"] = [{**first, "id": f"p{i}", "address": f"{i}" + "".join(
        chr(0x4E00 + (i * 7919 + k * 104729) % 20000) for k in range(198)),
        "facts": first["facts"] if i == 0 else {**first["facts"], "relationship": "child"}} for i in range(30)]
    with pytest.raises(QrEncodeError) as info:
        encode_reception(reception_from_dict(data), max_version=5)
    assert info.value.code == "too_large"


def test_rendered_code_uses_alphanumeric_mode_and_level_m() -> None:
    symbol = make_symbol(GOOD)
    image = render_symbol(symbol, module_px=3)
    import zxingcpp

    (barcode,) = zxingcpp.read_barcodes(image)
    assert barcode.ec_level == "M" and barcode.text == GOOD
    assert symbol.size == 17 + 4 * symbol.version
