"""The composition root of the counter: the rule book, the card reader, the renderer, the recorder and the
settings, built once at start-up and handed to the UI. Everything the UI does goes through here or through
the ReceptionSession it creates."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kakanai.app.cardreader import CardReaderPort, PcscCardReader, SimulatedCardReader
from kakanai.app.characters import GlyphProblem, find_glyph_problems
from kakanai.app.demo import DemoError, DemoResidents, load_demo
from kakanai.app.documents import DocumentRenderer
from kakanai.app.forminputs import InputField, needed_inputs
from kakanai.app.recording import JsonLinesRecorder, NullRecorder, ReceptionRecorder
from kakanai.app.settings import CounterSettings, config_dir
from kakanai.app.workflow import ReceptionSession
from kakanai.model import Reception, Who
from kakanai.rules import RuleBook, RuleFileError, load_rulebook

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogEntry:
    """A procedure the clerk may add to a plan."""

    id: str
    title: str
    per_person: bool
    department: str


class StartupError(RuntimeError):
    """The counter cannot start (a broken rule file); the message is Japanese and names the file."""


@dataclass
class CounterServices:
    book: RuleBook
    settings: CounterSettings
    reader: CardReaderPort
    recorder: ReceptionRecorder
    renderer: DocumentRenderer | None = None
    demo: DemoResidents | None = None
    warnings: list[str] = field(default_factory=list)
    today: Callable[[], date] = date.today

    @property
    def demo_mode(self) -> bool:
        return self.demo is not None

    @property
    def simulator(self) -> SimulatedCardReader | None:
        return self.reader if isinstance(self.reader, SimulatedCardReader) else None

    def new_session(self) -> ReceptionSession:
        return ReceptionSession(self.book.plan, today=self.today, idle_seconds=self.settings.idle_seconds,
                                office=self.settings.office or None)

    def validate(self, reception: Reception) -> None:
        """The QR intake's check of fact ids and values against the catalog (raises ReceptionError)."""
        self.book.validate_reception(reception)

    def catalog(self, day: date) -> list[CatalogEntry]:
        departments = self.book.municipality.departments
        out = []
        for proc in self.book.procedures_on(day):
            dept = departments.get(proc.department)
            out.append(CatalogEntry(proc.id, proc.title, proc.who is Who.PERSON,
                                    dept.name if dept is not None else proc.department))
        return out

    def inputs_for(self, session: ReceptionSession) -> tuple[InputField, ...]:
        if session.plan is None:
            return ()
        return needed_inputs(session.reception(), session.plan)

    def glyph_problems(self, session: ReceptionSession) -> tuple[GlyphProblem, ...]:
        if self.renderer is None or not session.members:
            return ()
        return find_glyph_problems(session.reception(), self.renderer.missing_glyphs)

    def offices(self) -> list[tuple[str, str]]:
        """(id, name) of every office; the main office's id is "" (the settings' default)."""
        return [("" if o.main else o.id, o.name) for o in self.book.municipality.offices.values()]

    def close(self) -> None:
        self.reader.close()


def build_services(settings: CounterSettings, *, demo: bool, renderer: DocumentRenderer | None = None,
                   recorder: ReceptionRecorder | None = None) -> CounterServices:
    warnings: list[str] = []
    municipality = Path(settings.municipality_file) if settings.municipality_file else None
    try:
        book = load_rulebook(municipality_file=municipality)
    except RuleFileError as exc:
        if municipality is None:
            raise StartupError(f"規則ファイルの誤り: {exc}") from None
        warnings.append(f"市町村パラメータを読めないため既定の設定を使います（{exc}）")
        book = load_rulebook()
    except OSError as exc:
        warnings.append(f"市町村パラメータのファイルを開けないため既定の設定を使います（{exc}）")
        book = load_rulebook()
    if settings.office and settings.office not in book.municipality.offices:
        warnings.append(f"庁舎「{settings.office}」は市町村パラメータにありません。本庁として受け付けます")
    residents = None
    reader: CardReaderPort
    if demo:
        reader = SimulatedCardReader()
        try:
            residents = load_demo()
        except DemoError as exc:
            warnings.append(str(exc))
            residents = DemoResidents((), (), ())
    else:
        reader = PcscCardReader(settings.reader)
    if recorder is None:
        recorder = NullRecorder() if demo else JsonLinesRecorder(config_dir() / "receptions.jsonl")
    return CounterServices(book=book, settings=settings, reader=reader, recorder=recorder, renderer=renderer,
                           demo=residents, warnings=warnings)
