"""All the documents of one reception, in print order: the forms, then the guidance sheet."""

from __future__ import annotations

from datetime import date

from kakanai.forms.bindings import MunicipalityInfo
from kakanai.forms.guidance import render_guidance
from kakanai.forms.library import FormLibrary
from kakanai.forms.render import RenderedDocument, render_plan_forms
from kakanai.model import Plan, Reception
from kakanai.model.i18n import ResidentTexts


def render_reception(library: FormLibrary, reception: Reception, plan: Plan, municipality: MunicipalityInfo,
                     today: date, *, large_print: bool = False, counter_name: str = "",
                     texts: ResidentTexts | None = None, reception_code: str = "") -> list[RenderedDocument]:
    """`texts`: the resident's language for the guidance sheet (the forms stay Japanese); `reception_code`:
    the guidance sheet's continuation code (kakanai.qr.codes.reception_code)."""
    documents = render_plan_forms(library, reception, plan, municipality, today)
    documents.append(render_guidance(reception, plan, municipality.name, today, large_print=large_print,
                                     counter_name=counter_name, texts=texts, reception_code=reception_code))
    return documents
