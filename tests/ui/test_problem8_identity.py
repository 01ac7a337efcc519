"""Issue 17, problem 8: a QR reception recorded no 本人確認. Members from the resident's pre-entry QR
(scanned straight into the window) leave the 本人確認 choice open; the clerk chooses it with one number
key, and the record in the demo database says which document was shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS, answer_all_directly

ASK = "本人確認書類を選んでください（来庁者の欄の「本人確認」）"


def test_problem8_a_qr_reception_asks_and_records_the_identity_document(qtbot: QtBot, window: MainWindow) -> None:
    demo = window.services.demo
    assert demo is not None
    for text in demo.preentries[0].texts:  # 転入, from the resident's phone
        qtbot.keyClicks(window, text)
        qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.session.members) >= 3, timeout=WAIT_MS)
    s = window.session
    assert s.event is LifeEvent.MOVING_IN and s.log.identity is None
    page = window.members_page
    assert page.identity.isVisible() and page.identity.currentText() == "（選んでください）"
    assert s.blocker(Step.INTERVIEW) == ASK
    window.next_step()
    assert s.step is Step.MEMBERS and window.window_message.text() == ASK
    page.identity.setFocus()
    qtbot.keyClicks(page.identity, "3")  # パスポート
    assert s.log.identity is IdentityDocument.PASSPORT and page.identity.currentText() == "3 パスポート"
    assert s.blocker(Step.INTERVIEW) is None
    answer_all_directly(window)
    store = window.services.store_recorder
    assert store is not None
    reception_id = s.reception_id
    window.finish_reception()  # as confirmed by the clerk
    qtbot.waitUntil(lambda: "受付を記録しました" in window.window_message.text(), timeout=WAIT_MS)
    stored = store.store.load_reception(reception_id)
    assert stored is not None and stored.identity_document == "passport"
    assert page.identity.currentText() == "（選んでください）" and not page.identity.isVisible()
