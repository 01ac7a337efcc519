"""Tick boxes are never left blank merely because nobody asked (issue 15): a tick box is decided by the
reception (the event, the procedure, who filed, a fact), asked as a choice input whose options are declared
once in the form's YAML, or left for someone by law. `forms check` refuses a tick box that is none of these,
a box testing a value that is not an option, an option that ticks no box, and a choice input printed as
text. The counter's value of a choice shows as ticks, read back from the back-office code's fields."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kakanai.forms import FormLibrary, check_forms, render_form
from kakanai.forms.bindings import FormContext
from kakanai.forms.check import choice_shown, input_marker
from kakanai.forms.coverage import Coverage, form_coverage
from kakanai.forms.definition import FormInput
from kakanai.model import LifeEvent, Reception
from kakanai.paths import forms_dir
from tests.unit.forms.conftest import MINI_FORM, MUNICIPALITY, TODAY, reception_with
from tests.unit.forms.test_coverage import _folder

CHOICE = "  - {id: purpose, label: 使用目的, scope: reception, kind: choice, multiple: true, options: [相続, 年金, その他]}\n"
BOXES = ("  - {type: checkbox, id: use_inherit, text: 相続, x: 10, y: 90, value: input.purpose, when: [相続]}\n"
         "  - {type: checkbox, id: use_pension, text: 年金, x: 40, y: 90, value: input.purpose, when: [年金]}\n"
         "  - {type: checkbox, id: use_other, text: その他, x: 70, y: 90, value: input.purpose, when: [その他]}\n")


def _with_choice(boxes: str = BOXES, choice: str = CHOICE) -> str:
    return MINI_FORM.replace("inputs:\n", "inputs:\n" + choice).replace("  - {type: signature,",
                                                                        boxes + "  - {type: signature,")


def test_a_tick_box_nobody_decides_is_refused_by_check_and_coverage(tmp_path: Path) -> None:
    text = MINI_FORM.replace("  - {type: signature,", "  - {type: checkbox, id: agree, text: 同意する, x: 10, y: 90}\n"
                             "  - {type: signature,")
    folder = _folder(tmp_path, text)
    problems, _ = check_forms(folder)
    assert problems == [f"{folder / 'mini.yaml'}: チェック欄「同意する」は受付の情報にも入力にも結び付いていません。"
                        "value: を結び付けるか（チェック欄は kind: choice の入力も使えます）、法令上住民が記入する欄なら"
                        " resident: に理由を書いてください"]
    agree = next(c for c in form_coverage(FormLibrary(folder).get("mini")) if c.field == "同意する")
    assert agree.status is Coverage.UNASKED and agree.kind == "checkbox"


def test_a_choice_input_ticks_its_boxes_and_passes_the_check(tmp_path: Path, example: Reception) -> None:
    folder = _folder(tmp_path, _with_choice())
    assert check_forms(folder)[0] == []
    form = FormLibrary(folder).get("mini")
    spec = form.inputs[0]
    assert (spec.kind, spec.options, spec.multiple) == ("choice", ("相続", "年金", "その他"), True)
    statuses = {c.field: c.status for c in form_coverage(form)}
    assert statuses["相続"] is Coverage.INPUT and statuses["転入"] is Coverage.RECEPTION
    filled = replace(example, form_inputs={"purpose": "相続、その他"})
    doc = render_form(form, filled, None, None, list(example.members), MUNICIPALITY, TODAY)
    assert {k: doc.sheets[0][k] for k in ("use_inherit", "use_pension", "use_other")} == {
        "use_inherit": "1", "use_pension": "0", "use_other": "1"}
    assert choice_shown(form, "purpose", "相続、その他", doc.sheets)
    assert not choice_shown(form, "purpose", "年金", doc.sheets)
    assert not choice_shown(form, "purpose", "相続", doc.sheets)  # その他 is ticked too: not what was picked


def test_choice_mistakes_are_refused_with_the_input_named(tmp_path: Path) -> None:
    source = tmp_path / "forms" / "mini.yaml"
    wrong_option = BOXES.replace("when: [年金]", "when: [年金等]")
    problems, _ = check_forms(_folder(tmp_path, _with_choice(wrong_option)))
    assert problems == [f"{source}: 「use_pension」の when: ['年金等'] は入力 purpose の選択肢（相続、年金、その他）から選びます",
                        f"{source}: 入力 purpose の選択肢「年金」に当たるチェックボックスがありません"]
    as_text = BOXES + "  - {type: field, id: purpose_text, label: 目的, x: 100, y: 90, w: 60, h: 12, value: input.purpose}\n"
    problems, _ = check_forms(_folder(tmp_path, _with_choice(as_text)))
    assert problems == [f"{source}: 選択の入力 purpose はチェックボックスで印字します（欄「purpose_text」）"]
    no_options = CHOICE.replace(", multiple: true, options: [相続, 年金, その他]", "")
    problems, _ = check_forms(_folder(tmp_path, _with_choice(choice=no_options)))
    assert len(problems) == 1 and "入力 purpose: kind: choice には options: （選択肢の文字列のリスト）が必要です" in problems[0]
    joined = CHOICE.replace("[相続, 年金, その他]", "[相続、年金, その他]")
    problems, _ = check_forms(_folder(tmp_path, _with_choice(choice=joined)))
    assert len(problems) == 1 and "選択肢「相続、年金」に「、」は使えません" in problems[0]
    options_on_text = "  - {id: memo, label: メモ, scope: reception, options: [a]}\n"
    problems, _ = check_forms(_folder(tmp_path, _with_choice(choice=CHOICE + options_on_text)))
    assert len(problems) == 1 and "入力 memo: options: と multiple: は kind: choice の入力にだけ書けます" in problems[0]


def test_one_choice_input_has_the_same_options_on_every_form(tmp_path: Path) -> None:
    _folder(tmp_path, _with_choice())
    other = _with_choice(BOXES.replace("when: [その他]", "when: [相続]"),
                         CHOICE.replace("[相続, 年金, その他]", "[相続, 年金]"))
    problems, _ = check_forms(_folder(tmp_path, other, "mini2"))
    assert problems == [f"{tmp_path / 'forms' / 'mini2.yaml'}: 入力 purpose の選択肢（相続、年金）が様式 mini の宣言"
                        "（相続、年金、その他）と違います。窓口は1度だけ尋ねるので同じにします"]


def test_the_marker_of_a_choice_is_one_of_its_options() -> None:
    single = FormInput("way", "方法", "person", "choice", options=("写真付き", "保証人", "照会書"))
    assert input_marker(single, 3) == "照会書"
    assert input_marker(replace(single, multiple=True), 3) == "写真付き、照会書"
    assert input_marker(FormInput("phone", "電話番号", "reception"), 7) == "記入07"


def _ctx(reception: Reception, person: str | None, applicant: str) -> FormContext:
    return FormContext(reception, None, reception.member(person) if person else None, reception.member(applicant),
                       MUNICIPALITY, TODAY, {})


def test_who_filed_is_decided_by_the_reception(example: Reception) -> None:
    # 山田太郎 (世帯主, p1), 花子 (妻, p2), 𠮷子 (子, p3)
    assert _ctx(example, "p1", "p1").resolve("reception.filer") == "本人"
    assert _ctx(example, "p2", "p1").resolve("reception.filer") == "配偶者"
    assert _ctx(example, "p3", "p2").resolve("reception.filer") == "母"
    assert _ctx(example, "p3", "p1").resolve("reception.filer") == "父"
    assert _ctx(example, "p1", "p3").resolve("reception.filer") == "子"
    assert _ctx(example, "p4", "p3").resolve("reception.filer") == "同一世帯員"  # a sibling
    assert _ctx(example, None, "p1").resolve("reception.filer") == "本人"  # a household form: one of the movers


def test_twins_are_multiple_births_and_the_ltc_class_follows_the_age() -> None:
    raw_members = reception_with().members
    twins = replace(reception_with(), event=LifeEvent.BIRTH, subject=("p3", "p4"))
    assert _ctx(twins, "p3", "p1").resolve("reception.births") == "多胎"
    assert _ctx(replace(twins, subject=("p4",)), "p4", "p1").resolve("reception.births") == "単胎"
    assert _ctx(reception_with(), "p1", "p1").resolve("reception.births") == ""  # not a birth
    head = raw_members[0]
    # The law's age (年齢計算ニ関スル法律): 65 on the day before the 65th birthday; the event is 2026-04-09.
    for born, expected in (("1961-04-10", "第1号"), ("1961-04-11", "第2号"), ("1986-04-10", "第2号"),
                           ("1986-04-11", "")):
        older = replace(reception_with(), members=(replace(head, birth_date=TODAY.fromisoformat(born)),
                                                   *raw_members[1:]))
        assert _ctx(older, "p1", "p1").resolve("person.ltc_class") == expected, born


def test_an_empty_when_ticks_the_box_when_nothing_was_given(example: Reception) -> None:
    form = FormLibrary(forms_dir()).get("fixed_asset_heir")
    doc = render_form(form, example, None, example.members[0], [], MUNICIPALITY, TODAY)
    assert (doc.sheets[0]["send_rep"], doc.sheets[0]["send_other"]) == ("1", "0")
    other = replace(example, form_inputs={"send_to": "東京都港区１番地"})
    doc = render_form(form, other, None, example.members[0], [], MUNICIPALITY, TODAY)
    assert (doc.sheets[0]["send_rep"], doc.sheets[0]["send_other"]) == ("0", "1")


def test_every_catalog_tick_box_is_decided_asked_or_reasoned() -> None:
    library = FormLibrary(forms_dir())
    ticks = [c for form_id in library.ids() for c in form_coverage(library.get(form_id))
             if c.kind in ("checkbox", "choice")]
    assert len(ticks) == 397  # the 国保 notice's その他 change is gone: the interview says which 世帯変更
    assert all(c.status in (Coverage.RECEPTION, Coverage.INPUT, Coverage.BY_LAW) for c in ticks)
    assert all(c.reason for c in ticks if c.status is Coverage.BY_LAW)


def test_the_surname_of_a_marriage_and_who_returns_on_a_divorce_come_from_the_facts(example: Reception) -> None:
    def word(event: LifeEvent, changes: dict[str, bool]) -> object:
        members = tuple(replace(m, facts={**m.facts, "surname_changes": changes[m.id]}) if m.id in changes else m
                        for m in example.members)
        return _ctx(replace(example, event=event, members=members), None, "p1").resolve("reception.surname_changes")

    assert word(LifeEvent.MARRIAGE, {"p2": True}) == "妻"  # the couple takes the husband's surname: 夫の氏
    assert word(LifeEvent.MARRIAGE, {"p1": True, "p2": False}) == "夫"
    assert word(LifeEvent.MARRIAGE, {}) == ""  # not known yet: asked by the interview
    assert word(LifeEvent.DIVORCE, {"p2": False}) == ""  # 婚氏続称: nobody returns to the former surname
    assert word(LifeEvent.DIVORCE, {"p2": True}) == "妻"
    assert word(LifeEvent.MOVING_IN, {"p2": True}) == ""
    assert word(LifeEvent.MARRIAGE, {"p3": True}) == ""  # a child's surname is not the couple's
