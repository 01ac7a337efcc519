"""One language's catalog and the fallback chain (issue 19): the language, then やさしい日本語 (`ja-easy`),
then the Japanese source text. A text tells which language it is actually in, so the sheet can mark a
fallback visibly.

Layout (gettext's own): resources/locales/<folder>/LC_MESSAGES/kakanai.po (the catalog a translator edits)
and kakanai.mo (compiled by `kakanai i18n compile` / `pybabel compile`). A language code is BCP 47
(`zh-Hans`, `pt-BR`, `ja-easy`); its folder is the code with `_` for `-` (`zh_Hans`), as Babel names
locales. Adding a language is adding its folder with one .po file: no code (docs/i18n.md)."""

from __future__ import annotations

import gettext
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kakanai.paths import resources_dir

DOMAIN = "kakanai"
SOURCE = "ja"  # the rules' and the program's own text: msgid of every entry
EASY = "ja-easy"  # やさしい日本語: the first fallback (a resident reading some Japanese reads it best)
SHIPPED = ("ja", "ja-easy", "en", "zh-Hans", "ko", "vi", "pt-BR")
# Entries that describe the catalog itself: its language's name in its own script and the font it needs.
NAME_CONTEXT, NAME_SOURCE = "language:name", "日本語"
FONT_CONTEXT, FONT_SOURCE = "language:font", "ud-gothic"


def N_(text: str) -> str:
    """Marks a program text for `pybabel extract` (a default Babel keyword); translated where printed."""
    return text


def locales_dir() -> Path:
    return resources_dir() / "locales"


def folder_of(language: str) -> str:
    return language.replace("-", "_")


def catalog_file(language: str, suffix: str = ".po") -> Path:
    return locales_dir() / folder_of(language) / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def available_languages() -> tuple[str, ...]:
    """`ja` and every language with a catalog, in the shipped order, then the municipality's own."""
    found = {p.parent.parent.name.replace("_", "-") for p in locales_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return (SOURCE, *(code for code in SHIPPED if code in found),
            *sorted(found - set(SHIPPED) - {SOURCE}))


class UnknownLanguageError(ValueError):
    def __init__(self, language: str) -> None:
        self.language = language
        super().__init__(f"言語「{language}」の翻訳カタログがありません（使える言語: {'、'.join(available_languages())}）")


class CatalogDamagedError(Exception):
    """A compiled catalog (.mo) that cannot be read: empty, cut short, not a .mo, or unreadable. Not the
    user's input (the catalog is the program's or the municipality's): the caller says it and stops."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"翻訳カタログ（実行用の .mo）を読めません: {path}（空か壊れています）。"
                         "kakanai i18n compile を実行してください")


def _read_mo(mo: Path) -> gettext.GNUTranslations:
    """gettext's reader raises OSError for a wrong magic number or offsets past the end, struct.error for a
    file shorter than its header, UnicodeDecodeError (a ValueError) for text that is not its charset,
    LookupError for a charset Python does not know, ValueError for a Plural-Forms it cannot parse."""
    try:
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    except (OSError, struct.error, ValueError, LookupError, IndexError):
        raise CatalogDamagedError(mo) from None


class _Missing(gettext.NullTranslations):
    """The last fallback of a gettext catalog: tells the lookup that the entry is missing."""

    def gettext(self, message: str) -> str:
        raise KeyError(message)

    def pgettext(self, context: str, message: str) -> str:
        raise KeyError(message)


@dataclass(frozen=True)
class Text:
    text: str  # what the resident reads
    source: str  # the Japanese it translates (what staff at another counter read)
    language: str  # the language `text` is in: the requested one, or a fallback

    def is_fallback_for(self, language: str) -> bool:
        return self.language != language

    def filled(self, **values: str) -> Text:
        """A program template (「住所：{address}」) filled with the resident's own data, in both languages."""
        return Text(self.text.format(**values), self.source.format(**values), self.language)


class Catalog:
    """A language's compiled catalog with the fallback to ja-easy and ja."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._chain: list[tuple[str, gettext.GNUTranslations]] = []
        for code in dict.fromkeys((language, EASY)):
            if code == SOURCE:
                continue
            mo = catalog_file(code, ".mo")
            if not mo.is_file():
                if code == language:
                    raise UnknownLanguageError(language)
                continue
            translations = _read_mo(mo)
            translations.add_fallback(_Missing())
            self._chain.append((code, translations))

    def lookup(self, context: str | None, source: str) -> Text:
        """The entry (context = the rule's stable id, None for program text) in the first language of the
        chain that has it; the Japanese source when none has."""
        if not source:
            return Text("", "", self.language)
        for code, translations in self._chain:
            try:
                text = translations.pgettext(context, source) if context else translations.gettext(source)
            except KeyError:
                continue
            if text:
                return Text(text, source, code)
        return Text(source, source, SOURCE)

    def program(self, source: str) -> Text:
        return self.lookup(None, source)

    @property
    def name(self) -> str:
        """The language's name in its own script (日本語, English, 한국어 …)."""
        return self.lookup(NAME_CONTEXT, NAME_SOURCE).text if self.language != SOURCE else NAME_SOURCE

    @property
    def font(self) -> str:
        """The font family the catalog is printed in (a kakanai.forms.fonts.FontRole value)."""
        found = self.lookup(FONT_CONTEXT, FONT_SOURCE)
        return found.text if found.language == self.language else FONT_SOURCE


@cache
def load_catalog(language: str) -> Catalog:
    if language == SOURCE:
        return _source_catalog()
    return Catalog(language)


def _source_catalog() -> Catalog:
    catalog = Catalog.__new__(Catalog)
    catalog.language = SOURCE
    catalog._chain = []
    return catalog
