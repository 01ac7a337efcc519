"""Other receptions and features through the real window: a death (おくやみ), a QR intake (dialog and
scanner straight into the window), the plan overrides with recorded reasons, a character replacement,
the idle clear, font scaling and the high-contrast theme, the settings dialog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import AuditKind, Step
from kakanai.model import IdentityDocument, LifeEvent, Mode, Sex
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import (
    HEAD,
    SPOUSE,
    WAIT_MS,
    answer_all_directly,
    choose_relationships,
    click,
    enter_pin,
    lift_card,
    place_card,
    wait_step,
)


def answer_everything(qtbot: QtBot, window: MainWindow) -> int:
    page = window.interview_page
    n = 0
    while window.session.questions:
        q = page.cards[page.current].question
        key = {"bool": "2", "multi": "0", "choice": "1", "checklist": "0"}.get(q.kind, "\r")  # いいえ, none
        qtbot.keyClicks(page, key) if key != "\r" else qtbot.keyClick(page, Qt.Key.Key_Return)
        n += 1
        assert n < 60, q
    return n


def test_death_reception(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_5)
    wait_step(qtbot, window, Step.MEMBERS)
    assert window.session.event is LifeEvent.DEATH
    assert window.members_page.subject.title.text() == "亡くなった方（数字キーで選択）:"
    demo = window.services.demo
    assert demo is not None
    deceased = next(t for t in demo.typed if "亡くなった方" in t.label)
    window.demo_tray.add_typed(deceased)  # type: ignore[union-attr]
    place_card(window, "渡邊ハツ")
    enter_pin(qtbot, window, "2580")
    qtbot.waitUntil(lambda: len(window.session.members) == 2, timeout=WAIT_MS)
    lift_card(window)
    assert window.session.subject is None  # nobody presumed: the clerk chooses 渡邊 髙雄 (key 1)
    first = window.members_page.subject.buttons[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_1)
    assert window.session.subject == ("p1",)
    qtbot.keyClick(window.members_page.next_button, Qt.Key.Key_Return)  # the 世帯主 and each 続柄 first
    assert window.session.step is Step.MEMBERS
    assert window.window_message.text() == "世帯主を選んでください（続柄の欄で「世帯主（本人）」を選びます）"
    choose_relationships(qtbot, window, HEAD, SPOUSE)
    assert [m.person.facts["relationship"] for m in window.session.members] == ["head", "spouse"]
    window.session.set_event_date(__import__("datetime").date(2026, 4, 8))
    qtbot.keyClick(window.members_page.next_button, Qt.Key.Key_Return)
    assert answer_everything(qtbot, window) > 0
    wait_step(qtbot, window, Step.PLAN)  # the last answer shows the plan
    plan = window.session.plan
    assert plan is not None
    assert "death_registration" in {p.id for p in plan.procedures}
    reasons = " ".join(p.reason for p in plan.procedures)
    assert "髙雄" in reasons
    window.session.go(Step.PREVIEW)
    with qtbot.waitSignal(window.preview_page.rendered, timeout=WAIT_MS):
        pass
    with qtbot.waitSignal(window.preview_page.printed, timeout=30000):
        click(qtbot, window.preview_page.print_button)
    click(qtbot, window.preview_page.finish_button)
    assert window.session.members == () and window.session.step is Step.EVENT


def test_qr_intake_through_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    demo = window.services.demo
    assert demo is not None
    texts = demo.preentries[0].texts
    window.event_page.choose(LifeEvent.MOVING_IN)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: window.members_page.qr_dialog is not None, timeout=WAIT_MS)
    dialog = window.members_page.qr_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.scan_input, "KKN1:GARBAGE-NOT-A-CODE")
    qtbot.keyClick(dialog.scan_input, Qt.Key.Key_Return)
    assert dialog.error.text()  # a clear message, the dialog stays open
    for text in texts:
        qtbot.keyClicks(dialog.scan_input, text)
        qtbot.keyClick(dialog.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.session.members) >= 3, timeout=WAIT_MS)
    assert {m.source.value for m in window.session.members} == {"qr"}
    assert window.session.members[0].person.name == "𠮷田　太郎"
    assert window.members_page.table.rowCount() == len(window.session.members)
    assert "事前入力から" in window.members_page.card_message.text()


def test_a_scanner_typing_into_the_window_starts_the_reception(qtbot: QtBot, window: MainWindow) -> None:
    demo = window.services.demo
    assert demo is not None
    for text in demo.preentries[1].texts:  # おくやみ
        qtbot.keyClicks(window, text)
        qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.session.members), timeout=WAIT_MS)
    assert window.session.event is LifeEvent.DEATH and window.session.step is Step.MEMBERS


def test_plan_overrides_are_recorded_with_their_reason(qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    place_card(window, "山田太郎")
    enter_pin(qtbot, window, "1234")
    qtbot.waitUntil(lambda: len(window.session.members) == 1, timeout=WAIT_MS)
    lift_card(window)
    choose_relationships(qtbot, window, HEAD)
    window.session.next()
    answer_everything(qtbot, window)
    window.session.go(Step.PLAN)
    page = window.plan_page
    plan = window.session.plan
    assert plan is not None
    target = next(p for p in plan.procedures if p.mode is Mode.HERE and p.person is not None)
    assert page.select(target.id, target.person)
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=WAIT_MS)
    dialog = page.dialog
    assert dialog is not None
    click(qtbot, dialog.ok)  # the first preset reason
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT_MS)
    assert (target.id, target.person) not in {(p.id, p.person) for p in window.session.plan.procedures}
    assert "外した手続" in page.removed.text()
    assert window.session.audit[-1].kind is AuditKind.PROCEDURE_REMOVED
    click(qtbot, page.undo_button)
    assert (target.id, target.person) in {(p.id, p.person) for p in window.session.plan.procedures}
    click(qtbot, page.findChild(type(page.undo_button), "plan_add"))
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=WAIT_MS)
    add = page.dialog
    planned = {(p.id, p.person) for p in window.session.plan.procedures}
    row = next(i for i, e in enumerate(add.catalog)  # type: ignore[union-attr]
               if (e.id, "p1" if e.per_person else None) not in planned)
    add.procedures.setCurrentRow(row)  # type: ignore[union-attr]
    click(qtbot, add.ok)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT_MS)
    added = [p for p in window.session.plan.procedures if p.added_by_clerk]
    assert len(added) == 1 and added[0].reason.startswith("窓口で追加: ")
    assert page.select(added[0].id, added[0].person)
    assert page.tree.currentItem().text(2) == "窓口で追加"  # type: ignore[union-attr]


def _one_member(window: MainWindow, name: str) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    window.session.add_member_typed(name=name, birth_date=date(1990, 1, 1), sex=Sex.FEMALE, name_kana="カサイ　ハナコ")
    window.session.set_relationship("p1", "head")
    window.session.set_identity(IdentityDocument.DRIVERS_LICENSE)  # typed: 本人確認 is asked
    answer_all_directly(window)


def test_a_missing_glyph_is_replaced_by_the_clerks_choice(qtbot: QtBot, window: MainWindow) -> None:
    # 𠮷 and 髙 print in IPAmj明朝; an ideographic variation sequence (葛 + VS17) does not: the forms cannot
    # print variation selectors, so the clerk is offered the base character.
    _one_member(window, "葛\U000E0100西　花子")
    window.session.go(Step.INPUTS)
    page = window.inputs_page
    qtbot.waitUntil(lambda: bool(page.problem_rows), timeout=WAIT_MS)
    row = page.problem_rows[0]
    assert "氏名" in row.findChildren(type(page.status))[0].text()
    replace_button = row.findChild(type(page.next_button), "glyph_replace")
    assert replace_button is not None and "「葛」" in replace_button.text()
    click(qtbot, replace_button)
    assert window.session.members[0].person.name == "葛西　花子"
    entry = window.session.audit[-1]
    assert entry.kind is AuditKind.CHARACTER_CHANGED and "U+E0100" in entry.detail
    assert not any(r.isVisible() for r in page.problem_rows)


def test_a_form_error_reaches_the_clerk_naming_the_field(qtbot: QtBot, window: MainWindow) -> None:
    _one_member(window, "見本　花子")
    window.session.go(Step.INPUTS)
    person = window.session.members[0].id
    window.session.set_form_input("honseki", "東京都葛\U000E0100飾区", person)
    preview = window.preview_page
    with qtbot.waitSignal(preview.rendered, timeout=30000):
        window.session.go(Step.PREVIEW)
    text = preview.status.text()
    assert "「住民異動届」の「本籍（外国人は国籍・地域）（1行目）」: 文字「葛\U000E0100」（U+845B U+E0100）" in text
    assert preview.errors[0].key == "resident_move_notice" and "Traceback" not in text
    assert preview.documents and preview.print_button.isEnabled()  # the rest can be printed
    assert preview.fix_button.isVisible()
    # Back on the inputs, the prompt is on the 本籍 field and offers the standard form.
    click(qtbot, preview.fix_button)
    assert window.session.step is Step.INPUTS
    inputs = window.inputs_page
    qtbot.waitUntil(lambda: any(r.isVisible() for r in inputs.problem_rows), timeout=WAIT_MS)
    row = next(r for r in inputs.problem_rows if r.objectName() == f"glyph_{person}_input.honseki")
    assert "本籍" in row.findChildren(type(inputs.status))[0].text()
    replace_button = row.findChild(type(inputs.next_button), "glyph_replace")
    assert replace_button is not None
    click(qtbot, replace_button)
    assert window.session.form_input("honseki", person) == "東京都葛飾区"
    assert window.session.audit[-1].kind is AuditKind.CHARACTER_CHANGED
    # Too long for its box: named, and fixed by shortening it.
    window.session.set_form_input("old_head_name", "見本" * 60)
    with qtbot.waitSignal(preview.rendered, timeout=30000):
        window.session.go(Step.PREVIEW)
    assert "「前の世帯主」: 文字が欄に収まりません" in preview.status.text()
    window.session.go(Step.INPUTS)
    window.session.set_form_input("old_head_name", "見本　一郎")
    with qtbot.waitSignal(preview.rendered, timeout=30000):
        window.session.go(Step.PREVIEW)
    assert not preview.errors and not preview.fix_button.isVisible()
    assert preview.documents[0].key == "resident_move_notice" and not preview.documents[0].fallback


def test_an_idle_reception_is_cleared(qtbot: QtBot, window: MainWindow) -> None:
    window.event_page.choose(LifeEvent.MOVING_IN)
    window.session.add_member_typed(name="見本　花子", birth_date=__import__("datetime").date(1990, 1, 1),
                                    sex=__import__("kakanai.model").model.Sex.FEMALE)
    assert window.members_page.table.rowCount() == 1
    window.session.idle_seconds = 0.2
    qtbot.waitUntil(lambda: window.session.step is Step.EVENT, timeout=WAIT_MS)
    assert window.session.members == () and window.members_page.table.rowCount() == 0
    assert "消去しました" in window.window_message.text()


def test_fonts_scale_and_high_contrast(qtbot: QtBot, window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.font().pointSizeF() > before, timeout=WAIT_MS)
    assert window.services.settings.font_scale > 1.0
    assert app.font().family() == "IPAexGothic"
    from dataclasses import replace

    window.update_settings(replace(window.services.settings, high_contrast=True))
    assert "background: black" in app.styleSheet()
    window.update_settings(replace(window.services.settings, high_contrast=False, font_scale=1.0))


def test_the_settings_dialog_changes_this_counter(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window.findChild(type(window.preview_page.print_button), "open_settings"))
    qtbot.waitUntil(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible(),
                    timeout=WAIT_MS)
    dialog = window.settings_dialog
    assert dialog is not None
    dialog.office.setCurrentIndex(dialog.office.findData("branch_east"))  # type: ignore[attr-defined]
    dialog.counter.setText("東支所 窓口2")  # type: ignore[attr-defined]
    dialog.accept()
    qtbot.waitUntil(lambda: window.services.settings.office == "branch_east", timeout=WAIT_MS)
    assert window.services.settings.counter_name == "東支所 窓口2"
    assert window.session.office == "branch_east"
    assert "再起動" not in window.window_message.text()  # the office applies at once
    window.update_settings(replace(window.services.settings, database="sqlite:////tmp/other.sqlite3"))
    assert "再起動すると有効" in window.window_message.text()


def test_the_printer_choice_is_remembered_for_this_counter(qtbot: QtBot, window: MainWindow) -> None:
    from kakanai.app.settings import load_settings

    window.saves_settings = True  # this test writes the per-machine settings (KAKANAI_CONFIG_DIR is a temp folder)
    combo = window.preview_page.printer
    combo.addItem("窓口プリンター2")
    combo.setCurrentText("窓口プリンター2")
    saved, warning = load_settings()
    assert warning is None and saved.printer == "窓口プリンター2"
