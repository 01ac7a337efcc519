"""Reading and writing a reception as JSON (the `kakanai plan` input, the QR pre-entry content).

Every problem is a ReceptionError naming the JSON path, never a KeyError or a traceback. Strings are kept
exactly as given: no normalization (NFC would silently turn some CJK compatibility ideographs into their
unified forms, changing a registered name), but control characters are refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from kakanai.model.ids import LifeEvent, Sex
from kakanai.model.reception import (
    ClerkOverride,
    FactValue,
    Household,
    OverrideAction,
    Person,
    Reception,
    ReceptionError,
)

MAX_MEMBERS = 30
MAX_TEXT = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MEMBER_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEY = re.compile(r"[a-z][a-z0-9_]{0,40}")
_TOP_KEYS = {
    "event", "event_date", "visit_date", "subject", "household", "members", "applicant", "office",
    "form_inputs", "overrides", "id",
}
_MEMBER_KEYS = {"id", "name", "name_kana", "birth_date", "sex", "address", "facts", "form_inputs"}
_HOUSEHOLD_KEYS = {"address", "previous_address", "facts"}


def parse_date(value: object, where: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ReceptionError(where, f"日付は YYYY-MM-DD で書いてください（{value!r}）")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ReceptionError(where, f"存在しない日付です（{value}）") from None


def check_text(value: object, where: str, *, required: bool = False, max_len: int = MAX_TEXT) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ReceptionError(where, f"文字列が必要です（{type(value).__name__}）")
    if required and not value.strip():
        raise ReceptionError(where, "空欄です")
    if len(value) > max_len:
        raise ReceptionError(where, f"{max_len}文字を超えています（{len(value)}文字）")
    bad = _CONTROL.search(value)
    if bad:
        raise ReceptionError(where, f"制御文字 U+{ord(bad.group()):04X} を含んでいます")
    return value


def _object(value: object, where: str, allowed: set[str] | None = None) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ReceptionError(where, "オブジェクト（{…}）が必要です")
    if allowed is not None:
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise ReceptionError(f"{where}.{unknown[0]}" if where else unknown[0], "知らない項目です")
    return value


def _facts(value: object, where: str) -> dict[str, FactValue]:
    raw = _object(value if value is not None else {}, where)
    facts: dict[str, FactValue] = {}
    for key, v in raw.items():
        at = f"{where}.{key}"
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise ReceptionError(at, "事実のIDが不正です")
        if v is None:
            continue  # an explicit null is "not known yet": the rules will ask
        if isinstance(v, bool | int) and not isinstance(v, float):
            facts[key] = v
        elif isinstance(v, str):
            if _ISO_DATE.fullmatch(v):
                facts[key] = parse_date(v, at)
            else:
                facts[key] = check_text(v, at, max_len=40)
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            facts[key] = tuple(check_text(x, at, max_len=40) for x in v)
        else:
            raise ReceptionError(at, f"値の型が不正です（{v!r}）")
    return facts


def _form_inputs(value: object, where: str) -> dict[str, str]:
    raw = _object(value if value is not None else {}, where)
    out: dict[str, str] = {}
    for key, v in raw.items():
        at = f"{where}.{key}"
        if not _KEY.fullmatch(str(key)):
            raise ReceptionError(at, "入力項目のIDが不正です")
        if v is None:
            continue
        out[key] = check_text(v if not isinstance(v, int | float) or isinstance(v, bool) else str(v), at)
    return out


def _person(raw: object, index: int) -> Person:
    where = f"members[{index}]"
    obj = _object(raw, where, _MEMBER_KEYS)
    member_id = obj.get("id")
    if not isinstance(member_id, str) or not _MEMBER_ID.match(member_id):
        raise ReceptionError(f"{where}.id", "英数字のIDが必要です（例: p1）")
    sex_raw = obj.get("sex")
    try:
        sex = Sex(str(sex_raw))
    except ValueError:
        raise ReceptionError(f"{where}.sex", f"male / female / not_applicable のいずれかです（{sex_raw!r}）") from None
    if "birth_date" not in obj:
        raise ReceptionError(f"{where}.birth_date", "生年月日がありません")
    return Person(
        id=member_id,
        name=check_text(obj.get("name"), f"{where}.name", required=True, max_len=100),
        name_kana=check_text(obj.get("name_kana"), f"{where}.name_kana", max_len=100),
        birth_date=parse_date(obj.get("birth_date"), f"{where}.birth_date"),
        sex=sex,
        address=check_text(obj.get("address"), f"{where}.address"),
        facts=_facts(obj.get("facts"), f"{where}.facts"),
        form_inputs=_form_inputs(obj.get("form_inputs"), f"{where}.form_inputs"),
    )


def reception_from_dict(raw: object) -> Reception:
    obj = _object(raw, "", _TOP_KEYS)
    event_raw = obj.get("event")
    try:
        event = LifeEvent(str(event_raw))
    except ValueError:
        raise ReceptionError("event", f"知らないライフイベントです（{event_raw!r}）") from None
    if "event_date" not in obj:
        raise ReceptionError("event_date", "異動日（事由発生日）がありません")
    event_date = parse_date(obj["event_date"], "event_date")
    visit_date = parse_date(obj["visit_date"], "visit_date") if obj.get("visit_date") is not None else None
    hh = _object(obj.get("household") or {}, "household", _HOUSEHOLD_KEYS)
    household = Household(
        address=check_text(hh.get("address"), "household.address"),
        previous_address=check_text(hh.get("previous_address"), "household.previous_address"),
        facts=_facts(hh.get("facts"), "household.facts"),
    )
    members_raw = obj.get("members")
    if not isinstance(members_raw, list) or not members_raw:
        raise ReceptionError("members", "世帯員が1人以上必要です")
    if len(members_raw) > MAX_MEMBERS:
        raise ReceptionError("members", f"世帯員は{MAX_MEMBERS}人までです")
    members = tuple(_person(m, i) for i, m in enumerate(members_raw))
    ids = [m.id for m in members]
    for i, member_id in enumerate(ids):
        if ids.index(member_id) != i:
            raise ReceptionError(f"members[{i}].id", f"IDが重複しています（{member_id}）")
        if members[i].birth_date > event_date and event != LifeEvent.BIRTH:
            raise ReceptionError(f"members[{i}].birth_date", "生年月日が異動日より後です")
    subject = _member_refs(obj.get("subject"), "subject", ids)
    applicant_raw = obj.get("applicant")
    if applicant_raw is not None and applicant_raw not in ids:
        raise ReceptionError("applicant", f"世帯員にいないIDです（{applicant_raw!r}）")
    overrides = tuple(_override(o, i, ids) for i, o in enumerate(obj.get("overrides") or []))
    return Reception(
        event=event,
        event_date=event_date,
        visit_date=visit_date,
        household=household,
        members=members,
        subject=subject,
        applicant=applicant_raw,
        office=check_text(obj.get("office"), "office", max_len=40) or None,
        form_inputs=_form_inputs(obj.get("form_inputs"), "form_inputs"),
        overrides=overrides,
        id=check_text(obj.get("id"), "id", max_len=64) or None,
    )


def _member_refs(value: object, where: str, ids: list[str]) -> tuple[str, ...] | None:
    if value is None:
        return None
    refs = [value] if isinstance(value, str) else value
    if not isinstance(refs, list) or not refs:
        raise ReceptionError(where, "世帯員IDのリストが必要です")
    for i, ref in enumerate(refs):
        if ref not in ids:
            raise ReceptionError(f"{where}[{i}]", f"世帯員にいないIDです（{ref!r}）")
    return tuple(refs)


def _override(raw: object, index: int, ids: list[str]) -> ClerkOverride:
    where = f"overrides[{index}]"
    obj = _object(raw, where, {"action", "procedure", "person", "reason"})
    try:
        action = OverrideAction(str(obj.get("action")))
    except ValueError:
        raise ReceptionError(f"{where}.action", "remove か add です") from None
    person = obj.get("person")
    if person is not None and person not in ids:
        raise ReceptionError(f"{where}.person", f"世帯員にいないIDです（{person!r}）")
    return ClerkOverride(
        action=action,
        procedure=check_text(obj.get("procedure"), f"{where}.procedure", required=True, max_len=60),
        person=person,
        reason=check_text(obj.get("reason"), f"{where}.reason", required=True),
    )


def reception_from_json(text: str) -> Reception:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReceptionError(f"JSON {exc.lineno}行{exc.colno}列", f"JSONとして読めません（{exc.msg}）") from None
    return reception_from_dict(raw)


def _fact_json(value: FactValue) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def reception_to_dict(reception: Reception) -> dict[str, Any]:
    """The inverse of reception_from_dict (round trip exact for every field it reads)."""
    out: dict[str, Any] = {
        "event": reception.event.value,
        "event_date": reception.event_date.isoformat(),
        "visit_date": reception.visit_date.isoformat() if reception.visit_date else None,
        "subject": list(reception.subject) if reception.subject is not None else None,
        "household": {
            "address": reception.household.address,
            "previous_address": reception.household.previous_address,
            "facts": {k: _fact_json(v) for k, v in reception.household.facts.items()},
        },
        "members": [
            {
                "id": m.id,
                "name": m.name,
                "name_kana": m.name_kana,
                "birth_date": m.birth_date.isoformat(),
                "sex": m.sex.value,
                "address": m.address,
                "facts": {k: _fact_json(v) for k, v in m.facts.items()},
                "form_inputs": dict(m.form_inputs),
            }
            for m in reception.members
        ],
    }
    if reception.applicant:
        out["applicant"] = reception.applicant
    if reception.office:
        out["office"] = reception.office
    if reception.form_inputs:
        out["form_inputs"] = dict(reception.form_inputs)
    if reception.overrides:
        out["overrides"] = [
            {"action": o.action.value, "procedure": o.procedure, "person": o.person, "reason": o.reason}
            for o in reception.overrides
        ]
    if reception.id:
        out["id"] = reception.id
    return out
