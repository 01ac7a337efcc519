"""End to end, as at the counter: a 4-person 転入 (three members by card, one typed), the interview,
the plan, the form inputs, the preview and printing to a PDF printer; then the screen is cleared.

Counts the clerk's actions (clicks + keys, the PIN digits the residents type excluded) and measures
card-read-to-fields-shown, plan update after an answer, first preview and print, for the report."""

from __future__ import annotations

import hashlib
import io
import json
import time
from pathlib import Path

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton
from pytestqt.qtbot import QtBot

from kakanai.app.workflow import AuditKind, Step
from kakanai.model import Question
from kakanai.model.documents import GUIDANCE_SHEET
from kakanai.ui.main_window import MainWindow
from tests.ui.conftest import (
    WAIT_MS,
    click,
    enter_pin,
    lift_card,
    phone_pad,
    place_card,
    type_japanese,
    wait_step,
)

CARDS = (("山田太郎", "1234"), ("山田花子", "5678"), ("山田𠮷子", "1111"))
# The 山田 family's answers, as number keys (the order of the values in resources/rules/facts.yaml).
ANSWERS = {
    ("health_insurance", None): "2", ("pension_category", "p1"): "2", ("pension_category", "p2"): "3",
    ("school", "p3"): "4", ("school", "p4"): "2", ("uses_signing_certificate", "p1"): "1",
    ("wants_seal_registration", None): "1", ("has_dog", None): "1", ("has_mynumber_card", "p4"): "2",
    ("nationality", None): "1",
}
SPLIT = frozenset({"uses_signing_certificate"})  # 太郎 uses his, 花子 and 𠮷子 do not
HEAD_KEY = "1"  # 世帯主（本人）
DEFAULT_KEY = {"bool": "2", "multi": "0", "choice": "1", "int": "\r", "date": "\r"}
MEASUREMENTS = Path(__file__).resolve().parents[2] / "build" / "measurements"


def answer_key(q: Question) -> str:
    return ANSWERS.get((q.fact, q.person), ANSWERS.get((q.fact, None), DEFAULT_KEY[q.kind]))


