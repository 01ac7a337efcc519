"""Fonts, sizes and colours: IPAexGothic (fonts-ipaexfont) for the screen, IPAmj明朝 for residents' names
(the 文字情報基盤 font the forms print them in: 𠮷 髙 﨑 邊 show as registered, not through a fallback
font), a scale the clerk changes with Ctrl+plus / Ctrl+minus (the resident often reads the screen too),
large buttons (at least 48 px high) and a high-contrast theme."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kakanai.paths import font_file

log = logging.getLogger(__name__)

UI_FAMILY = "IPAexGothic"
BASE_POINT_SIZE = 12.0
MIN_BUTTON_HEIGHT = 48
# The big buttons (the life events, the PIN pad's keys) grow with the text up to this height: at 1.4 their
# 112 px made the PIN pad's four rows 734 px tall, its 「送信」 below a 768 px screen's bottom.
BIG_BUTTON_MAX = 100
ITEM_PADDING = 4  # px around a list or tree row (a widget in a row must add it to its height)
FONT_FILES = (
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
    Path("C:/Windows/Fonts/ipaexg.ttf"),
)
FALLBACK_FAMILIES = ("Yu Gothic UI", "Meiryo", "Noto Sans CJK JP", "Sans Serif")
NAME_FONT_FILE = "ipamjm.ttf"  # IPAmj明朝, bundled (fonts/) or the system's (fonts-ipamj-mincho)
NAME_FONT_FAMILY = "IPAmjMincho"  # its family name (IPAmj明朝 in Japanese)

_registered: dict[str, str] = {}


def register_fonts() -> str | None:
    """Register IPAmj明朝 (kakanai.paths.font_file: the bundle's copy first) with QFontDatabase, once per
    process; its family name, or None when the file is missing (names then show in the UI font)."""
    if QGuiApplication.instance() is None:
        return None  # QFontDatabase needs the application (a call before it would crash)
    if NAME_FONT_FILE not in _registered:
        path = font_file(NAME_FONT_FILE)
        family = ""
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            family = loaded[0] if loaded else ""
        if not family:
            log.warning("IPAmj明朝 (%s) not available: names show in the UI font", path)
        _registered[NAME_FONT_FILE] = family
    return _registered[NAME_FONT_FILE] or None


def name_font(base: QFont | None = None) -> QFont:
    """The font for a resident's name or address: IPAmj明朝 at the size of `base` (the application font)."""
    font = QFont(base if base is not None else QApplication.font())
    family = register_fonts()
    if family:
        font.setFamilies([family, ui_family()])
        font.setStyleHint(QFont.StyleHint.Serif)
    return font


def use_name_font(widget: QWidget) -> None:
    widget.setFont(name_font(widget.font()))


def ui_family() -> str:
    families = set(QFontDatabase.families())
    if UI_FAMILY in families:
        return UI_FAMILY
    for path in FONT_FILES:
        if path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if loaded:
                return loaded[0]
    return next((f for f in FALLBACK_FAMILIES if f in families), QFont().family())


def ui_font(scale: float, *, factor: float = 1.0) -> QFont:
    """IPAexGothic, then IPAmj明朝 for what it lacks (𠮷 in a button or a title: the registered glyph, not
    whichever system font happens to have one)."""
    font = QFont(ui_family())
    mj = register_fonts()
    if mj:
        font.setFamilies([ui_family(), mj])
    font.setPointSizeF(BASE_POINT_SIZE * scale * factor)
    return font


def stylesheet(scale: float, high_contrast: bool) -> str:
    big = round(BASE_POINT_SIZE * scale * 1.25)
    huge = round(BASE_POINT_SIZE * scale * 1.25)  # the event buttons: three across fit 1366 px at scale 1.4
    big_button = max(MIN_BUTTON_HEIGHT, min(round(80 * scale), BIG_BUTTON_MAX))
    pad = max(6, round(8 * scale))
    css = f"""
    QPushButton {{ min-height: {MIN_BUTTON_HEIGHT}px; padding: {pad // 2}px {pad}px; }}
    QPushButton[role="big"] {{ min-height: {big_button}px; font-size: {huge}pt; }}
    QPushButton[role="primary"] {{ font-weight: bold; }}
    QLabel[role="title"] {{ font-size: {big}pt; font-weight: bold; }}
    QLabel[role="warning"] {{ color: #b00020; font-weight: bold; }}
    QLabel[role="notice"] {{ color: #0b5394; }}
    QLabel[role="tries"] {{ color: #0b5394; font-size: {big}pt; font-weight: bold; }}
    QLabel[role="tries-warning"] {{ color: #b00020; font-size: {big}pt; font-weight: bold; }}
    QLabel[role="step"] {{ padding: 6px 12px; border-radius: 6px; }}
    QLabel[role="step"][current="true"] {{ background: #0b5394; color: white; font-weight: bold; }}
    QLabel[role="step"][done="true"] {{ color: #0b5394; }}
    QLabel[role="reader"] {{ padding: 4px 12px; border-radius: 6px; font-weight: bold; }}
    QLabel[role="reader"][state="no_reader"] {{ background: #fce8e6; color: #8a1c12; }}
    QLabel[role="reader"][state="ready"] {{ background: #e8f0fe; color: #0b5394; }}
    QLabel[role="reader"][state="card_present"] {{ background: #e6f4ea; color: #0d652d; }}
    QLabel[role="reader"][state="reading"] {{ background: #fef7e0; color: #7a4f01; }}
    QLineEdit, QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox {{ min-height: {round(36 * scale)}px; }}
    QLineEdit[role="pad-display"] {{ font-size: {huge}pt; font-weight: bold; }}
    QTreeWidget::item, QListWidget::item {{ padding: {ITEM_PADDING}px; }}
    """
    if high_contrast:
        css += """
        QWidget { background: black; color: white; }
        QPushButton { background: #202020; color: #ffff00; border: 2px solid #ffff00; }
        QPushButton:focus { border: 4px solid #00ffff; }
        QPushButton:checked { background: #ffff00; color: black; }
        QPushButton:disabled { color: #808080; border-color: #808080; }
        QLineEdit, QComboBox, QDateEdit, QSpinBox, QTreeWidget, QListWidget, QTableWidget {
            background: black; color: white; border: 2px solid white; }
        QLabel[role="warning"] { color: #ff8080; }
        QLabel[role="notice"] { color: #80d0ff; }
        QLabel[role="step"][current="true"] { background: #ffff00; color: black; }
        QLabel[role="step"][done="true"] { color: #80d0ff; }
        QLabel[role="reader"] { background: black; border: 2px solid white; }
        QLabel[role="reader"][state="no_reader"] { color: #ff8080; background: black; }
        QLabel[role="reader"][state="ready"] { color: #80d0ff; background: black; }
        QLabel[role="reader"][state="card_present"] { color: #80ff80; background: black; }
        QLabel[role="reader"][state="reading"] { color: #ffff00; background: black; }
        """
    else:
        css += "QPushButton:focus { border: 3px solid #0b5394; border-radius: 4px; }"
    return css


def apply_theme(app: QApplication, scale: float, high_contrast: bool) -> None:
    register_fonts()
    app.setFont(ui_font(scale))
    palette = QPalette()
    if high_contrast:
        for role, colour in ((QPalette.ColorRole.Window, "black"), (QPalette.ColorRole.WindowText, "white"),
                             (QPalette.ColorRole.Base, "black"), (QPalette.ColorRole.Text, "white"),
                             (QPalette.ColorRole.Button, "#202020"), (QPalette.ColorRole.ButtonText, "#ffff00"),
                             (QPalette.ColorRole.Highlight, "#ffff00"),
                             (QPalette.ColorRole.HighlightedText, "black")):
            palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet(scale, high_contrast))


def repolish(widget: object) -> None:
    """Re-apply the style after a dynamic property changed (Qt does not do it by itself)."""
    style = widget.style()  # type: ignore[attr-defined]
    style.unpolish(widget)
    style.polish(widget)
