"""`kakanai forms inputs RECEPTION.json`: what the counter asks for that reception's forms, and
`kakanai forms coverage`: where every field of every form gets its value (kakanai.forms.coverage)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kakanai.cli.common import CliError, definitions_folder, print_json


def register(fsub: Any) -> None:
    i = fsub.add_parser("inputs", help="この受付で窓口が尋ねる申請書の記入事項を一覧にします")
    i.add_argument("reception", help="受付データ（JSON）")
    i.add_argument("--json", action="store_true")
    i.add_argument("--municipality", help="市町村パラメータのファイル")
    i.set_defaults(handler=run_inputs)
    c = fsub.add_parser("coverage", help="様式の各欄の値の出どころ（受付・入力・法令上本人が記入）を一覧にします")
    c.add_argument("--dir", help="様式定義のフォルダ（既定: forms/）")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=run_coverage)


def run_inputs(args: argparse.Namespace) -> int:
    from kakanai.cli.plan import plan_reception
    from kakanai.forms.documents import plan_documents
    from kakanai.forms.inputs import form_inputs_to_ask
    from kakanai.forms.library import form_library

    _, reception, plan = plan_reception(args)
    library = form_library()
    broken = next((d for d in plan_documents(library, reception, plan) if d.form is None), None)
    if broken is not None:  # what `kakanai render` would stop on: say so rather than list too little
        raise CliError("bad_form", f"様式定義の誤り: {broken.problem}")
    asked = form_inputs_to_ask(library, reception, plan)
    # A choice input also lists its options: the values that tick its boxes (several joined by 「、」).
    rows = [{"id": a.id, "scope": a.scope, "person": a.person, "label": a.label, "forms": list(a.forms),
             **({"options": list(a.options), "multiple": a.multiple} if a.kind == "choice" else {})}
            for a in asked]
    if args.json:
        print_json(rows)
        return 0
    names = {m.id: m.name for m in reception.members}
    for a in asked:
        who = f"（{names[a.person]}）" if a.person else ("（世帯共通）" if a.scope == "household" else "")
        sys.stdout.write(f"{a.id}\t{a.label}{who}\t{'、'.join(a.forms)}\n")
    return 0


def run_coverage(args: argparse.Namespace) -> int:
    from kakanai.forms import FormDefinitionError, FormLibrary
    from kakanai.forms.coverage import Coverage, form_coverage
    from kakanai.paths import forms_dir

    library = FormLibrary(definitions_folder(args.dir, "--dir") if args.dir else forms_dir())
    out: list[dict[str, Any]] = []
    for form_id in library.ids():
        try:
            form = library.get(form_id)
        except FormDefinitionError as exc:
            raise CliError("bad_form", f"様式定義の誤り: {exc}") from None
        fields = form_coverage(form)
        out.append({"form": form_id, "title": form.title,
                    "fields": [{"field": c.field, "kind": c.kind, "status": c.status.value, "binding": c.binding,
                                "reason": c.reason} for c in fields]})
    unasked = sum(1 for f in out for c in f["fields"] if c["status"] == Coverage.UNASKED.value)
    if args.json:
        print_json({"forms": out, "unasked": unasked})
    else:
        for f in out:
            counts: dict[str, int] = {}
            for c in f["fields"]:
                counts[c["status"]] = counts.get(c["status"], 0) + 1
            summary = "、".join(f"{k} {v}" for k, v in sorted(counts.items()))
            sys.stdout.write(f"{f['form']}（{f['title']}）: {summary}\n")
            for c in f["fields"]:
                if c["status"] in (Coverage.BY_LAW.value, Coverage.UNASKED.value):
                    sys.stdout.write(f"  {c['status']}: {c['field']}" + (f" — {c['reason']}" if c["reason"] else "")
                                     + "\n")
        sys.stdout.write(f"{'OK' if not unasked else 'NG'}: 誰も尋ねず空欄で印刷される欄 {unasked}件\n")
    return 0 if not unasked else 3