def test_four_person_moving_in(qtbot: QtBot, window: MainWindow) -> None:
    counter = window.actions_counter
    counter.reset()
    started = time.perf_counter()
    timings: dict[str, float] = {}

    # 1. The event: key 1 = 転入.
    qtbot.keyClick(window, Qt.Key.Key_1)
    wait_step(qtbot, window, Step.MEMBERS)
    # The move was yesterday: the day section of the date, then two digits.
    page = window.members_page
    qtbot.waitUntil(page.read_button.hasFocus, timeout=WAIT_MS)  # the page shown, the clerk clicks the date
    edit = page.event_date
    assert edit.text() == "2026-04-10"  # today, until the clerk types the day of the move
    click(qtbot, edit)
    qtbot.wait(10)
    qtbot.keyClicks(edit, "4/9")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.session.event_date is not None and window.session.event_date.isoformat() == "2026-04-09"

    # 2. Three members by card: placing the card starts the read; the resident types the PIN.
    shown: list[float] = []
    for i, (who, pin) in enumerate(CARDS, start=1):
        place_card(window, who)
        enter_pin(qtbot, window, pin)
        qtbot.waitUntil(lambda n=i: len(window.session.members) == n, timeout=WAIT_MS)
        if i == 1:  # the pad asks the phone number: skipped (Esc), the clerk types it on the inputs page
            phone_pad(qtbot, window)
        assert page.last_fields_shown_seconds is not None
        shown.append(page.last_fields_shown_seconds)
        lift_card(window)
        qtbot.waitUntil(lambda: window.reader_status.state == "ready", timeout=WAIT_MS)
    timings["card_to_fields_shown_max_s"] = max(shown)

    # One typed member (no card): F4, name and フリガナ through the IME, the birth date, Enter.
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: page.member_dialog is not None, timeout=WAIT_MS)
    dialog = page.member_dialog
    assert dialog is not None
    type_japanese(qtbot, dialog.name, "山田　髙志")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    type_japanese(qtbot, dialog.kana, "やまだ　たかし")
    qtbot.keyClick(dialog.kana, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.birth, "20230110")
    qtbot.keyClick(dialog.birth, Qt.Key.Key_Return)  # 性別 has no default: Enter stops there
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_1)  # 1 男, the last field: the key accepts the dialog
    qtbot.waitUntil(lambda: len(window.session.members) == 4, timeout=WAIT_MS)
    typed = window.session.members[3].person
    assert typed.name == "山田　髙志" and typed.name_kana == "ヤマダ　タカシ"
    assert typed.birth_date.isoformat() == "2023-01-10"

    # The 続柄 of each (issue 15, 17): the first member's choice has the focus; the 世帯主 with its number
    # key, then the others are proposed (妻, 子, 子) and one Enter confirms them; the focus goes to 「次へ」.
    first = page.findChild(QComboBox, "relationship_p1")
    assert first is not None
    qtbot.waitUntil(first.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(first, HEAD_KEY)
    box = QApplication.focusWidget()
    assert isinstance(box, QComboBox) and box.objectName() == "relationship_p2"
    assert box.itemText(0) == "提案 妻（Enter で確定）"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.next_button
    assert [m.person.facts["relationship"] for m in window.session.members] == ["head", "spouse", "child", "child"]

    # 3. The interview: only the open questions, answered with number keys.
    qtbot.keyClick(window.members_page.next_button, Qt.Key.Key_Return)
    wait_step(qtbot, window, Step.INTERVIEW)
    interview = window.interview_page
    asked = 0
    answer_times: list[float] = []
    while window.session.questions:
        card = interview.cards[interview.current]
        who = card.findChild(type(interview.plan_label), "question_who")
        assert who is not None and ("さん（" in who.text() or who.text().endswith(("世帯について", "世帯と皆さんについて"))
                                    or "全員 同じ（山田" in who.text() or "いずれか1人（山田" in who.text())
        q = card.question
        if card.ask.shared and q.fact in SPLIT:
            # Not the same for everyone (issue 17: 「全員 同じ」 with exceptions): one click, then per person.
            click(qtbot, card.findChild(QPushButton, "answer_each"))
            continue
        if card.ask.checklist:  # tick the items answered はい, then Enter; none of them: 0
            ticks = [str(n) for n, item in enumerate(card.ask.items, start=1) if answer_key(item) == "1"]
            qtbot.keyClicks(interview, "".join(ticks) + "\r" if ticks else "0")
        else:
            qtbot.keyClicks(interview, answer_key(q))
        assert interview.last_answer_seconds is not None
        answer_times.append(interview.last_answer_seconds)
        asked += 1
        assert asked < 40, [(q.fact, q.person, q.kind) for q in window.session.questions]
    timings["answer_to_plan_max_s"] = max(answer_times)
    wait_step(qtbot, window, Step.PLAN)  # the last answer shows the plan (no Enter that adds nothing)

    # 4. The plan, grouped by department, with reasons and deadlines.
    plan = window.session.plan
    assert plan is not None and plan.complete
    ids = {p.id for p in plan.procedures}
    assert {"resident_move_notice", "mynumber_card_update", "seal_registration"} <= ids
    tree = window.plan_page.tree
    assert tree.topLevelItemCount() >= 1 and tree.topLevelItem(0).text(0).startswith("■ 市民課")
    qtbot.keyClick(window.plan_page.next_button, Qt.Key.Key_Return)
    wait_step(qtbot, window, Step.INPUTS)

    # 5. Form inputs: the phone (the page opens on it) and the new address; the rest stays empty boxes.
    inputs = window.inputs_page
    phone = inputs.editors[("phone", None)]
    qtbot.waitUntil(phone.hasFocus, timeout=WAIT_MS)  # the first empty field, once the page is shown
    qtbot.keyClicks(phone, "090-1234-5678")
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    address = inputs.editors[("address", None)]
    assert address.hasFocus()  # Enter: the next input of the forms
    type_japanese(qtbot, address, "北海道見本市北５条東２丁目１５番地")
    qtbot.keyClick(address, Qt.Key.Key_Return)
    # (旧世帯主 is not asked at a 転入: it is on the 転出証明書)
    assert ("old_head_name", None) not in inputs.editors and inputs.editors[("honseki", None)].hasFocus()
    assert window.session.household.address == "北海道見本市北５条東２丁目１５番地"
    assert window.session.form_inputs["phone"] == "090-1234-5678"
    # 𠮷 and 髙 are in IPAmj明朝, the forms' font for every value: no character prompt.
    assert not inputs.problem_rows
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_step(qtbot, window, Step.PREVIEW)

    # 6. Preview and print everything with one action.
    preview = window.preview_page
    with qtbot.waitSignal(preview.rendered, timeout=WAIT_MS):
        pass
    assert preview.first_preview_seconds is not None
    timings["first_preview_s"] = preview.first_preview_seconds
    timings["all_documents_s"] = preview.all_rendered_seconds or 0.0
    titles = [preview.list.item(i).text() for i in range(preview.list.count())]
    assert titles[-1] == "窓口案内シート" and any(t.startswith("住民異動届") for t in titles)
    assert not preview.errors
    # The first page shown is the real 住民異動届 (forms/resident_move_notice.yaml, drawn by kakanai.forms),
    # with the registered characters printed as they are.
    first = preview.documents[0]
    assert first.key == "resident_move_notice" and not first.fallback and first.title == "住民異動届"
    assert preview.list.currentRow() == 0 and preview.pdf.pageCount() >= 1
    assert preview.pdf.metaData(QPdfDocument.MetaDataField.Title) == "住民異動届"
    text = pypdf.PdfReader(io.BytesIO(first.pdf)).pages[0].extract_text()
    assert "山田" in text and "𠮷子" in text and "髙志" in text
    guidance = preview.documents[-1]
    assert guidance.key == GUIDANCE_SHEET and not guidance.fallback
    # The sheet names this reception (its QR opens it at another counter: tests/ui/test_records_ui.py).
    guidance_text = pypdf.PdfReader(io.BytesIO(guidance.pdf)).pages[0].extract_text()
    assert f"受付ID {window.session.reception_id[:8]}" in guidance_text
    with qtbot.waitSignal(preview.printed, timeout=30000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    report = blocker.args[0]
    assert report.printed == tuple(d.title for d in preview.documents)  # the rows add ［空欄 N］ to some
    files = sorted(window.printed_dir.glob("*.pdf"))  # type: ignore[attr-defined]
    assert len(files) == len(titles)
    assert all(len(pypdf.PdfReader(f).pages) >= 1 for f in files)
    audit = window.session.audit
    assert audit[-1].kind is AuditKind.PRINTED

    # 7. Finish: the screen is cleared of personal data; the reception is recorded (the demo database)
    # with its number, the staff member, every step's time and the hash of every printed document.
    clerk_actions = counter.summary()
    elapsed = time.perf_counter() - started
    reception_id = window.session.reception_id
    printed_pdfs = {d.key: d.pdf for d in preview.documents}
    click(qtbot, preview.finish_button)
    assert window.session.step is Step.EVENT and window.session.members == ()
    assert window.members_page.table.rowCount() == 0 and preview.list.count() == 0
    qtbot.waitUntil(lambda: "受付を記録しました（受付番号 0001）" in window.window_message.text(), timeout=WAIT_MS)
    store = window.services.store_recorder
    assert store is not None
    stored = store.store.load_reception(reception_id)
    assert stored is not None and stored.staff == "demo" and stored.number == 1
    assert [p.procedure for p in stored.procedures] == [p.id for p in plan.procedures]
    assert {d.form_id: d.content_hash for d in stored.documents} == {
        key: hashlib.sha256(pdf).hexdigest() for key, pdf in printed_pdfs.items()}
    steps = {s.step: s.seconds for s in stored.steps}
    assert set(steps) >= {"event", "members", "interview", "plan", "inputs", "preview"}
    assert abs(sum(steps.values()) - stored.seconds) < 1.0

    timings["card_to_fields_shown_max_s"] = max(shown)
    result = {"clerk_actions": clerk_actions, "questions": asked, "procedures": len(plan.procedures),
              "documents": len(titles), "timings": timings, "test_seconds": round(elapsed, 2)}
    MEASUREMENTS.mkdir(parents=True, exist_ok=True)
    (MEASUREMENTS / "e2e_moving_in.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(json.dumps(result, ensure_ascii=False))
    # The timings are measured and recorded (build/measurements, and tests/bench/test_ui_bench.py has the
    # benchmarks); they are not asserted, so a loaded CI machine cannot make the workflow test flaky.
    assert all(v > 0 for v in timings.values())
    # 北見 measured 6 minutes to write one 1-person 住民異動届 by hand. Here the whole 4-person reception
    # is ~60 clerk actions (most of them one-key interview answers and the phone number's digits).
    # 続柄 and 性別 are chosen explicitly (issue 15, 17): 72 actions; then (issue 17) the 続柄 proposed and
    # confirmed with one Enter, the 性別 key accepting the typed member, 旧世帯主 not asked at a 転入: 63;
    # the interview's checklists, then the inputs page opening on the phone (no focus moved by hand): 56;
    # 57 with F4 counted (a shortcut key was not counted before: kakanai.ui.actions); the household's and
    # each person's yes/no questions on one checklist, a birth date and a phone number typed in full going
    # on by themselves: 56 (tests/bench/test_clerk_actions.py holds the targets).
    assert clerk_actions["total"] <= 56
