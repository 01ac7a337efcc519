"""The window's display and settings: its size on the counter's screen, the text scale and the theme, and the
settings and statistics dialogs (issue 17: every step usable from 1366×768 up and at text scale 1.4). Functions
of the window, as kakanai.ui.records_actions is for the records: the window keeps the state they change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QLayout

from kakanai.app.settings import CounterSettings, save_settings
from kakanai.oserror_text import os_reason
from kakanai.ui.printing import available_printers
from kakanai.ui.theme import apply_theme
from kakanai.ui.widgets import fit_to_screen, open_dialog

if TYPE_CHECKING:
    from kakanai.ui.main_window import MainWindow


def fit_into(window: MainWindow, screen: QSize) -> None:
    """Never larger than the counter's screen (1366×768 at many counters): the normal size is the default
    cut to the screen, and the demo tray floats when the steps would not fit beside it (text scale 1.4);
    called again whenever the text scale or the theme changes."""
    window.screen_size = screen
    _fit(window, screen)
    # Again once the new style has reached every widget (a theme change polishes some of them later).
    QTimer.singleShot(0, window, lambda: _fit(window, screen))


def _fit(window: MainWindow, screen: QSize) -> None:
    _settle_layouts(window)
    tray = window.demo_tray
    hint = window.minimumSizeHint()
    if tray is not None and not tray.isFloating() and (hint.width() > screen.width() or hint.height() > screen.height()):
        tray.float_beside(screen)
        _settle_layouts(window)
    window.resize(window.size().boundedTo(screen))


def _settle_layouts(window: MainWindow) -> None:
    QApplication.sendPostedEvents()  # the new text scale's fonts, the tray's new place
    for child in window.findChildren(QLayout):
        child.invalidate()  # a hidden step's page is not re-measured by Qt until it is shown
    own = window.layout()
    if own is not None:
        own.activate()  # the window's own minimum follows now, not at the next event loop pass


def update_settings(window: MainWindow, settings: CounterSettings) -> None:
    """This counter's settings, applied at once (theme, text scale, idle time, office, resident screen) and
    saved; what is opened only at start-up (rule book, database) is said to need a restart."""
    old = window.services.settings
    window.services.settings = settings
    window.session.idle_seconds = settings.idle_seconds
    window.session.office = settings.office or None
    if (old.font_scale, old.high_contrast) != (settings.font_scale, settings.high_contrast):
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.font_scale, settings.high_contrast)
        if window.screen_size is not None:
            fit_into(window, window.screen_size)
    if window.saves_settings:
        try:
            save_settings(settings)
        except OSError as exc:
            window.notify(f"設定を保存できません（{os_reason(exc)}）", warning=True)
            return
    if old.resident_screen != settings.resident_screen:
        window.resident_screens.apply()
    if (old.database, old.municipality_file) != (settings.database, settings.municipality_file):
        # The rule book and the database are opened once, at start-up (the office applies at once).
        window.notify("市町村パラメータ・データベースの変更は、アプリを再起動すると有効になります")


def open_settings(window: MainWindow) -> None:
    from kakanai.ui.municipality_dialog import edit_municipality
    from kakanai.ui.settings_dialog import SettingsDialog

    services = window.services
    who = services.signed_in
    administrator = services.store_recorder is None or (who is not None and who.administrator)
    dialog = SettingsDialog(services.settings, services.offices(), available_printers(), window,
                            administrator=administrator, edit_municipality=lambda: edit_municipality(window, dialog))
    window.settings_dialog = dialog
    fit_to_screen(dialog, counter_screen(window))
    open_dialog(dialog, lambda result: window.update_settings(dialog.settings()) if result else None)


def counter_screen(window: MainWindow) -> QSize:
    """The screen the window and its dialogs must fit: the one given to fit_into, else the window's own."""
    return window.screen_size or window.screen().availableGeometry().size()


def open_stats(window: MainWindow) -> None:
    from kakanai.ui.stats_dialog import StatsDialog

    today = window.services.today()
    titles = {entry.id: entry.title for entry in window.services.catalog(today)}
    dialog = StatsDialog(window.services.records_url(), window, today=today, titles=titles)
    fit_to_screen(dialog, counter_screen(window), dialog.size())
    open_dialog(dialog)
