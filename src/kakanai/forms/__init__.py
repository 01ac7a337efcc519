"""Printed forms and the guidance sheet (ReportLab: the only importer of reportlab).

    library = FormLibrary(paths.forms_dir())
    documents = render_reception(library, reception, plan, MunicipalityInfo("見本市", "見本市長"), today)

Which documents a plan prints is decided in one place (kakanai.forms.documents), what the counter asks for
them in another (kakanai.forms.inputs: the forms' own `inputs:`), and where every field's value comes from
in kakanai.forms.coverage.

Imports only kakanai.model and kakanai.paths: the plan comes from kakanai.rules through kakanai.app or the
CLI (forms never imports the rules)."""

from kakanai.forms.bindings import MunicipalityInfo
from kakanai.forms.check import check_forms
from kakanai.forms.definition import FormDefinition, FormDefinitionError
from kakanai.forms.errors import FormError, GlyphMissingError, TextOverflowError
from kakanai.forms.library import FormLibrary
from kakanai.forms.reception import render_reception
from kakanai.forms.render import RenderedDocument, render_form, render_plan_forms

__all__ = [
    "FormDefinition",
    "FormDefinitionError",
    "FormError",
    "FormLibrary",
    "GlyphMissingError",
    "MunicipalityInfo",
    "RenderedDocument",
    "TextOverflowError",
    "check_forms",
    "render_form",
    "render_plan_forms",
    "render_reception",
]
