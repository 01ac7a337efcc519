"""The offices (本庁・支所) in the administrator's municipality editor: renaming, a branch office's
受付範囲 (accepts), adding and removing a branch office, each refused with a Japanese message naming what
is wrong, recorded for the audit trail, and planned at the branch after a save and reload."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from kakanai.model import Mode, reception_from_json
from kakanai.paths import default_municipality_file, examples_dir
from kakanai.rules import RuleBook, load_rulebook
from kakanai.rules.municipality_edit import MunicipalityEditError, MunicipalityEditor
from kakanai.rules.municipality_offices import (
    MAIN_ACCEPTS_ALL,
    OfficeKind,
    OfficeRow,
    check_new_office,
    check_removable,
)

TODAY = date(2026, 4, 10)


def editor_for(book: RuleBook, target: Path, source: Path | None = None) -> MunicipalityEditor:
    return MunicipalityEditor(source or default_municipality_file(), book, target=target, new_file=False,
                              staff="admin", today=lambda: TODAY)


def modes_at(book: RuleBook, office: str) -> dict[str, Mode]:
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    plan = book.plan(dataclasses.replace(reception, office=office))
    return {p.id: p.mode for p in plan.procedures}


def test_the_offices_of_the_default_file(book: RuleBook, tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    main, east = editor.offices()
    assert main == OfficeRow("main", "本庁", OfficeKind.MAIN, ())
    assert east.id == "branch_east" and east.name == "東支所" and east.kind is OfficeKind.BRANCH
    assert east.accepts == tuple(sorted(book.municipality.offices["branch_east"].accepts or (),
                                        key=[c.id for c in editor.procedure_choices()].index))
    assert OfficeKind.MAIN.label == "本庁" and OfficeKind.BRANCH.label == "支所"
    choices = editor.procedure_choices()
    assert len({c.id for c in choices}) == len(choices)  # each procedure once, whatever its versions
    assert {c.id for c in choices} == {p.id for p in book.catalog.procedures}
    assert choices[0].title == "住民異動届"


def test_a_newly_accepted_procedure_is_handled_at_the_branch_and_a_removed_one_is_guidance(
        book: RuleBook, tmp_path: Path) -> None:
    before = modes_at(book, "branch_east")
    assert before["child_allowance_claim"] is Mode.GUIDANCE and before["dog_registration_change"] is Mode.HERE
    editor = editor_for(book, tmp_path / "m.yaml")
    accepts = [p for p in editor.office("branch_east").accepts if p != "dog_registration_change"]
    editor.set_office_accepts("branch_east", [*accepts, "child_allowance_claim"])
    editor.rename_office("branch_east", "  東部支所 ")
    saved = editor.save()
    assert saved.changed == ("offices.branch_east.accepts", "offices.branch_east.name")
    edited = load_rulebook(municipality_file=saved.path)
    east = edited.municipality.offices["branch_east"]
    assert east.name == "東部支所" and "child_allowance_claim" in (east.accepts or ())
    after = modes_at(edited, "branch_east")
    assert after["child_allowance_claim"] is Mode.HERE
    assert after["dog_registration_change"] is Mode.GUIDANCE
    assert modes_at(edited, "main")["dog_registration_change"] is Mode.HERE  # the main office: everything
    written = yaml.safe_load(saved.path.read_text(encoding="utf-8"))["offices"][1]["accepts"]
    order = [c.id for c in editor.procedure_choices()]
    assert written == sorted(written, key=order.index)  # the rule book's order: a readable, stable file


def test_the_same_set_in_another_order_or_the_same_name_changes_nothing(book: RuleBook, tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    east = editor.office("branch_east")
    editor.set_office_accepts("branch_east", reversed(east.accepts))
    editor.rename_office("branch_east", "東支所")
    editor.rename_office("main", "本庁")
    assert editor.changed == () and editor.office("branch_east") == east


def test_refusals_name_what_is_wrong_and_change_nothing(book: RuleBook, tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    offices = editor.offices()
    with pytest.raises(MunicipalityEditError, match="本庁: 本庁ではすべての手続を受け付けます"):
        editor.set_office_accepts("main", ["resident_move_notice"])
    with pytest.raises(MunicipalityEditError, match="東支所: 手続ID no_such_procedure は規則にありません"):
        editor.set_office_accepts("branch_east", ["resident_move_notice", "no_such_procedure"])
    with pytest.raises(MunicipalityEditError, match="庁舎 branch_east: 名前を入力してください"):
        editor.rename_office("branch_east", "　 ")
    with pytest.raises(MunicipalityEditError, match="庁舎名「本庁」はほかの庁舎で使われています"):
        editor.rename_office("branch_east", "本庁")
    with pytest.raises(MunicipalityEditError, match="庁舎 branch_west はありません"):
        editor.rename_office("branch_west", "西支所")
    with pytest.raises(MunicipalityEditError, match="本庁は本庁のため削除できません"):
        editor.remove_branch_office("main")
    with pytest.raises(MunicipalityEditError, match="庁舎 branch_west はありません"):
        editor.remove_branch_office("branch_west")
    for bad_id in ("Branch_West", "branch-west", "西支所", ""):
        with pytest.raises(MunicipalityEditError, match=f"支所のID「{bad_id}」は使えません.*英小文字"):
            editor.add_branch_office(bad_id, "西支所")
    with pytest.raises(MunicipalityEditError, match="支所のID「branch_east」はすでにあります"):
        editor.add_branch_office("branch_east", "西支所")
    with pytest.raises(MunicipalityEditError, match="庁舎 branch_west: 名前を入力してください"):
        editor.add_branch_office("branch_west", "")
    with pytest.raises(MunicipalityEditError, match="西支所: 手続ID nope は規則にありません"):
        editor.add_branch_office("branch_west", "西支所", ["nope"])
    assert editor.offices() == offices and editor.changed == ()
    assert MAIN_ACCEPTS_ALL == "本庁ではすべての手続を受け付けます"


def test_a_branch_office_added_then_planned_at(book: RuleBook, tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    editor.add_branch_office("branch_west", " 西支所 ", ["certificate_request", "resident_move_notice"])
    editor.add_branch_office("branch_north", "北支所")
    assert editor.office("branch_west") == OfficeRow("branch_west", "西支所", OfficeKind.BRANCH,
                                                     ("resident_move_notice", "certificate_request"))
    assert editor.office("branch_north").accepts == ()
    saved = editor.save()
    assert saved.changed == ("offices.branch_north.added", "offices.branch_west.added")
    edited = load_rulebook(municipality_file=saved.path)
    assert list(edited.municipality.offices) == ["main", "branch_east", "branch_west", "branch_north"]
    west = modes_at(edited, "branch_west")
    assert west["resident_move_notice"] is Mode.HERE and west["mynumber_card_update"] is Mode.GUIDANCE
    assert Mode.HERE not in set(modes_at(edited, "branch_north").values())


def test_a_branch_office_removed(book: RuleBook, tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    editor.remove_branch_office("branch_east")
    assert [o.id for o in editor.offices()] == ["main"]
    saved = editor.save()
    assert saved.changed == ("offices.branch_east.removed",)
    assert list(load_rulebook(municipality_file=saved.path).municipality.offices) == ["main"]


def test_added_and_removed_in_one_edit_leaves_no_trace(book: RuleBook, tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    editor.add_branch_office("branch_west", "西支所")
    editor.set_office_accepts("branch_west", ["certificate_request"])
    editor.remove_branch_office("branch_west")
    assert editor.changed == ()
    editor.set_office_accepts("branch_east", [])
    editor.remove_branch_office("branch_east")  # an earlier change of a removed office is not reported
    assert editor.changed == ("offices.branch_east.removed",)


def test_a_file_without_offices_gets_the_implied_main_office_written(book: RuleBook, tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    data: dict[str, Any] = yaml.safe_load(default_municipality_file().read_text(encoding="utf-8"))
    del data["offices"]
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    editor = editor_for(book, tmp_path / "m.yaml", source=source)
    assert editor.offices() == (OfficeRow("main", "本庁", OfficeKind.MAIN, ()),)
    assert "offices" not in editor.data  # only read: the file stays as it was
    editor.add_branch_office("branch_south", "南支所", ["certificate_request"])
    saved = editor.save()
    offices = load_rulebook(municipality_file=saved.path).municipality.offices
    assert list(offices) == ["main", "branch_south"] and offices["main"].main


def test_an_accepted_procedure_no_longer_in_the_rules_is_kept_not_silently_lost(book: RuleBook,
                                                                              tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    data: dict[str, Any] = yaml.safe_load(default_municipality_file().read_text(encoding="utf-8"))
    data["offices"][1]["accepts"].append("retired_procedure")
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    editor = editor_for(book, tmp_path / "m.yaml", source=source)
    east = editor.office("branch_east")
    editor.set_office_accepts("branch_east", [*east.accepts, "child_allowance_claim"])
    accepts = editor.office("branch_east").accepts
    assert accepts[-1] == "retired_procedure" and "child_allowance_claim" in accepts


def test_an_offices_edit_is_validated_with_the_rule_book_and_an_invalid_one_writes_nothing(
        book: RuleBook, tmp_path: Path) -> None:
    target = tmp_path / "m.yaml"
    first = editor_for(book, target)
    first.rename_office("branch_east", "東部支所")
    first.save()
    before = target.read_bytes()
    editor = editor_for(book, target, source=target)
    editor.add_branch_office("branch_west", "西支所", ["certificate_request"])
    # What an operation never makes, but a hand-edited document could hold: the save must catch it.
    del editor.data["offices"][-1]["accepts"]
    with pytest.raises(MunicipalityEditError, match=r"保存できません.*m\.yaml:\d+: offices\[2\]: 支所 branch_west: accepts"):
        editor.save()
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]  # no temporary file, no .bak
    assert editor.changed == ("offices.branch_west.added",)  # still to be saved once corrected


def test_check_new_office_is_what_the_dialog_asks_before_the_save(book: RuleBook, tmp_path: Path) -> None:
    offices = editor_for(book, tmp_path / "m.yaml").offices()
    check_new_office(offices, "branch_west", "西支所")  # a valid one passes
    with pytest.raises(MunicipalityEditError, match="はすでにあります"):
        check_new_office(offices, "main", "西支所")
    with pytest.raises(MunicipalityEditError, match="庁舎名「東支所」はほかの庁舎で使われています"):
        check_new_office(offices, "branch_west", "東支所")


def test_the_office_this_counter_uses_is_not_removed(book: RuleBook, tmp_path: Path) -> None:
    editor = MunicipalityEditor(default_municipality_file(), book, target=tmp_path / "m.yaml", new_file=False,
                                staff="admin", today=lambda: TODAY, counter_office="branch_east")
    with pytest.raises(MunicipalityEditError,
                       match="東支所はこの窓口端末の設定（庁舎）で使われているため削除できません。先に設定の庁舎を変更"):
        editor.remove_branch_office("branch_east")
    assert [o.id for o in editor.offices()] == ["main", "branch_east"] and editor.changed == ()
    editor.add_branch_office("branch_west", "西支所")
    editor.remove_branch_office("branch_west")  # another branch office: removed as usual
    assert [o.id for o in editor.offices()] == ["main", "branch_east"]
    # The counter's own file through for_counter: the settings' office is passed on.
    counter = MunicipalityEditor.for_counter(book, str(tmp_path / "absent.yaml"), config_folder=tmp_path, counter_office="branch_east")
    assert counter.counter_office == "branch_east"
    with pytest.raises(MunicipalityEditError, match="東支所はこの窓口端末の設定"):
        counter.remove_branch_office("branch_east")
    with pytest.raises(MunicipalityEditError, match="本庁は本庁のため削除できません"):
        check_removable(editor.office("main"), "")  # "" in the settings is the main office
    check_removable(editor.office("branch_east"), "main")  # another counter's office: removable
