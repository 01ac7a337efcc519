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

from datetime import date

from kakanai.model.ids import LifeEvent, Sex
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
    Key("name_kana", Text(max_len=100), nullable=True, doc="ふりがな"),
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
        doc=f"世帯員（1〜{MAX_MEMBERS}人）"),
    Key("applicant", _MEMBER_REF, nullable=True, doc="届出人の世帯員ID"),
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
