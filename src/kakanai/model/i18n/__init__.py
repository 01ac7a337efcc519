"""The resident's language (issue 19): gettext catalogs under resources/locales/, looked up with the
standard library only (every layer may use it). docs/i18n.md describes the catalogs and the commands."""

from kakanai.model.i18n.catalog import (
    EASY,
    N_,
    SHIPPED,
    SOURCE,
    Catalog,
    Text,
    UnknownLanguageError,
    available_languages,
    catalog_file,
    load_catalog,
    locales_dir,
)
from kakanai.model.i18n.resident import ResidentTexts

__all__ = ["EASY", "N_", "SHIPPED", "SOURCE", "Catalog", "ResidentTexts", "Text", "UnknownLanguageError",
           "available_languages", "catalog_file", "load_catalog", "locales_dir"]
