"""The composition root of the counter: the rule book, the card reader, the renderer, the recorder and the
settings, built once at start-up and handed to the UI. Everything the UI does goes through here or through
the ReceptionSession it creates."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kakanai.app.demo import DemoError, DemoResidents, load_demo
from kakanai.app.forms_adapter import asked_inputs, input_label, phone_input
from kakanai.app.settings import CounterSettings, config_dir
from kakanai.app.workflow import ReceptionSession
from kakanai.card.polling import CardReaderPort, PcscCardReader, SimulatedCardReader
from kakanai.model import FinishedReception, Reception
from kakanai.model.characters import GlyphProblem, find_glyph_problems
from kakanai.model.documents import DocumentRenderer
from kakanai.model.reception_edit import RELATIONSHIP_FACT
from kakanai.oserror_text import os_reason
from kakanai.rules import RuleBook, RuleFileError, load_rulebook
from kakanai.rules.book import CatalogEntry as CatalogEntry  # re-exported: the plan page names it
from kakanai.store import DEFAULT_OFFICE, DEFAULT_RETENTION_DAYS, StoreError
from kakanai.store.counter_recorder import SignedIn, StoreRecorder, open_counter_recorder
from kakanai.store.recorders import ReceptionRecorder, RecordContext, RecordError

if TYPE_CHECKING:
    from kakanai.forms.inputs import AskedInput

log = logging.getLogger(__name__)


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
        return self.book.addable(day)

    def relationship_choices(self) -> tuple[tuple[str, str], ...]:
        """The 続柄 the members step offers, (value, label), from the rule catalog's `relationship` fact."""
        fact = self.book.facts[RELATIONSHIP_FACT]
        return tuple(zip(fact.values, fact.value_labels, strict=True))

    def inputs_for(self, session: ReceptionSession) -> tuple[AskedInput, ...]:
        if session.plan is None:
            return ()
        return asked_inputs(session.reception(), session.plan)

    def phone_input(self, session: ReceptionSession) -> str | None:
        """The phone number's input id while it is still to ask (kakanai.app.forms_adapter.phone_input); None
        when the reception has it, or the forms planned print none."""
        if session.value is None or not session.members:
            return None
        key = phone_input(session.reception(), session.plan)
        return key if key is not None and not session.form_input(key) else None

    def glyph_problems(self, session: ReceptionSession) -> tuple[GlyphProblem, ...]:
        if self.renderer is None or not session.members:
            return ()
        return find_glyph_problems(session.reception(), self.renderer.missing_glyphs, input_label)

    def offices(self) -> list[tuple[str, str]]:
        """(id, name) of every office; the main office's id is "" (the settings' default)."""
        return [("" if o.main else o.id, o.name) for o in self.book.municipality.offices.values()]

    # -- records -------------------------------------------------------------------------------------
    @property
    def store_recorder(self) -> StoreRecorder | None:
        return self.recorder if isinstance(self.recorder, StoreRecorder) else None

    @property
    def needs_sign_in(self) -> bool:
        """Records name their staff member: with a database, nobody works signed out."""
        store = self.store_recorder
        return store is not None and store.signed_in is None

    @property
    def signed_in(self) -> SignedIn | None:
        store = self.store_recorder
        return store.signed_in if store is not None else None

    def records_url(self) -> str | None:
        """The database the statistics read: where this counter records."""
        store = self.store_recorder
        if store is not None:
            return store.store.store.url
        return self.settings.database or None

    def record(self, finished: FinishedReception, context: RecordContext) -> str:
        """Record a finished reception (on a worker: the database may be far away); the Japanese line the
        clerk sees. Raises RecordError: the caller puts the reception back on screen (session.restore), so
        a record that cannot be written (a full disk under the local spool, issue 16) loses nothing."""
        store = self.store_recorder
        try:
            if store is None:
                self.recorder.record(finished, context)
                return "受付を終了しました。次の方をどうぞ"
            result = store.record_result(finished, context)
        except (StoreError, OSError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else exc
            raise RecordError(f"受付の記録を保存できません（{reason}）。受付は画面に残しています。"
                              "空き容量などを確認してから、もう一度「新しい受付」を押してください") from None
        if result.stored:
            return f"受付を記録しました（受付番号 {result.label}）。次の方をどうぞ"
        return "データベースに接続できないため、この受付の記録はこのPCに保管しました（復旧後に自動で送ります）。次の方をどうぞ"

    def retention_days(self) -> int:
        """The municipality's retention period for personal fields (parameter retention_days, by date)."""
        value = self.book.municipality.params_on(self.today()).get("retention_days")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        return DEFAULT_RETENTION_DAYS

    def purge_expired(self) -> int:
        """Run on a worker: the records' personal fields past the retention period are dropped."""
        store = self.store_recorder
        return store.purge_expired(self.retention_days()) if store is not None else 0

    def close(self) -> None:
        self.reader.close()
        store = self.store_recorder
        if store is not None:
            store.close()


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
        warnings.append(f"市町村パラメータのファイルを開けないため既定の設定を使います（{os_reason(exc)}）")
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
        recorder = open_counter_recorder(settings.database, settings.office or DEFAULT_OFFICE, demo=demo,
                                         fallback=config_dir() / "receptions.jsonl", warnings=warnings)
    return CounterServices(book=book, settings=settings, reader=reader, recorder=recorder, renderer=renderer,
                           demo=residents, warnings=warnings)
