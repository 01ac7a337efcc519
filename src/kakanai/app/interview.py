"""The interview as the clerk meets it (issue 17, problem 3): a presentation of the plan's open questions,
never a second rule engine. The rules ask per person; here

- household questions come first, then answers likely shared by everyone, then each person's own;
- a per-person question that several members still have open, and whose answer is usually the same for a
  household (健康保険, 障害者手帳「なし」, 署名用電子証明書), is asked once as 「全員 同じ」: the answer
  is written to each person's facts (`ReceptionSession.answer_all`); an exception is answered per person
  (the clerk splits the question, or re-asks one person from the answered list);
- sensitive questions (ひとり親, 障害者手帳, 児童扶養手当) come last, together, gently worded. Whether they
  are asked at all is the rules' decision (a couple is not asked ひとり親: resources/rules, 40_child).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from kakanai.model import Question

# Answers a household usually shares (health insurance through one employer, no handbook, the same card
# habits): asked once for everyone, with exceptions.
SHARED_FACTS = frozenset({"health_insurance", "disability_handbook", "uses_signing_certificate"})
# Personal circumstances: asked last and together, with a gentle lead-in, only when the rules need them.
SENSITIVE_FACTS = frozenset({"single_parent", "disability_handbook", "receives_child_support_allowance",
                             "child_support_allowance_recipient"})
GENTLE_PROMPTS = {
    "single_parent": "差し支えなければ教えてください。お子さんを、おひとりで育てていらっしゃいますか（ひとり親の世帯）？",
}
SENSITIVE_LEAD = "ここからは、受けられる支援を確かめるための質問です。差し支えのない範囲でお答えください。"
EVERYONE = "全員"


@dataclass(frozen=True)
class Ask:
    """One card of the interview: the question shown, and whom its answer is written to."""

    question: Question  # for 「全員 同じ」: person None and the everyone prompt
    people: tuple[str, ...]  # the members answered for; () = the household
    sensitive: bool = False
    lead: str = ""  # said before the first sensitive question

    @property
    def shared(self) -> bool:
        return len(self.people) > 1

    @property
    def key(self) -> tuple[object, ...]:
        return (self.question.fact, self.question.person, self.people)


def interview_asks(questions: Iterable[Question], names: Mapping[str, str],
                   split: frozenset[str] = frozenset()) -> tuple[Ask, ...]:
    """The plan's questions as the interview asks them. `names` maps member id → name (as in prompts);
    `split` holds the facts the clerk chose to answer person by person."""
    household: list[Ask] = []
    shared: list[Ask] = []
    personal: list[Ask] = []
    sensitive: list[Ask] = []
    asked = tuple(questions)  # the plan's order: household first, then member by member
    by_fact: dict[str, list[Question]] = {}
    for q in asked:
        by_fact.setdefault(q.fact, []).append(q)
    grouped: set[str] = set()
    for q in asked:
        delicate = q.fact in SENSITIVE_FACTS
        if q.person is None:
            ask = Ask(replace(q, prompt=GENTLE_PROMPTS.get(q.fact, q.prompt)), (), delicate)
            (sensitive if delicate else household).append(ask)
            continue
        same = by_fact[q.fact]
        if q.fact in SHARED_FACTS and q.fact not in split and len(same) > 1:
            if q.fact not in grouped:
                grouped.add(q.fact)
                ask = Ask(everyone_question(q, names), tuple(o.person for o in same if o.person), delicate)
                (sensitive if delicate else shared).append(ask)
            continue
        (sensitive if delicate else personal).append(Ask(q, (q.person,), delicate))
    if sensitive:
        sensitive[0] = replace(sensitive[0], lead=SENSITIVE_LEAD)
    return (*household, *shared, *personal, *sensitive)


def everyone_question(q: Question, names: Mapping[str, str]) -> Question:
    """「山田　太郎さんの健康保険は？」 → 「全員の健康保険は？」 (the rules' own prompt, said once)."""
    name = names.get(q.person or "", "")
    prompt = q.prompt.replace(f"{name}さん", EVERYONE, 1) if name else q.prompt
    return replace(q, person=None, prompt=prompt)
