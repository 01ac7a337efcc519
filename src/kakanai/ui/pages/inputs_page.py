"""Step 5: what the forms still need (phone, 新住所, 本籍, フリガナ…): exactly the inputs the printed forms
declare (forms/*.yaml `inputs:`, kakanai.forms.inputs). Anything left empty prints as an empty box. An
input shared by the household (本籍・筆頭者) is entered once; a member whose value differs gets their own.
Characters the forms' font lacks are shown here, on the affected field, with the standard form the clerk
may choose (髙→高); the change is recorded. A tick box the reception cannot decide is a choice input
(kakanai.ui.pages.choice_editor).

A value is checked by its declared kind when stored (kakanai.model.input_values: a phone number by the
numbering plan, a count as digits). A refused value stays in its field with the message, and the step does
not go on to print an empty box in its place. A domestic phone number typed in full goes on to the next
field by itself.

Proposals (issue 17, "Less typing"): a member's フリガナ read from the name, and the 筆頭者 as the 世帯主's
name once the 本籍 is in (kakanai.forms.proposals via app.readings), are shown in their fields, marked 「提案」 and listed
above the form. A proposal is not a value: it prints only when the clerk confirms it, with Enter in its
field (that one) or F6 (all shown), or edits it. Moving past it otherwise (Tab, a click, Ctrl+Enter) leaves
it unconfirmed and its box empty on the forms, for the resident to write; Enter with the field changed or
emptied declines it. Text the clerk typed is never lost: Ctrl+Enter from a field stores it first."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.postal import looks_like_postal_code
from kakanai.app.readings import input_proposals
from kakanai.model import LifeEvent
from kakanai.model.characters import GlyphProblem
from kakanai.model.input_values import PHONE_KIND, InputValueError, check_input_value, phone_complete
from kakanai.model.members import WorkflowError, normalize_kana
from kakanai.ui.pages.choice_editor import ChoiceEditor
from kakanai.ui.pages.host import Host
from kakanai.ui.postal_input import PostalAddress
from kakanai.ui.widgets import button, message, title

if TYPE_CHECKING:
    from kakanai.app.forms_adapter import AskedInput


@dataclass(frozen=True)
class InputField:
    """One editor: an asked input, for the household (person None) or one member (`override`: that member's
    own value of a household input, printed instead of the shared one)."""

    asked: AskedInput
    person: str | None
    override: bool = False

    @property
    def key(self) -> str:
        return self.asked.id


def editor_fields(asked: tuple[AskedInput, ...]) -> tuple[InputField, ...]:
    """Every asked input, the phone first (asked once per reception and filled at every one: the page opens
    on it, issue 17), then (last, rarely needed) each member's own value of the household inputs."""
    main = [InputField(a, a.person) for a in sorted(asked, key=lambda a: a.kind != PHONE_KIND)]
    overrides = [InputField(a, p, override=True) for a in asked
                 if a.scope == "household" and len(a.persons) > 1 for p in a.persons]
    return (*main, *overrides)


