"""`kakanai app [--demo]`: start the counter application.

Without any display the Qt platform plugin would abort the whole process; this checks first and says
what to do (set DISPLAY, or QT_QPA_PLATFORM=offscreen for a headless run).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from kakanai.app.services import CounterServices, StartupError, build_services
from kakanai.app.settings import CounterSettings, load_settings
from kakanai.incident import record

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kakanai.ui.main_window import MainWindow

log = logging.getLogger(__name__)

NO_DISPLAY_MESSAGE = (
    "kakanai: 画面（ディスプレイ）が見つかりません。DISPLAY（X11）または WAYLAND_DISPLAY を設定するか、"
    "画面なしで動かす場合は QT_QPA_PLATFORM=offscreen を指定してください。\n"
    "kakanai: no display found: set DISPLAY (e.g. start Xvfb :99 and export DISPLAY=:99) or run with "
    "QT_QPA_PLATFORM=offscreen.\n"
)
STARTUP_TIMEOUT = 20.0
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def display_problem(environ: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """The message to print instead of letting Qt abort, or None when a display is available."""
    env = os.environ if environ is None else environ
    if platform in ("win32", "darwin"):
        return None
    requested = env.get("QT_QPA_PLATFORM", "")
    if requested.split(":")[0] in HEADLESS_PLATFORMS:
        return None
    if env.get("WAYLAND_DISPLAY"):
        return None
    display = env.get("DISPLAY", "")
    if display:
        if _local_x_display_missing(display):
            return NO_DISPLAY_MESSAGE.replace("画面（ディスプレイ）が見つかりません", f"画面 DISPLAY={display} に接続できません")
        return None
    return NO_DISPLAY_MESSAGE


def _local_x_display_missing(display: str) -> bool:
    """DISPLAY=:N names a local X server: its socket must exist, or Qt would abort the process."""
    m = re.fullmatch(r"(unix)?:(\d+)(\.\d+)?", display)
    if m is None:
        return False  # host:N (ssh forwarding, a remote server): let Qt try
    return not Path(f"/tmp/.X11-unix/X{m[2]}").exists()


def run_application(demo: bool, *, argv: list[str] | None = None, startup_check: bool = False,
                    started: float | None = None) -> int:
    problem = display_problem()
    if problem is not None:
        sys.stderr.write(problem)
        return 2
    started = time.perf_counter() if started is None else started
    from PySide6.QtWidgets import QApplication, QMessageBox

    from kakanai.ui.collector import install_gui_thread_collector
    from kakanai.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    install_guard()
    install_gui_thread_collector(app)
    app.setApplicationName("kakanai")
    app.setApplicationDisplayName("書かない窓口")
    install_translations(app)
    settings, warning = load_settings()
    apply_theme(app, settings.font_scale, settings.high_contrast)
    try:
        services = make_services(settings, demo=demo)
    except StartupError as exc:
        QMessageBox.critical(None, "書かない窓口", str(exc))
        sys.stderr.write(f"kakanai: {exc}\n")
        return 3
    if warning:
        services.warnings.insert(0, warning)
    window = build_window(services, save=not startup_check, warm_up=not startup_check)
    screen = app.primaryScreen()
    if screen is not None:
        # A counter's screen is the counter's: maximized, and never wider than it (issue 17 problem 7).
        window.fit_into(screen.availableGeometry().size())
    window.showMaximized()
    if startup_check:
        return _report_startup(app, window, started)
    log.info("window shown after %.3f s", time.perf_counter() - started)
    return int(app.exec())


def _show_incident(text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, "書かない窓口", text)


def install_guard(show: Callable[[str], None] = _show_incident) -> None:
    """The counter app's top-level guard (issue 16): an exception nobody caught — in a slot, an event
    handler, a timer — is recorded in the incident log (kakanai.incident: types and frames, no personal
    data) and shown as ONE message with the incident number; the reception on screen stays as it was.
    An exception in another thread is recorded (a dialog may only be shown from the UI thread)."""

    def on_exception(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        incident = record(exc, context="counter app")
        try:
            show(incident.message("操作"))
        except Exception:  # the dialog itself failing: the incident is recorded, say it on the console
            sys.stderr.write(f"kakanai: {incident.message('操作')}\n")

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            incident = record(args.exc_value, context="counter app: thread")
            sys.stderr.write(f"kakanai: {incident.message('処理')}\n")

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
def install_translations(app: QApplication) -> bool:
    """Qt's own Japanese (qtbase_ja: 「閉じる」, not 「Close」, on standard buttons and dock widgets), from
    the translations folder of the installed Qt; False when it is missing (logged, English stays)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_ja", folder):
        log.warning("Qt's Japanese translations (qtbase_ja) not found in %s", folder)
        return False
    return app.installTranslator(translator)


def _report_startup(app: QApplication, window: MainWindow, started: float) -> int:
    """Until the window is exposed and painted, then one JSON line: the start-time measurement."""
    import json

    from PySide6.QtCore import QEventLoop

    handle = window.windowHandle()
    while handle is None or not handle.isExposed():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        handle = window.windowHandle()
        if time.perf_counter() - started > STARTUP_TIMEOUT:
            break
    window.repaint()
    app.processEvents()
    seconds = time.perf_counter() - started
    sys.stdout.write(json.dumps({"window_shown_seconds": round(seconds, 3), "step": window.session.step.name,
                                 "reader": window.reader_status.state, "platform": app.platformName()}) + "\n")
    window.close()
    return 0


def make_services(settings: CounterSettings, *, demo: bool) -> CounterServices:
    """The services with the best renderer available: kakanai.forms (the official layouts), with the Qt
    renderer for the forms not defined yet; the Qt renderer alone where kakanai.forms cannot run."""
    from kakanai.app.forms_adapter import TRAINING_MARK, forms_renderer
    from kakanai.ui.fallback_render import QtFallbackRenderer

    fallback = QtFallbackRenderer()
    services = build_services(settings, demo=demo, renderer=fallback)
    renderer = forms_renderer(services.book, fallback=fallback, counter_name=lambda: services.settings.counter_name,
                              watermark=TRAINING_MARK if demo else "")
    if renderer is not None:
        services.renderer = renderer
    return services


def build_window(services: CounterServices, *, save: bool = True, warm_up: bool = True) -> MainWindow:
    from PySide6.QtCore import Qt

    from kakanai.ui.demo_tray import DemoTray
    from kakanai.ui.main_window import MainWindow

    window = MainWindow(services, save=save, warm_up=warm_up)
    simulator = services.simulator
    if services.demo is not None and simulator is not None:
        tray = DemoTray(services.demo, simulator, lambda: window.session, window.handle_scan, window.notify,
                        lambda: window.last_reception_id)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, tray)
        window.demo_tray = tray
    return window
