"""Reading and writing a reception as JSON (the `kakanai plan` input, the QR pre-entry content).

The input is checked against RECEPTION (model/reception_schema.py, the one schema of a reception, also
shown on docs/files-you-can-edit.md), then built; the checks that relate keys (ids, dates) follow. Every
problem is a ReceptionError naming the JSON path — and the file and line when read from a file — never a
KeyError or a traceback. Strings are kept exactly as given: no normalization (NFC would silently turn some
CJK compatibility ideographs into their unified forms, changing a registered name), but control
characters and lone surrogates are refused. The one exception is the フリガナ (name_kana), which is not a
registered name: it is read as forms print it, full-width katakana (kakanai.model.kana: ﾔﾏﾀﾞ and やまだ are
ヤマダ; a 濁点 that joins no kana is refused by reception_schema.check_untrusted, never dropped).

A household has one 世帯主 (住民基本台帳法7条4号): two members whose relationship is head are refused,
naming them, with the message of the counter's members step (reception_edit.heads_problem). None is not
refused: one person joining a household whose 世帯主 is not at the counter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from kakanai.model.ids import LifeEvent, Sex
from kakanai.model.jsonfile import load_json
from kakanai.model.kana import normalize_kana
from kakanai.model.reception import (
    OUTSIDE_APPLICANT,
    ClerkOverride,
    FactValue,
    Household,
    OverrideAction,
    Person,
    Reception,
    ReceptionError,
)
from kakanai.model.reception_edit import RELATIONSHIP_FACT, heads_problem
from kakanai.model.reception_schema import BIRTH_DAY, RECEPTION, visit_date_problem
from kakanai.model.schema import Context, KeyPath, Locator, SchemaError, to_date, validate

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")



def _date(value: object) -> date:
    day = to_date(value)
    assert day is not None  # checked by the schema
    return day


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _facts(value: object, path: KeyPath, ctx: Context) -> dict[str, FactValue]:
    facts: dict[str, FactValue] = {}
    for key, v in (value or {}).items() if isinstance(value, dict) else ():
        if v is None:
            continue  # an explicit null is "not known yet": the rules will ask
        if isinstance(v, str) and _ISO_DATE.fullmatch(v):
            # A date fact: a real date within what a register holds (the schema only knows a string).
            BIRTH_DAY.check(v, ctx, (*path, key))
            facts[key] = _date(v)
        elif isinstance(v, list):
            facts[key] = tuple(v)
        else:
            facts[key] = v
    return facts


def _form_inputs(value: object) -> dict[str, str]:
    return {k: str(v) for k, v in (value or {}).items() if v is not None} if isinstance(value, dict) else {}


def _person(obj: Mapping[str, Any], index: int, ctx: Context) -> Person:
    return Person(
        id=obj["id"],
        name=obj["name"],
        name_kana=normalize_kana(_text(obj.get("name_kana"))),
        birth_date=_date(obj["birth_date"]),
        sex=Sex(obj["sex"]),
        address=_text(obj.get("address")),
        facts=_facts(obj.get("facts"), ("members", index, "facts"), ctx),
        form_inputs=_form_inputs(obj.get("form_inputs")),
    )


def reception_from_dict(raw: object, source: str = "", locate: Locator | None = None) -> Reception:
    """Check `raw` against the reception schema, then build the Reception. ReceptionError names the key
    path (`field`), and the file and line when the caller knows them (reception_from_json)."""
    where_line = locate or (lambda _path: 0)
    try:
        validate(RECEPTION, raw, source, where_line)
        assert isinstance(raw, dict)
        return _build(raw, Context(source, where_line))
    except SchemaError as exc:
        raise ReceptionError(exc.key, exc.message, source=exc.source, line=exc.line) from None


def _build(obj: Mapping[str, Any], ctx: Context) -> Reception:
    event = LifeEvent(obj["event"])
    event_date = _date(obj["event_date"])
    visit_date = _date(obj["visit_date"]) if obj.get("visit_date") is not None else None
    problem = visit_date_problem(event, event_date, visit_date) if visit_date is not None else ""
    if problem:
        raise ctx.fail(("visit_date",), problem)
    hh = obj.get("household") or {}
    household = Household(
        address=_text(hh.get("address")),
        previous_address=_text(hh.get("previous_address")),
        facts=_facts(hh.get("facts"), ("household", "facts"), ctx),
    )
    members = tuple(_person(m, i, ctx) for i, m in enumerate(obj["members"]))
    ids = [m.id for m in members]
    for i, member_id in enumerate(ids):
        if ids.index(member_id) != i:
            raise ctx.fail(("members", i, "id"), f"IDが重複しています（{member_id}）")
        if member_id == OUTSIDE_APPLICANT:
            raise ctx.fail(("members", i, "id"), f"{OUTSIDE_APPLICANT} は世帯外の届出人を表すため、世帯員のIDには使えません")
        if members[i].birth_date > event_date:
            # Every event, not only a move: the date named is the reception's event_date and its event. A birth
            # too: the newborn is born on its event_date (戸籍法49条), nobody after it (a father "born" in 2030
            # was taken as a 0-year-old 世帯主 and 児童手当's claimant).
            raise ctx.fail(("members", i, "birth_date"), f"生年月日（{members[i].birth_date.isoformat()}）が "
                           f"event_date（{event_date.isoformat()}、{event.label}）より後です")
    two_heads = heads_problem(members)
    if two_heads is not None:
        raise ctx.fail(("members", two_heads[0], "facts", RELATIONSHIP_FACT), two_heads[1])
    subject_raw = obj.get("subject")
    refs = [subject_raw] if isinstance(subject_raw, str) else subject_raw
    for i, ref in enumerate(refs or ()):
        if ref not in ids:
            raise ctx.fail(("subject",) if isinstance(subject_raw, str) else ("subject", i),
                        f"世帯員にいないIDです（{ref!r}）")
    applicant = obj.get("applicant")
    if applicant is not None and applicant not in ids and applicant != OUTSIDE_APPLICANT:
        raise ctx.fail(("applicant",), f"世帯員にいないIDです（{applicant!r}）")
    overrides = []
    for i, o in enumerate(obj.get("overrides") or ()):
        if o.get("person") is not None and o["person"] not in ids:
            raise ctx.fail(("overrides", i, "person"), f"世帯員にいないIDです（{o['person']!r}）")
        overrides.append(ClerkOverride(OverrideAction(o["action"]), o["procedure"], o.get("person"), o["reason"]))
    return Reception(
        event=event,
        event_date=event_date,
        visit_date=visit_date,
        household=household,
        members=members,
        subject=tuple(refs) if refs is not None else None,
        applicant=applicant,
        office=obj.get("office") or None,
        form_inputs=_form_inputs(obj.get("form_inputs")),
        overrides=tuple(overrides),
        id=obj.get("id") or None,
        language=obj.get("language") or "ja",
    )


def reception_from_json(text: str, source: str = "JSON") -> Reception:
    try:
        raw, locate = load_json(text, source)
    except SchemaError as exc:
        raise ReceptionError(exc.key, exc.message, source=exc.source, line=exc.line) from None
    return reception_from_dict(raw, source, locate)


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
    if reception.language != "ja":
        out["language"] = reception.language
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
