"""The workflow's helpers: settings per machine, characters a font lacks, what the forms still need,
demo residents, the simulated reader, the local recorder, CUPS printer states, the composition root."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from kakanai.app.demo import load_demo
from kakanai.app.forms_adapter import asked_inputs, input_label
from kakanai.app.services import build_services
from kakanai.app.settings import CounterSettings, load_settings, save_settings, settings_from_dict
from kakanai.app.workflow import ReceptionSession
from kakanai.card import CardRemovedError, NoCardError, PinLockedError, StaticPin
from kakanai.card.polling import ReaderState, SimulatedCardReader, read_member_card
from kakanai.model import Household, LifeEvent, Person, Reception, Sex
from kakanai.model.characters import find_glyph_problems, split_chars, standard_form
from kakanai.rules import RuleBook
from kakanai.store.recorders import JsonLinesRecorder, RecordContext, RecordError
from kakanai.ui.printers import parse_lpstat
from tests.unit.app.conftest import TODAY


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = CounterSettings(office="branch_east", counter_name="東支所 2番", printer="PDF", font_scale=1.3,
                               high_contrast=True, idle_minutes=2)
    save_settings(settings, path)
    loaded, warning = load_settings(path)
    assert loaded == settings and warning is None
    assert loaded.idle_seconds == 120


def test_missing_or_broken_settings_start_with_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.json") == (CounterSettings(), None)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    settings, warning = load_settings(broken)
    assert settings == CounterSettings() and warning is not None and "壊れています" in warning
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"font_scale": "big"}), encoding="utf-8")
    assert "font_scale" in (load_settings(wrong)[1] or "")


def test_font_scale_stays_in_range() -> None:
    s = CounterSettings(font_scale=2.5)
    assert s.scaled(1).font_scale == 2.5 and s.scaled(-1).font_scale == 2.4
    assert settings_from_dict({"font_scale": 9}).font_scale == 2.5
    assert settings_from_dict({"idle_minutes": 3}).idle_minutes == 3.0


def test_standard_forms_of_name_characters() -> None:
    assert standard_form("髙") == "高" and standard_form("𠮷") == "吉" and standard_form("\uFA11") == "\u5D0E"
    assert standard_form("葛\U000E0100") == "葛"  # an IVS sequence: its base character
    assert standard_form("山") is None
    assert list(split_chars("葛\U000E0100西")) == ["葛\U000E0100", "西"]


def test_glyph_problems_name_the_field_and_the_suggestion() -> None:
    reception = Reception(LifeEvent.MOVING_IN, date(2026, 4, 9), Household(address="北海道見本市𠮷野町"),
                          (Person("p1", "山田　𠮷子", date(2018, 9, 20), Sex.FEMALE),
                           Person("p2", "髙橋　翔太", date(1999, 5, 5), Sex.MALE)))
    problems = find_glyph_problems(reception, lambda text: frozenset(ch for ch in text if ch == "𠮷"))
    assert [(p.person, p.field, p.char, p.suggestion) for p in problems] == [
        ("p1", "name", "𠮷", "吉"), (None, "address", "𠮷", "吉")]
    assert "U+20BB7" in problems[0].message and "氏名" in problems[0].message


def test_glyph_problems_in_form_inputs_name_the_input() -> None:
    ivs = "葛\U000E0100"
    reception = Reception(LifeEvent.MOVING_IN, date(2026, 4, 9), Household(),
                          (Person("p1", "山田　太郎", date(1985, 6, 15), Sex.MALE, form_inputs={"honseki": f"東京都{ivs}飾区"}),),
                          form_inputs={"old_head_name": "髙橋　一郎"})
    problems = find_glyph_problems(reception, lambda text: frozenset(c for c in text if c in ("\U000E0100", "髙")),
                                   input_label)
    assert [(p.person, p.field, p.char, p.suggestion) for p in problems] == [
        (None, "input.old_head_name", "髙", "高"), ("p1", "input.honseki", ivs, "葛")]
    assert problems[1].field_label == "本籍" and "本籍" in problems[1].message


def test_needed_inputs_follow_the_printed_forms(book: RuleBook) -> None:
    reception = Reception(LifeEvent.MOVING_IN, date(2026, 4, 9), Household(),
                          (Person("p1", "山田　太郎", date(1985, 6, 15), Sex.MALE, facts={"has_mynumber_card": True}),))
    plan = book.plan(reception)
    fields = asked_inputs(reception, plan)
    keys = [(f.id, f.person) for f in fields]
    assert ("address", None) in keys and ("phone", None) in keys
    assert ("honseki", None) in keys and ("name_kana", "p1") in keys  # 本籍: once for the household
    assert len(keys) == len(set(keys))  # each asked once even when several forms need it
    address = next(f for f in fields if f.id == "address")
    assert address.target == "household_address"
    assert keys.index(("phone", None)) < keys.index(("name_kana", "p1"))  # household first


def test_demo_residents_load() -> None:
    demo = load_demo(today=TODAY)
    assert len(demo.cards) >= 6 and demo.card("山田太郎").profile.pin == "1234"
    assert any(getattr(c.profile, "pin_tries_left", 3) == 0 for c in demo.cards)  # a locked card to train with
    assert any("𠮷" in c.profile.name or "髙" in c.profile.name for c in demo.cards)  # MJ characters
    newborn = next(t for t in demo.typed if "新生児" in t.label)
    assert newborn.birth_date == TODAY
    assert all(p.texts and p.texts[0].startswith("KKN") for p in demo.preentries)


def test_simulated_reader_states_and_reads() -> None:
    reader = SimulatedCardReader()
    seen: list[ReaderState] = []
    reader.watch(seen.append)
    with pytest.raises(NoCardError):
        read_member_card(reader, StaticPin("1234"))
    demo = load_demo(today=TODAY)
    reader.insert(demo.card("山田太郎").profile)
    info = read_member_card(reader, StaticPin("1234"))
    assert info.name == "山田　太郎"
    reader.remove()
    assert seen == [ReaderState.READY, ReaderState.CARD_PRESENT, ReaderState.READY]
    reader.insert(demo.card("鈴木一郎").profile)
    with pytest.raises(PinLockedError):
        read_member_card(reader, StaticPin("9876"))


def test_a_card_removed_mid_read_raises_and_returns_nothing() -> None:
    from kakanai.card.simulator import Faults

    reader = SimulatedCardReader()
    profile = replace(load_demo(today=TODAY).card("山田太郎").profile, faults=Faults(remove_after=5))
    reader.insert(profile)
    with pytest.raises(CardRemovedError):
        read_member_card(reader, StaticPin("1234"))


def test_the_local_recorder_appends_and_keeps_no_secret(book: RuleBook, tmp_path: Path) -> None:
    @dataclass(frozen=True)
    class Info:
        name: str = "山田　太郎"
        address: str = "東京都清瀬市元町１丁目２番３号"
        birth_date: date = date(1985, 6, 15)
        sex: Sex = Sex.MALE

    s = ReceptionSession(book.plan, today=lambda: TODAY)
    s.choose_event(LifeEvent.MOVING_IN)
    s.add_member_from_card(Info())
    finished = s.finish()
    path = tmp_path / "r" / "receptions.jsonl"
    recorder = JsonLinesRecorder(path)
    recorder.record(finished, RecordContext("総合窓口", None, False))
    recorder.record(finished, RecordContext("総合窓口", None, False))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    entry = json.loads(lines[0])
    assert entry["sources"] == {"p1": "card"} and entry["counter"] == "総合窓口"
    assert "\"pin\"" not in lines[0] and "123456789018" not in lines[0]
    blocked = JsonLinesRecorder(tmp_path / "file" / "x.jsonl")
    (tmp_path / "file").write_text("", encoding="utf-8")  # a file where the folder should be
    with pytest.raises(RecordError, match="保存できません"):
        blocked.record(finished, RecordContext("総合窓口", None, False))


@pytest.mark.parametrize(("printer", "problem"), [
    ("printer PDF is idle.  enabled since Wed 25 Nov 2026\n\tAlerts: none\n", None),
    ("printer X disabled since Wed 25 Nov 2026 -\n\toffline\n", "停止"),
    ("printer X is idle.  enabled since …\n\tAlerts: media-empty-error\n", "用紙"),
    ("printer X is idle.  enabled since …\n\tAlerts: offline-report\n", "オフライン"),
    ("printer X is idle.  enabled since …\n\tAlerts: media-low-warning\n", None),
])
def test_cups_states_become_messages(printer: str, problem: str | None) -> None:
    status = parse_lpstat("X", printer, "X-1 root 1024 Wed\n")
    assert status.known and status.queued_jobs == 1
    assert (status.problem is None) if problem is None else (problem in (status.problem or ""))
    assert parse_lpstat("Y", "", "").known is False


def test_services_for_demo_and_a_branch_office(tmp_path: Path) -> None:
    services = build_services(CounterSettings(office="branch_east"), demo=True)
    assert services.demo_mode and services.simulator is not None and services.warnings == []
    session = services.new_session()
    assert session.office == "branch_east"
    catalog = services.catalog(TODAY)
    assert any(e.id == "resident_move_notice" and not e.per_person for e in catalog)
    assert ("", "本庁") in services.offices()
    unknown = build_services(CounterSettings(office="nowhere"), demo=True)
    assert any("nowhere" in w for w in unknown.warnings)
    bad = tmp_path / "m.yaml"
    bad.write_text("municipality: [", encoding="utf-8")
    fallback = build_services(CounterSettings(municipality_file=str(bad)), demo=True)
    assert any("既定の設定" in w for w in fallback.warnings)
