"""Issue 17, problem 8 without Qt: 本人確認 (which identity document was shown) recorded for every
reception. A card read is the check itself; QR and typed members are asked before the interview; the
record (database and JSON-lines file) keeps the kind of document, and a cleared reception forgets it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kakanai.app.workflow import Step
from kakanai.model import IdentityDocument, LifeEvent, Sex
from kakanai.rules import RuleBook
from kakanai.store.recorders import JsonLinesRecorder
from tests.unit.app.test_records_app import CONTEXT, recorder
from tests.unit.app.test_workflow import TARO, answer_all, family, session

ASK = "本人確認書類を選んでください（来庁者の欄の「本人確認」）"


def test_problem8_a_card_read_records_the_mynumber_card_by_itself(book: RuleBook) -> None:
    s = family(book)  # three cards and one typed member
    assert s.log.identity is IdentityDocument.MYNUMBER_CARD
    assert s.blocker(Step.INTERVIEW) is None


def test_problem8_typed_members_are_asked_and_the_choice_is_recorded(book: RuleBook, tmp_path: Path) -> None:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_typed(name="見本　花子", birth_date=date(1990, 1, 1), sex=Sex.FEMALE)
    s.set_relationship("p1", "head")
    assert s.log.identity is None and s.blocker(Step.INTERVIEW) == ASK
    s.set_identity(IdentityDocument.RESIDENCE_CARD)
    assert s.blocker(Step.INTERVIEW) is None
    answer_all(s)
    finished = s.finish()
    assert finished.log.identity is IdentityDocument.RESIDENCE_CARD
    assert s.log.identity is None  # cleared with the reception: nothing reaches the next household

    rec = recorder(tmp_path)
    rec.create_first_administrator("admin", "管理　太郎", "password-1", "password-1")
    result = rec.record_result(finished, CONTEXT)
    stored = rec.store.load_reception(result.id)
    assert stored is not None and stored.identity_document == "residence_card"
    rec.close()


def test_problem8_the_json_lines_record_names_the_document(book: RuleBook, tmp_path: Path) -> None:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_from_card(TARO)
    s.set_relationship("p1", "head")
    answer_all(s)
    out = tmp_path / "receptions.jsonl"
    JsonLinesRecorder(out).record(s.finish(), CONTEXT)
    assert json.loads(out.read_text(encoding="utf-8"))["identity_document"] == "mynumber_card"
    assert [d.label for d in IdentityDocument] == ["マイナンバーカード", "運転免許証", "パスポート", "在留カード・特別永住者証明書", "その他"]
