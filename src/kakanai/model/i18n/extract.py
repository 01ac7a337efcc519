"""Babel extractors for the resident-facing texts of the rules (babel.cfg): each entry's msgctxt is the
stable id of the rule it belongs to (kakanai.model.i18n.resident), its msgid the Japanese text. Run by
`kakanai i18n extract` (= `pybabel extract -F babel.cfg …`, docs/i18n.md)."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml

from kakanai.model.i18n.catalog import FONT_CONTEXT, FONT_SOURCE, NAME_CONTEXT, NAME_SOURCE
from kakanai.model.ids import LIFE_EVENT_LABELS

# (line, funcname, message(s), comments), as Babel's extractors yield them: `pgettext` with a context.
Extracted = tuple[int, str, tuple[str, str], list[str]]


def _line_of(text: str, value: str) -> int:
    at = text.find(value)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _entries(text: str, items: Iterator[tuple[str, str, str]]) -> Iterator[Extracted]:
    for context, source, comment in items:
        if source:
            yield _line_of(text, source), "pgettext", (context, source), [comment] if comment else []


def _deadline_note(spec: object) -> str:
    return str(spec.get("note") or "") if isinstance(spec, dict) else ""


def _procedure_items(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    for proc in data.get("procedures") or ():
        pid = str(proc["id"])
        yield f"title:{pid}", str(proc.get("title") or ""), "procedure title"
        for item in proc.get("bring") or ():
            yield f"bring:{pid}", str(item), "what to bring"
        yield f"deadline:{pid}", _deadline_note(proc.get("deadline")), "deadline wording"
        for trigger in proc.get("triggers") or ():
            # Placeholders ({subject}, {person}, {members}, {claimant}: people; {name}, {age}, {event}) stay.
            yield f"reason:{pid}", str(trigger.get("reason") or ""), "reason: keep every {placeholder}"
            for item in trigger.get("bring") or ():
                yield f"bring:{pid}", str(item), "what to bring"
            yield f"deadline:{pid}", _deadline_note(trigger.get("deadline")), "deadline wording"


def _municipality_items(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    yield NAME_CONTEXT, NAME_SOURCE, "this language's own name, in its own script"
    yield FONT_CONTEXT, FONT_SOURCE, "font: latin, hangul, hanzi or ud-gothic"
    for event, label in LIFE_EVENT_LABELS.items():
        yield f"event:{event.value}", label, "life event"
    for key, dept in (data.get("departments") or {}).items():
        yield f"department:{key}", str(dept.get("name") or ""), "department"
        yield f"counter:{key}", str(dept.get("counter") or ""), "counter"
        yield f"place:{key}", str(dept.get("place") or ""), "where the counter is"


def _fact_items(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    # The pre-entry page's questions (resources/rules/facts.yaml), keyed by the fact's stable id.
    for fact_id, fact in (data.get("facts") or {}).items():
        yield f"question:{fact_id}", str(fact.get("prompt") or ""), "question: keep {name}"
        yield f"help:{fact_id}", str(fact.get("help") or ""), "question's help"
        for value, label in (fact.get("values") or {}).items():
            yield f"value:{fact_id}:{value}", str(label), "an answer"


def extract_facts(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
                  options: Mapping[str, Any]) -> Iterator[Extracted]:
    text = fileobj.read().decode("utf-8")
    yield from _entries(text, _fact_items(yaml.safe_load(text) or {}))


def extract_procedures(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
                       options: Mapping[str, Any]) -> Iterator[Extracted]:
    text = fileobj.read().decode("utf-8")
    yield from _entries(text, _procedure_items(yaml.safe_load(text) or {}))


def extract_municipality(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
                         options: Mapping[str, Any]) -> Iterator[Extracted]:
    text = fileobj.read().decode("utf-8")
    yield from _entries(text, _municipality_items(yaml.safe_load(text) or {}))
