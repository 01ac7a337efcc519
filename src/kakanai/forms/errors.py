"""What can stop a form from printing correctly: each names the field, so the clerk can fix it."""

from __future__ import annotations


class FormError(Exception):
    code = "form_error"


class GlyphMissingError(FormError):
    """A character the print font has no glyph for: never printed as tofu, never dropped."""

    code = "missing_glyph"

    def __init__(self, form: str, field: str, text: str, char: str) -> None:
        self.form, self.field, self.text, self.char = form, field, text, char
        super().__init__(f"様式 {form} の「{field}」: 文字「{char}」（U+{ord(char):04X}）は印刷用フォントにありません"
                         f"（{text}）。標準の字形を選んでください")


class TextOverflowError(FormError):
    """Text that does not fit its box even at the smallest size, compressed and wrapped where allowed."""

    code = "overflow"

    def __init__(self, form: str, field: str, text: str) -> None:
        self.form, self.field, self.text = form, field, text
        super().__init__(f"様式 {form} の「{field}」: 文字が欄に収まりません（{len(text)}文字: {text[:40]}）")


class FontError(FormError):
    """A print font that is missing or cannot be read (a damaged file in the fonts folder)."""

    code = "font"
