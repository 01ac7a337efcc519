"""The pure guards of issue 16: in-memory URLs, drivers, labels, retention limits, canonical digests."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from kakanai.model import reception_to_dict
from kakanai.store import (
    MAX_RETENTION_DAYS,
    RetentionError,
    StaffError,
    StoreConfigError,
    check_days,
    check_label,
    is_memory_url,
)
from kakanai.store.codec import input_from_dict, input_to_dict
from kakanai.store.engine import make_engine
from kakanai.store.sealing import canonical, content_digest
from tests.unit.store.support import example_reception, make_input


@pytest.mark.parametrize("url, memory", [
    ("sqlite://", True), ("sqlite:///:memory:", True), ("sqlite+pysqlite:///:memory:", True), ("sqlite:///", True),
    ("sqlite:///file::memory:?cache=shared&uri=true", True), ("sqlite:///file:x?mode=memory&uri=true", True),
    ("sqlite:////var/lib/kakanai/k.sqlite3", False), ("sqlite:///relative.sqlite3", False),
    ("postgresql+psycopg://u@h/db", False), ("::not a url::", False),
])
def test_memory_urls(url: str, memory: bool) -> None:
    assert is_memory_url(url) is memory


def test_make_engine_refuses_before_connecting() -> None:
    with pytest.raises(StoreConfigError, match="メモリ上のデータベース"):
        make_engine("sqlite://")
    with pytest.raises(StoreConfigError, match=r"ドライバ postgresql\+pg8000 には対応していません"):
        make_engine("postgresql+pg8000://u@h/db")
    engine = make_engine("postgresql://u@127.0.0.1:1/db")  # the bare scheme means psycopg 3
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


@pytest.mark.parametrize("value, message", [
    ("", "ログインIDが空です"), ("   ", "ログインIDが空です"),
    ("a\tb", "ログインIDに制御文字 U+0009 が含まれています（2文字目）"),
    ("a\u2028b", "ログインIDに制御文字 U+2028 が含まれています（2文字目）"),
    ("\ufeffa", "ログインIDに制御文字 U+FEFF が含まれています（1文字目）"),
    ("a ", "ログインIDの前後に空白があります（'a '）"),
    ("x" * 11, "ログインIDが長すぎます（11文字、10文字まで）"),
])
def test_check_label_refuses(value: str, message: str) -> None:
    with pytest.raises(StaffError) as refused:
        check_label(value, "ログインID", 10)
    assert str(refused.value) == message


def test_check_label_keeps_names_as_written() -> None:
    # Private use (外字), kanji outside the BMP, inner spaces: accepted unchanged.
    for value in ("山田　𠮷子", "tanaka", "\ue000田", "os:tanaka"):
        assert check_label(value, "表示名", 80) == value


def test_check_days() -> None:
    assert check_days(0) == 0 and check_days(MAX_RETENTION_DAYS) == MAX_RETENTION_DAYS == 36_500
    for bad, text in ((-1, "0〜36500 日"), (36_501, "0〜36500 日"), (True, "日数（整数）ではありません"),
                      (30.0, "日数（整数）ではありません"), ("30", "日数（整数）ではありません")):
        with pytest.raises(RetentionError, match=text):
            check_days(bad, "retention_days")


def test_canonical_is_total_and_type_exact() -> None:
    assert canonical(None) is None and canonical(1) == 1 and canonical("1") == "1"
    assert canonical(datetime(2026, 4, 10, 1, 30)) == {"$t": "2026-04-10T01:30:00"}
    assert canonical(date(2026, 4, 10)) == {"$t": "2026-04-10"}
    assert canonical(b"\x00\xff") == {"$b": "00ff"} and canonical(memoryview(b"A")) == {"$b": "41"}
    assert canonical({"a": [1, (2, 3)]}) == {"$o": {"a": [1, [2, 3]]}}
    assert canonical(Decimal("1.50")) == {"$d": "1.50"}
    assert canonical({1, 2}) == {"$r": "{1, 2}"}
    # Text, a number and a date never collide: a changed storage type is a changed digest.
    assert len({json.dumps(canonical(v), sort_keys=True) for v in ("2026-04-10", date(2026, 4, 10), 20260410)}) == 3


def test_content_digest_is_the_reception_as_sent() -> None:
    reception = example_reception()
    expected = hashlib.sha256(json.dumps(reception_to_dict(reception), ensure_ascii=False, sort_keys=True,
                                         separators=(",", ":")).encode("utf-8")).hexdigest()
    assert content_digest(reception) == expected


def test_codec_keeps_the_external_reference() -> None:
    item = make_input(external_ref="pre-0001")
    raw = input_to_dict(item)
    assert raw["external_ref"] == "pre-0001"
    assert input_from_dict(json.loads(json.dumps(raw))).external_ref == "pre-0001"
    del raw["external_ref"]  # spooled by the release before migration 0003
    assert input_from_dict(raw).external_ref is None
