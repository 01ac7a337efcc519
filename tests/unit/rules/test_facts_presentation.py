"""The interview's presentation keys of facts.yaml (issue 17): shared, group, gentle_prompt, ask_after,
ask_first, one_of_prompt. They are read with the catalog and checked there, with the file and line of the fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from kakanai.rules.facts import FactGroup, load_facts
from kakanai.rules.yamlfile import RuleFileError

BASE = """facts:
  main_earner:
    scope: person
    kind: bool
    prompt: "{name}さんは所得の高い方ですか？"
  public_servant:
    scope: person
    kind: bool
    prompt: "{name}さんは公務員ですか？"
"""


def write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(BASE + extra, encoding="utf-8")
    return path


def test_the_presentation_keys_are_read(tmp_path: Path) -> None:
    facts = load_facts(write(tmp_path, """  single_parent:
    scope: household
    kind: bool
    prompt: ひとり親の世帯ですか？
    group: sensitive
    shared: true
    ask_first: true
    gentle_prompt: 差し支えなければ教えてください。
    ask_after: [main_earner, public_servant]
"""))
    single = facts["single_parent"]
    assert (single.group, single.shared, single.ask_first, single.gentle_prompt, single.ask_after) == (
        FactGroup.SENSITIVE, True, True, "差し支えなければ教えてください。", ("main_earner", "public_servant"))
    assert load_facts(write(tmp_path, "")) and load_facts(write(tmp_path, """  earner:
    scope: person
    kind: bool
    prompt: "{name}さんは所得の高い方ですか？"
    one_of_prompt: 所得の高い方はどなたですか？
"""))["earner"].one_of_prompt == "所得の高い方はどなたですか？"
    plain = facts["main_earner"]
    assert (plain.group, plain.shared, plain.ask_first, plain.gentle_prompt, plain.ask_after) == (
        FactGroup.PLAIN, False, False, "", ())


@pytest.mark.parametrize(("extra", "message"), [
    ("    ask_after: [main_eaner]\n", "事実 single_parent: ask_after の 'main_eaner' は知らない事実IDです"),
    ("    ask_after: main_earner\n", "事実 single_parent: ask_after は事実IDのリストです"),
    ("    group: private\n", "事実 single_parent: group は plain / sensitive のいずれかです（'private'）"),
    # A quoted or misspelt flag was read as false: the question silently lost its presentation.
    ("    shared: \"true\"\n", "事実 single_parent: shared は true / false です（'true'）"),
    ("    ask_first: 1\n", "事実 single_parent: ask_first は true / false です（1）"),
    ("    gentle_prompt: [お子さんを]\n", "事実 single_parent: gentle_prompt は文字列です（['お子さんを']）"),
    # A household's fact is one answer already: a choice among members makes sense only per person.
    ("    one_of_prompt: どちらですか？\n",
     "事実 single_parent: one_of_prompt は人ごとのはい/いいえ（scope: person, kind: bool）の事実に書きます"),
])
def test_a_wrong_presentation_key_names_the_fact_and_its_line(tmp_path: Path, extra: str, message: str) -> None:
    path = write(tmp_path, "  single_parent:\n    scope: household\n    kind: bool\n    prompt: ひとり親ですか？\n" + extra)
    with pytest.raises(RuleFileError) as err:
        load_facts(path)
    assert (err.value.where, err.value.message) == (f"{path}:11", message)


def test_ask_after_is_one_level_deep_so_that_nothing_waits_in_a_circle(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(BASE.replace('    prompt: "{name}さんは所得の高い方ですか？"\n',
                                 '    prompt: "{name}さんは所得の高い方ですか？"\n    ask_after: [public_servant]\n')
                    + "    ask_after: [main_earner]\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_facts(path)
    assert (err.value.where, err.value.message) == (
        f"{path}:3", "事実 main_earner: ask_after の 'public_servant' 自身に ask_after があります（1段まで）")
