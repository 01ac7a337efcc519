"""The boxes the counter asks of every form that prints them, which no forms/*.yaml declares (issue 17:
nothing printed empty unsaid): the outside 届出人's, the outside 請求者's, the new 世帯主, each member's
フリガナ and the 続柄 in words of a member `other` to the 世帯主. kakanai.forms.bindings prints them and
kakanai.forms.inputs asks them; their labels name them in the preview's list of blanks."""

from __future__ import annotations

from collections.abc import Mapping

# The 届出人 from outside the household: when nobody of it can file (a lone resident's death, 戸籍法87条:
# 同居の親族 none, so 他の親族・家主 …), the 届出人 at the counter is no member, and what the forms print in the
# 届出人's boxes is asked at the counter as reception inputs (kakanai.forms.inputs): applicant.<key> →
# (input id, label, kind).
OUTSIDE_FILER: Mapping[str, tuple[str, str, str]] = {
    "name": ("filer_name", "届出人の氏名（世帯外の方）", "text"),
    "name_kana": ("filer_kana", "届出人のフリガナ（世帯外の方）", "kana"),
    "address": ("filer_address", "届出人の住所（世帯外の方・方書まで）", "address"),
    "birth_date": ("filer_birth_date", "届出人の生年月日（世帯外の方）", "date"),  # 窓口に来た方の生年月日
}
# The mother of a newborn whom the household does not list (a father's household): the 出生届 names her (戸籍法
# 49条2項: 父母の氏名・生年月日), so what the forms print in the 母 boxes is asked at the counter: mother.<key> →
# (input id, label, kind). Never for the father: a child of an unmarried mother has none to name.
ABSENT_MOTHER: Mapping[str, tuple[str, str, str]] = {
    "name": ("absent_mother_name", "母の氏名（世帯にいない母）", "text"),
    "birth_date": ("absent_mother_birth", "母の生年月日（世帯にいない母）", "date"),
}
# The 請求者 the law names (procedure.claimant) when that is someone outside the household (an outside 喪主,
# 国保法58条): nobody at the counter may be them, so their boxes are theirs to write; listed as one line
# (input id, label) instead of their bare 「フリガナ」.
OUTSIDE_CLAIMANT = ("outside_claimant", "申請者の氏名・フリガナ・生年月日（世帯外の方）")
# The 世帯主変更届's new 世帯主 (住基法25条): when the 世帯主 dies or leaves and two or more members of 15 or more
# remain, the household says which of them heads it now (施行令: no 届 when only one could). The counter asks it
# as a choice among them, (input id, label); before, the form printed the deceased as the new 世帯主.
NEW_HEAD = ("new_head_name", "新しい世帯主")
NEW_HEAD_BINDING = "household.new_head_name"
HEAD_CHANGE = "head_of_household_change"  # the procedure (resources/rules/procedures/10_citizen.yaml)
MOVE_NOTICE = "resident_move_notice"  # its 住民異動届 of a 世帯分離 asks the new 世帯主 among several who leave
NHI_CHANGE = "nhi_change"  # the 国保 記載事項変更: the 世帯主 a death or a 世帯変更 makes files it (国保法9条)
KANA = ("name_kana", "フリガナ")  # a member's フリガナ, asked at the counter as an input of its own (kakanai.forms.inputs)
# The 続柄 of a member who is `other` to the 世帯主 (a 子の妻, a 孫, a 兄): the 住民票 writes it in words
# (住民基本台帳事務処理要領 第2-1-(2)-ア), and 「その他」 is none of them. Asked at the counter per such member
# whose 続柄 a form prints (kakanai.forms.inputs), into Person.form_inputs; not typed, the box is left empty.
RELATION_DETAIL = ("relationship_detail", "世帯主との続柄（子の妻・孫・兄など）")
# The name after a marriage or divorce where the names do not decide it (kakanai.forms.names: the surname
# one returns to at a divorce, 民法767条1項; a foreign spouse's), asked per such member whose 氏名（変更後） a
# form prints, into Person.form_inputs.
NEW_NAME = ("new_name", "変更後の氏名（婚姻・離婚で変わる氏名）")
NEW_KANA = ("new_name_kana", "変更後の氏名のフリガナ")
# The labels of the boxes left empty that no forms/*.yaml declares (input id -> label): the outside 届出人's
# and 請求者's, the new 世帯主, a member's フリガナ.
COUNTER_LABELS: Mapping[str, str] = {
    **{input_id: label for input_id, label, _kind in (*OUTSIDE_FILER.values(), *ABSENT_MOTHER.values())},
    NEW_HEAD[0]: NEW_HEAD[1], KANA[0]: KANA[1], OUTSIDE_CLAIMANT[0]: OUTSIDE_CLAIMANT[1],
    RELATION_DETAIL[0]: RELATION_DETAIL[1], NEW_NAME[0]: NEW_NAME[1], NEW_KANA[0]: NEW_KANA[1]}


def foreign_blank(input_id: str) -> str:
    """The blank a foreign member's 戸籍 box leaves when it takes their 国籍 (`foreign_label`): listed under
    that label, not as a 本籍."""
    return f"{input_id}@foreign"
