"""`kakanai forms check`: the fonts load, every definition loads (FormLoader.load: the schema, bindings,
every box on the page, the template a readable PDF — the same checks `render` runs), and the label font
covers every printed label character."""

from __future__ import annotations

from pathlib import Path

from kakanai.forms.definition import FormDefinition, FormDefinitionError, FormLoader
from kakanai.forms.errors import FontError
from kakanai.forms.fonts import FontRole, load_font


def check_definition(form: FormDefinition) -> list[str]:
    """What only the fonts can tell (the layout itself was checked by FormLoader.load, the same check
    `render` runs): every printed label character has a glyph in the label font."""
    problems: list[str] = []
    label_font = load_font(FontRole.LABEL)
    for item in form.items:
        texts = [item.text, item.label, *(c.label for c in item.columns), *(t for _, t in item.options)]
        for text in texts:
            for ch in label_font.missing(text):
                problems.append(f"{form.source}: 見出し「{text}」の文字「{ch}」（U+{ord(ch):04X}）が見出し用フォントにありません")
    return problems


def check_forms(folder: Path) -> tuple[list[str], int]:
    """(problems, number of definitions checked)."""
    loader = FormLoader(folder)
    problems: list[str] = []
    for role in FontRole:  # a missing or broken font stops every render: reported before anything else
        try:
            load_font(role)
        except FontError as exc:
            return [str(exc)], 0
    paths = sorted(folder.glob("*.yaml"))
    for path in paths:
        try:
            form = loader.load(path)
        except FormDefinitionError as exc:
            problems.append(str(exc))
            continue
        problems.extend(check_definition(form))
    return problems, len(paths)
