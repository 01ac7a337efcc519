"""Sample pre-entries: the examples in resources/examples/qr and generated households of any size."""

from __future__ import annotations

import json
from typing import Any

from kakanai.model import Reception, reception_from_dict
from kakanai.paths import examples_dir

EVENTS = (
    "moving_in", "moving_within", "moving_out", "household_change", "birth", "death", "marriage", "divorce",
    "certificates",
)
EXAMPLES = (*EVENTS, "moving_in_10_members")
# 50 full-width characters: a long address of the kind residents type (番地, building, room).
LONG_ADDRESS = "北海道札幌市中央区北一条西二丁目１番地　札幌サンプルタワーマンション東棟１２０３号室"
LONG_ADDRESSES = (
    "神奈川県横須賀市小川町１１番地　横須賀グランドハイツ東棟５０２号室",
    "三重県志摩市阿児町鵜方３０９８番地２２　志摩ハイツＢ棟２０３号室",
    "大阪府大阪市北区梅田三丁目１番３号　梅田スカイタワーレジデンス４０１２号室",
    "福岡県福岡市博多区博多駅前二丁目９番２８号　博多ステーションコート８０７",
    "東京都千代田区霞が関一丁目１番２号　中央合同庁舎第４号館１２階",
    "宮城県仙台市青葉区国分町三丁目７番１号　杜の都マンション本館３３０１号室",
)
_SURNAMES = ("𠮷田", "髙橋", "山﨑", "渡邊", "齋藤", "邊見", "德永", "栁田", "濵口", "﨑村")
_GIVEN = (("太郎", "タロウ"), ("花子", "ハナコ"), ("一郎", "イチロウ"), ("美咲", "ミサキ"), ("翔太", "ショウタ"),
          ("結衣", "ユイ"), ("健", "ケン"), ("千代", "チヨ"), ("蓮", "レン"), ("陽菜", "ヒナ"))
_SUFFIX = (("", ""), ("介", "スケ"), ("美", "ミ"), ("之", "ユキ"))
_KANA = ("ヨシダ", "タカハシ", "ヤマザキ", "ワタナベ", "サイトウ", "ヘンミ", "トクナガ", "ヤナギダ", "ハマグチ", "サキムラ")


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((examples_dir() / "qr" / f"{name}.json").read_text(encoding="utf-8"))
    return data


def example_reception(name: str) -> Reception:
    return reception_from_dict(example(name))


def household(members: int, *, distinct_addresses: bool = False) -> dict[str, Any]:
    """A moving-in household: every member a different name, birth date and facts, long addresses."""
    people = []
    for i in range(members):
        given, given_kana = _GIVEN[i % len(_GIVEN)]
        suffix, suffix_kana = _SUFFIX[i // len(_GIVEN) % len(_SUFFIX)]  # every name different
        given, given_kana = given + suffix, given_kana + suffix_kana
        surname, kana = _SURNAMES[i % len(_SURNAMES)], _KANA[i % len(_KANA)]
        adult = i % 3 != 2
        facts: dict[str, Any] = {
            "relationship": "head" if i == 0 else ("spouse" if i == 1 else ("child" if not adult else "other")),
            "health_insurance": ("national", "employee", "late_elderly")[i % 3],
            "has_mynumber_card": i % 2 == 0,
            "nationality": "japanese",
            "disability_handbook": ["physical"] if i % 7 == 3 else [],
        }
        if adult:
            facts |= {"pension_category": ("1", "2", "3")[i % 3], "public_servant": False,
                      "uses_signing_certificate": i % 4 == 0}
        else:
            facts |= {"school": ("elementary", "junior_high", "nursery")[i % 3]}
        address = LONG_ADDRESSES[i % len(LONG_ADDRESSES)] if distinct_addresses else LONG_ADDRESSES[0]
        people.append({
            "id": f"p{i + 1}", "name": f"{surname}　{given}", "name_kana": f"{kana}　{given_kana}",
            "birth_date": f"{1940 + (7 * i) % 80:04d}-{1 + i % 12:02d}-{1 + (5 * i) % 28:02d}",
            "sex": ("male", "female")[i % 2], "address": address, "facts": facts,
        })
    return {
        "event": "moving_in", "event_date": "2026-04-03",
        "household": {"address": LONG_ADDRESS, "previous_address": LONG_ADDRESSES[0],
                      "facts": {"has_dog": True, "planned_moveout_date": "2026-03-31",
                                "wants_seal_registration": True, "from_abroad": False}},
        "members": people,
    }
