"""The records corner of the counter window: where the receptions go (接続中 / 切断中 and how many wait
in this PC's spool), who is signed in, and sign-out.

While the shared database is down the counter goes on (plan, print) and the records wait in the spool;
a timer tries to deliver them on a worker, so the window never waits for the network (issue 7, Faults).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kakanai.app.services import CounterServices
from kakanai.ui.background import run_in_background
from kakanai.ui.widgets import button, set_role

log = logging.getLogger(__name__)
FLUSH_INTERVAL_MS = 15_000
PURGE_DELAY_MS = 5_000  # after start-up, when the window is up
PURGE_INTERVAL_MS = 6 * 3600 * 1000  # a counter left running for days still purges daily


class RecordsBar(QWidget):
    link_changed = Signal(bool)  # True = the database is reachable

    def __init__(self, services: CounterServices, sign_in: Callable[[], None], sign_out: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.link = QLabel("")
        self.link.setObjectName("records_status")
        self.staff = QLabel("")
        self.staff.setObjectName("staff_status")
        self.sign_in_button = button("サインイン", "sign_in", sign_in)
        self.sign_out_button = button("サインアウト", "sign_out", sign_out)
        for widget in (self.link, self.staff, self.sign_in_button, self.sign_out_button):
            layout.addWidget(widget)
        self._flushing = False
        self._up: bool | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(FLUSH_INTERVAL_MS)
        self.timer.timeout.connect(self.flush)
        self.purge_timer = QTimer(self)
        self.purge_timer.setInterval(PURGE_INTERVAL_MS)
        self.purge_timer.timeout.connect(self.purge)
        self.purged: int | None = None  # receptions purged by the last run (None: not run yet)
        if services.store_recorder is not None:
            self.timer.start()
            self.purge_timer.start()
            QTimer.singleShot(PURGE_DELAY_MS, self.purge)
        self.refresh()

    def refresh(self) -> None:
        """Show the recorder's state as it is now (no database round trip)."""
        store = self.services.store_recorder
        if store is None:
            self.link.setText(f"記録先: {self.services.recorder.name}")
            set_role(self.link, "notice")
            self.staff.hide()
            self.sign_in_button.hide()
            self.sign_out_button.hide()
            return
        status = store.status()
        self.link.setText(status.label)
        self.link.setToolTip(f"{store.description}\n{status.last_error or ''}".strip())
        set_role(self.link, "notice" if status.up and not status.rejected else "warning")
        if self._up is not status.up:
            self._up = status.up
            self.link_changed.emit(status.up)
        who = store.signed_in
        self.staff.show()
        if who is None:
            self.staff.setText("職員: 未サインイン")
            set_role(self.staff, "warning")
        else:
            offline = "（オフライン確認）" if who.offline else ""
            self.staff.setText(f"職員: {who.display_name}（{who.role_label}）{offline}")
            set_role(self.staff, "notice")
        demo = self.services.demo_mode
        self.sign_in_button.setVisible(who is None and not demo)
        self.sign_out_button.setVisible(who is not None and not demo)

    def flush(self) -> None:
        """Deliver what waits in the spool, on a worker; one delivery at a time."""
        store = self.services.store_recorder
        if store is None or self._flushing:
            return
        self._flushing = True
        run_in_background(store.flush, lambda _status: self._flushed(), self._flush_failed)

    def _flushed(self) -> None:
        self._flushing = False
        if shiboken6.isValid(self) and self.timer.isActive():  # stopped = the window is closing
            self.refresh()

    def _flush_failed(self, error: BaseException) -> None:
        log.warning("spool delivery failed: %s", error)
        self._flushed()

    def purge(self) -> None:
        """Retention (issue 7): personal fields past the municipality's period are dropped, on a worker."""
        if self.services.store_recorder is None or not self.timer.isActive():
            return
        run_in_background(self.services.purge_expired, self._purged, self._purge_failed)

    def _purged(self, count: int) -> None:
        self.purged = count
        if count:
            log.info("retention: personal fields of %d receptions purged", count)

    def _purge_failed(self, error: BaseException) -> None:
        # Not the clerk's concern at the counter; the next run (or `kakanai purge`) catches up.
        log.warning("retention purge failed: %s", error)

    def stop(self) -> None:
        self.timer.stop()
        self.purge_timer.stop()
