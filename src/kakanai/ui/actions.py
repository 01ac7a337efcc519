"""Counting the clerk's actions (clicks and key presses; what the resident does on their pad, the PIN and
the phone number (kakanai.ui.phone_pad), is left out) and noticing activity for the idle timeout. One application-wide event filter.

An ignored key or mouse event travels up the parent chain and passes the filter once per widget; a
delivery of the same event to an ancestor of the previous receiver is that propagation, not an action.

A key bound to a shortcut (F4, F6, Ctrl+Enter, Ctrl+P) never arrives as a key press: Qt delivers it to the
QShortcut as a Shortcut event, counted as the key it is. A modifier pressed on its own (Ctrl, Shift) is
part of the chord it starts, not an action: Ctrl+Enter is one key, as it was counted before by its Ctrl
(F4 and F6 were not counted at all).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QWidget

_PRESS = QEvent.Type.MouseButtonPress
_KEY = QEvent.Type.KeyPress
_IME = QEvent.Type.InputMethod
_SHORTCUT = QEvent.Type.Shortcut
_MODIFIERS = frozenset({Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr})


class ActionCounter(QObject):
    def __init__(self, on_activity: Callable[[], None]) -> None:
        super().__init__()
        self.clicks = 0
        self.keys = 0
        self.ime_commits = 0  # Japanese text committed by the IME (each commit: typing plus conversion)
        self.ime_chars = 0
        self._on_activity = on_activity
        self._last_event = 0
        self._last_widget: QWidget | None = None

    @property
    def total(self) -> int:
        return self.clicks + self.keys + self.ime_commits

    def reset(self) -> None:
        self.clicks = self.keys = self.ime_commits = self.ime_chars = 0

    def summary(self) -> dict[str, int]:
        return {"clicks": self.clicks, "keys": self.keys, "ime_commits": self.ime_commits,
                "ime_chars": self.ime_chars, "total": self.total}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind is _SHORTCUT:
            owner = watched.parent()
            if isinstance(owner, QWidget) and getattr(owner.window(), "counts_actions", True):
                self._on_activity()
                self.keys += 1
            return False
        if kind not in (_PRESS, _KEY, _IME) or not isinstance(watched, QWidget):
            return False
        pointer = shiboken6.getCppPointer(event)[0]
        last = self._last_widget
        propagated = (pointer == self._last_event and last is not None and shiboken6.isValid(last)
                      and last is not watched and watched.isAncestorOf(last))
        self._last_event, self._last_widget = pointer, watched
        if propagated:
            return False
        self._on_activity()
        if not getattr(watched.window(), "counts_actions", True):
            return False  # the resident's pad (PIN, phone): their digits are not the clerk's actions
        if kind == _PRESS:
            self.clicks += 1
        elif kind == _KEY:
            if isinstance(event, QKeyEvent) and event.key() in _MODIFIERS:
                return False  # the start of a chord (Ctrl+Enter): counted with its key
            self.keys += 1
        elif isinstance(event, QInputMethodEvent) and event.commitString():
            self.ime_commits += 1
            self.ime_chars += len(event.commitString())
        return False
