"""The schema of a reception (the `kakanai plan`/`render` JSON input and the content of a pre-entry QR):
the one definition its loader (model/reception_json.py) checks and docs/files-you-can-edit.md shows.

Supported dates. A counter meets recent events: a notification is due within 14 days (住民基本台帳法
22-24条, 戸籍法49条・86条), and a late one is still accepted years later (with a 失期通知 to the court);
so an event date from 1989-01-08 (平成元年) covers every late notification a counter really meets, and
the municipality parameters must have a value from that day (rules/municipality.py checks it). A birth
date can be much older: from 1873-01-01, the day Japan adopted the Gregorian calendar (明治5年太政官布告
第337号) — an ISO date before it is not a date of any Japanese register. Nothing after 2099: the
calendar of closed days and the 和暦 tables stop there, and such a date is always a typing mistake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from kakanai.model.ids import LifeEvent, Sex
from kakanai.model.kana import kana_problem
from kakanai.model.reception import OverrideAction, Reception, ReceptionError
from kakanai.model.schema import (
    AnyOf,
    Choice,
    Context,
    Day,
    Flag,
    Int,
    Key,
    ListOf,
    MapOf,
    Obj,
    SchemaError,
    Text,
)

EARLIEST_EVENT_DATE = date(1989, 1, 8)
EARLIEST_BIRTH_DATE = date(1873, 1, 1)
LATEST_DATE = date(2099, 12, 31)
MAX_MEMBERS = 30
MAX_TEXT = 200
# Ids end up in file names (one PDF per person) and in HTML ids: letters, digits, _ and - only.
MEMBER_ID_PATTERN = r"[A-Za-z0-9_-]{1,20}"
KEY_PATTERN = r"[a-z][a-z0-9_]{0,40}"
# A resident's language (also the catalog folder of `kakanai i18n update --lang`: never a path).
LANGUAGE_PATTERN = r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"
LANGUAGE_MAX = 20
LANGUAGE_DOC = "BCP 47 の言語コード（ja、ja-easy、en、zh-Hans、ko、vi、pt-BR など）"

EVENT_DAY = Day(lo=EARLIEST_EVENT_DATE, hi=LATEST_DATE)
BIRTH_DAY = Day(lo=EARLIEST_BIRTH_DATE, hi=LATEST_DATE)


_FACT_KEY = Text(max_len=41, pattern=KEY_PATTERN, pattern_doc="英小文字・数字・_ のID")
_FACTS = MapOf(
    key=_FACT_KEY,
    value=AnyOf(options=(
        Flag(), Int(lo=-(2**31), hi=2**31 - 1), Text(max_len=40), ListOf(item=Text(max_len=40), max_items=30),
    ), doc="true / false、整数、YYYY-MM-DD、40文字までの文字列かそのリスト"),
    max_items=200, nullable_values=True,
    doc="事実ID: 値（true/false、整数、YYYY-MM-DD、文字列、文字列のリスト。null は「まだ分からない」）",
)
_FORM_INPUTS = MapOf(
    key=_FACT_KEY, value=AnyOf(options=(Text(max_len=MAX_TEXT), Int(lo=-(2**31), hi=2**31 - 1)),
                               doc=f"{MAX_TEXT}文字までの文字列か整数"), max_items=200,
    nullable_values=True,
    doc="入力項目ID: 値（電話番号、本籍など様式だけが使う値）",
)
_MEMBER_REF = Text(max_len=20, pattern=MEMBER_ID_PATTERN, pattern_doc="世帯員のID")

MEMBER = Obj(title="世帯員", keys=(
    Key("id", _MEMBER_REF, required=True, doc="世帯員のID（英数字・_・-、20文字まで。例: p1）"),
    Key("name", Text(max_len=100, non_empty=True), required=True, doc="氏名"),
    Key("name_kana", Text(max_len=100), nullable=True, doc="フリガナ（半角カナ・ひらがなは全角カタカナにそろえます。どの文字にも付かない濁点は誤り）"),
    Key("birth_date", BIRTH_DAY, required=True, doc="生年月日"),
    Key("sex", Choice(values=tuple(s.value for s in Sex)), required=True, doc="性別"),
    Key("address", Text(max_len=MAX_TEXT), nullable=True, doc="住所（世帯と違うとき）"),
    Key("facts", _FACTS, nullable=True, doc="この人についての事実"),
    Key("form_inputs", _FORM_INPUTS, nullable=True, doc="この人の様式入力"),
))

OVERRIDE = Obj(title="職員の判断", keys=(
    Key("action", Choice(values=tuple(a.value for a in OverrideAction)), required=True, doc="remove / add"),
    Key("procedure", Text(max_len=60, non_empty=True), required=True, doc="手続ID"),
    Key("person", _MEMBER_REF, nullable=True, doc="対象の世帯員ID"),
    Key("reason", Text(max_len=MAX_TEXT, non_empty=True), required=True, doc="理由"),
))

RECEPTION = Obj(title="受付（reception JSON）", keys=(
    Key("event", Choice(values=tuple(e.value for e in LifeEvent)), required=True, doc="ライフイベント"),
    Key("event_date", EVENT_DAY, required=True, doc="異動日（事由発生日）"),
    Key("visit_date", EVENT_DAY, nullable=True,
        doc="来庁日（届出日）。省略時は異動日。異動日より前にできるのは転出（あらかじめの届出）だけ"),
    Key("subject", AnyOf(options=(_MEMBER_REF, ListOf(item=_MEMBER_REF, min_items=1, max_items=MAX_MEMBERS))),
        nullable=True, doc="事由の本人（世帯員IDかそのリスト）"),
    Key("household", Obj(title="世帯", keys=(
        Key("address", Text(max_len=MAX_TEXT), nullable=True, doc="住所"),
        Key("previous_address", Text(max_len=MAX_TEXT), nullable=True, doc="前住所"),
        Key("facts", _FACTS, nullable=True, doc="世帯についての事実"),
    )), nullable=True, doc="世帯（住所、前住所、事実）"),
    Key("members", ListOf(item=MEMBER, min_items=1, max_items=MAX_MEMBERS), required=True,
        doc=f"世帯員（1〜{MAX_MEMBERS}人。世帯主（facts.relationship: head）は1人まで、住民基本台帳法7条4号）"),
    Key("applicant", _MEMBER_REF, nullable=True, doc="届出人の世帯員ID（世帯外の方は outside）"),
    Key("office", Text(max_len=40), nullable=True, doc="受付庁舎のID（省略時は本庁）"),
    Key("form_inputs", _FORM_INPUTS, nullable=True, doc="様式入力（受付全体）"),
    Key("overrides", ListOf(item=OVERRIDE, max_items=200), nullable=True, doc="職員の判断（手続の追加・削除）"),
    Key("language", Text(max_len=LANGUAGE_MAX, pattern=LANGUAGE_PATTERN, pattern_doc=LANGUAGE_DOC),
        nullable=True, doc="住民の言語（窓口案内シートの言語。省略時は ja）"),
    Key("id", Text(max_len=64, pattern=r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}",
                   pattern_doc="英数字で始まり英数字・_・.・:・- の64文字まで"), nullable=True, doc="受付ID"),
))


def visit_date_problem(event: LifeEvent, event_date: date, visit_date: date) -> str:
    """Why a notification cannot be made on `visit_date` ("" when it can): only a 転出届 may be made before
    the move (住民基本台帳法24条「あらかじめ」). The one rule for a reception's visit_date and `render --today`."""
    if visit_date < event_date and event != LifeEvent.MOVING_OUT:
        return f"来庁日（{visit_date.isoformat()}）が異動日（{event_date.isoformat()}）より前です"
    return ""


