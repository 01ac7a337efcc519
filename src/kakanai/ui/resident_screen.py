"""The resident screen (issue 19): a second window, on a second monitor facing the resident, that shows the
reception in the resident's language and large print (kakanai.rules.resident_view makes what it shows) and
takes the resident's confirmation before printing. It listens to the session: a cleared reception clears
it at once, so it never shows anything of another resident.

`ResidentScreens` is what the main window holds: it places the window on the screen the setting chooses
(kakanai.app.settings.resident_screen_index over QGuiApplication.screens()), and answers whether printing
may go on (only once the resident confirmed what is shown now, while the screen is on)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kakanai.app.resident_view import (
    ConfirmedBy,
    ResidentLine,
    ResidentView,
    confirm,
    is_confirmed,
    language_choices,
    session_view,
    view_confirmed,
)
from kakanai.app.services import CounterServices
from kakanai.app.settings import RESIDENT_SCREEN_AUTO, RESIDENT_SCREEN_OFF, resident_screen_index
from kakanai.app.workflow import ReceptionSession
from kakanai.model.members import WorkflowError
from kakanai.ui.widgets import button

# Large print (issue 19): every line the resident reads is at least 20 pt; the Japanese beside a translated
# line is for the clerk and smaller.
TEXT_PT, TITLE_PT, HEADING_PT, BUTTON_PT, JAPANESE_PT = 22, 26, 30, 32, 15
CONFIRM_KEY = "F9"
_STYLE = """
QWidget#resident_screen { background: #ffffff; }
QLabel { color: #111111; }
QLabel[role="japanese"] { color: #555555; }
QLabel[role="fallback"] { color: #7a3e00; }
QPushButton#resident_confirm { background: #0b5cad; color: white; padding: 18px 40px; border-radius: 12px; }
QPushButton#resident_confirm:disabled { background: #2e7d32; color: white; }
"""


def _label(text: str, points: int, *, bold: bool = False, role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a resident's name is never markup
    font = QFont(label.font())
    font.setPointSize(points)
    font.setBold(bold)
    label.setFont(font)
    if role:
        label.setProperty("role", role)
    return label


class ResidentScreen(QWidget):
    """The window itself; it holds no reception data: every refresh rebuilds it from the session."""

    def __init__(self, services: CounterServices, session: ReceptionSession) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("resident_screen")
        self.setWindowTitle("書かない窓口 — 住民画面")
        self.setStyleSheet(_STYLE)
        self.services, self.session = services, session
        self.view: ResidentView | None = None
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.heading = _label("", HEADING_PT, bold=True)
        header.addWidget(self.heading, 1)
        self.language = QComboBox()  # the clerk sets the reception's language here
        self.language.setObjectName("resident_language")
        font = QFont(self.language.font())
        font.setPointSize(TEXT_PT)
        self.language.setFont(font)
        for code, name in language_choices():
            self.language.addItem(name, code)
        self.language.activated.connect(self._language_chosen)
        header.addWidget(self.language)
        outer.addLayout(header)
        self.body_area = QScrollArea()
        self.body_area.setWidgetResizable(True)
        outer.addWidget(self.body_area, 1)
        self.note = _label("", TEXT_PT)
        outer.addWidget(self.note)
        self.confirm_button = button("", "resident_confirm", self.confirm_by_resident)
        font = QFont(self.confirm_button.font())
        font.setPointSize(BUTTON_PT)
        font.setBold(True)
        self.confirm_button.setFont(font)
        outer.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignHCenter)
        session.add_listener(self.refresh)
        self.resize(1280, 1024)
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():
            # Switched off (or not shown yet): nothing is built on every session change; apply() refreshes
            # when the window is shown again.
            self.view = None
            return
        view = session_view(self.services.book, self.session)
        self.view = view
        self.heading.setText(view.heading.text)
        self.language.setEnabled(not view.empty)
        index = self.language.findData(view.language if not view.empty else "ja")
        self.language.setCurrentIndex(max(index, 0))
        body = QWidget()
        layout = QVBoxLayout(body)
        for section in view.sections:
            layout.addWidget(_label(section.title.text, TITLE_PT, bold=True))
            for line in section.lines:
                self._add_line(layout, line, view.language)
        if view.fallback_note:
            layout.addWidget(_label(view.fallback_note, TEXT_PT, role="fallback"))
        layout.addStretch(1)
        self.body_area.setWidget(body)  # the previous body (and anything of it) is deleted
        self.note.setText(view.note.text)
        confirmed = view_confirmed(view, self.session)
        self.confirm_button.setVisible(not view.empty)
        self.confirm_button.setEnabled(not confirmed)
        self.confirm_button.setText(("✓ " if confirmed else "") + view.confirm.text)

    @staticmethod
    def _add_line(layout: QVBoxLayout, line: ResidentLine, language: str) -> None:
        text = f"※ {line.text}" if line.fallback else line.text
        layout.addWidget(_label(text, TEXT_PT, bold=line.lead, role="fallback" if line.fallback else ""))
        if language != "ja" and line.japanese and line.japanese != line.text:
            layout.addWidget(_label(line.japanese, JAPANESE_PT, role="japanese"))

    def _language_chosen(self, index: int) -> None:
        code = self.language.itemData(index)
        if isinstance(code, str) and self.session.value is not None and code != self.session.value.language:
            self.session.set_language(code)

    def confirm_by_resident(self) -> None:
        if self.view is not None and not self.view.empty:
            confirm(self.services.book, self.session, ConfirmedBy.RESIDENT)

def screen_choices() -> tuple[tuple[str, str], ...]:
    """The settings dialog's choices: (setting value, what the clerk reads)."""
    screens = QGuiApplication.screens()
    return ((RESIDENT_SCREEN_AUTO, "自動（2台目の画面があればそこに表示）"), (RESIDENT_SCREEN_OFF, "使わない"),
            *((str(i), f"画面{i + 1}: {s.name()}（{s.size().width()}×{s.size().height()}）")
              for i, s in enumerate(screens)))


class ResidentScreens:
    """The main window's side: which screen shows the resident screen, the clerk's key, the print gate.
    The window is made once and hidden when the setting turns it off (it keeps following the session, so
    shown again it never holds an earlier reception)."""

    def __init__(self, services: CounterServices, session: ReceptionSession) -> None:
        self.services, self.session = services, session
        self.window: ResidentScreen | None = None
        self.screen_index: int | None = None
        self.apply()

    @property
    def on(self) -> bool:
        return self.screen_index is not None

    def apply(self) -> None:
        """Open, move or hide the window as the setting says for the screens connected now."""
        screens = QGuiApplication.screens()
        self.screen_index = resident_screen_index(self.services.settings.resident_screen, len(screens))
        if self.screen_index is None:
            if self.window is not None:
                self.window.hide()
            return
        if self.window is None:
            self.window = ResidentScreen(self.services, self.session)
        screen = screens[self.screen_index]
        self.window.setScreen(screen)
        self.window.setGeometry(screen.availableGeometry())
        self.window.showFullScreen()  # the whole monitor faces the resident: no frame, nothing else on it
        self.window.refresh()

    def confirm_by_clerk(self) -> str:
        """The clerk's key: the resident said yes aloud; the message tells the clerk what happened."""
        if not self.on:
            return "住民画面は使っていません"
        try:
            confirm(self.services.book, self.session, ConfirmedBy.CLERK)
        except (ValueError, WorkflowError):
            return "確認する受付がありません"
        return "住民の方の確認を記録しました"

    def print_blocker(self) -> str | None:
        """Why printing must wait (Japanese), or None."""
        if not self.on or is_confirmed(self.services.book, self.session):
            return None
        return (f"住民画面の内容を住民の方に確認していただいてから印刷してください"
                f"（住民画面の「確認しました」、または確認キー {CONFIRM_KEY}）")

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
