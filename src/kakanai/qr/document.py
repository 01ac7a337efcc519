"""The pre-entry document: the reception JSON of `kakanai plan` with short structural keys (schema 1).

The document is what gets compressed into the QR code (docs/qr-format.md, "The document"). The structural
keys are shortened (a fixed table, the same in the resident's web page), and so are the fact ids of the
catalog as it was when schema 1 was defined (FACT_CODES: upper-case codes, which no fact id can be, since
fact ids are lower-case). Any other fact id, every form-input id and every value is the reception JSON's
own, so a fact added later needs no format change. Empty values (null, "", {}) are left out. Strings are
never normalized.

Fields a resident must not set are not part of a pre-entry: `overrides` (the clerk's decisions), `id`
(assigned by the store) and `office` (the counter knows where it is).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, NoReturn

from kakanai.model import Reception, reception_to_dict
from kakanai.qr.errors import QrEncodeError, QrError, QrErrorCode

MAX_MEMBERS = 30  # the model's own limit (kakanai.model.reception_json.MAX_MEMBERS)
MAX_ENTRIES = 64  # facts or form inputs of one person, of the household, or of the reception

TOP_KEYS: dict[str, str] = {
    "e": "event",
    "d": "event_date",
    "v": "visit_date",
    "s": "subject",
    "a": "applicant",
    "h": "household",
    "m": "members",
    "i": "form_inputs",
    # Added within schema 1 (issue 19): the resident's language travels with the pre-entry; a reader that
    # predates it refuses the key, so a page writes it only for a language other than ja.
    "l": "language",
}
HOUSEHOLD_KEYS: dict[str, str] = {"a": "address", "p": "previous_address", "f": "facts"}
MEMBER_KEYS: dict[str, str] = {
    "k": "id",
    "n": "name",
    "r": "name_kana",
    "b": "birth_date",
    "x": "sex",
    "a": "address",
    "f": "facts",
    "i": "form_inputs",
}
# Frozen with schema 1: never reorder, never remove (a new fact travels under its own id).
FACT_CODES: dict[str, str] = {
    "relationship": "A", "health_insurance": "B", "pension_category": "C", "receives_public_pension": "D",
    "public_servant": "E", "has_mynumber_card": "F", "uses_signing_certificate": "G", "school": "H",
    "pregnant": "I", "disability_handbook": "J", "ltc_certified": "K", "nationality": "L",
    "birth_weight_g": "M", "surname_changes": "N", "seal_registered": "O", "seal_uses_old_surname": "P",
    "has_dog": "Q", "has_moped": "R", "has_kei_car": "S", "owns_real_estate": "T", "single_parent": "U",
    "receives_child_allowance": "V", "receives_child_support_allowance": "W", "from_abroad": "X",
    "planned_moveout_date": "Y", "school_district_changes": "Z", "wants_seal_registration": "ZA",
    "wants_certificates": "ZB", "funeral_held": "ZC",
}
FACT_IDS = {code: fact for fact, code in FACT_CODES.items()}
COUNTER_ONLY = ("overrides", "id", "office")
_SHORT_TOP = {long: short for short, long in TOP_KEYS.items()}
_SHORT_HOUSEHOLD = {long: short for short, long in HOUSEHOLD_KEYS.items()}
_SHORT_MEMBER = {long: short for short, long in MEMBER_KEYS.items()}
_REQUIRED_TOP = ("e", "d", "m")


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value == {}


def _shorten(obj: Mapping[str, Any], table: Mapping[str, str]) -> dict[str, Any]:
    short = {table[key]: value for key, value in obj.items() if not _is_empty(value)}
    if "f" in short:
        short["f"] = {FACT_CODES.get(fact, fact): value for fact, value in short["f"].items()}
    return short


def to_document(reception: Reception) -> dict[str, Any]:
    """The compact document of a reception; QrEncodeError if it carries counter-only fields."""
    full = reception_to_dict(reception)
    present = [key for key in COUNTER_ONLY if full.get(key) not in (None, [], "")]
    if present:
        raise QrEncodeError(
            "not_preentry",
            f"{present[0]}: 窓口で決める項目は事前入力のコードに入れられません（{', '.join(present)}）",
        )
    doc = _shorten({k: v for k, v in full.items() if k in _SHORT_TOP and k not in ("household", "members")},
                   _SHORT_TOP)
    household = _shorten(full["household"], _SHORT_HOUSEHOLD)
    if household:
        doc["h"] = household
    doc["m"] = [_shorten(member, _SHORT_MEMBER) for member in full["members"]]
    return doc


def document_bytes(doc: Mapping[str, Any]) -> bytes:
    """UTF-8 JSON without spaces and without \\u escapes (JavaScript: JSON.stringify + TextEncoder)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _invalid(message: str, field: str = "") -> NoReturn:
    extra = {"field": field} if field else {}
    raise QrError(QrErrorCode.INVALID_CONTENT, f"{field}: {message}" if field else message, **extra)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                _invalid(f"同じ項目が2回あります（{key}）")
            seen.add(key)
    return obj


