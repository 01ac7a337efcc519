"""The counter's 記入事項 page offers a choice input (kind: choice in forms/*.yaml) with exactly the options
the form declares: a list box for one option, check boxes when several may be picked; reached and changed
from the keyboard; what is picked is stored as the value the form's tick boxes test."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout
from pytestqt.qtbot import QtBot

from kakanai.forms.inputs import AskedInput
from kakanai.model import Household, LifeEvent, Reception
from kakanai.ui.pages.choice_editor import NOT_CHOSEN, ChoiceEditor
from kakanai.ui.pages.inputs_page import InputsPage

USE = AskedInput("seal_certificate_use", "印鑑登録証明書の使用目的", "reception", "choice", None,
                 ("seal_certificate_request",), options=("不動産登記", "自動車登録", "相続", "その他"))
VACCINES = AskedInput("vaccines", "予診票が必要な予防接種", "person", "choice", "p3", ("vaccination_tickets",),
                      options=("ヒブ", "BCG", "水痘"), multiple=True)
PHONE = AskedInput("phone", "電話番号", "reception", "phone", None, ("seal_certificate_request",))


@dataclass
class FakeSession:
    """The part of ReceptionSession the page uses: the plan is made, form inputs are kept per person."""

    plan: object = True
    values: dict[tuple[str, str | None], str] = field(default_factory=dict)

    def form_input(self, key: str, person: str | None = None) -> str:
        return self.values.get((key, person), "")

    def set_form_input(self, key: str, value: str, person: str | None = None, *, kind: str = "text") -> None:
        self.values[(key, person)] = value

    def reception(self) -> Reception:
        """Nobody to propose anything for (proposals: tests/ui/test_inputs_proposals.py)."""
        return Reception(LifeEvent.MOVING_IN, date(2026, 4, 9), Household(), ())

    def member(self, member_id: str) -> object:
        @dataclass
        class _Person:
            name: str = "山田　𠮷子"

        @dataclass
        class _Member:
            person: _Person = field(default_factory=_Person)

        return _Member()


class FakeServices:
    def inputs_for(self, session: FakeSession) -> tuple[AskedInput, ...]:
        return (PHONE, USE, VACCINES)

    def glyph_problems(self, session: FakeSession) -> tuple[object, ...]:
        return ()


class FakeHost:
    def __init__(self) -> None:
        self.session = FakeSession()
        self.services = FakeServices()

    def next_step(self) -> None:
        pass


def _page(qtbot: QtBot) -> tuple[InputsPage, FakeHost]:
    host = FakeHost()
    page = InputsPage(host)  # type: ignore[arg-type]  # a fake with only what the page uses
    qtbot.addWidget(page)
    page.refresh()
    with qtbot.waitActive(page):  # keyboard focus needs the active window
        page.show()
        page.activateWindow()
    return page, host


def test_a_single_choice_is_a_list_box_of_the_declared_options(qtbot: QtBot) -> None:
    page, host = _page(qtbot)
    editor = page.editors[("seal_certificate_use", None)]
    assert isinstance(editor, ChoiceEditor) and editor.combo is not None
    combo: QComboBox = editor.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [NOT_CHOSEN, "不動産登記", "自動車登録", "相続", "その他"]
    # From the phone field, Tab reaches the list box; the arrow keys pick.
    page.editors[("phone", None)].setFocus()
    qtbot.keyClick(page.editors[("phone", None)], Qt.Key.Key_Tab)
    assert combo.hasFocus() and editor.hasFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert host.session.values[("seal_certificate_use", None)] == "自動車登録"
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert host.session.values[("seal_certificate_use", None)] == ""  # （選ばない）: the box stays empty


def test_a_multiple_choice_is_a_check_box_per_option_toggled_with_space(qtbot: QtBot) -> None:
    page, host = _page(qtbot)
    editor = page.editors[("vaccines", "p3")]
    assert isinstance(editor, ChoiceEditor) and editor.combo is None
    boxes = editor.findChildren(QCheckBox)
    assert [b.text() for b in boxes] == ["ヒブ", "BCG", "水痘"]
    editor.setFocus()
    assert boxes[0].hasFocus()
    qtbot.keyClick(boxes[0], Qt.Key.Key_Space)
    qtbot.keyClick(boxes[0], Qt.Key.Key_Tab)
    assert boxes[1].hasFocus()
    qtbot.keyClick(boxes[1], Qt.Key.Key_Tab)
    qtbot.keyClick(boxes[2], Qt.Key.Key_Space)
    assert host.session.values[("vaccines", "p3")] == "ヒブ、水痘"


def test_a_stored_value_is_shown_and_unknown_options_are_not(qtbot: QtBot) -> None:
    page, host = _page(qtbot)
    host.session.values[("seal_certificate_use", None)] = "相続"
    host.session.values[("vaccines", "p3")] = "水痘、ヒブ、おたふく"
    page.refresh()
    assert page.editors[("seal_certificate_use", None)].text() == "相続"
    assert page.editors[("vaccines", "p3")].text() == "ヒブ、水痘"  # declared order; not an option: dropped
    page.fill("seal_certificate_use", "その他")
    assert host.session.values[("seal_certificate_use", None)] == "その他"


def test_many_options_wrap_onto_lines_in_their_tab_order(qtbot: QtBot) -> None:
    many = AskedInput("vaccines", "予防接種", "person", "choice", "p3", ("vaccination_tickets",),
                      options=tuple(f"接種{n}" for n in range(1, 11)), multiple=True)
    editor = ChoiceEditor(many)
    qtbot.addWidget(editor)
    grid = editor.layout()
    assert isinstance(grid, QGridLayout) and (grid.rowCount(), grid.columnCount()) == (4, 3)  # short: 3 a line
    assert [b.text() for b in editor.boxes] == [f"接種{n}" for n in range(1, 11)]
    assert editor.boxes[5].nextInFocusChain() is editor.boxes[6]
    long = AskedInput("returned", "返還する手帳・受給者証", "reception", "choice", None, ("x",), multiple=True,
                      options=("障害者手帳", "重度心身障害者医療費受給者証", "自立支援医療受給者証"))
    wide = ChoiceEditor(long)
    qtbot.addWidget(wide)
    layout = wide.layout()
    assert isinstance(layout, QGridLayout) and (layout.rowCount(), layout.columnCount()) == (2, 2)  # long: 2
