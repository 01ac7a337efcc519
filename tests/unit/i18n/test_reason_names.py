"""A reason names members by their given name (「世帯主 VAN MINHさん（36歳）」) and is re-worded in the resident's
language from its template: any name must read back, whole. A Latin given name of several words (「TRAN VAN
MINH」 → 「VAN MINH」) left every reason naming him in Japanese on a Vietnamese sheet and in `plan --json`'s
reason_resident, since the person pattern took a name to be a run of non-spaces."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kakanai.model import Person, Sex, reception_from_dict
from kakanai.model.i18n import ResidentTexts, load_catalog
from kakanai.model.relationship import relationship_words
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook
from kakanai.rules.resident_texts import resident_texts

# 世帯主, 妻 (two spaces inside: kept as written), 長女 (an apostrophe and a hyphen), 長男 (one word).
_NAMES = ("TRAN VAN MINH", "LE THI  HOA", "SMITH D'ARCY MARY-JANE", "MADONNA")

_EXPECTED = {
    "en": {
        "resident_move_notice": "head of household VAN MINH (40) and 3 others moved into the city (Basic Resident "
                                "Registration Act, art. 22)",
        "child_allowance_claim": "eldest daughter D'ARCY MARY-JANE (7), eldest son MADONNA (3) are children up to "
                                 "the first March 31 after turning 18 (the child allowance from your previous city "
                                 "ends when you move in; claimant: head of household VAN MINH (40) or wife THI  HOA "
                                 "(38))",
    },
    "vi": {
        "resident_move_notice": "chủ hộ VAN MINH (40 tuổi) và 3 người khác đã chuyển đến thành phố (Luật Sổ đăng ký "
                                "cư trú cơ bản, Điều 22)",
        "child_allowance_claim": "con gái cả D'ARCY MARY-JANE (7 tuổi), con trai cả MADONNA (3 tuổi) là trẻ em đến "
                                 "ngày 31 tháng 3 đầu tiên sau khi đủ 18 tuổi (trợ cấp nhi đồng ở nơi cũ sẽ kết thúc "
                                 "khi chuyển đến; người yêu cầu: chủ hộ VAN MINH (40 tuổi) hoặc vợ THI  HOA (38 tuổi))",
    },
}


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_reason_of_a_family_with_latin_names_of_several_words_is_translated(language: str) -> None:
    book = load_rulebook()
    data = json.loads((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    for member, name in zip(data["members"], _NAMES, strict=True):
        member["name"] = name
    plan = book.plan(reception_from_dict(data))
    texts = resident_texts(book, language)
    reasons = {p.id: texts.reason(p) for p in plan.procedures if p.person is None}
    assert reasons["resident_move_notice"].source == "世帯主 VAN MINHさん（40歳）ほか3人が転入されたため（住民基本台帳法22条）"
    assert {pid: reasons[pid].text for pid in _EXPECTED[language]} == _EXPECTED[language]
    assert [p.reason for p in plan.procedures if texts.reason(p).language != language] == []


@pytest.mark.parametrize(("people", "vietnamese"), [
    ("世帯主 VAN MINHさん（36歳）ほか2人", "chủ hộ VAN MINH (36 tuổi) và 2 người khác"),
    ("妻 THI  HOAさん（32歳）、長男 GIA BAOさん（7歳）", "vợ THI  HOA (32 tuổi), con trai cả GIA BAO (7 tuổi)"),
    ("世帯主 ヴァン　アンさん（32歳）", "chủ hộ ヴァン　アン (32 tuổi)"),
    ("長女 D'ARCY MARY-JANEさん（7歳）", "con gái cả D'ARCY MARY-JANE (7 tuổi)"),
    ("夫 JOHNさん（40歳）", "chồng JOHN (40 tuổi)"),
    # Without a 続柄 word (relationship `other`): the first word of the name is not taken for one.
    ("ANNE MARIE LOUISEさん（30歳）", "ANNE MARIE LOUISE (30 tuổi)"),
    ("MADONNAさん（30歳）", "MADONNA (30 tuổi)"),
    ("世帯主 VAN MINH様（86歳）", "chủ hộ VAN MINH (86 tuổi)"),
    ("妻 THI LANさん（31歳）または世帯外の方", "vợ THI LAN (31 tuổi) hoặc người ngoài hộ"),
])
def test_people_keep_every_character_of_their_names(people: str, vietnamese: str) -> None:
    assert ResidentTexts(load_catalog("vi")).people(people) == vietnamese


def test_every_relationship_word_is_read_before_a_name_of_several_words() -> None:
    """The 続柄 words are a closed set (what lets a name hold spaces): each one kakanai.model.relationship
    writes, the 11th son's 「11男」 included, is read back as the word."""
    relations = {"p1": "head", "p2": "spouse", "p3": "spouse", "p4": "spouse", "p5": "parent", "p6": "parent",
                 "p7": "parent"}
    sexes = {"p2": Sex.MALE, "p3": Sex.FEMALE, "p5": Sex.MALE, "p6": Sex.FEMALE}
    members = [Person(id=pid, name="X", birth_date=date(1960, 1, 1), sex=sexes.get(pid, Sex.NOT_APPLICABLE))
               for pid in relations]
    for i in range(12):
        for sex in (Sex.MALE, Sex.FEMALE):
            pid = f"c{sex.value}{i}"
            relations[pid] = "child"
            members.append(Person(id=pid, name="X", birth_date=date(2000 + i, 1, 1), sex=sex))
    texts = ResidentTexts(load_catalog("en"))
    for birth_order in (False, True):
        words = set(relationship_words(members, lambda m: relations[m.id], birth_order=birth_order).values())
        children = {"長男", "次女", "十女", "11男", "12女"} if birth_order else {"子"}
        assert {"世帯主", "夫", "妻", "配偶者", "父", "母", "親", *children} <= words
        for word in words:
            assert texts.people(f"{word} VAN MINHさん（36歳）") == f"{texts.relation(word)} VAN MINH (36)", word


def test_the_text_after_a_people_placeholder_is_never_taken_from_inside_a_name() -> None:
    """「{members}が{subject}を出産されたため」: a mother named 「あがさ」 was cut at her 「が」 (members 「妻 あ」),
    which read back as no one, and the reason stayed Japanese."""
    book = load_rulebook()
    data = json.loads((examples_dir() / "qr" / "birth.json").read_text(encoding="utf-8"))
    data["members"][1]["name"] = "山﨑　あがさ"
    plan = book.plan(reception_from_dict(data))
    lump_sum = next(p for p in plan.procedures if p.id == "nhi_childbirth_lump_sum")
    found = resident_texts(book, "en").reason(lump_sum)
    assert (found.language, found.text) == ("en", (
        "wife あがさ (32), with National Health Insurance, gave birth to eldest son 蓮 (0) (apply if the direct "
        "payment system was not used, or the costs were below the lump sum; applicant: head of household 翔 (34))"))
