"""`kakanai forms check`: every definition loads, every binding exists, every box is on the page, and the
label font covers every printed label character."""

from __future__ import annotations

from pathlib import Path

from kakanai.forms.definition import FormDefinition, FormDefinitionError, FormLoader, Item
from kakanai.forms.fonts import FontRole, load_font


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
    return problems


def check_forms(folder: Path) -> tuple[list[str], int]:
    """(problems, number of definitions checked)."""
    loader = FormLoader(folder)
    problems: list[str] = []
    paths = sorted(folder.glob("*.yaml"))
    for path in paths:
        try:
            form = loader.load(path)
        except FormDefinitionError as exc:
            problems.append(str(exc))
            continue
        problems.extend(check_definition(form))
    return problems, len(paths)
