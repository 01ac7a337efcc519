"""docs/procedures.md's index lists, per life event, exactly the procedures whose triggers name that event,
with the modes and `about:` ranges the rules give them, so the project's procedure list cannot drift from
resources/rules (issue 14: "extend life-events.md's list in the project's own docs")."""

from __future__ import annotations

import re
from pathlib import Path

from kakanai.model.ids import LifeEvent
from kakanai.rules.book import load_rulebook

DOC = Path(__file__).resolve().parents[3] / "docs" / "procedures.md"
_ROW = re.compile(r"^\| `([a-z_]+)` \| [^|]+ \| ([a-z/]+) \| ([a-z/]+) \| ([a-z_]+) \|")


def _documented() -> dict[str, dict[str, tuple[str, str, str]]]:
    """event id -> procedure id -> (modes, about ranges, department) as the index section writes them."""
    index = DOC.read_text(encoding="utf-8").split("## Index per event", 1)[1]
    out: dict[str, dict[str, tuple[str, str, str]]] = {}
    event = ""
    for line in index.splitlines():
        if line.startswith("### "):
            event = line[4:].split()[0]
            out[event] = {}
        elif (m := _ROW.match(line)) is not None:
            out[event][m.group(1)] = (m.group(2), m.group(3), m.group(4))
    return out


def _from_rules() -> dict[str, dict[str, tuple[str, str, str]]]:
    out: dict[str, dict[str, tuple[set[str], set[str], str]]] = {e.value: {} for e in LifeEvent}
    for proc in load_rulebook().catalog.procedures:
        for trigger in proc.triggers:
            for event in trigger.events:
                modes, abouts, _ = out[event.value].setdefault(proc.id, (set(), set(), proc.department))
                modes.add((trigger.mode or proc.mode).value)
                abouts.add(trigger.about)
    return {event: {pid: ("/".join(sorted(m)), "/".join(sorted(a)), d) for pid, (m, a, d) in procs.items()}
            for event, procs in out.items()}


def test_every_event_has_its_section() -> None:
    assert sorted(_documented()) == sorted(e.value for e in LifeEvent)


def test_each_section_lists_exactly_the_procedures_of_that_event_with_their_modes() -> None:
    documented, rules = _documented(), _from_rules()
    for event in rules:
        assert documented[event] == rules[event], event


def test_the_issue_14_procedures_are_in_the_index() -> None:
    documented = _documented()
    assert "residence_status_acquisition" in documented["birth"]
    assert documented["death"]["surname_restoration"] == ("guidance", "others", "citizen")
    assert documented["divorce"]["child_surname_change_permission"] == ("guidance", "household", "family_court")
    assert documented["moving_out"]["mynumber_card_abroad"] == ("guidance", "subjects", "citizen")
    assert documented["birth"]["birth_registration"] == ("here", "subjects", "citizen")
