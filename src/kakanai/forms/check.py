"""`kakanai forms check`: the fonts load, every definition loads (FormLoader.load: the schema, bindings,
every box on the page, the template a readable PDF — the same checks `render` runs), the label font
covers every printed label character, every declared input is printed somewhere and asked the same way
on every form, and every field is accounted for (kakanai.forms.coverage)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from kakanai.forms.coverage import coverage_problems
from kakanai.forms.definition import FormDefinition, FormDefinitionError, FormInput, FormLoader
from kakanai.forms.errors import FontError
from kakanai.forms.fonts import FontRole, load_font
from kakanai.forms.inputs import form_bindings, input_of


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
    problems.extend(input_problems(form))
    problems.extend(coverage_problems(form))
    return problems


def input_problems(form: FormDefinition) -> list[str]:
    """A declared input no item prints would be asked for nothing (a binding to an undeclared input is
    refused when the definition loads)."""
    bound = {input_of(binding) for binding, _ in form_bindings(form)}
    return [f"{form.source}: 入力 {i.id}（{i.label}）は inputs: に宣言されていますが、どの欄にも印字されません"
            for i in form.inputs if i.id not in bound]


def consistency_problems(forms: list[FormDefinition]) -> list[str]:
    """The counter asks an input once for all the forms that print it: every form must declare it with the
    same scope and kind."""
    first: dict[str, tuple[FormInput, str]] = {}
    problems: list[str] = []
    for form in forms:
        for i in form.inputs:
            seen = first.setdefault(i.id, (i, form.id))
            if (seen[0].scope, seen[0].kind) != (i.scope, i.kind):
                problems.append(f"{form.source}: 入力 {i.id} の scope/kind（{i.scope}/{i.kind}）が様式 {seen[1]} の"
                                f"宣言（{seen[0].scope}/{seen[0].kind}）と違います")
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
    forms: list[FormDefinition] = []
    for path in paths:
        try:
            form = loader.load(path)
        except FormDefinitionError as exc:
            problems.append(str(exc))
            continue
        forms.append(form)
        problems.extend(check_definition(form))
    problems.extend(consistency_problems(forms))
    return problems, len(paths)


def pdf_text(pdf: bytes) -> str:
    """The text of every page (pages separated by form feeds), as a reader would copy it."""
    return "\f".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
