"""The administrator's editor of the municipality parameters (issue 7): edits as operations, a change of
an ordinance value as a new dated value, a save validated by the whole rule book before it replaces the
file (never a half-written or unloadable file), the .bak, and the audit entry naming the staff member."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from kakanai.app.settings import config_dir
from kakanai.model import reception_from_json
from kakanai.paths import default_municipality_file, examples_dir
from kakanai.rules import RuleBook, load_rulebook
from kakanai.rules.municipality import load_municipality
from kakanai.rules.municipality_edit import (
    AUDIT_ACTION,
    MunicipalityEditError,
    MunicipalityEditor,
    ParamKind,
    save_target,
)
from kakanai.store.counter_recorder import SignedIn, StoreRecorder
from kakanai.store.recorders import RecordError
from kakanai.store.schema import audit_events

TODAY = date(2026, 4, 10)


def editor_for(book: RuleBook, target: Path, source: Path | None = None, **kwargs: Any) -> MunicipalityEditor:
    return MunicipalityEditor(source or default_municipality_file(), book, target=target, new_file=False,
                              staff="admin", today=lambda: TODAY, **kwargs)


def plan_ids(book: RuleBook) -> dict[str, Any]:
    reception = reception_from_json((examples_dir() / "moving_in_family.json").read_text(encoding="utf-8"))
    return {p.id: p for p in book.plan(reception).procedures}


def test_the_bundled_default_is_never_written_the_first_edit_goes_to_the_config_folder(book: RuleBook) -> None:
    assert save_target("", config_dir()) == (config_dir() / "municipality.yaml", True)
    assert save_target("/srv/mihon.yaml", config_dir()) == (Path("/srv/mihon.yaml"), False)
    editor = MunicipalityEditor.for_counter(book, "", config_folder=config_dir(), staff="admin", today=lambda: TODAY)
    assert editor.source == default_municipality_file()
    before = default_municipality_file().read_bytes()
    editor.set_department("citizen", "市民生活課", "1番窓口", "本庁舎1階")
    saved = editor.save()
    assert saved.path == config_dir() / "municipality.yaml" and saved.settings_must_point_here
    assert saved.backup is None and default_municipality_file().read_bytes() == before
    # Opened again before the restart: the edited file, not the default (the first edit is not lost).
    again = MunicipalityEditor.for_counter(book, str(saved.path), config_folder=config_dir(), today=lambda: TODAY)
    assert again.source == saved.path and again.departments()[0].name == "市民生活課"


def test_what_the_dialog_shows(book: RuleBook, tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    assert editor.identity().name == "見本市" and editor.identity().mayor_title == "見本市長"
    assert editor.departments()[0].key == "citizen" and editor.departments()[0].counter == "1番窓口"
    age = editor.param("child_medical_subsidy_age")
    assert age.kind is ParamKind.INT and age.current == 18 and age.legal_basis.startswith("見本市")
    assert editor.param("child_medical_subsidy_age", date(2022, 1, 1)).current == 15
    assert editor.param("large_print_guidance").kind is ParamKind.BOOL
    procedures = {p.id: p for p in editor.procedures()}
    assert procedures["dog_registration_change"].enabled and procedures["dog_registration_change"].title
    assert len(procedures) == len(book.procedures_on(TODAY))
    assert editor.local_holidays() == ()


def test_a_department_renamed_and_the_rest_of_the_file_kept(book: RuleBook, tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    editor.set_department("citizen", "市民生活課", "2番窓口", "本庁舎1階")
    saved = editor.save()
    assert saved.changed == ("departments.citizen",)
    text = saved.path.read_text(encoding="utf-8")
    assert text.startswith("# kakanai: ") and "2026-04-10" in text and "職員 admin" in text
    assert "# Department keys are used by the rule files" in text  # the municipality's notes stay
    new = load_rulebook(municipality_file=saved.path).municipality
    assert new.departments["citizen"].name == "市民生活課" and new.departments["citizen"].counter == "2番窓口"
    old = load_municipality(default_municipality_file())
    assert new.offices == old.offices and new.params == old.params and new.overrides == old.overrides
    assert list(new.departments) == list(old.departments)  # the order of the plan and the guidance sheet
    original = yaml.safe_load(default_municipality_file().read_text(encoding="utf-8"))
    written = yaml.safe_load(text)
    original["departments"]["citizen"] = {"name": "市民生活課", "counter": "2番窓口", "place": "本庁舎1階"}
    assert written == original and list(written) == list(original)


def test_a_new_value_from_a_future_date_keeps_the_old_one_before_it(book: RuleBook, tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    assert editor.set_param("child_medical_subsidy_age", 20, date(2027, 4, 1))
    assert not editor.set_param("child_medical_subsidy_age", 18, date(2026, 10, 1))  # already in force
    saved = editor.save()
    assert saved.changed == ("params.child_medical_subsidy_age@2027-04-01",)
    m = load_rulebook(municipality_file=saved.path).municipality
    assert m.params_on(date(2027, 3, 31))["child_medical_subsidy_age"] == 18
    assert m.params_on(date(2027, 4, 1))["child_medical_subsidy_age"] == 20
    assert m.params_on(date(2020, 1, 1))["child_medical_subsidy_age"] == 15  # history untouched
    assert m.params["child_medical_subsidy_age"].legal_basis == "見本市子ども医療費助成条例 第2条"
    # The same date again replaces that dated value (a typing mistake corrected), not a second entry.
    again = editor_for(book, tmp_path / "m.yaml", source=saved.path)
    again.set_param("child_medical_subsidy_age", 19, date(2027, 4, 1))
    assert again.param("child_medical_subsidy_age").values[-1] == (date(2027, 4, 1), 19)
    assert len(again.param("child_medical_subsidy_age").values) == 4  # 1989-01-08, 2019-04-01, 2023-04-01 and the new 2027-04-01


def test_a_value_of_the_wrong_kind_or_negative_is_refused_naming_the_parameter(book: RuleBook,
                                                                              tmp_path: Path) -> None:
    editor = editor_for(book, tmp_path / "m.yaml")
    with pytest.raises(MunicipalityEditError, match=r"retention_days.*整数"):
        editor.set_param("retention_days", "60", date(2027, 4, 1))
    with pytest.raises(MunicipalityEditError, match=r"retention_days.* 0〜3650 の整数.*（-1）"):
        editor.set_param("retention_days", -1, date(2027, 4, 1))
    # The range is the municipality schema's own (rules/municipality_schema.PARAMS), boundary days included.
    with pytest.raises(MunicipalityEditError, match=r"child_medical_subsidy_age.* 0〜22 の整数.*（23）"):
        editor.set_param("child_medical_subsidy_age", 23, date(2027, 4, 1))
    assert (editor.param("retention_days").lo, editor.param("retention_days").hi) == (0, 3650)
    with pytest.raises(MunicipalityEditError, match=r"large_print_guidance.*はい・いいえ"):
        editor.set_param("large_print_guidance", 1, date(2027, 4, 1))
    with pytest.raises(MunicipalityEditError, match=r"vaccination_ticket_age.*整数"):
        editor.set_param("vaccination_ticket_age", True, date(2027, 4, 1))
    with pytest.raises(MunicipalityEditError, match="担当課 citizen: 名前"):
        editor.set_department("citizen", "  ", "1番窓口", "")
    with pytest.raises(MunicipalityEditError, match="市町村名"):
        editor.set_identity("", "北海道", "見本市長")
    assert editor.changed == () and not (tmp_path / "m.yaml").exists()
    assert editor_for(book, tmp_path / "m.yaml").set_param("child_medical_subsidy_age", 22, date(2027, 4, 1))


def test_a_procedure_switched_off_is_not_planned_and_its_other_overrides_stay(book: RuleBook,
                                                                            tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    data = yaml.safe_load(default_municipality_file().read_text(encoding="utf-8"))
    data["procedures"] = {"water_service": {"mode": "guidance", "bring": ["水道の使用者番号"]}}
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert {"dog_registration_change", "water_service"} <= set(plan_ids(book))
    editor = editor_for(book, tmp_path / "m.yaml", source=source)
    editor.set_procedure_enabled("dog_registration_change", False)
    editor.set_procedure_enabled("water_service", False)
    saved = editor.save()
    edited = load_rulebook(municipality_file=saved.path)
    planned = plan_ids(edited)
    assert "dog_registration_change" not in planned and "water_service" not in planned
    assert edited.municipality.overrides["water_service"].bring == ("水道の使用者番号",)
    assert {p.id: p.enabled for p in editor.procedures()}["water_service"] is False
    # Switched on again: the switch goes, the municipality's other overrides stay.
    editor.set_procedure_enabled("water_service", True)
    editor.set_procedure_enabled("dog_registration_change", True)
    written = yaml.safe_load(editor.dump())
    assert written["procedures"] == {"water_service": {"mode": "guidance", "bring": ["水道の使用者番号"]}}


def test_a_local_holiday_moves_a_deadline(book: RuleBook, tmp_path: Path) -> None:
    assert plan_ids(book)["resident_move_notice"].deadline == date(2026, 4, 23)
    editor = editor_for(book, tmp_path / "m.yaml")
    editor.add_local_holiday(date(2026, 4, 23))
    editor.add_local_holiday(date(2026, 11, 2))
    editor.remove_local_holiday(date(2026, 11, 2))
    saved = editor.save()
    edited = load_rulebook(municipality_file=saved.path)
    assert edited.municipality.local_holidays == frozenset({date(2026, 4, 23)})
    assert plan_ids(edited)["resident_move_notice"].deadline == date(2026, 4, 24)


def test_a_result_that_would_not_load_writes_nothing(book: RuleBook, tmp_path: Path) -> None:
    target = tmp_path / "m.yaml"
    first = editor_for(book, target)
    first.set_department("citizen", "市民生活課", "1番窓口", "本庁舎1階")
    first.save()
    before = target.read_bytes()
    editor = editor_for(book, target, source=target)
    editor.set_department("tax", "税務課", "7番窓口", "本庁舎2階")
    editor.data["offices"][0]["kind"] = "branch"  # no main office any more: the rule book refuses it
    with pytest.raises(MunicipalityEditError, match=r"保存できません.*m\.yaml:\d+: offices\[0\]: 支所 main: accepts") as caught:
        editor.save()
    assert ".tmp" not in str(caught.value)  # the message names the file, not the temporary one
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]  # no temporary file, no .bak


def test_the_previous_file_is_kept_as_bak(book: RuleBook, tmp_path: Path) -> None:
    target = tmp_path / "m.yaml"
    editor = editor_for(book, target)
    editor.set_department("citizen", "市民生活課", "1番窓口", "本庁舎1階")
    first = editor.save()
    before = target.read_bytes()
    editor.add_local_holiday(date(2026, 4, 23))
    second = editor.save()
    assert second.backup == tmp_path / "m.yaml.bak" and second.backup.read_bytes() == before
    assert second.changed == ("local_holidays",) and second.sha256 != first.sha256
    import hashlib

    assert second.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()


def test_every_save_is_in_the_audit_trail_naming_the_staff_member(book: RuleBook, tmp_path: Path) -> None:
    recorder = StoreRecorder.open(f"sqlite:///{tmp_path / 'db.sqlite3'}", spool_path=tmp_path / "spool.sqlite3")
    try:
        recorder.signed_in = SignedIn("admin", "管理　花子", "administrator", "管理者")
        editor = editor_for(book, tmp_path / "m.yaml", note=recorder.note_admin_change)
        editor.set_param("retention_days", 60, date(2027, 4, 1))
        saved = editor.save()
        assert saved.audit_problem is None
        store = recorder.store.store
        assert store.verify_audit().ok
        with store.engine.connect() as conn:
            rows = conn.execute(select(audit_events).where(audit_events.c.action == AUDIT_ACTION)).all()
        assert len(rows) == 1
        row = rows[0]
        assert row.staff == "admin" and row.office == "main" and row.reception_id is None
        assert row.detail == {"file": "m.yaml", "sha256": saved.sha256,
                              "changed": ["params.retention_days@2027-04-01"]}
        # Signed out: the file is saved all the same, and the administrator is told the entry is missing.
        recorder.sign_out()
        editor.add_local_holiday(date(2026, 4, 23))
        later = editor.save()
        assert later.audit_problem is not None and "監査記録" in later.audit_problem
        assert load_municipality(later.path).local_holidays == frozenset({date(2026, 4, 23)})
        assert store.verify_audit().ok and store.verify_audit().entries == 1
    finally:
        recorder.close()


def test_a_database_down_does_not_lose_the_edit(book: RuleBook, tmp_path: Path) -> None:
    def down(action: str, detail: dict[str, Any]) -> None:
        raise RecordError("監査記録に書けません: データベースに接続できません")

    editor = editor_for(book, tmp_path / "m.yaml", note=down)
    editor.set_param("nhi_funeral_benefit_yen", 70000, date(2026, 10, 1))
    saved = editor.save()
    assert saved.audit_problem is not None and "データベースに接続できません" in saved.audit_problem
    assert load_municipality(saved.path).params["nhi_funeral_benefit_yen"].on(date(2026, 10, 1)) == 70000


def test_a_plain_value_is_edited_as_in_force_since_the_first_reception_day(book: RuleBook, tmp_path: Path) -> None:
    # A municipality file may write a parameter as a plain value (no dates): it is in force from the first
    # day a reception can have (1989-01-08), so a new dated value can be added and the file still loads.
    text = default_municipality_file().read_text(encoding="utf-8")
    plain = tmp_path / "plain.yaml"
    plain.write_text(text.replace("    values: {1989-01-08: 30}", "    values: 30"), encoding="utf-8")
    raw = yaml.safe_load(plain.read_text(encoding="utf-8"))
    raw["params"]["retention_days"] = 30
    plain.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    editor = editor_for(book, tmp_path / "m.yaml", source=plain)
    assert editor.param("retention_days").values == ((date(1989, 1, 8), 30),)
    assert editor.set_param("retention_days", 60, date(2027, 4, 1))
    saved = editor.save()
    m = load_rulebook(municipality_file=saved.path).municipality
    assert m.params_on(date(2027, 3, 31))["retention_days"] == 30
    assert m.params_on(date(2027, 4, 1))["retention_days"] == 60
