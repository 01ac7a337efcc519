"""The counter's side of the records (issue 7): the reception id made when the reception begins, the time
of every step, sign-in, continuing a reception at another counter, and the demo database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kakanai.app.services import build_services
from kakanai.app.settings import CounterSettings
from kakanai.app.timing import StepTimer
from kakanai.app.workflow import AuditKind, Step
from kakanai.model import LifeEvent
from kakanai.qr.codes import guidance_reception_id
from kakanai.rules import RuleBook
from kakanai.store.counter_recorder import SignInError, StoreRecorder, demo_recorder
from kakanai.store.recorders import JsonLinesRecorder, RecordContext, RecordError
from tests.unit.app.conftest import FakeClock
from tests.unit.app.test_workflow import TARO, answer_all, family, session

CONTEXT = RecordContext("窓口1", None, False)


class FakeWall:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.base = datetime(2026, 4, 10, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.base + timedelta(seconds=self.clock.now - 1000.0)


def recorder(tmp_path: Path) -> StoreRecorder:
    return StoreRecorder.open(f"sqlite:///{tmp_path / 'k.sqlite3'}", spool_path=tmp_path / "spool.sqlite3")


def test_step_timer_accumulates_revisits_in_first_entry_order() -> None:
    clock = FakeClock()
    timer = StepTimer(clock, FakeWall(clock))
    timer.at(Step.EVENT)
    clock.advance(5)
    timer.at(Step.MEMBERS)
    clock.advance(60)
    timer.at(Step.PLAN)
    clock.advance(30)
    timer.at(Step.MEMBERS)  # back to fix a name
    clock.advance(10)
    timer.at(Step.PLAN)
    clock.advance(20)
    steps = timer.finish()
    assert [(s.step, s.seconds) for s in steps] == [("event", 5.0), ("members", 70.0), ("plan", 50.0)]
    assert steps[1].started_at == datetime(2026, 4, 10, 0, 0, 5, tzinfo=UTC)


def test_a_finished_reception_carries_its_id_steps_and_wall_times(book: RuleBook) -> None:
    clock = FakeClock()
    s = session(book, clock, now=FakeWall(clock))
    first_id = s.reception_id
    clock.advance(3)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    clock.advance(40)
    s.add_member_from_card(TARO)
    s.set_relationship("p1", "head")
    assert s.reception().id == first_id  # the guidance sheet printed now carries the same id
    s.next()
    clock.advance(25)
    answer_all(s)
    s.go(Step.PLAN)
    clock.advance(15)
    finished = s.finish()
    assert finished.id == first_id and finished.reception.id == first_id
    assert finished.started_at == datetime(2026, 4, 10, 0, 0, 3, tzinfo=UTC)
    assert finished.finished_at == datetime(2026, 4, 10, 0, 1, 23, tzinfo=UTC)
    by_step = {st.step: st.seconds for st in finished.steps}
    assert by_step["event"] == 0.0 and by_step["members"] == 40.0 and by_step["plan"] == 15.0
    assert sum(by_step.values()) == 80.0
    assert s.reception_id != first_id  # the next resident gets a new id


def test_the_guidance_code_is_recognised_and_nothing_else() -> None:
    rid = "0f9d4c8e-2b7a-4c1e-9f3d-5a6b7c8d9e0f"
    assert guidance_reception_id(f"KKR1:{rid}") == rid
    assert guidance_reception_id(f"kkr1:{rid.upper()}\r") == rid  # a wedge scanner's case and Enter
    for text in (rid, f"KKR1:{rid}x", "KKR1:20260410-0001", "KKP1:…", ""):
        assert guidance_reception_id(text) is None


def test_records_with_steps_and_a_continuation_at_another_counter(book: RuleBook, tmp_path: Path) -> None:
    rec = recorder(tmp_path)
    assert rec.needs_first_administrator()
    with pytest.raises(SignInError, match="8文字以上"):
        rec.create_first_administrator("admin", "管理　太郎", "short", "short")
    with pytest.raises(SignInError, match="一致しません"):
        rec.create_first_administrator("admin", "管理　太郎", "password-1", "password-2")
    who = rec.create_first_administrator("admin", "管理　太郎", "password-1", "password-1")
    assert who.administrator and who.role_label == "管理者" and not rec.needs_first_administrator()

    s = family(book)
    answer_all(s)
    s.remove_procedure("seal_registration", "p1", "本人が後日来庁")
    s.note_printed("resident_move_notice", None, b"%PDF-1.7 x")
    first = rec.record_result(s.finish(), CONTEXT)
    assert first.stored and first.label == "0001"

    # Another counter (same database) scans the guidance sheet and goes on with the same household.
    other = recorder(tmp_path)
    with pytest.raises(SignInError, match="違います"):
        other.sign_in("admin", "wrong-password")
    other.sign_in("admin", "password-1")
    earlier = other.earlier_reception(first.id)
    t = session(book)
    t.resume(earlier, first.id)
    assert t.step is Step.PLAN and t.continues == first.id and len(t.members) == 4
    assert t.audit[0].kind is AuditKind.CONTINUED
    assert [o.procedure for o in t.overrides] == ["seal_registration"]  # the clerk's decision goes along
    assert t.reception_id != first.id
    second = other.record_result(t.finish(), CONTEXT)
    stored = other.store.load_reception(second.id)
    assert stored is not None and stored.continues == first.id and stored.number == 2
    assert stored.staff == "admin" and {s.step for s in stored.steps} >= {"event", "members", "plan"}
    with pytest.raises(RecordError, match="見つかりません"):
        other.earlier_reception("00000000-0000-4000-8000-000000000000")


def test_resume_refuses_to_overwrite_a_reception_in_progress(book: RuleBook, tmp_path: Path) -> None:
    s = family(book)
    with pytest.raises(Exception, match="受付中の内容があります"):
        s.resume(s.reception(), "x")
    assert len(s.members) == 4


def test_nobody_signed_in_records_nothing_and_loses_nothing(book: RuleBook, tmp_path: Path) -> None:
    rec = recorder(tmp_path)
    s = family(book)
    answer_all(s)
    finished = s.finish()
    with pytest.raises(RecordError, match="サインイン"):
        rec.record_result(finished, CONTEXT)
    rec.create_first_administrator("admin", "管理　太郎", "password-1", "password-1")
    assert rec.record_result(finished, CONTEXT).stored  # the same finished reception, once signed in


def test_services_record_into_the_database_and_fall_back_to_a_file(tmp_path: Path) -> None:
    services = build_services(CounterSettings(database=f"sqlite:///{tmp_path / 'db.sqlite3'}"), demo=True)
    try:
        assert services.store_recorder is not None and not services.needs_sign_in  # the training account
        assert services.records_url() == services.store_recorder.store.store.url
        assert "demo.sqlite3" in services.records_url()  # training never mixes with real records
    finally:
        services.close()
    demo = demo_recorder(data_dir=tmp_path / "d")
    assert demo.signed_in is not None and demo.signed_in.login == "demo"
    demo.close()

    broken = build_services(CounterSettings(database="nosuchdriver://x"), demo=False)
    try:
        assert isinstance(broken.recorder, JsonLinesRecorder)
        assert any("記録用のデータベースを使えません" in w for w in broken.warnings)
        assert not broken.needs_sign_in
    finally:
        broken.close()


def test_the_counter_purges_personal_fields_after_the_municipal_period(book: RuleBook, tmp_path: Path) -> None:
    rec = recorder(tmp_path)
    rec.create_first_administrator("admin", "管理　太郎", "password-1", "password-1")
    clock = FakeClock()
    old = FakeWall(clock)
    old.base = datetime.now(UTC) - timedelta(days=31)
    s = session(book, clock, now=old)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_from_card(TARO)
    answer_all(s)
    kept = rec.record_result(s.finish(), CONTEXT)  # finished 31 days ago
    services = build_services(CounterSettings(), demo=False, recorder=rec)
    try:
        assert services.retention_days() == 30  # default.yaml: retention_days
        assert services.purge_expired() == 1
        stored = rec.store.load_reception(kept.id)
        assert stored is not None and stored.reception is None and stored.procedures  # the plan stays
        assert services.purge_expired() == 0
        with pytest.raises(RecordError, match="保存期間を過ぎ、個人の記録が消去されています"):
            rec.earlier_reception(kept.id)
    finally:
        services.close()
