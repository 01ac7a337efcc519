"""The real counter window in demo mode (simulated card reader, sample residents), offscreen.

Japanese text is typed as IME commits (QInputMethodEvent): pytest-qt's keyClicks aborts the process on
non-ASCII text, and a clerk types Japanese through the IME anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from kakanai.app.settings import CounterSettings
from kakanai.app.workflow import Step
from kakanai.card.simulator import CardProfile
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.store.counter_recorder import StoreRecorder
from kakanai.ui.main import build_window, make_services
from kakanai.ui.main_window import MainWindow
from kakanai.ui.pin_dialog import MatchBDialog, PinPadDialog
from kakanai.ui.printing import print_documents
from kakanai.ui.theme import apply_theme

TODAY = date(2026, 4, 10)
WAIT_MS = 5000
WARM_UP_MS = 30000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("KAKANAI_CONFIG_DIR", str(tmp_path / "config"))
    settings = CounterSettings(printer="PDF", idle_minutes=0)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, settings.font_scale, settings.high_contrast)
    services = make_services(settings, demo=True)
    services.today = lambda: TODAY
    w = build_window(services, save=False)
    out = tmp_path / "printed"
    out.mkdir()
    w.preview_page.print_backend = lambda name, docs, progress: print_documents(name, docs, progress, output_dir=out)
    w.printed_dir = out  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)  # shortcuts (F2, F4, Ctrl+P…) need the active window
    # The forms' fonts and definitions load on a worker after start-up (once per process); a clerk takes
    # longer than that to reach the preview, a test does not.
    qtbot.waitUntil(lambda: w.forms_ready, timeout=WARM_UP_MS)
    yield w
    w.close()


@pytest.fixture
def counter_db(window: MainWindow, tmp_path: Path) -> Iterator[StoreRecorder]:
    """The window recording into a fresh database with nobody signed in (a real counter, not the demo)."""
    store = StoreRecorder.open(f"sqlite:///{tmp_path / 'counter.sqlite3'}", spool_path=tmp_path / "spool.sqlite3")
    old = window.services.recorder
    window.services.recorder = store
    window.records_bar.refresh()
    yield store
    window.services.recorder = old
    store.close()


def type_japanese(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """What the IME delivers when the clerk confirms a conversion: one commit of the whole text."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def place_card(window: MainWindow, who: str | CardProfile) -> None:
    simulator = window.services.simulator
    assert simulator is not None and window.services.demo is not None
    profile = who if isinstance(who, CardProfile) else window.services.demo.card(who).profile
    simulator.insert(profile)


def lift_card(window: MainWindow) -> None:
    simulator = window.services.simulator
    assert simulator is not None
    simulator.remove()


def start_with_card(qtbot: QtBot, window: MainWindow, who: str = "山田太郎", pin: str = "1234",
                    event_key: Qt.Key = Qt.Key.Key_1, phone: str = "") -> None:
    """Choose the event by its number key (1 = 転入), read one card with its PIN, the resident's phone number
    on the pad after it (`phone`; "": skipped), lift the card."""
    qtbot.keyClick(window, event_key)
    wait_step(qtbot, window, Step.MEMBERS)
    place_card(window, who)
    enter_pin(qtbot, window, pin)
    qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=WAIT_MS)
    phone_pad(qtbot, window, phone)
    lift_card(window)


def pin_dialog(qtbot: QtBot, window: MainWindow) -> PinPadDialog | MatchBDialog:
    qtbot.waitUntil(lambda: window.card.active_dialog is not None, timeout=WAIT_MS)
    dialog = window.card.active_dialog
    assert dialog is not None
    return dialog


def enter_pin(qtbot: QtBot, window: MainWindow, pin: str) -> PinPadDialog:
    dialog = pin_dialog(qtbot, window)
    assert isinstance(dialog, PinPadDialog)
    qtbot.keyClicks(dialog, pin)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    return dialog


