"""The reception workflow as a plain state machine (no Qt): the UI only shows it and drives it.

    session = ReceptionSession(book.plan)
    session.choose_event(LifeEvent.MOVING_IN)
    session.add_member_from_card(info)            # or add_member_typed(...), add_members_from_preentry(...)
    for q in session.questions: session.answer(q.fact, q.person, value)   # re-plans at once
    session.remove_procedure("seal_registration", "p1", "本人が後日来庁")
    session.set_form_input("phone", "090-…")
    finished = session.finish()                   # what to record; the session is empty again

Everything the counter knows about the visit is one immutable model Reception (`session.value`, see
kakanai.app.session_state) that each action replaces; `reception()` is that value as `kakanai plan`
takes it (the same JSON contract), so the UI and the headless CLI cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from kakanai.app.session_state import SessionState
from kakanai.app.steps import AuditEntry, AuditKind, BasicInfoLike, Closing, FinishedReception, Step
from kakanai.model import (
    OUTSIDE_APPLICANT,
    ClerkOverride,
    FactValue,
    Household,
    IdentityDocument,
    LifeEvent,
    OverrideAction,
    Person,
    Plan,
    Reception,
    ReceptionError,
    Sex,
)
from kakanai.model.characters import code_points
from kakanai.model.i18n import available_languages
from kakanai.model.members import (
    Member,
    MemberSource,
    WorkflowError,
    already_in,
    check_input,
    check_text,
    corrected_person,
    person_from_basic_info,
    typed_person,
    with_character_replaced,
)
from kakanai.model.reception_edit import (
    RELATIONSHIP_FACT,
    merge_preentry,
    next_member_id,
    relationship_problem,
    with_answers,
    with_fact,
    with_form_input,
    with_newborn,
    with_override,
    without_member,
)

__all__ = ["AuditEntry", "AuditKind", "BasicInfoLike", "Closing", "FinishedReception", "ReceptionSession", "Step"]
NEWBORN_DAYS = 90  # a typed member born this recently at a birth reception is the newborn


class ReceptionSession(SessionState):
    def _changed(self) -> None:
        self.touch()
        self._timer.at(self.step)
        if self._started is None and self.has_personal_data:
            self._started = self._clock()
        self._replan()
        self._notify()

    # -- 1. the life event -----------------------------------------------------------------------------
    def choose_event(self, event: LifeEvent, event_date: date | None = None) -> None:
        self._timer.at(self.step)  # the reception starts with this choice
        day = event_date or self.event_date or self._today()
        if self.value is None:
            self.value = Reception(event=event, event_date=day, household=Household(), members=(),
                                   id=self.reception_id)
        subject = self.subject if event in (LifeEvent.DEATH, LifeEvent.BIRTH) else None
        self._set(event=event, event_date=day, subject=subject)
        self.step = Step.MEMBERS
        self._changed()

    def set_event_date(self, day: date) -> None:
        if day > self._today() and self.event is not LifeEvent.MOVING_OUT:
            raise WorkflowError("異動日（事由発生日）が今日より後です（転出の予定日のみ指定できます）", "event_date")
        self._set(event_date=day)
        self._changed()

    # -- 2. who ----------------------------------------------------------------------------------------
    def add_member_from_card(self, info: BasicInfoLike, source: MemberSource = MemberSource.CARD,
                             identity: IdentityDocument = IdentityDocument.MYNUMBER_CARD, *,
                             facts: Mapping[str, FactValue] | None = None,
                             notes: Sequence[tuple[AuditKind, str]] = ()) -> Member:
        """`facts` the card itself proves (a 在留カード: a foreign national) and `notes` for the log (which
        card, what the clerk confirmed) land with the member, in one change (one re-plan)."""
        if already_in(self._people(), info.name, info.birth_date):
            # The same card read twice (the resident left it on the reader).
            raise WorkflowError(f"{info.name}さんはすでに追加されています。次の方のカードを置いてください", "members")
        person = person_from_basic_info(self._next_id(), info.name, info.address, info.birth_date, info.sex)
        for fact, value in (facts or {}).items():
            person = with_fact(person, fact, value)
        if self.log.identity is None:
            # The card read (with its PIN, 照合番号B or card number) is the 本人確認 itself: nothing to ask.
            self.log = self.log.with_identity(identity)
        return self._add(person, source, notes, proved=person.facts)

    def add_member_typed(self, *, name: str, birth_date: date, sex: Sex, name_kana: str = "",
                         address: str = "") -> Member:
        if already_in(self._people(), name, birth_date):
            # Twins have names of their own: the same name and birth date is the same person typed twice.
            raise WorkflowError(f"{name.strip()}さん（同じ生年月日）はすでに追加されています", "members")
        person = typed_person(self._next_id(), name=name, birth_date=birth_date, sex=sex, name_kana=name_kana,
                              address=address, today=self._today())
        if self.event is LifeEvent.BIRTH and (self._today() - birth_date).days <= NEWBORN_DAYS:
            self.value, person = with_newborn(self._set(), person)
        return self._add(person, MemberSource.TYPED)

    def _next_id(self) -> str:
        if self.value is None:
            raise WorkflowError("ライフイベントを選んでください", "event")
        return next_member_id(p.id for p in self.value.members)

    def add_members_from_preentry(self, pre: Reception) -> tuple[Member, ...]:
        """A whole household from the resident's QR, merged into the reception: members, their facts,
        addresses and form inputs."""
        if self.event is not None and self.event is not pre.event and self.members:
            raise WorkflowError(f"事前入力は「{pre.event.label}」です。受付中の「{self.event.label}」と異なります", "event")
        merged = merge_preentry(self.value, pre, self.reception_id)
        self.value = merged.reception
        for person in merged.added:
            self.log = self.log.with_source(person.id, MemberSource.QR.value)
            self._audit(AuditEntry(AuditKind.MEMBER_ADDED, person.id, MemberSource.QR.label))
        if self.step < Step.MEMBERS:
            self.step = Step.MEMBERS
        self._changed()
        return tuple(self.member(p.id) for p in merged.added)

    def resume(self, earlier: Reception, earlier_id: str) -> None:
        """Go on with a reception recorded at another counter (its guidance sheet's QR, 北見): the same
        household, answers, inputs and clerk decisions; recorded as a new reception that names it."""
        if self.has_personal_data:
            raise WorkflowError("受付中の内容があります。「新しい受付」にしてから読み取ってください", "reception")
        self.clear()
        self.continues = earlier_id
        self.value = replace(earlier, id=self.reception_id, visit_date=None, office=None)
        for p in earlier.members:
            self.log = self.log.with_source(p.id, MemberSource.CONTINUED.value)
        self._audit(AuditEntry(AuditKind.CONTINUED, None, earlier_id))
        self._timer.at(Step.EVENT)
        self.step = Step.MEMBERS
        self._changed()
        if self.plan is not None:
            self.step = Step.PLAN
            self._timer.at(Step.PLAN)
            self._notify()

    def _add(self, person: Person, source: MemberSource, notes: Sequence[tuple[AuditKind, str]] = (),
             proved: Mapping[str, FactValue] | None = None) -> Member:
        # No default subject (issue 17): whoever comes first (often the widow's card) is not presumed to
        # be the deceased; the clerk chooses explicitly, and `blocker` holds the interview until then.
        self._set(members=(*self._people(), person))
        self.log = self.log.with_source(person.id, source.value, proved)
        self._audit(AuditEntry(AuditKind.MEMBER_ADDED, person.id, source.label))
        for kind, detail in notes:
            self._audit(AuditEntry(kind, person.id, detail))
        self._changed()
        return self.member(person.id)

    def update_member(self, member_id: str, **fields: Any) -> Member:
        """Edit name, name_kana, birth_date, sex or address of a member (e.g. a typing mistake)."""
        self._set_person(member_id, lambda p: corrected_person(p, fields, self._today()))
        self._changed()
        return self.member(member_id)

    def remove_member(self, member_id: str) -> None:
        self.member(member_id)
        self.value = without_member(self._set(), member_id)
        self.log = self.log.without_member(member_id)
        self._audit(AuditEntry(AuditKind.MEMBER_REMOVED, None, "世帯員を削除"))
        self._changed()

    def set_relationship(self, member_id: str, value: str | None) -> None:
        """A member's 続柄 (a value of the catalog's `relationship` fact; None forgets it)."""
        self._set_person(member_id, lambda p: with_fact(p, RELATIONSHIP_FACT, value))
        self._changed()

    def set_identity(self, document: IdentityDocument | None) -> None:
        """本人確認: the document the resident showed (asked for QR and typed members)."""
        self.log = self.log.with_identity(document)
        self._changed()

    def set_applicant(self, member_id: str | None) -> None:
        """The 届出人: the member at the counter who files and signs (None: the rules' default, the 世帯主;
        OUTSIDE_APPLICANT: someone not in the household, whose name and address the inputs step asks)."""
        if member_id is not None and member_id != OUTSIDE_APPLICANT:
            member_id = self.member(member_id).id  # an unknown id: refused
        self._set(applicant=member_id)
        self._changed()

    def set_subject(self, member_ids: Sequence[str] | None) -> None:
        """Whom the event is about (the deceased, the newborn, the movers); None = everyone."""
        for member_id in member_ids or ():
            self.member(member_id)
        self._set(subject=tuple(member_ids) if member_ids else None)
        self._changed()

    def set_household_address(self, address: str | None = None, previous_address: str | None = None) -> None:
        self._set(household=replace(
            self.household,
            address=check_text(address, "新住所") if address is not None else self.household.address,
            previous_address=(check_text(previous_address, "旧住所") if previous_address is not None
                              else self.household.previous_address),
        ))
        self._changed()

    # -- 3. interview ----------------------------------------------------------------------------------
    def answer(self, fact: str, person: str | None, value: FactValue | None) -> Plan | None:
        """Record one answer (None forgets it) and re-plan at once."""
        return self.answer_many(((fact, person, value),))

    def answer_all(self, fact: str, people: Sequence[str], value: FactValue) -> Plan | None:
        """One answer for several members at once (「全員 同じ」, app.interview), written to each person's
        facts, then one re-plan."""
        return self.answer_many((fact, person, value) for person in people)

    def answer_many(self, answers: Iterable[tuple[str, str | None, FactValue | None]]) -> Plan | None:
        """Several answers given on one card (「全員 同じ」, a checklist: app.interview.Ask.answers), each
        written as its own fact, then one re-plan."""
        given = tuple(answers)
        for _fact, person, _value in given:
            if person is not None:
                self.member(person)
        self.value = with_answers(self._set(), given)
        self._changed()
        return self.plan

    @property
    def interview_passed_over(self) -> bool:
        """Nothing to ask and nothing answered (facts besides the 続柄 chosen with the members and what a card
        read proved, both set at the members step): ← 戻る passes the interview over, and the step bar shows
        it as skipped (the two agree, issue 17)."""
        answered = self.household.facts or any(self._answered(p) for p in self._people())
        return not self.questions and not answered

    # -- 4. the plan -----------------------------------------------------------------------------------
    def remove_procedure(self, procedure: str, person: str | None, reason: str) -> None:
        self._override(ClerkOverride(OverrideAction.REMOVE, procedure, person, self._reason(reason)))

    def add_procedure(self, procedure: str, person: str | None, reason: str) -> None:
        if self.plan is not None and any(p.id == procedure and p.person == person for p in self.plan.procedures):
            raise WorkflowError("その手続はすでに一覧にあります", "procedure")
        self._override(ClerkOverride(OverrideAction.ADD, procedure, person, self._reason(reason)))

    def undo_override(self, procedure: str, person: str | None) -> None:
        self.value = with_override(self._set(), None, procedure, person)
        self._changed()

    @staticmethod
    def _reason(reason: str) -> str:
        text = check_text(reason, "理由")
        if not text:
            raise WorkflowError("理由を入力してください（記録に残ります）", "reason")
        return text

    def _override(self, override: ClerkOverride) -> None:
        before = self.value
        self.value = with_override(self._set(), override, override.procedure, override.person)
        try:
            self._planner(self.reception())
        except ReceptionError as exc:
            self.value = before  # an unknown procedure: the reception stays as it was
            raise WorkflowError(exc.message, exc.field) from None
        kind = AuditKind.PROCEDURE_REMOVED if override.action is OverrideAction.REMOVE else AuditKind.PROCEDURE_ADDED
        self._audit(AuditEntry(kind, override.person, f"{override.procedure}: {override.reason}"))
        self._changed()

    # -- 5. form inputs --------------------------------------------------------------------------------
    def set_form_input(self, key: str, value: str, person: str | None = None, *, kind: str = "text") -> None:
        """`kind`: the input's kind as its form declares it (a phone number must fit the numbering plan)."""
        self._put_input(key, check_input(kind, value, key), person)
        self._changed()

    def _put_input(self, key: str, text: str, person: str | None) -> None:
        if person is not None:
            self.member(person)
        self.value = with_form_input(self._set(), key, text, person)

    def form_input(self, key: str, person: str | None = None) -> str:
        if person is None:
            return self.form_inputs.get(key, "")
        return self.member(person).person.form_inputs.get(key, "")

    def replace_character(self, person: str | None, field: str, original: str, replacement: str) -> None:
        """A character the forms' font lacks, replaced by the clerk with a standard form (髙→高), recorded.
        `field` is a text field of the person or household, or "input.<key>" for a form input (本籍…)."""
        if person is not None:
            self.member(person)
        self.value = with_character_replaced(self._set(), person, field, original, replacement)
        detail = f"{field}: {original}（{code_points(original)}）→ {replacement}（{code_points(replacement)}）"
        self._audit(AuditEntry(AuditKind.CHARACTER_CHANGED, person, detail))
        self._changed()

    # -- the resident's side (issue 19; the view is kakanai.rules.resident_view) ----------------------------
    def set_language(self, language: str) -> None:
        """The resident's language (BCP 47: the guidance sheet's and the resident screen's)."""
        if language not in available_languages():
            raise WorkflowError(f"言語「{language}」の翻訳カタログがありません", "language")
        self._set(language=language)
        self._changed()

    def confirm_by_resident(self, detail: str) -> None:
        """The resident confirmed what the resident screen showed (detail: how, and a digest of what)."""
        self._set()  # only within a reception
        self._audit(AuditEntry(AuditKind.RESIDENT_CONFIRMED, None, detail))
        self.touch()
        self._notify()

    def record_printed(self, titles: Sequence[str], printer: str) -> None:
        self._audit(AuditEntry(AuditKind.PRINTED, None, f"{printer}: {'、'.join(titles)}"))
        self.touch()

    # -- steps -----------------------------------------------------------------------------------------
    def blocker(self, step: Step) -> str | None:
        """Why `step` cannot be shown yet (Japanese), or None."""
        if step >= Step.MEMBERS and self.event is None:
            return "ライフイベントを選んでください"
        if step >= Step.INTERVIEW and not self.members:
            return "来庁者（世帯員）を1人以上追加してください"
        if step >= Step.INTERVIEW and self.subject_required and not self.subject:
            return f"{self.subject_role}を選んでください（上のボタン、または数字キーで選びます）"
        if step >= Step.INTERVIEW and self.plan is None:
            return self.plan_error or "手続を判定できません"
        if step >= Step.INTERVIEW and (problem := relationship_problem(self._people())) is not None:
            return problem
        if step >= Step.INTERVIEW and self.log.identity is None:
            return "本人確認書類を選んでください（来庁者の欄の「本人確認」）"
        return None

    def go(self, step: Step) -> None:
        problem = self.blocker(step)
        if problem is not None:
            raise WorkflowError(problem, step.name.lower())
        self.step = step
        self.touch()
        self._timer.at(step)
        self._notify()

    def next(self) -> Step:
        """The next step; the interview is passed over when there is nothing to ask."""
        target = Step(min(self.step + 1, Step.PREVIEW))
        if target is Step.INTERVIEW and not self.questions:
            target = Step.PLAN
        self.go(target)
        return self.step

    def back(self) -> Step:
        """The step before; the interview only when there is something to ask or change (the plan shows
        right after the last answer: going back is how an answer is changed, issue 17)."""
        target = Step(max(self.step - 1, Step.EVENT))
        if target is Step.INTERVIEW and self.interview_passed_over:
            target = Step.MEMBERS
        self.go(target)
        return self.step

    def closing(self, *, needs_sign_in: bool) -> Closing:
        """What 「新しい受付」 does with this reception: the one place of the record-or-discard decision."""
        if self.event is None or not self.members:
            return Closing.CLEAR
        if self.plan is None:
            # Nothing was decided, so nothing was printed or told: there is no reception to record.
            return Closing.DISCARD
        # Records name their staff member: the reception stays on screen until someone signs in.
        return Closing.SIGN_IN if needs_sign_in else Closing.RECORD

    def finish(self) -> FinishedReception:
        """The record of this reception; then every personal field is dropped."""
        reception = self.reception()
        started_at = self._timer.started_at
        steps = self._timer.finish()
        finished = FinishedReception(
            reception=reception, plan=self.plan, log=replace(self.log, steps=steps),
            seconds=(self._clock() - self._started) if self._started is not None else 0.0,
            started_at=started_at, finished_at=self._now(), continues=self.continues,
        )
        self.clear()
        return finished

    def restore(self, finished: FinishedReception) -> bool:
        """Put back a finished reception whose record could not be written (a full disk, issue 16), so it
        can be printed and recorded again: nothing is lost. Refused (False) once the clerk has begun
        the next household: that one is never mixed with it."""
        if self.has_personal_data or self.event is not None:
            return False
        self.reception_id = finished.reception.id or self.reception_id
        self.continues = finished.continues
        self.value, self.log = finished.reception, finished.log
        self.step = Step.PLAN
        self._changed()
        return True
