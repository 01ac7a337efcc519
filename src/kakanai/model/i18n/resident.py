"""The resident-facing texts of a plan in the resident's language, each keyed by the stable id of the rule
it belongs to (msgctxt `title:<procedure id>`, `reason:…`, `bring:…`, `deadline:…`, `department:<key>`…)
with the Japanese text as msgid: a translation is used only while the rule says exactly what it translated,
so it never drifts from its rule (an edited rule text falls back, marked, until it is translated again).

A reason is printed from its template (catalog `reason:`) with the placeholders filled by the planner
(reasons.py: 「長女 花子さん（7歳）」): the filled Japanese reason is matched back to its template and the
people named in it are re-worded in the resident's language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from kakanai.model.i18n.catalog import N_, SOURCE, Catalog, Text
from kakanai.model.ids import LifeEvent
from kakanai.model.plan import PlannedProcedure

# The person words of reasons.py and relationship.py, translated as program text.
RELATION_WORDS = (N_("世帯主"), N_("夫"), N_("妻"), N_("配偶者"), N_("父"), N_("母"), N_("親"), N_("子"),
                  N_("その他"), N_("長男"), N_("次男"), N_("三男"), N_("長女"), N_("次女"), N_("三女"))
SON, DAUGHTER = N_("息子"), N_("娘")  # the fourth son and later: no ordinal word
LABEL = N_("{word} {name}さん（{age}歳）")
LABEL_NO_WORD = N_("{name}さん（{age}歳）")
LABEL_DECEASED = N_("{word} {name}様（{age}歳）")  # the deceased (おくやみ): 様, never さん
LABEL_DECEASED_NO_WORD = N_("{name}様（{age}歳）")
AND_OTHERS = N_("ほか{n}人")
OUTSIDE = N_("世帯外の方")
LIST_SEPARATOR = N_("、")
OR = N_("または")
PLACE_COUNTER = N_("{place} {counter}")  # where a counter is: 「本庁舎1階 1番窓口」
# Said after a deadline already past on the day of the visit (kakanai.rules.engine: the notice is accepted
# late; the clerk asks why, a 戸籍・住民票の届's delay being the court's 過料 matter, 戸籍法137条・住基法52条).
OVERDUE = N_("{note}。期限を過ぎています。届出はできます")
OVERDUE_SUFFIX = OVERDUE.removeprefix("{note}")
# A given name may hold any space and any letter (「TRAN VAN MINH」 is named 「VAN MINHさん」, 「グエン　ヴァン　アン」
# 「ヴァン　アンさん」, 「O'BRIEN MARY-JANE」 「MARY-JANEさん」), so a name is not a run of non-spaces: the 続柄
# word is one of the closed set kakanai.model.relationship writes (a child's birth order past 十 in digits,
# 「11男」) and the name is all up to the honorific and age that close every label. A word-less name
# (「VAN MINHさん」) is then never split into a 続柄 「VAN」 and a name 「MINH」.
_WORD = "|".join([*map(re.escape, sorted(RELATION_WORDS, key=len, reverse=True)),
                  r"(?:[長次三四五六七八九十]|\d+)[男女]"])
_LABEL = rf"(?:(?P<word>{_WORD}) )?(?P<name>.+?)(?P<honorific>さん|様)（(?P<age>\d+)歳）"
_JOINER = r"、|または|ほか(?P<n>\d+)人|世帯外の方"
_PERSON = re.compile(_LABEL, re.DOTALL)  # as the template patterns read it
_JOINERS = re.compile(_JOINER)
# A people placeholder ({person}, {members} …) in a template pattern: whole labels and joiners (their groups
# unnamed), so the template's text after it (「{members}が{subject}」) is never taken from inside a name
# (「長女 あがささん（7歳）が…」) and what the group holds always reads back.
_PEOPLE = "(?:{})+?".format(re.sub(r"\(\?P<\w+>", "(?:", f"{_JOINER}|{_LABEL}"))
_PEOPLE_FIELDS = frozenset({"person", "subject", "members", "claimant"})


@dataclass(frozen=True)
class Department:
    name: str
    counter: str
    place: str


@dataclass(frozen=True)
class ResidentTexts:
    """What the guidance sheet and `plan --lang` need: the catalog and, from the rules, every procedure's
    reason templates and deadline notes and the municipality's departments."""

    catalog: Catalog
    reason_templates: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    deadline_notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    departments: Mapping[str, Department] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.catalog.language

    def program(self, source: str) -> Text:
        return self.catalog.program(source)

    def title(self, p: PlannedProcedure) -> Text:
        return self.catalog.lookup(f"title:{p.id}", p.title)

    def bring(self, p: PlannedProcedure) -> tuple[Text, ...]:
        return tuple(self.catalog.lookup(f"bring:{p.id}", item) for item in p.bring)

    def event(self, event: LifeEvent) -> Text:
        return self.catalog.lookup(f"event:{event.value}", event.label)

    def deadline(self, p: PlannedProcedure) -> Text:
        """The rule's note; the planner's additions (「（5/9は土曜日…のため翌開庁日）」) are already in the
        date printed, so the resident reads the rule's note alone."""
        if self.language == SOURCE:
            return Text(p.deadline_note, p.deadline_note, SOURCE)
        stated = p.deadline_note.removesuffix(OVERDUE_SUFFIX)
        for note in self.deadline_notes.get(p.id, ()):
            if stated == note or stated.startswith(note + "（"):
                found = self.catalog.lookup(f"deadline:{p.id}", note)
                if found.language == SOURCE:
                    return Text(p.deadline_note, p.deadline_note, SOURCE)
                late = stated != p.deadline_note
                text = self.program(OVERDUE).text.format(note=found.text) if late else found.text
                return Text(text, p.deadline_note, found.language)
        return Text(p.deadline_note, p.deadline_note, SOURCE)

    def department(self, p: PlannedProcedure) -> tuple[Text, Text]:
        """The department and where it is (place and counter, as the plan's `counter`)."""
        dept = self.departments.get(p.department)
        name = self.catalog.lookup(f"department:{p.department}", p.department_name) if dept else \
            Text(p.department_name, p.department_name, SOURCE)
        if dept is None or p.counter != " ".join(x for x in (dept.place, dept.counter) if x):
            return name, Text(p.counter, p.counter, SOURCE)
        parts = [self.catalog.lookup(f"place:{p.department}", dept.place),
                 self.catalog.lookup(f"counter:{p.department}", dept.counter)]
        language = next((t.language for t in parts if t.language != self.language and t.text), self.language)
        shown = self.program(PLACE_COUNTER).text.format(place=parts[0].text, counter=parts[1].text) \
            if all(t.text for t in parts) else " ".join(t.text for t in parts if t.text)
        return name, Text(shown, p.counter, language)

    def reason(self, p: PlannedProcedure) -> Text:
        if self.language == SOURCE:  # the reason as planned (and no pattern compiled: ~0.1 s on a first sheet)
            return Text(p.reason, p.reason, SOURCE)
        for template, pattern in self._patterns.get(p.id, ()):
            match = pattern.fullmatch(p.reason)
            if match is None:
                continue
            found = self.catalog.lookup(f"reason:{p.id}", template)
            if found.language == SOURCE:
                break
            fields: dict[str, str] = {}
            for key, value in match.groupdict().items():
                name = key.rsplit("_", 1)[0]
                words = self.people(value) if name in _PEOPLE_FIELDS else value
                if words is None:
                    return Text(p.reason, p.reason, SOURCE)
                fields[name] = self.event_label(value) if name == "event" else words
            try:
                return Text(found.text.format(**fields), p.reason, found.language)
            except (KeyError, IndexError, ValueError):  # a translator's broken placeholder: never a crash
                break
        return Text(p.reason, p.reason, SOURCE)

    def event_label(self, label: str) -> str:
        event = next((e for e in LifeEvent if e.label == label), None)
        return self.event(event).text if event is not None else label

    def people(self, value: str) -> str | None:
        """「世帯主 太郎さん（40歳）ほか3人」 in the resident's language; None when it cannot be read back."""
        out: list[str] = []
        at = 0
        while at < len(value):
            # Joiners first: a relationship word is any run of letters and would swallow 「または」.
            joiner = _JOINERS.match(value, at)
            if joiner is not None:
                if joiner.group("n"):
                    out.append(self.program(AND_OTHERS).text.format(n=joiner.group("n")))
                else:
                    word = {"、": LIST_SEPARATOR, "または": OR}.get(joiner.group(0), OUTSIDE)
                    out.append(self.program(word).text)
                at = joiner.end()
                continue
            person = _PERSON.match(value, at)
            if person is None:
                return None
            word, name, age = person.group("word"), person.group("name"), person.group("age")
            with_word, without = ((LABEL_DECEASED, LABEL_DECEASED_NO_WORD) if person.group("honorific") == "様"
                                  else (LABEL, LABEL_NO_WORD))
            if word:
                out.append(self.program(with_word).text.format(word=self.relation(word), name=name, age=age))
            else:
                out.append(self.program(without).text.format(name=name, age=age))
            at = person.end()
        return "".join(out)

    def relation(self, word: str) -> str:
        if word in RELATION_WORDS:
            return self.program(word).text
        if word.endswith(("男", "女")):
            return self.program(SON if word.endswith("男") else DAUGHTER).text
        return word

    @cached_property
    def _patterns(self) -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
        return {pid: tuple((t, template_pattern(t)) for t in templates)
                for pid, templates in self.reason_templates.items()}


def template_pattern(template: str) -> re.Pattern[str]:
    """A reason template as a pattern of its filled text: each placeholder a lazy group (the same placeholder
    twice must read the same)."""
    parts: list[str] = []
    seen: dict[str, str] = {}
    for i, piece in enumerate(re.split(r"(\{[a-z_]+\})", template)):
        if i % 2 == 0:
            parts.append(re.escape(piece.replace("{{", "{").replace("}}", "}")))
            continue
        name = piece[1:-1]
        if name in seen:
            parts.append(f"(?P={seen[name]})")
        else:
            seen[name] = group = f"{name}_{i}"
            parts.append(f"(?P<{group}>{_PEOPLE if name in _PEOPLE_FIELDS else '.+?'})")
    return re.compile("".join(parts), re.DOTALL)
