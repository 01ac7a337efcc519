"""The reception state machine without Qt: steps, members, re-planning on each answer, overrides, the
form inputs, the character replacement, finishing and the idle clear."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from kakanai.app.workflow import AuditKind, ReceptionSession, Step
from kakanai.model import LifeEvent, Mode, Sex, reception_from_dict, reception_to_dict
from kakanai.model.addresses import AddressRole, household_address
from kakanai.model.members import MemberSource, WorkflowError
from kakanai.rules import RuleBook
from tests.unit.app.conftest import TODAY, FakeClock


@dataclass(frozen=True)
class Info:
    name: str
    address: str
    birth_date: date
    sex: Sex


TARO = Info("山田　太郎", "東京都清瀬市元町１丁目２番３号", date(1985, 6, 15), Sex.MALE)
HANAKO = Info("山田　花子", "東京都清瀬市元町１丁目２番３号", date(1987, 11, 3), Sex.FEMALE)
YOSHIKO = Info("山田　𠮷子", "東京都清瀬市元町１丁目２番３号", date(2018, 9, 20), Sex.FEMALE)


def session(book: RuleBook, clock: FakeClock | None = None, **kw: object) -> ReceptionSession:
    return ReceptionSession(book.plan, today=lambda: TODAY, clock=clock or FakeClock(), **kw)  # type: ignore[arg-type]


FAMILY_RELATIONSHIPS = ("head", "spouse", "child", "child")


def family(book: RuleBook) -> ReceptionSession:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    for info in (TARO, HANAKO, YOSHIKO):
        s.add_member_from_card(info)
    s.add_member_typed(name="山田　髙志", birth_date=date(2023, 1, 10), sex=Sex.MALE, name_kana="ヤマダ　タカシ")
    for member_id, relationship in zip(("p1", "p2", "p3", "p4"), FAMILY_RELATIONSHIPS, strict=True):
        s.set_relationship(member_id, relationship)
    return s


def answer_all(s: ReceptionSession, pick: int = 0) -> int:
    """Answer every open question with its first (or `pick`) value until none is left."""
    asked = 0
    while s.questions:
        q = s.questions[0]
        if q.kind == "bool":
            value: object = pick == 0
        elif q.kind == "multi":
            value = ()
        elif q.kind == "int":
            value = 3000
        elif q.kind == "date":
            value = date(2026, 4, 1)
        else:
            value = q.values[min(pick, len(q.values) - 1)]
        s.answer(q.fact, q.person, value)  # type: ignore[arg-type]
        asked += 1
        assert asked < 200
    return asked


def test_starts_empty_at_the_event_choice(book: RuleBook) -> None:
    s = session(book)
    assert s.step is Step.EVENT and s.plan is None and not s.has_personal_data
    assert s.blocker(Step.MEMBERS) == "ライフイベントを選んでください"
    with pytest.raises(WorkflowError):
        s.go(Step.PLAN)


def test_choosing_an_event_moves_to_members(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN)
    assert s.step is Step.MEMBERS and s.event_date == TODAY
    assert s.blocker(Step.INTERVIEW) == "来庁者（世帯員）を1人以上追加してください"


def test_the_members_step_asks_the_head_and_every_relationship(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_from_card(TARO)
    s.add_member_from_card(HANAKO)
    assert s.plan is not None  # planned at once; the step is what waits for the 続柄
    assert s.blocker(Step.INTERVIEW) == "世帯主を選んでください（続柄の欄で「世帯主（本人）」を選びます）"
    s.set_relationship("p2", "head")
    assert s.blocker(Step.INTERVIEW) == "山田　太郎さんの続柄を選んでください"
    s.set_relationship("p1", "head")
    assert s.blocker(Step.INTERVIEW) == "世帯主は1人だけ選んでください（山田　太郎、山田　花子）"
    s.set_relationship("p2", None)
    assert s.blocker(Step.INTERVIEW) == "山田　花子さんの続柄を選んでください"
    with pytest.raises(WorkflowError, match="続柄を選んでください"):
        s.next()
    s.set_relationship("p2", "spouse")
    assert s.blocker(Step.INTERVIEW) is None
    assert ("relationship", "p1") not in {(q.fact, q.person) for q in s.questions}
    assert s.reception().members[1].facts["relationship"] == "spouse"  # what the 住民異動届 prints


def test_a_typed_newborn_is_derived_as_a_child(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.BIRTH)
    s.add_member_from_card(HANAKO)
    s.set_relationship("p1", "head")
    newborn = s.add_member_typed(name="山田　陽", birth_date=date(2026, 4, 2), sex=Sex.MALE)
    assert newborn.person.facts == {"relationship": "child"} and s.blocker(Step.INTERVIEW) is None


def test_card_members_hold_a_card_and_give_the_previous_address(book: RuleBook) -> None:
    s = family(book)
    assert [m.id for m in s.members] == ["p1", "p2", "p3", "p4"]
    assert [m.source for m in s.members] == [MemberSource.CARD] * 3 + [MemberSource.TYPED]
    assert s.members[0].person.facts == {"has_mynumber_card": True, "relationship": "head"}
    # The card still shows the address before the move: the forms' 前の住所 (one rule: model.addresses).
    assert s.household.previous_address == ""
    assert household_address(s.reception(), AddressRole.BEFORE) == TARO.address
    assert s.plan is not None
    # The card holders are never asked whether they have a card; the typed child is.
    asked = {(q.fact, q.person) for q in s.questions}
    assert ("has_mynumber_card", "p1") not in asked
    assert ("has_mynumber_card", "p4") in asked


def test_each_answer_replans_at_once(book: RuleBook) -> None:
    s = family(book)
    before = s.plan
    assert before is not None and before.questions
    q = before.questions[0]
    plan = s.answer(q.fact, q.person, True if q.kind == "bool" else q.values[0])
    assert plan is s.plan and plan is not before
    assert (q.fact, q.person) not in {(x.fact, x.person) for x in plan.questions}
    assert s.plan_seconds < 0.05


def test_the_whole_interview_ends_with_a_complete_plan(book: RuleBook) -> None:
    s = family(book)
    asked = answer_all(s)
    assert asked > 0 and s.plan is not None and s.plan.complete
    ids = {p.id for p in s.plan.procedures}
    assert "resident_move_notice" in ids


def test_next_skips_an_empty_interview(book: RuleBook) -> None:
    s = family(book)
    answer_all(s)
    s.step = Step.MEMBERS
    assert s.next() is Step.PLAN
    assert s.back() is Step.INTERVIEW  # the answers given there stay editable (issue 17)


def test_next_goes_to_the_interview_when_something_is_open(book: RuleBook) -> None:
    s = family(book)
    assert s.next() is Step.INTERVIEW


def test_the_reception_is_the_json_contract(book: RuleBook) -> None:
    s = family(book)
    s.set_household_address("北海道見本市北５条東２丁目１５番地")
    s.set_form_input("phone", "090-1234-5678")
    s.set_form_input("honseki", "東京都清瀬市元町１丁目", person="p1")
    data = reception_to_dict(s.reception())
    again = reception_from_dict(data)
    assert again == s.reception()
    assert data["form_inputs"] == {"phone": "090-1234-5678"}
    assert data["members"][0]["form_inputs"] == {"honseki": "東京都清瀬市元町１丁目"}
    assert book.plan(again) == s.plan


def test_remove_and_add_procedures_with_a_recorded_reason(book: RuleBook) -> None:
    s = family(book)
    answer_all(s)
    assert s.plan is not None
    target = next(p for p in s.plan.procedures if p.person is not None)
    with pytest.raises(WorkflowError, match="理由"):
        s.remove_procedure(target.id, target.person, "  ")
    s.remove_procedure(target.id, target.person, "後日あらためて来庁")
    assert (target.id, target.person) not in {(p.id, p.person) for p in s.plan.procedures}
    assert s.plan.removed[0].reason == "後日あらためて来庁"
    planned = {(p.id, p.person) for p in s.plan.procedures} | {(target.id, target.person)}
    extra = next(p for p in book.procedures_on(TODAY) if p.who.value == "person" and (p.id, "p1") not in planned)
    s.add_procedure(extra.id, "p1", "窓口で希望された")
    added = [p for p in s.plan.procedures if p.added_by_clerk]
    assert [(p.id, p.person) for p in added] == [(extra.id, "p1")]
    kinds = [a.kind for a in s.audit]
    assert AuditKind.PROCEDURE_REMOVED in kinds and AuditKind.PROCEDURE_ADDED in kinds
    s.undo_override(target.id, target.person)
    assert (target.id, target.person) in {(p.id, p.person) for p in s.plan.procedures}


def test_a_planned_procedure_cannot_be_added_twice(book: RuleBook) -> None:
    s = family(book)
    assert s.plan is not None
    with pytest.raises(WorkflowError, match="すでに"):
        s.add_procedure("resident_move_notice", None, "理由")


def test_an_unknown_procedure_cannot_be_added(book: RuleBook) -> None:
    s = family(book)
    with pytest.raises(WorkflowError, match="知らない手続"):
        s.add_procedure("no_such_procedure", None, "理由")
    assert s.overrides == ()


def test_a_death_needs_the_deceased_and_presumes_nobody(book: RuleBook) -> None:
    """Issue 17, problem 1: the first member (often the widow's card) is not made the deceased."""
    s = session(book)
    s.choose_event(LifeEvent.DEATH, date(2026, 4, 8))
    s.add_member_from_card(HANAKO)
    s.add_member_typed(name="佐藤　一郎", birth_date=date(1940, 1, 2), sex=Sex.MALE)
    assert s.subject is None and s.plan is None
    assert s.subject_role == "亡くなった方" and s.subject_required
    assert s.subject_summary() == "亡くなった方: まだ選んでいません"
    assert s.blocker(Step.INTERVIEW) == "亡くなった方を選んでください（上のボタン、または数字キーで選びます）"
    s.set_subject(["p2"])
    assert s.plan is not None
    assert s.subject_summary() == "亡くなった方: 佐藤 一郎 様"
    s.set_subject(None)
    assert s.plan is None and s.plan_error == "亡くなった方（または出生した子）を選んでください"


def test_a_typed_newborn_is_the_births_subject_and_a_move_is_everyones(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.BIRTH)
    s.add_member_from_card(HANAKO)
    assert s.subject_summary() == "出生した子: まだ選んでいません" and not s.subject_required
    s.add_member_typed(name="山田　陽", birth_date=date(2026, 4, 2), sex=Sex.MALE)
    assert s.subject == ("p2",) and s.subject_summary() == "出生した子: 山田 陽 さん"
    moving = family(book)  # a move is everyone's until the clerk leaves someone out
    assert moving.subject_role == "転入する方" and moving.subject is None and not moving.subject_required
    assert moving.subject_summary() == "転入する方: 全員"
    certificates = session(book)
    certificates.choose_event(LifeEvent.CERTIFICATES)
    assert certificates.subject_role is None and certificates.subject_summary() is None


def test_a_typed_newborn_sets_the_birth_date_as_event_date(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.BIRTH)
    s.add_member_from_card(HANAKO)
    s.add_member_typed(name="山田　陽", birth_date=date(2026, 4, 2), sex=Sex.MALE)
    assert s.event_date == date(2026, 4, 2)
    assert s.plan is not None, s.plan_error


def test_typed_members_are_checked(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN)
    with pytest.raises(WorkflowError, match="氏名"):
        s.add_member_typed(name=" ", birth_date=date(2000, 1, 1), sex=Sex.MALE)
    with pytest.raises(WorkflowError, match="生年月日"):
        s.add_member_typed(name="山田　次郎", birth_date=date(2027, 1, 1), sex=Sex.MALE)
    with pytest.raises(WorkflowError, match="制御文字"):
        s.add_member_typed(name="山田\x07次郎", birth_date=date(2000, 1, 1), sex=Sex.MALE)
    assert s.members == ()


def test_update_and_remove_members(book: RuleBook) -> None:
    s = family(book)
    s.update_member("p4", name_kana="ヤマダ　タカシ", birth_date=date(2023, 1, 11))
    assert s.member("p4").person.birth_date == date(2023, 1, 11)
    s.remove_member("p2")
    assert [m.id for m in s.members] == ["p1", "p3", "p4"]
    assert s.add_member_from_card(HANAKO).id == "p2"
    with pytest.raises(WorkflowError):
        s.update_member("p1", facts={})


def test_preentry_fills_the_whole_household(book: RuleBook) -> None:
    from kakanai.paths import examples_dir

    pre = reception_from_dict(__import__("json").loads((examples_dir() / "moving_in_family.json").read_text()))
    s = session(book)
    added = s.add_members_from_preentry(pre)
    assert s.event is LifeEvent.MOVING_IN and s.step is Step.MEMBERS
    assert len(added) == len(pre.members) and {m.source for m in added} == {MemberSource.QR}
    assert s.household.address == pre.household.address
    assert s.form_inputs["phone"] == "090-1234-5678"
    # What the resident answered is not asked again (the rules may have added questions since the example).
    assert s.plan is not None and s.plan_error is None
    answered = {(f, None) for f in pre.household.facts} | {(f, m.id) for m in pre.members for f in m.facts}
    assert not answered & {(q.fact, q.person) for q in s.plan.questions}


def test_preentry_of_another_event_is_refused(book: RuleBook) -> None:
    from kakanai.paths import examples_dir

    pre = reception_from_dict(__import__("json").loads((examples_dir() / "moving_in_family.json").read_text()))
    s = session(book)
    s.choose_event(LifeEvent.DEATH)
    s.add_member_from_card(TARO)
    with pytest.raises(WorkflowError, match="転入"):
        s.add_members_from_preentry(pre)


def test_replacing_a_character_is_recorded(book: RuleBook) -> None:
    s = family(book)
    s.replace_character("p4", "name", "髙", "高")
    assert s.member("p4").person.name == "山田　高志"
    entry = s.audit[-1]
    assert entry.kind is AuditKind.CHARACTER_CHANGED and "U+9AD9" in entry.detail and entry.person == "p4"
    with pytest.raises(WorkflowError):
        s.replace_character("p4", "name", "髙", "高")
    # A form input (本籍) of a person, and one of the household.
    s.set_form_input("honseki", "東京都葛\U000E0100飾区", "p1")
    s.replace_character("p1", "input.honseki", "葛\U000E0100", "葛")
    assert s.form_input("honseki", "p1") == "東京都葛飾区"
    assert "U+E0100" in s.audit[-1].detail and s.audit[-1].person == "p1"
    s.set_form_input("old_head_name", "髙橋　一郎")
    s.replace_character(None, "input.old_head_name", "髙", "高")
    assert s.form_inputs["old_head_name"] == "高橋　一郎"
    with pytest.raises(WorkflowError):
        s.replace_character(None, "input.old_head_name", "髙", "高")


def test_form_inputs_set_and_cleared(book: RuleBook) -> None:
    s = family(book)
    s.set_form_input("phone", "090-1111-2222")
    assert s.form_input("phone") == "090-1111-2222"
    s.set_form_input("phone", "")
    assert "phone" not in s.form_inputs
    with pytest.raises(WorkflowError, match="制御文字"):
        s.set_form_input("phone", "0\x0090")


def test_finish_returns_the_record_and_clears_everything(book: RuleBook) -> None:
    clock = FakeClock()
    s = session(book, clock)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_from_card(TARO)
    clock.advance(90)
    answer_all(s)
    s.record_printed(["住民異動届"], "PDF")
    finished = s.finish()
    assert finished.reception.members[0].name == TARO.name
    assert finished.sources == {"p1": "card"} and finished.seconds == pytest.approx(90)
    assert finished.plan is not None and finished.audit[-1].kind is AuditKind.PRINTED
    assert s.step is Step.EVENT and s.members == () and s.plan is None and not s.has_personal_data
    assert s.event is None and s.audit == () and s.household.facts == {}


def test_idle_reception_is_cleared(book: RuleBook) -> None:
    clock = FakeClock()
    s = session(book, clock, idle_seconds=60)
    assert not s.check_idle()
    s.choose_event(LifeEvent.MOVING_IN)
    s.add_member_from_card(TARO)
    clock.advance(59)
    assert not s.check_idle()
    s.touch()
    clock.advance(59)
    assert not s.check_idle()
    clock.advance(2)
    assert s.check_idle()
    assert s.members == () and s.step is Step.EVENT
    clock.advance(600)
    assert not s.check_idle()


def test_problem2_the_idle_clear_is_announced_for_its_last_minute(book: RuleBook) -> None:
    clock = FakeClock()
    s = session(book, clock, idle_seconds=300)
    assert s.idle_left() is None and s.idle_warning() is None  # nothing to clear: nothing to announce
    s.choose_event(LifeEvent.DEATH)
    s.add_member_from_card(HANAKO)
    clock.advance(239.5)
    assert s.idle_left() == 60.5 and s.idle_warning() is None
    clock.advance(0.7)
    assert s.idle_warning() == 60
    clock.advance(58.9)
    assert s.idle_warning() == 1 and not s.check_idle()
    s.touch()  # 「延長」
    assert s.idle_left() == 300 and s.idle_warning() is None
    s.idle_seconds = 0  # switched off in the settings
    clock.advance(1000)
    assert s.idle_left() is None and s.idle_warning() is None and not s.check_idle()


def test_problem2_finishing_before_printing_needs_a_confirmation(book: RuleBook) -> None:
    s = session(book)
    assert not s.needs_confirmation  # nothing at the counter
    s.choose_event(LifeEvent.MOVING_IN)
    assert not s.needs_confirmation  # an event alone holds nothing of a resident
    s.add_member_from_card(TARO)
    assert s.needs_confirmation
    s.note_printed("resident_move_notice", "p1", b"%PDF-1.4")
    assert not s.needs_confirmation  # printed: finishing is the ordinary end of the visit


def test_listeners_hear_every_change(book: RuleBook) -> None:
    s = session(book)
    seen: list[Step] = []
    s.add_listener(lambda: seen.append(s.step))
    s.choose_event(LifeEvent.MOVING_IN)
    s.add_member_from_card(TARO)
    s.clear()
    assert seen == [Step.MEMBERS, Step.MEMBERS, Step.EVENT]


def test_modes_are_known_for_every_planned_procedure(book: RuleBook) -> None:
    s = family(book)
    answer_all(s, pick=1)
    assert s.plan is not None
    assert all(p.mode in Mode for p in s.plan.procedures)


def test_the_headless_cli_plans_the_same_reception_the_same_way(book: RuleBook, tmp_path: object) -> None:
    """The session's reception JSON is the `kakanai plan` input: both sides decide the same procedures."""
    import io
    import json
    from contextlib import redirect_stdout
    from pathlib import Path

    from kakanai.cli.main import main

    s = family(book)
    answer_all(s, pick=1)
    s.remove_procedure("resident_move_notice", None, "別の窓口で受付済み")
    path = Path(str(tmp_path)) / "reception.json"
    path.write_text(json.dumps(reception_to_dict(s.reception()), ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["plan", str(path), "--json"]) == 0
    cli = json.loads(out.getvalue())
    assert s.plan is not None
    assert [(p["id"], p["person"]) for p in cli["procedures"]] == [(p.id, p.person) for p in s.plan.procedures]
    assert cli["removed"] == [{"procedure": "resident_move_notice", "person": None, "reason": "別の窓口で受付済み"}]


def test_the_same_person_typed_twice_is_refused_and_twins_are_not(book: RuleBook) -> None:
    s = session(book)
    s.choose_event(LifeEvent.BIRTH, TODAY)
    s.add_member_typed(name="佐藤　陽", birth_date=TODAY, sex=Sex.MALE)
    with pytest.raises(WorkflowError) as caught:
        s.add_member_typed(name="佐藤 陽", birth_date=TODAY, sex=Sex.MALE)  # a half-width space: the same name
    assert caught.value.message == "佐藤 陽さん（同じ生年月日）はすでに追加されています"
    s.add_member_typed(name="佐藤　葵", birth_date=TODAY, sex=Sex.FEMALE)  # the twin
    assert [m.person.name for m in s.members] == ["佐藤　陽", "佐藤　葵"]


def test_typed_text_with_an_invisible_direction_override_is_refused(book: RuleBook) -> None:
    s = family(book)
    with pytest.raises(WorkflowError) as caught:
        s.set_form_input("honseki", "東京都\u202e清瀬市")
    assert caught.value.message == "honseki: 見えない書式制御文字 U+202E は使えません"
    with pytest.raises(WorkflowError):
        s.add_member_typed(name="山田\u200b次郎", birth_date=date(2000, 1, 1), sex=Sex.MALE)


def test_the_applicant_is_who_files_at_the_counter(book: RuleBook) -> None:
    """The 届出人 is the member at the counter (the wife filing the family's 転入), else the rules' default."""
    s = family(book)
    assert s.applicant is None
    s.set_applicant("p2")
    assert s.reception().applicant == "p2"
    with pytest.raises(WorkflowError):
        s.set_applicant("p9")
    assert s.reception().applicant == "p2"
    s.remove_member("p2")
    assert s.reception().applicant is None
