"""The resident screen's content without Qt (issue 19): the members as read and the plan with its reasons
in the resident's language, the Japanese fallback marked, nothing left of a cleared reception, and the
resident's confirmation recorded in the audit with a digest of what was shown."""

from __future__ import annotations

from datetime import date

import pytest

from kakanai.app.resident_view import ConfirmedBy, confirm, is_confirmed, session_view
from kakanai.app.settings import SettingsError, resident_screen_index, settings_from_dict
from kakanai.app.workflow import AuditKind, ReceptionSession
from kakanai.model import LifeEvent
from kakanai.model.members import WorkflowError
from kakanai.rules import RuleBook
from kakanai.rules.resident_view import ResidentLine, empty_view, language_choices, resident_view
from tests.unit.app.test_workflow import HANAKO, TARO, session

NEW_ADDRESS = "北海道札幌市中央区北1条西2丁目"


def taro(book: RuleBook, language: str = "vi") -> ReceptionSession:
    s = session(book)
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_from_card(TARO)
    s.set_relationship("p1", "head")
    s.set_household_address(address=NEW_ADDRESS)
    s.set_language(language)
    return s


def test_the_members_and_the_plan_in_vietnamese_with_the_japanese_beside(book: RuleBook) -> None:
    view = session_view(book, taro(book))
    assert (view.language, view.language_name) == ("vi", "Tiếng Việt")
    assert view.heading == ResidentLine("Vui lòng kiểm tra nội dung", "内容をご確認ください", False)
    members, plan = view.sections
    assert members.title == ResidentLine("Họ tên, ngày sinh, địa chỉ", "お名前・生年月日・住所", False)
    assert members.lines == (
        ResidentLine("山田\u3000太郎", "", False, lead=True),
        ResidentLine("Ngày sinh: 昭和60年6月15日 (1985-06-15)", "生年月日：昭和60年6月15日（1985-06-15）", False),
        # As read: the card still holds the previous address at a move-in.
        ResidentLine("Địa chỉ: 東京都清瀬市元町１丁目２番３号", "住所：東京都清瀬市元町１丁目２番３号", False),
        ResidentLine(f"Địa chỉ mới: {NEW_ADDRESS}", f"新しい住所：{NEW_ADDRESS}", False),
    )
    assert plan.title.text == "Thủ tục hôm nay và lý do"
    assert plan.lines[:2] == (
        ResidentLine("Thông báo thay đổi nơi cư trú", "住民異動届", False, lead=True),
        ResidentLine("chủ hộ 太郎 (40 tuổi) đã chuyển đến thành phố (Luật Sổ đăng ký cư trú cơ bản, Điều 22)",
                     "世帯主 太郎さん（40歳）が転入されたため（住民基本台帳法22条）", False),
    )
    assert len(plan.lines) == 6  # three procedures before the interview: a title and a reason each
    assert view.confirm.text == "Tôi đã kiểm tra"
    assert view.note.text == "Nếu có chỗ sai, xin hãy báo cho nhân viên"
    assert (view.has_fallback, view.fallback_note) == (False, "")


def test_japanese_shows_the_source_text_and_marks_nothing(book: RuleBook) -> None:
    view = session_view(book, taro(book, "ja"))
    assert (view.language, view.language_name, view.heading.text, view.confirm.text) == (
        "ja", "日本語", "内容をご確認ください", "確認しました")
    assert view.sections[0].lines[1] == ResidentLine("生年月日：昭和60年6月15日（1985-06-15）",
                                                     "生年月日：昭和60年6月15日（1985-06-15）", False)
    assert not view.has_fallback


def test_a_reason_the_catalog_cannot_say_is_shown_in_japanese_and_marked(book: RuleBook) -> None:
    s = taro(book, "en")
    s.add_procedure("seal_registration", "p1", "本人の希望（窓口で申出）")
    view = session_view(book, s)
    plan = view.sections[1]
    at = plan.lines.index(ResidentLine("Seal registration application", "印鑑登録申請", False, lead=True))
    # The clerk's own words have no catalog entry: the Japanese, marked.
    assert plan.lines[at + 1] == ResidentLine("窓口で追加: 本人の希望（窓口で申出）", "窓口で追加: 本人の希望（窓口で申出）", True)
    assert (view.has_fallback, view.fallback_note) == (True, "Lines marked ※ are shown in Japanese")


def test_a_cleared_reception_shows_nothing_and_the_next_shows_nothing_of_the_first(book: RuleBook) -> None:
    s = taro(book)
    assert not session_view(book, s).empty
    s.clear()
    assert session_view(book, s) == empty_view()
    assert resident_view(book, None, None).sections == ()
    s.choose_event(LifeEvent.MOVING_IN, date(2026, 4, 9))
    s.add_member_from_card(HANAKO)
    view = session_view(book, s)
    shown = " ".join(line.text + line.japanese for section in view.sections
                     for line in (section.title, *section.lines))
    assert "花子" in shown
    assert "太郎" not in shown and "1985" not in shown
    assert view.language == "ja"  # the language belongs to the reception, not to the counter


def test_the_confirmation_is_recorded_and_holds_only_for_what_was_shown(book: RuleBook) -> None:
    s = taro(book)
    assert not is_confirmed(book, s)
    view = confirm(book, s, ConfirmedBy.RESIDENT)
    entries = [e for e in s.audit if e.kind is AuditKind.RESIDENT_CONFIRMED]
    assert [(e.person, e.detail) for e in entries] == [
        (None, f"本人（住民画面をタップ）: vi {view.digest[:16]}")]
    assert is_confirmed(book, s)
    s.answer("has_dog", None, True)  # the plan changes: what the resident confirmed is no longer shown
    assert not is_confirmed(book, s)
    confirm(book, s, ConfirmedBy.CLERK)
    assert is_confirmed(book, s)
    assert s.audit[-1].detail.startswith("職員（本人の確認を受けて確認キー）: vi ")
    finished = s.finish()
    assert [e.kind for e in finished.audit].count(AuditKind.RESIDENT_CONFIRMED) == 2
    with pytest.raises(ValueError, match="確認する内容がありません"):
        confirm(book, s, ConfirmedBy.RESIDENT)


def test_the_language_is_one_of_the_catalogs(book: RuleBook) -> None:
    s = taro(book)
    with pytest.raises(WorkflowError, match="言語「xx」の翻訳カタログがありません"):
        s.set_language("xx")
    assert s.value is not None and s.value.language == "vi"
    assert language_choices() == (("ja", "日本語"), ("ja-easy", "やさしい にほんご"), ("en", "English"),
                                  ("zh-Hans", "中文（简体）"), ("ko", "한국어"), ("vi", "Tiếng Việt"),
                                  ("pt-BR", "Português"))


@pytest.mark.parametrize(("setting", "screens", "index"), [
    ("auto", 1, None), ("auto", 2, 1), ("auto", 3, 1), ("off", 2, None), ("0", 1, 0), ("2", 3, 2), ("2", 2, None)])
def test_the_screen_the_setting_chooses(setting: str, screens: int, index: int | None) -> None:
    assert resident_screen_index(setting, screens) == index


def test_a_bad_resident_screen_setting_is_named() -> None:
    assert settings_from_dict({"resident_screen": "1"}).resident_screen == "1"
    with pytest.raises(SettingsError, match="設定 resident_screen の値が正しくありません（'left'"):
        settings_from_dict({"resident_screen": "left"})
