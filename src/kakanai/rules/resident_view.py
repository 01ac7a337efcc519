"""What the resident screen shows (issue 19): a frozen view of one reception and its plan in the resident's
language, built from the rule book's texts (kakanai.rules.resident_texts). The window
(kakanai.ui.resident_screen) only lays it out in large print; the counter (kakanai.app.resident_view)
records the resident's confirmation of exactly this view.

The screen faces the resident, so it shows only this reception's members as read (name, birth date in 和暦
and western, address) and its plan with the plain reasons; every line says which language it is really in,
so a line the catalog lacks is marked (※, the Japanese fallback of kakanai.model.i18n) rather than hidden."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from kakanai.model import Household, Person, Plan, Reception
from kakanai.model.i18n import (
    N_,
    SOURCE,
    ResidentTexts,
    Text,
    UnknownLanguageError,
    available_languages,
    load_catalog,
)
from kakanai.model.wareki import format_wareki
from kakanai.rules.book import RuleBook
from kakanai.rules.resident_texts import resident_texts

HEADING = N_("内容をご確認ください")
MEMBERS = N_("お名前・生年月日・住所")
BIRTH = N_("生年月日：{wareki}（{western}）")
ADDRESS = N_("住所：{address}")
NEW_ADDRESS = N_("新しい住所：{address}")
PLAN = N_("今日の手続と理由")
CONFIRM = N_("確認しました")
WRONG = N_("違うところがあれば、職員に伝えてください")
FALLBACK = N_("※の行は、日本語で表示しています")
WAITING = "次の方の受付を準備しています"  # the empty screen: Japanese only, nobody's language yet


@dataclass(frozen=True)
class ResidentLine:
    text: str  # what the resident reads
    japanese: str  # the Japanese it says (shown beside it for the clerk; "" for names and addresses)
    fallback: bool  # not in the resident's language: marked ※
    lead: bool = False  # the first line of an item (a member's name, a procedure's title): shown bold

    @classmethod
    def of(cls, text: Text, language: str, *, lead: bool = False) -> ResidentLine:
        return cls(text.text, text.source, text.is_fallback_for(language) and language != SOURCE, lead)

    @classmethod
    def data(cls, text: str, *, lead: bool = False) -> ResidentLine:
        """The resident's own data (a name): shown as read, never translated."""
        return cls(text, "", False, lead)

    @classmethod
    def filled(cls, template: Text, language: str, **values: str) -> ResidentLine:
        """A program template (「住所：{address}」) filled with the resident's data."""
        return cls.of(template.filled(**values), language)


@dataclass(frozen=True)
class ResidentSection:
    title: ResidentLine
    lines: tuple[ResidentLine, ...]


@dataclass(frozen=True)
class ResidentView:
    language: str
    language_name: str
    heading: ResidentLine
    sections: tuple[ResidentSection, ...]
    confirm: ResidentLine  # the button's text
    note: ResidentLine  # what to do when something is wrong (or, empty, that the next one is awaited)

    @property
    def empty(self) -> bool:
        return not self.sections

    @property
    def has_fallback(self) -> bool:
        return any(line.fallback for line in self._lines())

    fallback_text: str = ""  # the footnote that explains ※, in the resident's language

    @property
    def fallback_note(self) -> str:
        return self.fallback_text if self.has_fallback else ""

    def _lines(self) -> Iterable[ResidentLine]:
        for section in self.sections:
            yield section.title
            yield from section.lines

    @property
    def digest(self) -> str:
        """What exactly was shown (and so confirmed): SHA-256 over the language and every line."""
        h = hashlib.sha256(self.language.encode())
        for line in self._lines():
            h.update(b"\x1f" + line.text.encode())
        return h.hexdigest()


def language_choices() -> tuple[tuple[str, str], ...]:
    """(code, name in its own script) of every language with a catalog, for the clerk's language choice."""
    return tuple((code, load_catalog(code).name) for code in available_languages())


def empty_view() -> ResidentView:
    return ResidentView(SOURCE, load_catalog(SOURCE).name, ResidentLine.data(""), (), ResidentLine.data(""),
                        ResidentLine.data(WAITING))


def resident_view(book: RuleBook, reception: Reception | None, plan: Plan | None) -> ResidentView:
    """The screen of one reception: nothing at all without members (a cleared reception shows nothing)."""
    if reception is None or not reception.members:
        return empty_view()
    try:
        texts = resident_texts(book, reception.language)
    except UnknownLanguageError:
        texts = resident_texts(book, SOURCE)
    language = texts.language

    def program(source: str) -> ResidentLine:
        return ResidentLine.of(texts.program(source), language)

    member_lines = [line for p in reception.members for line in _member_lines(texts, p, reception.household)]
    new_address = reception.household.address
    if new_address and any(p.address and p.address != new_address for p in reception.members):
        # A move-in: the cards still hold the previous address; the resident checks the new one too.
        member_lines.append(ResidentLine.filled(texts.program(NEW_ADDRESS), language, address=new_address))
    members = ResidentSection(program(MEMBERS), tuple(member_lines))
    sections = [members]
    if plan is not None and plan.procedures:
        lines: list[ResidentLine] = []
        for p in plan.procedures:
            lines.append(ResidentLine.of(texts.title(p), language, lead=True))
            lines.append(ResidentLine.of(texts.reason(p), language))
        sections.append(ResidentSection(program(PLAN), tuple(lines)))
    return ResidentView(language, texts.catalog.name, program(HEADING), tuple(sections), program(CONFIRM),
                        program(WRONG), texts.program(FALLBACK).text)


def _member_lines(texts: ResidentTexts, person: Person, household: Household) -> tuple[ResidentLine, ...]:
    born, language = person.birth_date, texts.language
    lines = [ResidentLine.data(person.name, lead=True),
             ResidentLine.filled(texts.program(BIRTH), language, wareki=format_wareki(born), western=born.isoformat())]
    address = person.address or household.address
    if address:
        lines.append(ResidentLine.filled(texts.program(ADDRESS), language, address=address))
    return tuple(lines)
