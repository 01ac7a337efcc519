"""The printed set of the events other than a birth, a death and a 転入, read as the resident reads them (the
second paper hunt): the shipped pre-entry examples (resources/examples/qr) planned and printed as `kakanai
render` does, each box checked for the value and the person the law puts there."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kakanai.forms import render_form
from kakanai.forms.documents import plan_documents
from kakanai.forms.inputs import inputs_to_ask
from kakanai.forms.library import form_library
from kakanai.forms.render import RenderedDocument, render_document
from kakanai.model import Reception, reception_from_dict
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook
from tests.unit.forms.conftest import MUNICIPALITY, TODAY, words_inside, words_mm

OSAKA = "大阪府大阪市北区梅田３丁目１番３号　梅田タワー４０１２号室"
SHIMA = "三重県志摩市阿児町鵜方３０９８番地２２　志摩ハイツＢ棟２０３号室"


def _example(event: str) -> dict[str, Any]:
    raw: dict[str, Any] = json.loads((examples_dir() / "qr" / f"{event}.json").read_text(encoding="utf-8"))
    return raw


def _printed(reception: Reception, form_id: str) -> list[RenderedDocument]:
    plan = load_rulebook().plan(reception)
    return [render_document(d, reception, MUNICIPALITY, TODAY)
            for d in plan_documents(form_library(), reception, plan) if d.form_id == form_id]


def _rows(doc: RenderedDocument, rows_id: str) -> list[list[list[str]]]:
    """Each sheet's rows of a `rows` item, each row its cells as printed (the back-office code's fields)."""
    return [[r.split("\x1f") for r in s[rows_id].split("\x1e")] if s[rows_id] else [] for s in doc.sheets]


def test_a_divorce_lists_only_the_parent_at_the_counter_as_a_party_never_the_children() -> None:
    """The divorce example: a mother (世帯主) and her two children; the ex-husband is not a member. The 離婚届 listed
    陸 (10) as the second divorcing party and printed a second sheet for 葵 (6)."""
    (doc,) = _printed(reception_from_dict(_example("divorce")), "divorce_registration")
    assert doc.pages == 1
    assert [[r[2] for r in sheet] for sheet in _rows(doc, "parties")] == [["邊見　里美"]]
    assert [[r[0] for r in sheet] for sheet in _rows(doc, "parents")] == [["邊見　里美"]]


def test_a_couple_marrying_with_a_child_lists_the_two_of_them_only() -> None:
    raw = _example("marriage")
    raw["members"].append({"id": "p3", "name": "𠮷田　蓮", "name_kana": "ヨシダ　レン", "birth_date": "2020-05-05",
                           "sex": "male", "address": SHIMA, "facts": {"relationship": "child", "nationality": "japanese"}})
    (doc,) = _printed(reception_from_dict(raw), "marriage_registration")
    assert doc.pages == 1
    assert [r[2] for r in _rows(doc, "parties")[0]] == ["𠮷田　大輔", "𠮷田　真由美"]


def test_a_childs_disability_as_the_hint_suggests_fits_its_row(tmp_path: Path) -> None:
    """児童扶養手当: the 障害の有無 column (22 mm) refused the whole sheet for 「身体障害者手帳2級」, its own hint's example."""
    raw = _example("divorce")
    raw["members"][1]["form_inputs"] = {"child_disability": "身体障害者手帳2級"}
    (doc,) = _printed(reception_from_dict(raw), "child_support_allowance")
    x = 10 + 44 + 36 + 16 + 26  # the columns before it
    cell = words_inside(words_mm(doc.pdf, tmp_path), x, 121 + 6, 22, 8)  # the first row under the 6 mm heading
    assert "".join(cell) == "身体障害者手帳2級"


