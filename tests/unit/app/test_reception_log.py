"""Issue 15/16: what one reception printed and was told goes with its own record only; the
record-or-discard decision, scan routing, and a record that cannot be written (a full disk) keep the
reception on screen. No Qt."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from kakanai.app.scans import ScanKind, ScanRouter
from kakanai.app.services import CounterServices
from kakanai.app.settings import CounterSettings
from kakanai.app.workflow import AuditKind, Closing, Step
from kakanai.card.polling import SimulatedCardReader
from kakanai.model import FinishedReception, LifeEvent
from kakanai.model.members import WorkflowError
from kakanai.qr import encode_reception, reception_code
from kakanai.rules import RuleBook
from kakanai.store import StoreError
from kakanai.store.counter_recorder import StoreRecorder
from kakanai.store.recorders import JsonLinesRecorder, RecordContext, RecordError
from tests.unit.app.conftest import TODAY
from tests.unit.app.test_workflow import TARO, answer_all, family, session

CONTEXT = RecordContext("窓口1", None, False)
PDF_A = b"%PDF-1.7 household A"


def test_a_reception_cleared_without_a_record_leaves_nothing_in_the_next(book: RuleBook, tmp_path: Path) -> None:
    recorder = StoreRecorder.open(f"sqlite:///{tmp_path / 'k.sqlite3'}", staff="tanaka",
                                  spool_path=tmp_path / "spool.sqlite3")
    s = family(book)  # reception A prints, is told an error, and is cleared (新しい受付 before a plan, idle)
    answer_all(s)
    s.note_printed("resident_move_notice", "p1", PDF_A)
    s.note_error("print_failed", "A3用紙がありません")
    assert len(s.log.printed) == 1
    s.clear()
    s.choose_event(LifeEvent.MOVING_IN)  # reception B
    s.add_member_from_card(TARO)
    answer_all(s)
    s.note_printed("guidance", None, b"%PDF-1.7 household B")
    record_id = recorder.record(s.finish(), CONTEXT)
    stored = recorder.store.load_reception(record_id or "")
    assert stored is not None
    assert [(d.form_id, d.person, d.content_hash) for d in stored.documents] == [
        ("guidance", None, hashlib.sha256(b"%PDF-1.7 household B").hexdigest())]
    assert stored.errors == ()
    assert stored.reception is not None and [m.name for m in stored.reception.members] == [TARO.name]


def test_the_local_file_recorder_keeps_nothing_between_receptions(book: RuleBook, tmp_path: Path) -> None:
    path = tmp_path / "receptions.jsonl"
    recorder = JsonLinesRecorder(path)
    s = family(book)
    answer_all(s)
    s.note_printed("resident_move_notice", "p1", PDF_A)
    s.note_error("print_failed", "A3用紙がありません")
    recorder.record(s.finish(), CONTEXT)
    s.choose_event(LifeEvent.MOVING_IN)
    s.add_member_from_card(TARO)
    answer_all(s)
    recorder.record(s.finish(), CONTEXT)
    first, second = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    assert first["printed"] == [{"form": "resident_move_notice", "person": "p1",
                                 "sha256": hashlib.sha256(PDF_A).hexdigest()}]
    assert first["errors"] == [{"code": "print_failed", "message": "A3用紙がありません"}]
    assert second["printed"] == [] and second["errors"] == []


def test_closing_decides_record_or_discard(book: RuleBook) -> None:
    s = session(book)
    assert s.closing(needs_sign_in=False) is Closing.CLEAR
    s.choose_event(LifeEvent.MOVING_IN)
    assert s.closing(needs_sign_in=False) is Closing.CLEAR  # nobody at the counter yet
    s.add_member_from_card(TARO)
    s.add_member_typed(name="山田　次郎", birth_date=TARO.birth_date, sex=TARO.sex)
    assert s.plan is not None
    assert s.closing(needs_sign_in=True) is Closing.SIGN_IN
    assert s.closing(needs_sign_in=False) is Closing.RECORD
    s.choose_event(LifeEvent.BIRTH)  # a birth without the newborn: nothing can be planned
    assert s.plan is None and s.closing(needs_sign_in=False) is Closing.DISCARD


class FullDiskRecorder:
    """The local spool cannot be written (issue 16): the store raises."""

    name = "ローカルファイル"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def record(self, finished: FinishedReception, context: RecordContext) -> str | None:
        raise self.error


@pytest.mark.parametrize(("error", "said"), [
    (StoreError("記録の一時保存先に書き込めません（空き容量がありません）"), "記録の一時保存先に書き込めません（空き容量がありません）"),
    (OSError(28, "No space left on device"), "ディスクの空きがありません")])  # in Japanese (kakanai.oserror_text)
def test_a_record_that_cannot_be_written_keeps_the_reception(book: RuleBook, error: Exception, said: str) -> None:
    services = CounterServices(book=book, settings=CounterSettings(), reader=SimulatedCardReader(),
                               recorder=FullDiskRecorder(error))
    s = family(book)
    answer_all(s)
    s.note_printed("resident_move_notice", "p1", PDF_A)
    before = s.reception()
    finished = s.finish()
    with pytest.raises(RecordError) as caught:
        services.record(finished, CONTEXT)
    assert str(caught.value) == (f"受付の記録を保存できません（{said}）。受付は画面に残しています。"
                                 "空き容量などを確認してから、もう一度「新しい受付」を押してください")
    assert s.restore(finished)  # nothing lost: the same reception is back, ready to print and record
    assert s.reception() == before and s.reception_id == before.id and s.step is Step.PLAN
    assert s.log.printed == finished.log.printed and s.plan is not None
    assert [m.source.value for m in s.members] == ["card", "card", "card", "typed"]
    assert not s.restore(finished)  # never mixed into a reception already on screen


def test_restore_never_mixes_into_the_next_household(book: RuleBook) -> None:
    s = family(book)
    answer_all(s)
    finished = s.finish()
    s.choose_event(LifeEvent.DEATH)
    assert not s.restore(finished) and s.event is LifeEvent.DEATH and s.members == ()


def test_scan_routing_in_one_place(book: RuleBook) -> None:
    router = ScanRouter(validate=book.validate_reception)
    rid = "0f9d4c8e-2b7a-4c1e-9f3d-5a6b7c8d9e0f"
    scan = router.route(reception_code(rid).upper() + "\r")
    assert scan.kind is ScanKind.CONTINUE and scan.reception_id == rid
    s = family(book)
    answer_all(s)
    parts = encode_reception(replace(s.reception(), id=None), max_version=5).texts
    assert len(parts) > 1
    first = router.route(parts[0])
    assert first.kind is ScanKind.PART and first.reception is None
    assert first.message == (f"QRコード {len(parts)}枚中1枚目まで読みました。残り: "
                             + "、".join(f"{n}枚目" for n in range(2, len(parts) + 1)))
    for text in parts[1:-1]:
        router.route(text)
    done = router.route(parts[-1])
    assert done.kind is ScanKind.PREENTRY and done.message == "事前入力のQRコードを読み取りました"
    assert done.reception is not None and [m.name for m in done.reception.members] == [m.person.name for m in s.members]
    unknown = router.route("https://example.jp/")
    assert unknown.kind is ScanKind.ERROR and unknown.message and unknown.reception is None


def test_every_action_gives_a_new_reception_value(book: RuleBook) -> None:
    s = family(book)
    before = s.value
    assert before is not None and before.members[0].facts.get("wants_seal_registration") is None
    s.answer("has_dog", None, True)
    s.set_form_input("phone", "090-1234-5678")
    s.set_form_input("seal_card_no", "A-1", person="p1")
    assert s.value is not before  # a new value each time; the old one is untouched
    assert before.household.facts == {} and before.form_inputs == {} and before.members[0].form_inputs == {}
    assert s.value is not None and s.value.household.facts == {"has_dog": True}
    assert s.value.form_inputs == {"phone": "090-1234-5678"} and s.value.members[0].form_inputs == {"seal_card_no": "A-1"}
    assert s.reception() == replace(s.value, visit_date=TODAY, office=None, id=s.reception_id)


def test_a_preentry_is_merged_into_the_reception_at_the_counter(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN)
    s.add_member_from_card(TARO)
    s.set_form_input("phone", "03-1111-2222")
    other = family(book).reception()
    pre = replace(other, id=None, members=other.members[1:3], subject=("p3",), applicant="p2",
                  form_inputs={"email": "hanako@example.jp"})
    added = s.add_members_from_preentry(pre)
    assert [m.id for m in added] == ["p2", "p3"] and [m.source.value for m in s.members] == ["card", "qr", "qr"]
    assert s.value is not None and s.value.subject == ("p3",) and s.value.applicant == "p2"
    assert s.value.form_inputs == {"phone": "03-1111-2222", "email": "hanako@example.jp"}
    assert [p.name for p in s.value.members] == [TARO.name, other.members[1].name, other.members[2].name]


def test_the_same_card_twice_is_refused_in_the_session(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN)
    s.add_member_from_card(TARO)
    with pytest.raises(WorkflowError) as caught:
        s.add_member_from_card(TARO)
    assert caught.value.message == "山田　太郎さんはすでに追加されています。次の方のカードを置いてください"
    assert len(s.members) == 1 and [a.kind for a in s.audit] == [AuditKind.MEMBER_ADDED]
