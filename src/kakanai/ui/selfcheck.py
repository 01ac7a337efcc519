"""The Qt part of `kakanai --selftest`: the platform plugin, Japanese fonts, widgets and QtPdf load."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QLabel


def check_qt() -> str:
    app = QApplication.instance() or QApplication(["kakanai-selftest"])
    label = QLabel("書かない窓口 𠮷")
    label.resize(label.sizeHint())
    label.grab()  # renders through the platform plugin
    families = [f for f in QFontDatabase.families() if "IPA" in f]
    document = QPdfDocument()  # QtPdf is a separate wheel: its presence is part of the check
    del document, label
    platform = QGuiApplication.platformName()
    app.processEvents()
    return f"Qt {platform} で画面部品とQtPdfを確認（IPAフォント {len(families)}種）"