def test_a_childs_medical_subsidy_ends_with_the_address_moved_to() -> None:
    """子ども医療費助成 資格喪失届 at a 転出: 「変更後の住所（転出の場合は転出先）」 printed the address being left, the same
    as 「変更前の住所」."""
    raw = _example("moving_out")
    raw["members"].append({"id": "p2", "name": "山﨑　結衣", "name_kana": "ヤマザキ　ユイ", "birth_date": "2018-08-08",
                           "sex": "female", "address": SHIMA,
                           "facts": {"relationship": "child", "health_insurance": "national", "nationality": "japanese"}})
    (doc,) = _printed(reception_from_dict(raw), "child_medical_subsidy_notice")
    assert (doc.sheets[0]["old_address"], doc.sheets[0]["new_address"]) == (SHIMA, OSAKA)


def test_a_move_out_asks_and_prints_the_head_it_leaves() -> None:
    """住民異動届 at a 転出: 「前の世帯主」 (the head on this municipality's register, 住基法24条) was never asked and
    printed blank."""
    reception = reception_from_dict({**_example("moving_out"), "form_inputs": {"old_head_name": "山﨑　健太"}})
    asked = inputs_to_ask(form_library(), reception, load_rulebook().plan(reception))
    assert "old_head_name" in {a.id for a in asked}
    (doc,) = _printed(reception, "resident_move_notice")
    assert doc.sheets[0]["old_head"] == "山﨑　健太"



def test_a_childs_insurance_is_asked_as_the_childs_own() -> None:
    """ひとり親家庭等医療費助成 asks each child's 記号・番号 for its row: the counter showed 「申請者の健康保険の記号・番号・枝番
    （邊見　陸）」, the applicant's number asked under the child's name; the same input on the 子ども医療 form said 「児童の」."""
    reception = reception_from_dict(_example("divorce"))
    asked = inputs_to_ask(form_library(), reception, load_rulebook().plan(reception))
    labels = {(a.id, a.person): a.label for a in asked if a.id in ("insurance_symbol", "insurer_name")}
    assert labels == {("insurer_name", "p1"): "健康保険の保険者名称",
                      ("insurance_symbol", "p1"): "健康保険の記号・番号・枝番",
                      ("insurance_symbol", "p2"): "健康保険の記号・番号・枝番",
                      ("insurance_symbol", "p3"): "健康保険の記号・番号・枝番"}


def test_a_move_abroad_ticks_its_own_box_on_the_resident_move_notice() -> None:
    """住民異動届 at a 国外転出 (住基法24条): the sheet had 「国外からの転入」 but no 「国外転出」 (forms.md's 区分), so the
    office read an ordinary 転出 — the 国外転出 decides the マイナンバーカード 国外継続利用, 国民年金 and 国保 handling."""
    raw = _example("moving_out")
    raw["household"] = {**raw["household"], "address": "アメリカ合衆国カリフォルニア州ロサンゼルス市",
                        "facts": {**raw["household"]["facts"], "to_abroad": True}}
    (doc,) = _printed(reception_from_dict(raw), "resident_move_notice")
    ticks = {k: v for k, v in doc.sheets[0].items() if k.startswith("kind_")}
    assert ticks == {"kind_in": "0", "kind_within": "0", "kind_out": "1", "kind_household": "0", "kind_head": "0",
                     "kind_abroad": "0", "kind_to_abroad": "1"}
    (domestic,) = _printed(reception_from_dict(_example("moving_out")), "resident_move_notice")
    assert domestic.sheets[0]["kind_to_abroad"] == "0"


def _ticks(doc: RenderedDocument, *ids: str) -> tuple[str, ...]:
    return tuple(doc.sheets[0][i] for i in ids)


def test_the_resident_move_notice_ticks_who_filed_from_the_movers_not_from_the_head() -> None:
    """住民異動届 「届出人の区分 □本人 □同一世帯員」 was ticked by the 届出人's 続柄 to the 世帯主: the 世帯主 filing for a
    spouse who moves out alone was 「本人」, the spouse filing her own 転出 「同一世帯員」."""
    from tests.unit.forms.conftest import reception_with

    library = form_library()
    for applicant, expected in (("p1", ("0", "1")), ("p2", ("1", "0"))):
        reception = reception_with(event="moving_out", subject=["p2"], applicant=applicant,
                                   household={"address": OSAKA, "previous_address": ""})
        doc = render_form(library.get("resident_move_notice"), reception, None, None, [reception.members[1]],
                          MUNICIPALITY, TODAY)
        assert _ticks(doc, "filer_self", "filer_member") == expected, applicant


