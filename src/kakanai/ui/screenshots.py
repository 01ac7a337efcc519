"""`kakanai app --screenshots DIR`: a demo 転入 of the 山田 family walked through every step, one PNG
per step (the README's docs/screenshots/). Works on a display, under Xvfb, or offscreen (QWidget.grab
renders the widgets themselves)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from kakanai.app.ports import CardProfile
from kakanai.app.settings import CounterSettings
from kakanai.model.members import MemberSource

WAIT_SECONDS = 10.0
RENDER_WAIT_SECONDS = 60.0  # every form of the plan (kakanai.forms), on a loaded machine too
SIZES = ((1366, 768), (1920, 1080))
ISOLATED = ("XDG_DATA_HOME", "KAKANAI_CONFIG_DIR")  # where the demo database and the settings live  # the smallest counter screen in use, and the common one
FAMILY = (("山田太郎", "1234"), ("山田花子", "5678"), ("山田𠮷子", "1111"))
PHONE = "09012345678"  # typed by 山田太郎 on the pad after his PIN
ANSWERS = {("relationship", "p1"): "head", ("relationship", "p2"): "spouse", ("relationship", "p3"): "child",
           ("relationship", "p4"): "child", ("school", "p3"): "elementary", ("school", "p4"): "nursery",
           ("pension_category", "p1"): "2", ("pension_category", "p2"): "3", ("health_insurance", None): "employee"}


def take_screenshots(directory: str, *, today: date = date(2026, 4, 10),
                     sizes: tuple[tuple[int, int], ...] = SIZES) -> int:
    """Every step at each screen size, in DIR/<width>x<height>/; exit 3 (and what is wrong on stderr)
    when a button lies outside the window or the window grows wider than the screen."""
    problems: list[str] = []
    kept = {name: os.environ.get(name) for name in ISOLATED}
    with tempfile.TemporaryDirectory(prefix="kakanai-screenshots-") as scratch:
        # A fresh demo database and settings: the same pictures on every machine (受付番号 0001…), and
        # nothing of the counter's own records or settings touched.
        for name in ISOLATED:
            os.environ[name] = str(Path(scratch) / name.lower())
        try:
            for width, height in sizes:
                saved, found = walk_counter(Path(directory) / f"{width}x{height}", (width, height), today=today)
                sys.stdout.write("\n".join(str(p) for p in saved) + "\n")
                problems += found
        finally:
            for name, value in kept.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    for problem in problems:
        sys.stderr.write(f"kakanai: {problem}\n")
    return 3 if problems else 0


def walk_counter(out: Path, size: tuple[int, int], *, today: date = date(2026, 4, 10), scale: float = 1.0,
                 extras: bool = True) -> tuple[list[Path], list[str]]:
    """A demo 転入 through every step in a window of `size` (the screen) at text `scale`: the PNGs saved,
    and every place where the window does not fit (see `fit_problems`)."""
    from kakanai.ui.main import display_problem

    if display_problem() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from kakanai.ui.main import build_window, install_translations, make_services
    from kakanai.ui.theme import apply_theme

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_translations(app)
    settings = CounterSettings(printer="PDF", idle_minutes=0, font_scale=scale)
    apply_theme(app, settings.font_scale, settings.high_contrast)
    services = make_services(settings, demo=True)
    services.today = lambda: today
    window = build_window(services, save=False)
    window.fit_into(QSize(*size))
    window.resize(*size)
    window.show()
    shots = _Shots(app, window, out)
    try:
        shots.walk(extras=extras)
    finally:
        window.close()
    return shots.saved, shots.problems


def fit_problems(window: object, size: tuple[int, int], step: str) -> list[str]:
    """What does not fit a screen of `size`: the window wider or taller than it, a button (outside the
    scrolling lists) lying even partly outside the window."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QMainWindow

    assert isinstance(window, QMainWindow)
    problems = []
    if window.width() > size[0] or window.height() > size[1]:
        problems.append(f"{step}: 画面 {size[0]}×{size[1]} より大きい窓 {window.width()}×{window.height()}")
    inside = window.rect()
    for b in window.findChildren(QAbstractButton):
        if not b.isVisible() or _in_scroll_area(b, QAbstractScrollArea) or b.window() is not window:
            continue
        at = QRect(b.mapTo(window, QPoint(0, 0)), b.size())
        if not inside.contains(at):
            problems.append(f"{step}: ボタン「{b.text() or b.objectName()}」が窓の外 {at.getCoords()}")
    return problems


def _in_scroll_area(widget: object, scroll_area: type) -> bool:
    parent = widget.parentWidget()  # type: ignore[attr-defined]
    while parent is not None:
        if isinstance(parent, scroll_area):
            return True
        parent = parent.parentWidget()
    return False


