"""What a page needs from the main window (a protocol, so pages do not import the window)."""

from __future__ import annotations

from typing import Protocol

from kakanai.app.services import CounterServices
from kakanai.app.settings import CounterSettings
from kakanai.app.workflow import ReceptionSession, Step
from kakanai.ui.card_controller import CardReadController


class Page(Protocol):
    """What the window asks of every step's page (each is also a QWidget in the window's stack)."""

    def refresh(self) -> None:
        """Show the session as it is now (after every change; after a clear, show nothing personal)."""

    def activate(self) -> None:
        """The page has just been shown: put the keyboard focus where the clerk goes on."""


class Host(Protocol):
    session: ReceptionSession
    services: CounterServices
    card: CardReadController

    def go(self, step: Step) -> None: ...

    def next_step(self) -> None: ...

    def notify(self, text: str, *, warning: bool = False, code: str = "warning") -> None: ...

    def continue_reception(self, reception_id: str) -> None: ...

    def new_reception(self) -> None: ...

    def may_print(self) -> bool: ...

    def update_settings(self, settings: CounterSettings) -> None: ...
