"""`kakanai forms check`: every definition loads, every binding exists, every box is on the page, the
label font covers every printed label character, every declared input is printed somewhere and asked the
same way on every form, and every field is accounted for (kakanai.forms.coverage)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from kakanai.forms.coverage import coverage_problems
from kakanai.forms.definition import FormDefinition, FormDefinitionError, FormInput, FormLoader, Item
from kakanai.forms.fonts import FontRole, load_font
from kakanai.forms.inputs import form_bindings, input_of


def _extent(item: Item) -> tuple[float, float]:
    if item.kind == "rows":
        return item.x + sum(c.w for c in item.columns), item.y + 6 + item.rows * item.row_h
    if item.kind == "line":
        return max(item.x, item.x2), max(item.y, item.y2)
    return item.x + item.w, item.y + item.h


def check_definition(form: FormDefinition) -> list[str]:
    problems: list[str] = []
    pw, ph = form.page_mm
    label_font = load_font(FontRole.LABEL)
    for item in form.items:
        right, bottom = _extent(item)
        name = item.id or item.label or item.text or item.kind
        if item.x < 0 or item.y < 0 or right > pw + 1e-6 or bottom > ph + 1e-6:
            problems.append(f"{form.source}: 「{name}」が用紙の外にはみ出しています（{right:.1f}×{bottom:.1f}mm）")
        if item.kind in ("field", "office", "signature", "rect") and (item.w <= 0 or item.h <= 0):
            problems.append(f"{form.source}: 「{name}」の幅と高さを指定してください")
        texts = [item.text, item.label, *(c.label for c in item.columns), *(t for _, t in item.options)]
        for text in texts:
            for ch in label_font.missing(text):
                problems.append(f"{form.source}: 見出し「{text}」の文字「{ch}」（U+{ord(ch):04X}）が見出し用フォントにありません")
    x, y, size = form.backoffice
    if x + size > pw or y + size > ph:
        problems.append(f"{form.source}: 事務処理用コードが用紙の外にあります")
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