def phone_pad(qtbot: QtBot, window: MainWindow, phone: str = "") -> None:
    """The pad after the reception's first PIN read (kakanai.ui.phone_pad): the resident types `phone` and
    Enter, or skips it (Esc); then the counter window (or a dialog still open over it) has the keyboard again."""
    page = window.members_page
    qtbot.waitUntil(lambda: page.phone_dialog is not None, timeout=WAIT_MS)
    pad = page.phone_dialog
    assert pad is not None
    if phone:
        qtbot.keyClicks(pad, phone)
        qtbot.keyClick(pad, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(pad, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.phone_dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is (QApplication.activeModalWidget() or window),
                    timeout=WAIT_MS)


def wait_read_done(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.card.busy, timeout=WAIT_MS)


def wait_step(qtbot: QtBot, window: MainWindow, step: Step) -> None:
    qtbot.waitUntil(lambda: window.session.step is step, timeout=WAIT_MS)


def click(qtbot: QtBot, widget: QWidget | None) -> None:
    assert widget is not None
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# The 続柄 choices of the members step, as Down-key presses from 「（選んでください）」 (the order of the
# values of `relationship` in resources/rules/facts.yaml).
HEAD, SPOUSE, CHILD, PARENT, OTHER = 1, 2, 3, 4, 5


def choose_relationships(qtbot: QtBot, window: MainWindow, *downs: int) -> None:
    """Choose each member's 続柄 on the members page with the keyboard (p1, p2, … in order)."""
    page = window.members_page
    for number, presses in enumerate(downs, start=1):
        box = page.findChild(QComboBox, f"relationship_p{number}")
        assert box is not None
        box.setFocus()
        for _ in range(presses):
            qtbot.keyClick(box, Qt.Key.Key_Down)


def typed_couple(window: MainWindow, event: LifeEvent) -> None:
    """山田 太郎 (世帯主) and 花子 (配偶者), typed, for `event`."""
    window.event_page.choose(event)
    s = window.session
    for name, born, sex, relationship in (("山田　太郎", date(1985, 6, 15), Sex.MALE, "head"),
                                          ("山田　花子", date(1987, 11, 3), Sex.FEMALE, "spouse")):
        member = s.add_member_typed(name=name, birth_date=born, sex=sex)
        s.set_relationship(member.id, relationship)


def one_typed_resident_answered(window: MainWindow) -> None:
    """A 1-person 転入 typed at the counter (見本 花子, 世帯主, 本人確認 by 運転免許証), every question answered:
    the reception the tests of the later steps start from."""
    window.event_page.choose(LifeEvent.MOVING_IN)
    window.session.add_member_typed(name="見本　花子", birth_date=date(1990, 1, 1), sex=Sex.FEMALE,
                                    name_kana="ミホン　ハナコ")
    window.session.set_relationship("p1", "head")
    window.session.set_identity(IdentityDocument.DRIVERS_LICENSE)  # a typed member: 本人確認 is asked
    answer_all_directly(window)


def answer_all_directly(window: MainWindow) -> None:
    """Answer every open question through the session (for tests about later steps)."""
    s = window.session
    for _ in range(100):
        if not s.questions:
            return
        q = s.questions[0]
        value: object = {"bool": False, "multi": (), "int": 3000, "date": date(2026, 4, 1)}.get(
            q.kind, q.values[0] if q.values else None)
        s.answer(q.fact, q.person, value)  # type: ignore[arg-type]
    raise AssertionError("the interview does not end")


@pytest.fixture(scope="session", autouse=True)
def _gui_thread_collector(qapp: QApplication) -> Iterator[None]:
    # As the counter does (kakanai.ui.collector): cyclic garbage holding Qt objects is freed on the GUI
    # thread, never inside a background operation's thread.
    from kakanai.ui.collector import install_gui_thread_collector

    collector = install_gui_thread_collector(qapp)
    yield
    collector.stop()