def test_the_pension_notice_ticks_a_filer_other_than_the_insured_only() -> None:
    """国民年金被保険者関係届書 「届出人が本人以外のとき □世帯主 □配偶者」: the 世帯主 filing his own notice ticked 「世帯主」,
    and the mother filing for her son 「配偶者」 (she is the 世帯主's wife, not the son's)."""
    from tests.unit.forms.conftest import reception_with

    library = form_library()
    cases = (("p1", 0, ("0", "0")),  # the 世帯主 files his own
             ("p1", 1, ("1", "1")),  # the 世帯主 files for his wife: he is both
             ("p2", 1, ("0", "0")),  # the wife files her own
             ("p2", 0, ("0", "1")),  # the wife files for her husband, the 世帯主
             ("p2", 2, ("0", "0")))  # the mother files for her child: neither
    for applicant, insured, expected in cases:
        reception = reception_with(applicant=applicant)
        doc = render_form(library.get("pension_notice"), reception, None, reception.members[insured], [],
                          MUNICIPALITY, TODAY)
        assert _ticks(doc, "filer_head", "filer_spouse") == expected, (applicant, insured)


def test_a_date_input_prints_in_wareki_however_it_was_typed() -> None:
    """葬祭費: 「葬祭を行った日」 printed 「2026-03-30」 (a reception file's date) or 「R8.3.30」 (the clerk's shorthand) on the
    official sheet; a date input (kind: date) prints in 和暦 like every other date, text that is no date as typed."""
    raw = _example("death")
    form = form_library().get("funeral_benefit")
    for typed, printed in (("2026-03-30", "令和8年3月30日"), ("R8.3.30", "令和8年3月30日"),
                           ("令和8年3月30日", "令和8年3月30日"), ("平成31.4.30", "平成31年4月30日"),
                           ("2019-05-01", "令和元年5月1日"), ("3月下旬", "3月下旬")):
        reception = reception_from_dict({**raw, "form_inputs": {"funeral_date": typed}})
        doc = render_form(form, reception, None, reception.members[0], [], MUNICIPALITY, TODAY)
        assert doc.sheets[0]["funeral_date"] == printed, typed


def test_the_filers_relation_is_asked_and_printed_per_insured_person() -> None:
    """介護保険の届 (one sheet per insured): an elderly couple moving in, the husband filing both, was asked one
    「被保険者との関係」 for both sheets — 「本人」 on his own is wrong on his wife's, where he is 「夫」."""
    from tests.unit.forms.conftest import example_raw

    raw: dict[str, Any] = example_raw()
    members: list[dict[str, Any]] = [dict(m) for m in raw["members"][:2]]
    for m, born in zip(members, ("1945-06-15", "1947-11-03"), strict=True):
        m.update(birth_date=born, facts={"relationship": m["facts"]["relationship"], "nationality": "japanese",
                                         "health_insurance": "late_elderly", "has_mynumber_card": False,
                                         "disability_handbook": [], "ltc_certified": True, "pension_category": "none",
                                         "public_servant": False, "receives_public_pension": True})
    members[0]["form_inputs"] = {"relation_to_insured": "本人"}
    members[1]["form_inputs"] = {"relation_to_insured": "夫"}
    reception = reception_from_dict({**raw, "members": members})
    asked = inputs_to_ask(form_library(), reception, load_rulebook().plan(reception))
    assert [(a.id, a.person) for a in asked if a.id == "relation_to_insured"] == [
        ("relation_to_insured", "p1"), ("relation_to_insured", "p2")]
    sheets = [doc.sheets[0]["relation"] for doc in _printed(reception, "ltc_notice")]
    assert sheets == ["本人", "夫"]


