"""The forms part of `kakanai --selftest` (kakanai.cli.selftest): render the example reception's forms
and guidance sheet to PDF files with the installed renderer."""

from __future__ import annotations

from pathlib import Path

from kakanai.app.forms_adapter import forms_renderer
from kakanai.model import reception_from_json
from kakanai.paths import examples_dir
from kakanai.rules import load_rulebook


def render_example(out: Path) -> list[Path]:
    renderer = forms_renderer()
    if renderer is None:
        raise RuntimeError("様式の描画部品（kakanai.forms）がありません")
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    plan = load_rulebook().plan(reception)
    result = renderer.render(reception, plan)
    files = []
    for i, doc in enumerate(result.documents, start=1):
        path = out / f"{i:02d}_{doc.key}{'_' + doc.person if doc.person else ''}.pdf"
        path.write_bytes(doc.pdf)
        files.append(path)
    return files