class _Shots:
    def __init__(self, app: object, window: object, out: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from kakanai.ui.main_window import MainWindow

        assert isinstance(app, QApplication) and isinstance(window, MainWindow)
        self.app = app
        self.window = window
        self.out = out
        self.saved: list[Path] = []
        self.problems: list[str] = []

    def wait(self, condition: Callable[[], bool], seconds: float = WAIT_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("画面が次の状態になりません（スクリーンショット）")
            self.app.processEvents()
            time.sleep(0.01)

    def wait_members(self, count: int) -> None:
        self.wait(lambda: len(self.window.session.members) == count and not self.window.card.busy)

    def settle(self, seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def save(self, name: str, widget: object | None = None) -> None:
        from PySide6.QtWidgets import QWidget

        self.settle()
        target = widget or self.window
        assert isinstance(target, QWidget)
        if target is self.window:
            self.problems += fit_problems(self.window, (self.window.width(), self.window.height())
                                          if self.window.screen_size is None else
                                          (self.window.screen_size.width(), self.window.screen_size.height()), name)
        path = self.out / f"{name}.png"
        target.grab().save(str(path))
        self.saved.append(path)

    def walk(self, *, extras: bool = True) -> None:
        from kakanai.app.workflow import Step
        from kakanai.model import LifeEvent

        w = self.window
        s = w.session
        sim = w.services.simulator
        demo = w.services.demo
        assert sim is not None and demo is not None
        self.save("01_event")
        w.event_page.choose(LifeEvent.MOVING_IN)
        s.set_event_date(date(2026, 4, 9))
        for i, (who, pin) in enumerate(FAMILY):
            sim.insert(demo.card(who).profile)
            self.wait(lambda: w.card.active_dialog is not None)
            dialog = w.card.active_dialog
            assert dialog is not None
            for digit in pin:
                dialog.press(digit)  # type: ignore[union-attr]
            if i == 0:
                self.save("02_pin_pad", dialog)
            dialog.send()
            self.wait_members(i + 1)
            if i == 0:  # the phone number, typed by the resident on the same pad (kakanai.ui.phone_pad)
                self.wait(lambda: w.members_page.phone_dialog is not None)
                pad = w.members_page.phone_dialog
                assert pad is not None
                for digit in PHONE:
                    pad.press(digit)
                self.save("02_phone_pad", pad)
                pad.send()
                self.wait(lambda: w.members_page.phone_dialog is None)
            sim.remove()
        typed = next(t for t in demo.typed if "髙志" in t.name)
        s.add_member_typed(name=typed.name, birth_date=typed.birth_date, sex=typed.sex, name_kana=typed.name_kana)
        for (fact, member_id), value in ANSWERS.items():
            if fact == "relationship" and member_id is not None:
                s.set_relationship(member_id, value)  # the members step's 続柄 column
        self.save("03_members")
        s.next()
        for _ in range(3):
            self._answer_one()
        self.settle(0.5)  # the cards' height follows their wrapped width: a second layout pass
        self.save("04_interview")
        while s.questions:
            self._answer_one()
        s.go(Step.PLAN)
        self.save("05_plan")
        s.set_household_address(address="北海道見本市北５条東２丁目１５番地")
        s.go(Step.INPUTS)
        self.save("06_inputs")
        s.go(Step.PREVIEW)
        self.wait(lambda: w.preview_page.all_rendered_seconds is not None, RENDER_WAIT_SECONDS)
        self.settle(0.5)
        self.save("07_preview")
        if extras:
            self._extras()

    def _answer_one(self) -> None:
        s = self.window.session
        q = s.questions[0]
        wanted = ANSWERS.get((q.fact, q.person), ANSWERS.get((q.fact, None)))
        if q.kind == "bool":
            value: object = q.fact in ("wants_seal_registration", "has_dog", "uses_signing_certificate")
        elif q.kind == "multi":
            value = ()
        elif q.kind == "int":
            value = 3000
        elif q.kind == "date":
            value = date(2026, 4, 1)
        else:
            value = wanted if wanted in q.values else q.values[0]
        s.answer(q.fact, q.person, value)  # type: ignore[arg-type]

    def _death(self) -> None:
        """おくやみ: the widow's card read first, the deceased typed; nobody is presumed the deceased, the
        clerk chooses him with his number key (issue 17, problem 1)."""
        from kakanai.model import LifeEvent

        w = self.window
        demo = w.services.demo
        assert demo is not None
        w.event_page.choose(LifeEvent.DEATH)
        widow = demo.card("渡邊ハツ").profile
        assert isinstance(widow, CardProfile)  # a My Number card: its holder is the basic information
        w.session.add_member_from_card(widow, MemberSource.CARD)
        deceased = next(t for t in demo.typed if "亡くなった方" in t.label)
        w.session.add_member_typed(name=deceased.name, birth_date=deceased.birth_date, sex=deceased.sex)
        self.save("10_death_subject_unchosen")
        w.members_page.subject.toggle("p2")
        self.save("11_death_subject_chosen")
        w.finish_reception()

    def _extras(self) -> None:
        """The last-try confirmation of the PIN pad, and the high-contrast, large-text theme."""
        w = self.window
        w.finish_reception()  # nothing printed here: finished as the clerk confirms it (issue 17)
        sim, demo = w.services.simulator, w.services.demo
        assert sim is not None and demo is not None
        from kakanai.model import LifeEvent

        w.event_page.choose(LifeEvent.MOVING_WITHIN)
        sim.insert(demo.card("齋藤和子").profile)
        self.wait(lambda: w.card.active_dialog is not None)
        dialog = w.card.active_dialog
        assert dialog is not None
        for digit in "1357":
            dialog.press(digit)  # type: ignore[union-attr]
        dialog.send()
        self.save("08_pin_last_try", dialog)
        dialog.reject()
        self.wait(lambda: not w.card.busy)
        sim.remove()
        w.finish_reception()
        self._death()
        w.update_settings(replace(w.services.settings, high_contrast=True, font_scale=1.4))
        self.save("09_high_contrast")
        w.update_settings(replace(w.services.settings, high_contrast=False, font_scale=1.0))