def test_each_pension_notice_names_that_persons_own_spouse() -> None:
    """国民年金の届 (one sheet per person): a couple moving in from abroad both enrol, and one 「配偶者の氏名」 was asked for
    both sheets — whatever the clerk typed named one of them as their own spouse. It is asked per person and
    proposed from the household (the other of the couple); a divorce's ex-spouse, no member, is typed."""
    from kakanai.forms.proposals import input_proposals
    from tests.unit.forms.conftest import example_raw

    raw: dict[str, Any] = example_raw()
    members: list[dict[str, Any]] = [dict(m) for m in raw["members"][:2]]
    for m in members:
        m["facts"] = {**m["facts"], "pension_category": "1", "health_insurance": "national"}
    members[0]["form_inputs"] = {"spouse_name": "山田　花子"}
    members[1]["form_inputs"] = {"spouse_name": "山田　太郎"}
    reception = reception_from_dict({**raw, "members": members,
                                     "household": {**raw["household"], "facts": {"from_abroad": True}}})
    asked = inputs_to_ask(form_library(), reception, load_rulebook().plan(reception))
    assert [(a.id, a.person) for a in asked if a.id in ("spouse_name", "prev_employer")] == [
        ("prev_employer", "p1"), ("spouse_name", "p1"), ("prev_employer", "p2"), ("spouse_name", "p2")]
    assert [doc.sheets[0]["spouse_name"] for doc in _printed(reception, "pension_notice")] == ["山田　花子", "山田　太郎"]
    typed_none = reception_from_dict({**raw, "members": [{k: v for k, v in m.items() if k != "form_inputs"}
                                                          for m in members],
                                      "household": {**raw["household"], "facts": {"from_abroad": True}}})
    proposed = input_proposals(typed_none, asked, lambda name: "")
    assert {k: v for k, v in proposed.items() if k[0] == "spouse_name"} == {
        ("spouse_name", "p1"): "山田　花子", ("spouse_name", "p2"): "山田　太郎"}


def test_after_the_heads_death_the_nhi_notice_names_the_living_filer_as_head() -> None:
    """国保の届 at the 世帯主's death: 「世帯主（届出義務者）」 printed the deceased, who files nothing (国保法9条: the
    世帯主 among the living, the plan's claimant); the 届出人 block below already named his wife."""
    raw = _example("death")
    for m, born in zip(raw["members"], ("1956-01-05", "1958-08-30"), strict=True):
        m["birth_date"] = born
        m["facts"] = {**m["facts"], "health_insurance": "national"}
    docs = _printed(reception_from_dict(raw), "nhi_notice")
    assert [d.procedure for d in docs] == ["nhi_withdraw", "nhi_change"]
    assert [(d.sheets[0]["head_name"], d.sheets[0]["head_birth"], d.sheets[0]["applicant_name"]) for d in docs] == [
        ("渡邊　ふみ", "昭和33年8月30日", "渡邊　ふみ")] * 2


def test_the_nhi_change_lists_the_members_in_国保_its_reason_names_not_the_deceased() -> None:
    """国保 記載事項変更 at the 世帯主's death is the survivors' (their 世帯主 changes, 国保法9条); its rows
    listed the event's subject, the deceased, whose own 資格喪失 is the nhi_withdraw beside it."""
    raw = _example("death")
    for m, born in zip(raw["members"], ("1956-01-05", "1958-08-30"), strict=True):
        m["birth_date"] = born
        m["facts"] = {**m["facts"], "health_insurance": "national"}
    docs = {d.procedure: d for d in _printed(reception_from_dict(raw), "nhi_notice")}
    assert [r[1] for r in _rows(docs["nhi_withdraw"], "persons")[0]] == ["渡邊　茂"]
    assert [r[1] for r in _rows(docs["nhi_change"], "persons")[0]] == ["渡邊　ふみ"]