def check_dates(reception: Reception) -> None:
    """The supported dates, for a Reception built in memory (the counter's own entry, not JSON): the
    planner reads parameters on the event date and they are defined from EARLIEST_EVENT_DATE only."""
    ctx = Context("")
    try:
        EVENT_DAY.check(reception.event_date, ctx, ("event_date",))
        if reception.visit_date is not None:
            EVENT_DAY.check(reception.visit_date, ctx, ("visit_date",))
        for i, member in enumerate(reception.members):
            BIRTH_DAY.check(member.birth_date, ctx, ("members", i, "birth_date"))
    except SchemaError as exc:
        raise ReceptionError(exc.key, exc.message) from None


# What a reception from outside (made by a resident: a pre-entry QR; a JSON file given to the CLI) is
# checked for beyond the schema, which already refuses wrong types, unknown keys, impossible dates,
# over-long strings and C0/C1 control characters (docs/qr-format.md). Here, what a printed form must never
# receive and a record should never keep: invisible format characters that reorder or hide text (bidi
# overrides, zero-width characters), private-use characters (外字 no font at the counter has), lone
# surrogates, noncharacters and U+FFFD (evidence of a lossy conversion upstream); dates outside what a form
# can print as 和暦; numbers outside 32 bits. Variation selectors (U+FE00-FE0F, IVS U+E0100-E01EF) are
# allowed: they select the glyph of a registered name (異体字). Not applied by reception_from_dict itself:
# a reception the store reads back was entered at the counter and must stay readable.
# The one range of dates a reception may hold: any date in it prints as 和暦.
EARLIEST_DATE = EARLIEST_BIRTH_DATE
MAX_INT = 2**31 - 1

