"""A rule condition in plain Japanese, for the decision table a municipal reviewer reads (table.py):
the condition language of docs/rules-format.md word by word, with the municipality parameters as in force
on the table's date. Only conditions the catalog loader accepted reach here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kakanai.rules.facts import FactDef, FactKind

# Whom a trigger is about (catalog `about:`), as a reviewer reads it.
ABOUT_WORDS = {
    "subjects": "異動の対象者（転入・転出する人、生まれた子、亡くなった人など）",
    "household": "世帯全員（対象者と、すでに住んでいる・残る世帯員）",
    "others": "対象者以外の世帯員（遺族、新生児の父母、加入先・残る世帯の人）",
    "claimant": "請求者・届出人",
}
_RANGE_WORDS = {"subjects": "対象者", "household": "世帯員", "others": "対象者以外の世帯員", "claimant": "請求者"}
CLAIMANT_WORDS = {
    "applicant": "届出人（窓口に来た方。指定がなければ世帯主）",
    "head": "世帯主",
    "parent": "父母（父母ともにいれば所得の高い方。わからなければ質問）",
    "guardian": "保護者（児童の父母。父母ともにいれば窓口に来た方）",
    "funeral_host": "葬儀を行った方（喪主）",
    "recipient": "児童手当の受給者（受給者の死亡は届出人）",
    "support_recipient": "児童扶養手当の受給者（婚姻・転出する大人のうち。1人ならその方、わからなければ質問。受給者の死亡は届出人）",
}


def grade_word(grade: int) -> str:
    """学年 as 学校教育法 counts it: 1-6 小学校, 7-9 中学校, 0 and below before school."""
    if 1 <= grade <= 6:
        return f"小学{grade}年"
    if 7 <= grade <= 9:
        return f"中学{grade - 6}年"
    if grade >= 10:
        return f"高校{grade - 9}年相当"
    return "小学校入学前の年度" if grade == 0 else f"小学校入学の{1 - grade}年前の年度"


@dataclass(frozen=True)
class Wording:
    facts: Mapping[str, FactDef]
    params: Mapping[str, Any]  # in force on `on`
    on: date

    def number(self, value: object) -> tuple[str, str]:
        """A number of a condition and, for a parameter, the note saying where it comes from."""
        if isinstance(value, dict) and set(value) == {"param"}:
            name = str(value["param"])
            return self.value(self.params.get(name)), f"（市町村パラメータ {name} の{self.on.isoformat()}現在の値）"
        return str(value), ""

    @staticmethod
    def value(value: object) -> str:
        if isinstance(value, bool):
            return "有効" if value else "無効"
        return "未設定" if value is None else str(value)

    def fact(self, fact_id: str, expected: object) -> str:
        fact = self.facts[fact_id]
        question = fact.prompt.replace("{name}さん", "本人")
        if fact.kind is FactKind.BOOL:
            answer = fact.label_of("true" if expected is True else "false")
        elif fact.kind is FactKind.INT and isinstance(expected, dict):
            answer = "".join(f"{v}以上" if k == "gte" else f"{v}未満" for k, v in expected.items())
        elif fact.kind is FactKind.DATE:
            answer = "日付がわかっている"
        elif fact.kind is FactKind.MULTI and expected == "any":
            answer = "いずれかがある"
        elif fact.kind is FactKind.MULTI and expected == fact.none_value:
            answer = "ない"
        else:
            values = expected if isinstance(expected, list) else [expected]
            answer = "・".join(fact.label_of(str(v)) for v in values)
        return f"「{question}」が{answer}"

    def words(self, node: object, about: str) -> str:
        """The condition as one Japanese phrase (nested parts in 【】)."""
        if node is None:
            return "条件なし（いつでも）"
        if isinstance(node, list):
            node = {"all": node}
        assert isinstance(node, dict) and len(node) == 1
        ((key, arg),) = node.items()
        inner = self._quantified(key, arg, about)
        return inner if inner is not None else self._atom(key, arg)

    def _quantified(self, key: str, arg: Any, about: str) -> str | None:
        if key in ("all", "any"):
            parts = [self.words(n, about) for n in arg]
            if len(parts) == 1:
                return parts[0]
            return "【" + ("、かつ、" if key == "all" else "、または、").join(parts) + "】"
        if key == "not":
            return f"次に当たらない: {self.words(arg, about)}"
        ranges = {"any_member": _RANGE_WORDS[about], "any_subject": "対象者", "any_other": "対象者以外の世帯員"}
        if key in ranges:
            return f"{ranges[key]}のうち誰かが {self.words(arg, about)}"
        if key == "claimant":
            return f"請求者が {self.words(arg, about)}"
        if key == "parent_claimant":
            return f"児童を養育する親（児童手当の請求者となる父母）が {self.words(arg, about)}"
        if key in ("count_members", "count_others"):
            who = _RANGE_WORDS[about] if key == "count_members" else "対象者以外の世帯員"
            return f"{who}のうち{arg['at_least']}人以上が {self.words(arg['where'], about)}"
        return None

    def _atom(self, key: str, arg: Any) -> str:
        if key == "fact":
            ((fact_id, expected),) = arg.items()
            return self.fact(str(fact_id), expected)
        if key == "param":
            name, expected = (arg, True) if isinstance(arg, str) else next(iter(arg.items()))
            return (f"市町村パラメータ {name} が{self.value(expected)}"
                    f"（{self.on.isoformat()}現在 {self.value(self.params.get(name))}）")
        if key == "age":
            bounds = [(self.number(v), "以上" if k == "gte" else "未満") for k, v in arg.items()]
            text = "".join(f"{n}歳{word}" for (n, _), word in bounds)
            notes = "".join(note for (_, note), _ in bounds)
            return f"年齢が{text}（年齢計算ニ関スル法律：誕生日の前日に加齢）{notes}"
        if key == "child_until_march31_after":
            years, note = self.number(arg)
            return f"{years}歳に達した後の最初の3月31日まで{note}"
        if key == "late_elderly_age":
            return "75歳の誕生日以後" if arg else "75歳の誕生日より前"
        if key == "next_day":
            ((inner_key, inner_arg),) = arg.items()
            return f"翌日（資格が変わる日）に{self._atom(inner_key, inner_arg)}"
        if key == "school_grade":
            low, high = (int(self.number(g)[0]) for g in arg)
            if low == high:
                return f"学年が{grade_word(low)}（学校教育法17条）"
            return f"学年が{grade_word(low)}〜{grade_word(high)}（学校教育法17条）"
        if key == "sex":
            return {"male": "男性", "female": "女性"}.get(arg, "性別の記載なし")
        if key == "is_subject":
            return "異動の対象者である" if arg else "異動の対象者でない"
        if key == "is_claimant":
            return "請求者である" if arg else "請求者でない"
        if key == "claimant_outside":
            return ("請求者が世帯の外の方（その方の住所地で請求する。児童手当法7条1項）" if arg
                    else "請求者が世帯の中にいる")
        if key == "visit_on_or_after_event":
            return "来庁日が異動日の当日以降" if arg else "来庁日が異動日より前（または来庁日の指定なし）"
        if key == "whole_household":
            return ("世帯全員が異動する（残る世帯員・すでに住んでいる世帯員がいない）" if arg
                    else "一部の世帯員だけが異動する")
        raise ValueError(key)  # the catalog loader refuses any other key