def test_a_move_within_lists_only_the_movers_in_国保_on_the_nhi_change() -> None:
    """The father in 国保 moves with his daughter, who is insured by her own employer's 健康保険 (a
    被用者保険 member is not on the 国保 notice: 国保法6条1号)."""
    raw = _example("moving_within")
    raw["members"][1]["birth_date"] = "2004-12-01"
    raw["members"][1]["facts"] = {**raw["members"][1]["facts"], "health_insurance": "employee", "school": "none"}
    reception = reception_from_dict(raw)
    (doc,) = _printed(reception, "nhi_notice")
    assert doc.procedure == "nhi_change"
    assert [r[1] for r in _rows(doc, "persons")[0]] == ["髙橋　一郎"]
    plan = load_rulebook().plan(reception)
    assert next(p for p in plan.procedures if p.id == "nhi_change").members == ("p1",)


def test_a_late_marriage_prints_the_name_change_on_the_後期_and_介護保険_notices() -> None:
    """A bride of 76 whose surname changes (民法750条): her 資格確認書 and 被保険者証 carry the name (高確法54条,
    介護保険法12条1項): both notices print with 変更 and 氏名 ticked, and no 「届出の理由」 is asked for them."""
    raw = _example("marriage")
    raw["members"][0]["birth_date"], raw["members"][1]["birth_date"] = "1948-10-10", "1950-01-20"
    raw["members"][0]["facts"]["health_insurance"] = raw["members"][1]["facts"]["health_insurance"] = "late_elderly"
    for m in raw["members"]:
        m["facts"].pop("pension_category", None)
    reception = reception_from_dict(raw)
    (late,) = _printed(reception, "late_elderly_notice")
    assert (late.procedure, late.person) == ("late_elderly_change", "p2")
    assert _ticks(late, "kind_change", "r_household", "r_other") == ("1", "1", "0")
    (ltc,) = _printed(reception, "ltc_notice")
    assert _ticks(ltc, "kind_change", "r_name") == ("1", "1")
    plan = load_rulebook().plan(reception)
    asked = {i.id for i in inputs_to_ask(form_library(), reception, plan)}
    assert "late_elderly_reason" not in asked


def _foreign_bride() -> dict[str, Any]:
    raw = _example("marriage")
    bride = raw["members"][1]
    bride.update(name="NGUYEN THI LAN", name_kana="グエン　ティ　ラン", form_inputs={})
    bride["facts"] = {**bride["facts"], "nationality": "foreign", "surname_changes": False}
    raw["form_inputs"] = {"honseki": "三重県志摩市阿児町鵜方３０９８番地", "hittousha": "𠮷田　大輔"}
    return raw


def test_a_foreign_spouses_nationality_is_asked_for_the_marriage_registration() -> None:
    """婚姻届 「本籍（外国人は国籍）」: a foreign bride's box was printed empty and never asked (a foreign member takes
    no 本籍, 戸籍法6条), nor listed for the resident to write, though the 届 wants her 国籍 there."""
    reception = reception_from_dict(_foreign_bride())
    asked = [a for a in inputs_to_ask(form_library(), reception, load_rulebook().plan(reception)) if a.id == "honseki"]
    assert [(a.person, a.label, a.scope) for a in asked] == [(None, "本籍", "household"), ("p2", "国籍・地域", "person")]
    (blank,) = _printed(reception, "marriage_registration")
    assert [r[4] for r in _rows(blank, "parties")[0]] == ["三重県志摩市阿児町鵜方３０９８番地", ""]
    assert "国籍・地域" in blank.blank_inputs  # under its own label: the bride has no 本籍
    raw = _foreign_bride()
    raw["members"][1]["form_inputs"] = {"honseki": "ベトナム"}
    (filled,) = _printed(reception_from_dict(raw), "marriage_registration")
    assert [r[4] for r in _rows(filled, "parties")[0]] == ["三重県志摩市阿児町鵜方３０９８番地", "ベトナム"]
    assert "国籍・地域" not in filled.blank_inputs


