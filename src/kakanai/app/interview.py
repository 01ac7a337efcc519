"""The interview as the clerk meets it (issue 17, problem 3): a presentation of the plan's open questions,
never a second rule engine. The rules ask per person; here

- household questions come first, then answers likely shared by everyone, then each person's own;
- a per-person question that several members still have open, and whose answer is usually the same for a
  household (facts.yaml `shared: true`: 健康保険, 障害者手帳「なし」, 署名用電子証明書), is asked once as
  「全員 同じ」: the answer is written to each person's facts; an exception is answered per person (the
  clerk splits the question, or re-asks one person from the answered list). It is shared only among
  those offered the same values: past the 75th birthday the rules offer a grandparent's 健康保険 only
  後期高齢者医療, 生活保護 or 加入なし (facts.yaml `late_elderly_values`, 高確法50条・51条), so he is
  never answered 国保 with the family;
- a yes/no fact true of exactly one member (facts.yaml `one_of_prompt`: the higher earner of two parents,
  児童手当法4条3項) open for several is one choice among them: the one chosen true, the others false;
- yes/no questions open at the same time, the household's and each person's (their prompts name them),
  are one checklist card (「次のうち当てはまるものを選んでください」) in the household's place: each item
  is still its own fact answered true or false, so the rules see exactly the facts they would have seen
  one by one; an item never shown is never answered;
- a question whose fact waits on others (`ask_after:`) is held back while they are open: their answer may
  make it moot (only the claimant's 公務員 status matters, 児童手当法17条, so the main earner is asked
  first), and the rules then no longer ask it;
- a question whose answer decides which others are asked (`ask_first: true`: 健康保険, 公務員) comes
  first, with its checklist, so that the questions it opens come together (a death's 葬祭 question joins
  the household's checklist; after a birth, 児童手当 受給中 joins 証明書);
- sensitive questions (`group: sensitive`: ひとり親, 障害者手帳, 児童扶養手当) come last, together, gently
  worded. Whether they are asked at all is the rules' decision (a couple is not asked ひとり親:
  resources/rules, 40_child).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from kakanai.model import FactValue, Question
from kakanai.rules.facts import FactDef, FactGroup

SENSITIVE_LEAD = "ここからは、受けられる支援を確かめるための質問です。差し支えのない範囲でお答えください。"
EVERYONE = "全員"
CHECKLIST = "checklist"  # the kind (and fact) of a checklist card's question
CHECKLIST_PROMPT = "次のうち当てはまるものを選んでください"
NONE_APPLIES = "どれも当てはまらない"
CHECKLIST_MAX = 9  # keys 1-9 tick the items
# One answer as the session records it: (fact, member id or None for the household, value).
Answer = tuple[str, str | None, FactValue]


@dataclass(frozen=True)
class Ask:
    """One card of the interview: the question shown, and whom its answer is written to."""

    question: Question  # for 「全員 同じ」: person None and the everyone prompt; a checklist: kind CHECKLIST
    people: tuple[str, ...]  # the members answered for; () = the household
    sensitive: bool = False
    lead: str = ""  # said before the first sensitive question
    items: tuple[Question, ...] = ()  # a checklist's yes/no questions, each its own fact
    # A shared card for every member asked the fact (「全員 同じ」), or for some of them only (「同じ答え」:
    # those past the 75th birthday are offered other values and asked apart).
    everyone: bool = True
    one_of: bool = False  # a choice among `people` (values: their ids): the one chosen is true, the others false

    @property
    def together(self) -> str:
        """The card's heading before the names: 「全員 同じ」 or 「同じ答え」 (a number after the card's own
        number, 「2. 2人 同じ」, read as one)."""
        return f"{EVERYONE} 同じ" if self.everyone else "同じ答え"

    @property
    def shared(self) -> bool:
        return len(self.people) > 1 and not self.one_of

    @property
    def checklist(self) -> bool:
        return bool(self.items)

    @property
    def key(self) -> tuple[object, ...]:
        return (self.question.fact, self.question.person, self.people)

    def answers(self, value: FactValue) -> tuple[Answer, ...]:
        """The facts this card's answer records. A checklist's value is the tuple of the facts ticked:
        those are true, every other item shown false (「どれも当てはまらない」 = the empty tuple)."""
        if self.items:
            chosen = value if isinstance(value, tuple) else ()
            return tuple((q.fact, q.person, item_value(q) in chosen) for q in self.items)
        if self.one_of:
            return tuple((self.question.fact, person, person == value) for person in self.people)
        if self.shared:
            return tuple((self.question.fact, person, value) for person in self.people)
        return ((self.question.fact, self.question.person, value),)


def interview_asks(questions: Iterable[Question], names: Mapping[str, str], facts: Mapping[str, FactDef],
                   split: frozenset[str] = frozenset()) -> tuple[Ask, ...]:
    """The plan's questions as the interview asks them. `names` maps member id → name (as in prompts);
    `facts` is the catalog (how each fact is presented); `split` holds the facts the clerk chose to answer
    person by person."""
    household: list[Ask] = []
    shared: list[Ask] = []
    personal: list[Ask] = []
    sensitive: list[Ask] = []
    asked = tuple(questions)  # the plan's order: household first, then member by member
    open_facts = {q.fact for q in asked}
    asked = tuple(q for q in asked if not open_facts.intersection(_definition(facts, q).ask_after))
    by_fact: dict[str, list[Question]] = {}
    for q in asked:
        by_fact.setdefault(q.fact, []).append(q)
    grouped: set[tuple[str, tuple[str, ...]]] = set()
    for q in asked:
        definition = _definition(facts, q)
        delicate = definition.group is FactGroup.SENSITIVE
        if q.person is None:
            ask = Ask(replace(q, prompt=definition.gentle_prompt or q.prompt), (), delicate)
            (sensitive if delicate else household).append(ask)
            continue
        if definition.one_of_prompt and len(by_fact[q.fact]) > 1:
            if q is by_fact[q.fact][0]:  # one card, where the first of them was
                (sensitive if delicate else household).append(one_of(definition, by_fact[q.fact], names, delicate))
            continue
        same = [o for o in by_fact[q.fact] if o.values == q.values]  # 「全員 同じ」 among the same choices
        if definition.shared and q.fact not in split and len(same) > 1:
            if (q.fact, q.values) not in grouped:
                grouped.add((q.fact, q.values))
                people = tuple(o.person for o in same if o.person)
                everyone = len(same) == len(by_fact[q.fact])
                ask = Ask(shared_question(q, names, EVERYONE if everyone else f"この{len(people)}人"), people,
                          delicate, everyone=everyone)
                (sensitive if delicate else shared).append(ask)
            continue
        (sensitive if delicate else personal).append(Ask(q, (q.person,), delicate))
    sensitive = checklists(sensitive)
    if sensitive:
        sensitive[0] = replace(sensitive[0], lead=SENSITIVE_LEAD)
    # The household's and each person's yes/no questions share one checklist, where the first was (the
    # household's place): the 「全員 同じ」 cards come after it, then each person's other questions.
    plain = checklists([*household, *personal])
    first_part = {id(a) for a in household}
    ahead = [a for a in plain if id(a) in first_part or (a.checklist and a.items[0].person is None)]
    ordered = (*ahead, *shared, *(a for a in plain if a not in ahead), *sensitive)
    # The lone deciding questions (健康保険) before the checklist that holds a deciding item (公務員).
    first = tuple(sorted((a for a in ordered if any(_definition(facts, q).ask_first for q in a.items or (a.question,))),
                         key=lambda a: a.checklist))
    return (*first, *(a for a in ordered if a not in first))


def checklists(asks: list[Ask]) -> list[Ask]:
    """The yes/no asks (the household's and each person's, whose prompts name them) as one checklist card,
    where the first of them was; a lone yes/no question stays a はい/いいえ card. Nine items at most (the
    number keys): a tenth starts another card."""
    groups: list[list[Ask]] = [[]]
    group_of: dict[int, list[Ask]] = {}
    for ask in asks:
        if ask.question.kind == "bool" and not ask.shared:
            if len(groups[-1]) == CHECKLIST_MAX:
                groups.append([])
            groups[-1].append(ask)
            group_of[id(ask)] = groups[-1]
    out: list[Ask] = []
    for ask in asks:
        group = group_of.get(id(ask), [])
        if len(group) < 2:
            out.append(ask)
        elif ask is group[0]:
            items = tuple(a.question for a in group)
            people = {q.person for q in items}
            person = items[0].person if len(people) == 1 else None  # several: the card is the household's
            card = Question(fact=CHECKLIST, person=person, prompt=CHECKLIST_PROMPT,
                            values=tuple(item_value(q) for q in items), value_labels=tuple(q.prompt for q in items),
                            kind=CHECKLIST, asked_for=tuple(dict.fromkeys(p for q in items for p in q.asked_for)))
            out.append(Ask(card, (person,) if person else (), ask.sensitive, items=items))
    return out


def one_of(definition: FactDef, asked: list[Question], names: Mapping[str, str], sensitive: bool) -> Ask:
    """「児童の父母のうち、所得の高い方はどなたですか？ 1 山田　太郎 2 山田　花子」: one card for a fact true of
    exactly one of the members it is open for."""
    people = tuple(q.person for q in asked if q.person)
    card = Question(fact=definition.id, person=None, prompt=definition.one_of_prompt, values=people,
                    value_labels=tuple(names.get(p, p) for p in people), kind="choice",
                    asked_for=tuple(dict.fromkeys(p for q in asked for p in q.asked_for)))
    return Ask(card, people, sensitive, one_of=True)


def reasked(fact: FactDef, person: str | None,
            answered: Mapping[str, Mapping[str, FactValue]]) -> tuple[tuple[str, str | None, None], ...]:
    """The answers forgotten when the clerk asks one again (回答済み). A `one_of_prompt` fact is forgotten for
    every member who holds it (`answered`: member id -> facts), so that the choice between them comes back:
    re-asking one parent alone could leave neither of them the higher earner."""
    if fact.one_of_prompt and person is not None:
        return tuple((fact.id, member, None) for member, facts in answered.items() if fact.id in facts)
    return ((fact.id, person, None),)


def item_value(q: Question) -> str:
    """A checklist item's value (what its tick sends): the fact, and the person when it is one person's
    (two members' 公務員 may be on the same card)."""
    return q.fact if q.person is None else f"{q.fact}.{q.person}"


def shared_question(q: Question, names: Mapping[str, str], who: str) -> Question:
    """「山田　太郎さんの健康保険は？」 → 「全員の健康保険は？」 (the rules' own prompt, said once), or
    「この2人の健康保険は？」 for some of the members only (the card's heading names them)."""
    name = names.get(q.person or "", "")
    prompt = q.prompt.replace(f"{name}さん", who, 1) if name else q.prompt
    return replace(q, person=None, prompt=prompt)


def _definition(facts: Mapping[str, FactDef], q: Question) -> FactDef:
    """The catalog's entry of a question's fact (the plan asks only facts of the catalog)."""
    return facts[q.fact]
