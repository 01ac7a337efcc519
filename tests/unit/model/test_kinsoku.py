"""Japanese line breaking for the plan's reasons (issue 17 problem 6)."""

from __future__ import annotations

from kakanai.model.kinsoku import NO_LINE_END, NO_LINE_START, break_lines, columns, wrap


def test_columns_count_full_width_as_two() -> None:
    assert columns("住所R8") == 6


def test_plain_text_fills_each_line() -> None:
    assert break_lines("あいうえおかきくけこ", 8) == ["あいうえ", "おかきく", "けこ"]


def test_a_full_stop_hangs_rather_than_starting_a_line() -> None:
    assert break_lines("あいうえ。かき", 8) == ["あいうえ。", "かき"]


def test_a_closing_bracket_after_a_full_stop_hangs_with_it() -> None:
    assert break_lines("あいうえ。」かき", 8) == ["あいうえ。」", "かき"]


def test_a_closing_bracket_takes_the_previous_character_down() -> None:
    assert break_lines("あいうえ」かき", 8) == ["あいう", "え」かき"]


def test_a_small_kana_never_starts_a_line() -> None:
    assert break_lines("ききききょう", 8) == ["ききき", "きょう"]


def test_an_opening_bracket_never_ends_a_line() -> None:
    assert break_lines("あいう「えお」", 8) == ["あいう", "「えお」"]


def test_a_digit_run_is_never_cut() -> None:
    assert break_lines("期限はR8.4.14です", 12) == ["期限は", "R8.4.14です"]


def test_paragraphs_are_kept_and_indent_applies_to_every_line() -> None:
    assert wrap("あいうえおか\nき", 10, indent="　") == "　あいうえ\n　おか\n　き"


def test_a_real_reason_obeys_both_rules_at_every_width() -> None:
    reason = ("転入した日から14日以内に届け出ること（住民基本台帳法第22条）。マイナンバーカードの"
              "住所変更は「継続利用」の手続が必要です。")
    for width in range(10, 40):
        lines = break_lines(reason, width)
        assert "".join(lines) == reason
        assert all(line[0] not in NO_LINE_START for line in lines[1:]), (width, lines)
        assert all(line[-1] not in NO_LINE_END for line in lines), (width, lines)
        assert all(columns(line) <= width + 2 for line in lines), (width, lines)
