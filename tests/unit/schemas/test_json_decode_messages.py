"""A file that is not JSON: the decoder's reason in Japanese, with the line and the column (it was the
decoder's English: 「JSONとして読めません（Expecting value、1列）」)."""

from __future__ import annotations

import pytest

from kakanai.model.jsonfile import line_of, load_json
from kakanai.model.schema import SchemaError


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("", 1, "値がありません、1列"),
    ('{\n  "a": 1,\n  b: 2}', 3, 'キーは "…" で囲みます、3列'),
    ('{"a" 1}', 1, "「:」がありません、6列"),
    ('{"a": 1\n "b": 2}', 2, "「,」がありません、2列"),
    ('{"a": "abc}', 1, '文字列の終わりの " がありません、7列'),
    ('{"a": "x\ty"}', 1, "文字列の中に改行やタブなどの制御文字があります（\\n などで書きます）、9列"),
    ('{"a": "\\q"}', 1, "\\ の後が正しくありません、8列"),
    ('{"a": "\\u12"}', 1, "\\u の後は16進数4桁です、9列"),
    ('{"a": 1}\n{"b": 2}', 2, "JSONの終わりの後に余分な文字があります、1列"),
    ('\ufeff{"a": 1}', 1, "先頭にBOMがあります、1列"),
])
def test_decode_problems_are_japanese(text: str, line: int, reason: str) -> None:
    with pytest.raises(SchemaError) as caught:
        load_json(text, "in.json")
    assert str(caught.value) == f"in.json:{line}: （ファイル全体）: JSONとして読めません（{reason}）"


@pytest.mark.parametrize(("field", "line"), [
    ("members[1].name", 5), ("members[1]", 5), ("members[0].facts.has_dog", 3), ("household.facts.x", 1),
    ("event", 1), ("members[7].name", 1), ("", 1),
])
def test_line_of_a_key_found_after_loading(field: str, line: int) -> None:
    text = '{"event": "birth", "members": [\n {"id": "p1",\n  "facts": {"has_dog": true}},\n\n {"name":\n "x"}]}'
    assert line_of(text, field) == line


def test_line_of_in_a_text_that_is_not_json() -> None:
    assert line_of("{", "members[0].name") == 0