def _no_float(text: str) -> NoReturn:
    _invalid(f"小数は使えません（{text}）")


def parse_document(data: bytes) -> dict[str, Any]:
    """Strict JSON: UTF-8, no duplicate keys, no floats/NaN, bounded nesting. QrError(INVALID_CONTENT)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _invalid(f"内容が UTF-8 ではありません（{exc.start}バイト目）")
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=_no_float, parse_constant=_no_float)
    except json.JSONDecodeError as exc:
        _invalid(f"内容が JSON として読めません（{exc.msg}, {exc.pos}文字目）")
    except (RecursionError, ValueError):  # nesting beyond the parser's limit; an integer of >4300 digits
        _invalid("内容の構造が深すぎるか、数値が大きすぎます")
    if not isinstance(raw, dict):
        _invalid("内容がオブジェクト（{…}）ではありません")
    return raw


def _object(value: object, where: str, table: Mapping[str, str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        _invalid("オブジェクト（{…}）が必要です", where)
    unknown = sorted(set(value) - set(table))
    if unknown:
        _invalid(f"知らない項目です（{unknown[0]}）", where or unknown[0])
    return {table[key]: item for key, item in value.items()}


def _facts(value: object, where: str) -> object:
    """Fact codes back to fact ids; anything that is not an object is left to reception_from_dict."""
    if not isinstance(value, dict):
        return value
    for key in value.keys() - FACT_IDS.keys():
        if key[:1].isupper():
            _invalid("知らない事実コードです", f"{where}.{key}")
    facts = {FACT_IDS.get(key, key): item for key, item in value.items()}
    if len(facts) != len(value):
        twice = sorted(FACT_IDS[key] for key in value.keys() & FACT_IDS.keys() if FACT_IDS[key] in value)
        _invalid(f"同じ事実が2回あります（{twice[0]}）", where)
    return facts


def _entries(value: object, where: str, *, strings_only: bool = False) -> None:
    if not isinstance(value, dict):
        return  # a wrong type is reported by reception_from_dict, naming the field
    if len(value) > MAX_ENTRIES:
        _invalid(f"項目が多すぎます（{len(value)}個、上限{MAX_ENTRIES}個）", where)
    if strings_only:  # form inputs are text; the reception JSON would turn a number into text silently
        for key, item in value.items():
            if not isinstance(item, str):
                _invalid(f"文字列が必要です（{item!r}）", f"{where}.{key}")


def expand_document(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The reception JSON (long keys) of a document, after checking its structure and counts."""
    top = _object(doc, "", TOP_KEYS)
    for key in _REQUIRED_TOP:
        if key not in doc:
            _invalid("ありません", TOP_KEYS[key])
    _entries(top.get("form_inputs"), "form_inputs", strings_only=True)
    if "household" in top:
        household = top["household"] = _object(top["household"], "household", HOUSEHOLD_KEYS)
        _entries(household.get("facts"), "household.facts")
        if "facts" in household:
            household["facts"] = _facts(household["facts"], "household.facts")
    members = top["members"]
    if not isinstance(members, list):
        _invalid("世帯員のリストが必要です", "members")
    if len(members) > MAX_MEMBERS:
        _invalid(f"世帯員は{MAX_MEMBERS}人までです（{len(members)}人）", "members")
    expanded: list[dict[str, Any]] = []
    for index, member in enumerate(members):
        where = f"members[{index}]"
        person = _object(member, where, MEMBER_KEYS)
        _entries(person.get("facts"), f"{where}.facts")
        if "facts" in person:
            person["facts"] = _facts(person["facts"], f"{where}.facts")
        _entries(person.get("form_inputs"), f"{where}.form_inputs", strings_only=True)
        expanded.append(person)
    top["members"] = expanded
    subject = top.get("subject")
    if isinstance(subject, list) and len(subject) > MAX_MEMBERS:
        _invalid("対象者が多すぎます", "subject")
    return top