Editor = QLineEdit | ChoiceEditor
FieldKey = tuple[str, str | None]
PROPOSAL_STYLE = "color: #0b5394; font-style: italic;"  # a proposal reads differently from a value
CONFIRM_ALL_KEY = "F6"
ABROAD_HINT = "国外転出: 国名・州・都市名（例: アメリカ合衆国 カリフォルニア州）"
_CTRL_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class InputsPage(QWidget):
    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self.fields: tuple[InputField, ...] = ()
        self.editors: dict[tuple[str, str | None], Editor] = {}
        self.problem_rows: list[QWidget] = []
        self.postal: PostalAddress | None = None  # the household's new address takes a 郵便番号 too
        self.dismissed: set[tuple[str | None, str, str]] = set()
        self.proposals: dict[FieldKey, str] = {}  # shown, not confirmed: never a value of the reception
        self.declined: set[tuple[str, str | None, str]] = set()  # (input, member, proposal) the clerk refused
        self.typed: set[FieldKey] = set()  # fields the clerk typed in: their text is theirs, even if it equals the proposal
        self.rejected: set[FieldKey] = set()  # fields whose text could not be stored (a wrong phone number…)
        layout = QVBoxLayout(self)
        layout.addWidget(title("申請書の記入事項"))
        note = QLabel("わかるものだけ入力してください。空欄の項目は空欄のまま印刷され、住民の方が署名の際に記入できます。")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.problems_box = QVBoxLayout()
        layout.addLayout(self.problems_box)
        self.proposal_row = QWidget()
        proposal_line = QHBoxLayout(self.proposal_row)
        proposal_line.setContentsMargins(0, 0, 0, 0)
        self.proposal_label = QLabel("")
        self.proposal_label.setObjectName("inputs_proposals")
        self.proposal_label.setWordWrap(True)
        proposal_line.addWidget(self.proposal_label, 1)
        self.confirm_button = button(f"提案をすべて確定（{CONFIRM_ALL_KEY}）", "inputs_confirm_proposals",
                                     self.confirm_proposals)
        proposal_line.addWidget(self.confirm_button)
        layout.addWidget(self.proposal_row)
        self.proposal_row.hide()
        confirm_all = QShortcut(QKeySequence(CONFIRM_ALL_KEY), self)
        confirm_all.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        confirm_all.activated.connect(self.confirm_proposals)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        inner = QWidget()
        self.form = QFormLayout(inner)
        self.scroll_area.setWidget(inner)
        layout.addWidget(self.scroll_area, 1)
        self.status = message("inputs_message")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(button("← 戻る", "inputs_back", self._back))
        row.addStretch(1)
        self.next_button = button("確認・印刷へ（Ctrl+Enter）→", "inputs_next", self.host.next_step, role="primary")
        row.addWidget(self.next_button)
        layout.addLayout(row)

    def _back(self) -> None:
        self.host.session.back()

    # -- fields ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.host.session
        asked = self.host.services.inputs_for(s) if s.plan else ()
        fields = editor_fields(asked)
        if [(f.key, f.person) for f in fields] != [(f.key, f.person) for f in self.fields]:
            self._rebuild(fields)
        proposed = input_proposals(s.reception(), asked) if asked else {}
        self.proposals = {k: v for k, v in proposed.items() if (*k, v) not in self.declined}
        for f in fields:
            editor = self.editors[(f.key, f.person)]
            proposal = None if f.override else self.proposals.get((f.key, f.person))
            if not editor.hasFocus():
                editor.setText(self.value(f) or proposal or "")
            elif proposal is not None and not editor.text():
                editor.setText(proposal)  # arrived while the clerk is on it (筆頭者 after the 本籍's Enter)
                if isinstance(editor, QLineEdit):
                    editor.selectAll()  # typing replaces it
            style = PROPOSAL_STYLE if self._is_proposal(f, editor.text()) else ""
            if isinstance(editor, QLineEdit) and editor.styleSheet() != style:  # a restyle is not free: ~80 fields
                editor.setStyleSheet(style)
        self._show_proposals()
        self._show_problems()

    def _is_proposal(self, f: InputField, text: str) -> bool:
        proposal = self.proposals.get((f.key, f.person))
        return not f.override and proposal is not None and text == proposal

    def _show_proposals(self) -> None:
        s = self.host.session
        shown = [f"{f.asked.label}（{s.member(f.person).person.name}）: {self.proposals[(f.key, f.person)]}"
                 if f.person else f"{f.asked.label}: {self.proposals[(f.key, None)]}"
                 for f in self.fields if not f.override and (f.key, f.person) in self.proposals]
        head = f"提案（確認して {CONFIRM_ALL_KEY} ですべて確定、各欄の Enter でその欄だけ確定）: "
        self.proposal_label.setText(head + "、".join(shown) if shown else "")
        self.proposal_row.setVisible(bool(shown))

    def confirm_proposals(self) -> None:
        """Every proposal still shown as proposed becomes the value (F6); an edited one is the clerk's own.
        When the clerk was on one of them, they go on to the next field, as Enter would take them."""
        confirmed: list[Editor] = []
        for f in [f for f in self.fields if not f.override and (f.key, f.person) in self.proposals]:
            editor = self.editors[(f.key, f.person)]
            if self._is_proposal(f, editor.text()):
                self.store(f, editor.text(), confirmed=True)
                confirmed.append(editor)
        on = next((e for e in confirmed if e.hasFocus()), None)
        if on is not None:
            self._focus_after(on)

    def _rebuild(self, fields: tuple[InputField, ...]) -> None:
        self.fields = fields
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        self.postal = None
        s = self.host.session
        for f in fields:
            editor = self._editor(f)
            self.editors[(f.key, f.person)] = editor
            if f.asked.target == "household_address" and not f.override and isinstance(editor, QLineEdit):
                # 国外転出 (the interview's `to_abroad`): the address asked is the 転出先 abroad.
                if s.event is LifeEvent.MOVING_OUT and s.household.facts.get("to_abroad") is True:
                    editor.setPlaceholderText(ABROAD_HINT)  # a foreign address has no 郵便番号 to look up
                else:
                    self.postal = PostalAddress(editor, self.status.setText, partial(self.store, f))
            label = f.asked.label if f.person is None else f"{f.asked.label}（{s.member(f.person).person.name}）"
            if f.override:
                label = f"　{f.asked.label}（{s.member(f.person).person.name}さんだけ違う場合）" if f.person else label
            elif f.asked.scope == "household":
                label = f"{f.asked.label}（全員共通）"
            self.form.addRow(label, editor)

    def _editor(self, f: InputField) -> Editor:
        if f.asked.kind == "choice":
            choice = ChoiceEditor(f.asked)
            choice.setObjectName(f"input_{f.key}_{f.person or 'household'}")
            choice.changed.connect(lambda text, field=f: self.store(field, text))
            return choice
        editor = QLineEdit()
        editor.setObjectName(f"input_{f.key}_{f.person or 'household'}")
        editor.setPlaceholderText("共通と同じ" if f.override else f.asked.hint)
        kind = f.asked.kind
        editor.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, kind not in ("digits", "phone"))
        if kind == "phone":
            editor.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        elif kind == "digits":
            editor.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        editor.editingFinished.connect(lambda field=f, e=editor: self.store(field, e.text()))
        editor.returnPressed.connect(lambda e=editor: self._enter(e))
        editor.textEdited.connect(lambda _text, e=editor, k=(f.key, f.person): self._typed(e, k))
        if kind == PHONE_KIND:
            editor.textEdited.connect(lambda text, e=editor: self._phone_typed(e, text))
        editor.installEventFilter(self)
        return editor

    def _typed(self, editor: QLineEdit, key: FieldKey) -> None:
        editor.setStyleSheet("")  # the clerk's own text now, even when it reads the same as the proposal
        self.typed.add(key)

    def _phone_typed(self, editor: QLineEdit, text: str) -> None:
        """A domestic number with all its digits (its length follows from its first digits) goes on to the
        next field by itself, as Enter would (issue 17: the digits the resident dictates are the keys)."""
        if editor.cursorPosition() == len(text) and phone_complete(text):
            self._focus_after(editor)

    def may_leave(self) -> bool:
        """Text typed in a field and not stored (refused: a phone number with a digit missing…) would print
        as an empty box, and a value that came with a pre-entry QR is checked as if typed: the clerk is kept
        on that field, with its message, instead of going on."""
        for f in self.fields:
            editor = self.editors[(f.key, f.person)]
            if isinstance(editor, QLineEdit) and editor.text().strip() != self.value(f):
                self.store(f, editor.text())
            elif (f.key, f.person) not in self.rejected:
                try:
                    check_input_value(f.asked.kind, self.value(f))
                except InputValueError as exc:
                    self.status.setText(f"{f.asked.label}: {exc}")
                    self.rejected.add((f.key, f.person))
        refused = next((f for f in self.fields if (f.key, f.person) in self.rejected), None)
        if refused is None:
            return True
        editor = self.editors[(refused.key, refused.person)]
        editor.setFocus()
        if isinstance(editor, QLineEdit):
            editor.selectAll()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter (to the preview) from a field whose text was typed but not yet confirmed with Enter:
        the text is stored first (issue 17: nothing lost), before the window's shortcut moves on."""
        if (isinstance(watched, QLineEdit) and event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent) and event.key() in _CTRL_ENTER
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            field = self._field_of(watched)
            if field is not None:
                self.store(field, watched.text())
        return super().eventFilter(watched, event)

    def _field_of(self, editor: QWidget) -> InputField | None:
        return next((f for f in self.fields if self.editors.get((f.key, f.person)) is editor), None)

    def value(self, f: InputField) -> str:
        s = self.host.session
        if f.asked.target == "household_address":
            return s.household.address
        if f.asked.target == "household_previous_address":
            return s.household.previous_address
        if f.asked.target == "name_kana" and f.person is not None:
            return s.member(f.person).person.name_kana
        return s.form_input(f.key, f.person)

    def store(self, f: InputField, text: str, *, confirmed: bool = False) -> None:
        """What the clerk entered in a field becomes the reception's; a proposal only when `confirmed`."""
        s = self.host.session
        if not confirmed and (f.key, f.person) not in self.typed and self._is_proposal(f, text):
            return  # shown, not confirmed: the form keeps an empty box
        try:
            current = self.value(f)
        except WorkflowError:
            return  # the focus left a field of a reception just cleared (finished, idle): nobody to store for
        if text.strip() == current or (f.asked.target == "household_address" and looks_like_postal_code(text)):
            self.rejected.discard((f.key, f.person))
            return  # a 郵便番号 in the address field is looked up on Enter (kakanai.ui.postal_input), not stored
        try:
            if f.asked.target == "household_address":
                s.set_household_address(address=text)
            elif f.asked.target == "household_previous_address":
                s.set_household_address(previous_address=text)
            elif f.asked.target == "name_kana" and f.person is not None:
                s.update_member(f.person, name_kana=normalize_kana(text))
            else:
                s.set_form_input(f.key, text, f.person, kind=f.asked.kind)
        except WorkflowError as exc:
            self.status.setText(f"{f.asked.label}: {exc.message}")
            self.rejected.add((f.key, f.person))
        else:
            self.status.setText("")
            self.typed.discard((f.key, f.person))  # stored: the value is the reception's now
            self.rejected.discard((f.key, f.person))

    def fill(self, key: str, text: str, person: str | None = None) -> None:
        """Type into a field and leave it (what a clerk does; tests use it)."""
        editor = self.editors[(key, person)]
        editor.setText(text)
        if isinstance(editor, QLineEdit):
            editor.editingFinished.emit()
        else:
            self.store(next(f for f in self.fields if (f.key, f.person) == (key, person)), editor.text())

    def _enter(self, editor: Editor) -> None:
        if self.postal is not None and self.postal.editor is editor and self.postal.take():
            return
        field = self._field_of(editor)
        proposal = self.proposals.get((field.key, field.person)) if field is not None else None
        if field is not None and proposal is not None and not field.override:
            if editor.text() == proposal:
                self.store(field, proposal, confirmed=True)  # Enter on a proposal: confirmed
            else:
                self.declined.add((field.key, field.person, proposal))  # changed or emptied: not proposed again
                del self.proposals[(field.key, field.person)]
                self._show_proposals()
        self._focus_after(editor)

    def _focus_after(self, editor: Editor) -> None:
        editors = list(self.editors.values())
        i = editors.index(editor)
        self._focus(editors[i + 1] if i + 1 < len(editors) else self.next_button)

    @staticmethod
    def _focus(widget: QWidget) -> None:
        widget.setFocus()
        if isinstance(widget, QLineEdit) and widget.styleSheet():
            widget.selectAll()  # on a proposal: typing replaces it, Enter confirms it

    def activate(self) -> None:
        """The focus on the first empty field (the phone leads), or on the only field asked even when filled."""
        editors = list(self.editors.values())
        empty = [e for e in editors if not e.text()]
        self._focus(editors[0] if len(editors) == 1 else empty[0] if empty else self.next_button)

    # -- characters the font lacks ---------------------------------------------------------------------
    def _show_problems(self) -> None:
        for row in self.problem_rows:
            row.hide()  # not setParent(None): a widget made top-level would take the window's activation
            row.deleteLater()
        self.problem_rows = []
        s = self.host.session
        for problem in self.host.services.glyph_problems(s):
            if (problem.person, problem.field, problem.char) in self.dismissed:
                continue
            row = QWidget()
            row.setObjectName(f"glyph_{problem.person or 'household'}_{problem.field}")
            box = QHBoxLayout(row)
            who = s.member(problem.person).person.name if problem.person else "世帯"
            text = QLabel(f"［{who}］{problem.message}")
            text.setWordWrap(True)
            text.setProperty("role", "warning")
            box.addWidget(text, 1)
            if problem.suggestion:
                box.addWidget(button(f"「{problem.suggestion}」に置き換える", "glyph_replace",
                                     partial(self.replace, problem)))
            box.addWidget(button("このまま", "glyph_keep", partial(self.keep, problem)))
            self.problems_box.addWidget(row)
            self.problem_rows.append(row)

    def replace(self, problem: GlyphProblem) -> None:
        if problem.suggestion is None:
            return
        try:
            self.host.session.replace_character(problem.person, problem.field, problem.char, problem.suggestion)
        except WorkflowError as exc:
            self.status.setText(exc.message)

    def keep(self, problem: GlyphProblem) -> None:
        self.dismissed.add((problem.person, problem.field, problem.char))
        self._show_problems()

    def reset(self) -> None:
        self.dismissed.clear()
        self.declined.clear()
        self.typed.clear()
        self.rejected.clear()
        self.proposals = {}
