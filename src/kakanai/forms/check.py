"""`kakanai forms check`: the fonts load, every definition loads (FormLoader.load: the schema, bindings,
every box on the page, the template a readable PDF — the same checks `render` runs), the label font
covers every printed label character, every declared input is printed somewhere and asked the same way
on every form, and every field is accounted for (kakanai.forms.coverage)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from pypdf import PdfReader

from kakanai.forms.choices import join_choices, split_choices
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
    problems = [f"{form.source}: 入力 {i.id}（{i.label}）は inputs: に宣言されていますが、どの欄にも印字されません"
                for i in form.inputs if i.id not in bound]
    return problems + choice_problems(form)


def choice_problems(form: FormDefinition) -> list[str]:
    """A choice input prints as ticks: only tick boxes (and circled `choice` items) may bind it, each box
    testing declared options, and every option must tick some box (else picking it would print nothing)."""
    choices = {i.id: i for i in form.inputs if i.kind == "choice"}
    problems: list[str] = []
    ticked: dict[str, set[str]] = {i: set() for i in choices}
    for item in form.items:
        name = item.id or item.label or item.text
        tests = [(item.value, item.when), *item.also] if item.kind == "checkbox" else []
        if item.kind == "choice":
            tests = [(item.value, tuple(v for v, _ in item.options))]
        for binding, when in tests:
            spec = choices.get(input_of(binding) or "")
            if spec is None:
                continue
            unknown = [w for w in when if w not in spec.options]
            if not when or unknown:
                problems.append(f"{form.source}: 「{name}」の when: {list(when)} は入力 {spec.id} の選択肢"
                                f"（{'、'.join(spec.options)}）から選びます")
            ticked[spec.id].update(when)
        for binding in [item.value] if item.kind == "field" else [c.value for c in item.columns]:
            if input_of(binding) in choices:
                problems.append(f"{form.source}: 選択の入力 {input_of(binding)} はチェックボックスで印字します（欄「{name}」）")
    for spec in choices.values():
        missing = [o for o in spec.options if o not in ticked[spec.id]]
        if missing:
            problems.append(f"{form.source}: 入力 {spec.id} の選択肢「{missing[0]}」に当たるチェックボックスがありません")
    return problems


def option_boxes(form: FormDefinition, input_id: str) -> dict[str, tuple[str, ...]]:
    """option -> the keys (in the back-office code's fields) of the tick boxes that option ticks."""
    out: dict[str, list[str]] = {}
    for item in form.items:
        if item.kind != "checkbox":
            continue
        for binding, when in ((item.value, item.when), *item.also):
            if input_of(binding) == input_id:
                for option in when:
                    out.setdefault(option, []).append(item.id or item.text)
    return {k: tuple(v) for k, v in out.items()}


def choice_shown(form: FormDefinition, input_id: str, value: str, sheets: Sequence[Mapping[str, str]]) -> bool:
    """Whether the rendered sheets show `value` of the choice input: every box of a picked option ticked on
    some sheet, and no box of an option not picked ticked anywhere (read from the back-office fields)."""
    picked = set(split_choices(value))
    boxes = option_boxes(form, input_id)

    def ticked(key: str) -> bool:
        return any(sheet.get(key) == "1" for sheet in sheets)

    shown = all(ticked(k) for option in picked for k in boxes.get(option, ())) and bool(picked & set(boxes))
    others = {k for option, keys in boxes.items() if option not in picked for k in keys}
    mine = {k for option in picked for k in boxes.get(option, ())}
    return shown and not any(ticked(k) for k in others - mine)


def input_marker(spec: FormInput, n: int) -> str:
    """A distinct value for the n-th input, to look for in the rendered form: a text marker, or for a choice
    an option (a multiple choice: its first and last options)."""
    if spec.kind != "choice":
        return f"記入{n:02d}"
    if spec.multiple and len(spec.options) > 1:
        return join_choices((spec.options[0], spec.options[-1]))
    return spec.options[-1]


def input_shown(form: FormDefinition, spec: FormInput, value: str, text: str,
                sheets: Sequence[Mapping[str, str]]) -> bool:
    """Whether a rendered document shows the input's value: in the text (whitespace removed), or, for a
    choice, as the ticks of the picked options (the tick is drawn, not text: read the back-office fields)."""
    if spec.kind == "choice":
        return choice_shown(form, spec.id, value, sheets)
    return value in text


def consistency_problems(forms: list[FormDefinition]) -> list[str]:
    """The counter asks an input once for all the forms that print it: every form must declare it with the
    same scope, kind and family_register (whether a foreign member takes the household's value)."""
    first: dict[str, tuple[FormInput, str]] = {}
    problems: list[str] = []
    for form in forms:
        for i in form.inputs:
            seen = first.setdefault(i.id, (i, form.id))
            if (seen[0].scope, seen[0].kind, seen[0].family_register) != (i.scope, i.kind, i.family_register):
                problems.append(f"{form.source}: 入力 {i.id} の scope/kind/family_register（{_declared(i)}）が様式 "
                                f"{seen[1]} の宣言（{_declared(seen[0])}）と違います")
            elif (seen[0].options, seen[0].multiple) != (i.options, i.multiple):
                problems.append(f"{form.source}: 入力 {i.id} の選択肢（{'、'.join(i.options)}）が様式 {seen[1]} の"
                                f"宣言（{'、'.join(seen[0].options)}）と違います。窓口は1度だけ尋ねるので同じにします")
    return problems


def _declared(spec: FormInput) -> str:
    return f"{spec.scope}/{spec.kind}/{'true' if spec.family_register else 'false'}"


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