# General category Cf (format characters) of Unicode 15.1, as code point ranges; a unit test checks the
# list against unicodedata so a new Python cannot silently widen the hole.
_FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
_PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_SURROGATES = ((0xD800, 0xDFFF),)
_NONCHARACTERS = ((0xFDD0, 0xFDEF), *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)))
_REPLACEMENT = ((0xFFFD, 0xFFFD),)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


_FORBIDDEN = re.compile(
    "["
    + _char_class(_FORMAT_RANGES + _PRIVATE_USE + _SURROGATES + tuple(_NONCHARACTERS) + _REPLACEMENT)
    + "]"
)


def _describe(char: str) -> str:
    code = ord(char)
    if any(lo <= code <= hi for lo, hi in _PRIVATE_USE):
        return f"外字（私用領域の文字 U+{code:04X}）は使えません"
    if any(lo <= code <= hi for lo, hi in _SURROGATES):
        return f"壊れた文字（サロゲート U+{code:04X}）を含んでいます"
    if code == 0xFFFD:
        return "文字化け（U+FFFD）を含んでいます"
    if any(lo <= code <= hi for lo, hi in _FORMAT_RANGES):
        return f"見えない書式制御文字 U+{code:04X} は使えません"
    return f"使えない文字 U+{code:04X} を含んでいます"


def check_text(value: str, where: str) -> None:
    bad = _FORBIDDEN.search(value)
    if bad:
        raise ReceptionError(where, _describe(bad.group()))


def check_date(value: date, where: str) -> None:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ReceptionError(
            where, f"{EARLIEST_DATE.isoformat()}から{LATEST_DATE.isoformat()}までの日付にしてください（{value}）"
        )


def _is_clean(text: str) -> bool:
    """The fast path: str.isprintable() is False for every forbidden class (Cc, Cf, Cs, Co, noncharacters
    are Cn), but also for spaces other than U+0020: the ideographic space of 「山田　太郎」 is replaced first,
    and text with any other space, or with characters newer than Python's Unicode tables, takes the regex."""
    return "\ufffd" not in text and text.replace("\u3000", " ").isprintable()


def _fields(reception: Reception) -> Iterator[tuple[str, str, object]]:
    """(where, key, value) of every value; the JSON path is `where + key`, built only for an error."""
    yield "", "event_date", reception.event_date
    yield "", "visit_date", reception.visit_date
    yield "household.", "address", reception.household.address
    yield "household.", "previous_address", reception.household.previous_address
    for key, value in reception.household.facts.items():
        yield "household.facts.", key, value
    for key, text in reception.form_inputs.items():
        yield "form_inputs.", key, text
    for index, member in enumerate(reception.members):
        where = f"members[{index}]."
        yield where, "name", member.name
        yield where, "name_kana", member.name_kana
        yield where, "address", member.address
        yield where, "birth_date", member.birth_date
        for key, value in member.facts.items():
            yield f"{where}facts.", key, value
        for key, text in member.form_inputs.items():
            yield f"{where}form_inputs.", key, text
    for index, override in enumerate(reception.overrides):  # the clerk's reason, kept in the record and shown
        yield f"overrides[{index}].", "reason", override.reason


def _all_clean(reception: Reception) -> bool:
    """One pass without building any field name: True when nothing needs a closer look."""
    texts = [reception.household.address, reception.household.previous_address, *reception.form_inputs.values(),
             *(o.reason for o in reception.overrides)]
    dates = [reception.event_date] if reception.visit_date is None else [reception.event_date, reception.visit_date]
    values = list(reception.household.facts.values())
    for member in reception.members:
        texts += (member.name, member.name_kana, member.address, *member.form_inputs.values())
        dates.append(member.birth_date)
        values += member.facts.values()
    for value in values:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, tuple):
            texts += value
        elif isinstance(value, date):
            dates.append(value)
        elif not isinstance(value, bool) and abs(value) > MAX_INT:
            return False
    return min(dates) >= EARLIEST_DATE and max(dates) <= LATEST_DATE and _is_clean(" ".join(texts))


def check_untrusted(reception: Reception) -> None:
    """Raise ReceptionError (naming the field) for anything a reception from outside (a pre-entry QR, a
    JSON file given to the CLI) may not carry: see the comment above EARLIEST_DATE. A フリガナ with a 濁点
    that joins no kana (「ロ゙」, which no form can print) too: kakanai.model.kana, never dropped silently."""
    for index, member in enumerate(reception.members):
        problem = kana_problem(member.name_kana)
        if problem is not None:
            raise ReceptionError(f"members[{index}].name_kana", f"{member.name}さんの{problem}")
    if _all_clean(reception):
        return
    for where, key, value in _fields(reception):  # find the first field at fault, in document order
        if isinstance(value, date):
            check_date(value, where + key)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            raise ReceptionError(where + key, f"数値が大きすぎます（{value}）")
        for text in (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ():
            check_text(text, where + key)