def test_a_couple_marrying_in_the_parents_household_is_the_subjects_the_clerk_named() -> None:
    """A son of the 世帯主 marries and his bride joins the household (子 and その他): no 世帯主 or spouse is marrying, so
    the couple is the subjects the clerk chose — never the parents, never nobody."""
    raw = _example("marriage")
    groom, bride = raw["members"]
    groom["facts"] = {**groom["facts"], "relationship": "child"}
    bride["facts"] = {**bride["facts"], "relationship": "other"}
    father = {"id": "p3", "name": "𠮷田　誠", "name_kana": "ヨシダ　マコト", "birth_date": "1960-03-03", "sex": "male",
              "address": SHIMA, "facts": {"relationship": "head", "nationality": "japanese"}}
    reception = reception_from_dict({**raw, "members": [father, groom, bride], "subject": ["p1", "p2"]})
    (doc,) = _printed(reception, "marriage_registration")
    assert [r[2] for r in _rows(doc, "parties")[0]] == ["𠮷田　大輔", "𠮷田　真由美"]


def test_the_birth_registration_prints_the_filers_own_honseki_or_nationality() -> None:
    """出生届 「届出人の本籍」 printed the child's (the sheet's person's) 本籍: a foreign mother filing for her Japanese
    child got the father's 本籍 as her own. It is the 届出人's, and hers is her 国籍 (附録第11号様式: 外国人は国籍)."""
    raw = _example("birth")
    raw["applicant"] = "p2"
    raw["members"][1]["facts"] = {**raw["members"][1]["facts"], "nationality": "foreign"}
    raw["form_inputs"] = {"honseki": "三重県志摩市阿児町鵜方３０９８番地"}
    reception = reception_from_dict(raw)
    asked = [a for a in inputs_to_ask(form_library(), reception, load_rulebook().plan(reception)) if a.id == "honseki"]
    assert [(a.person, a.label) for a in asked] == [(None, "本籍"), ("p2", "国籍・地域")]
    raw["members"][1]["form_inputs"] = {"honseki": "ベトナム"}
    (doc,) = _printed(reception_from_dict(raw), "birth_registration")
    assert (doc.sheets[0]["honseki"], doc.sheets[0]["filer_honseki"]) == ("三重県志摩市阿児町鵜方３０９８番地", "ベトナム")


def test_a_member_moving_alone_is_counted_alone_and_keeps_no_head_of_the_household_left() -> None:
    """住民異動届 for a wife moving out alone (or to another address in the city): 「異動する人数」 printed 4 (the
    household) and 「新しい世帯主」 her husband, who stays — her household at the new address is not his."""
    from tests.unit.forms.conftest import reception_with

    library = form_library()
    for event in ("moving_out", "moving_within"):
        reception = reception_with(event=event, subject=["p2"], applicant="p2",
                                   household={"address": OSAKA, "previous_address": ""})
        doc = render_form(library.get("resident_move_notice"), reception, None, None, [reception.members[1]],
                          MUNICIPALITY, TODAY)
        assert (doc.sheets[0]["member_count"], doc.sheets[0]["new_head"]) == ("1", ""), event
    whole = reception_with(event="moving_out", household={"address": OSAKA, "previous_address": ""})
    doc = render_form(library.get("resident_move_notice"), whole, None, None, list(whole.members), MUNICIPALITY, TODAY)
    assert (doc.sheets[0]["member_count"], doc.sheets[0]["new_head"]) == ("4", "山田　太郎")
    joining = reception_with(subject=["p4"])  # a child moving in to the household already here
    doc = render_form(library.get("resident_move_notice"), joining, None, None, [joining.members[3]], MUNICIPALITY,
                      TODAY)
    assert (doc.sheets[0]["member_count"], doc.sheets[0]["new_head"]) == ("1", "山田　太郎")
