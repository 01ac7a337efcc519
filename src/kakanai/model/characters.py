"""Characters a form's font lacks (外字, IVS variants of registered names) and the standard form the clerk
may choose instead (髙→高). The replacement is the clerk's decision, made with the resident, and is
recorded (ReceptionSession.replace_character); nothing is ever substituted silently.

Which characters a font lacks is decided by the forms' renderer (`GlyphChecker`); this module finds them
in a reception and proposes the standard forms below (常用・人名用 forms of common 異体字 in names).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kakanai.model import Reception

# Characters missing from the font, among those of a text.
GlyphChecker = Callable[[str], frozenset[str]]

STANDARD_FORMS: dict[str, str] = {
    "髙": "高", "𠮷": "吉", "嵜": "崎", "碕": "崎", "德": "徳", "邊": "辺", "邉": "辺", "齋": "斎",
    "齊": "斉", "濵": "浜", "濱": "浜", "澤": "沢", "櫻": "桜", "廣": "広", "國": "国", "槇": "槙",
    "瀨": "瀬", "曻": "昇", "栁": "柳", "黑": "黒", "惠": "恵", "眞": "真", "龍": "竜", "冨": "富",
    "籠": "篭", "檜": "桧", "藪": "薮", "鷗": "鴎", "靜": "静", "萬": "万", "壽": "寿", "與": "与",
    "增": "増", "蔣": "蒋",
    # CJK compatibility ideographs (written as escapes: an editor may silently normalize them).
    "\uFA11": "\u5D0E",  # 﨑 -> 崎
    "\uFA10": "\u585A",  # 塚 -> 塚
    "\uF9DC": "\u9686",  # 隆 -> 隆
    "\uFA4A": "\u7422",  # 琢 -> 琢
    "\uFA4F": "\u7950",  # 祐 -> 祐
    "\uFA53": "\u798E",  # 禎 -> 禎
    "\uFA1B": "\u798F",  # 福 -> 福
    "\uFA19": "\u795E",  # 神 -> 神
    "\uFA26": "\u90FD",  # 都 -> 都
    "\uFA5B": "\u8005",  # 者 -> 者
    "\uFA67": "\u9038",  # 逸 -> 逸
    "\uFA12": "\u6674",  # 晴 -> 晴
}
# Variation selectors: SVS U+FE00–FE0F and IVS U+E0100–E01EF (first, last).
VARIATION_SELECTOR_RANGES = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
_VARIATION_SELECTORS = tuple(c for first, last in VARIATION_SELECTOR_RANGES for c in range(first, last + 1))
_NO_SELECTORS = dict.fromkeys(_VARIATION_SELECTORS)


def without_variation_selectors(text: str) -> str:
    """The text with its variation selectors (SVS U+FE00–FE0F, IVS U+E0100–E01EF) dropped."""
    return text.translate(_NO_SELECTORS)


FIELD_LABELS = {"name": "氏名", "name_kana": "フリガナ", "address": "住所", "previous_address": "旧住所"}
INPUT_PREFIX = "input."  # a form input (本籍, 筆頭者, 電話番号…): field "input.honseki"


@dataclass(frozen=True)
class GlyphProblem:
    person: str | None  # member id; None for a household field
    field: str  # name, name_kana, address (person) / address, previous_address (household) / input.<key>
    char: str
    suggestion: str | None  # the standard form, if one is known
    input_label: str = ""  # a form input's label as its forms declare it (find_glyph_problems' input_label)

    @property
    def field_label(self) -> str:
        if self.field.startswith(INPUT_PREFIX):
            return self.input_label or self.field.removeprefix(INPUT_PREFIX)
        return FIELD_LABELS.get(self.field, self.field)

    @property
    def message(self) -> str:
        code = code_points(self.char)
        hint = f"標準の字形「{self.suggestion}」に置き換えられます" if self.suggestion else "手書きで補う必要があります"
        return f"{self.field_label}の「{self.char}」（{code}）は印刷用の字体にありません。{hint}"


def code_points(text: str) -> str:
    """Every code point (an IVS sequence is two: 葛 U+845B U+E0100)."""
    return " ".join(f"U+{ord(c):04X}" for c in text)


def standard_form(char: str) -> str | None:
    base = char.rstrip("".join(chr(v) for v in _VARIATION_SELECTORS)) or char
    if base != char:
        return base  # an IVS sequence: the base character is the standard form
    return STANDARD_FORMS.get(char)


def shown_char(text: str, char: str) -> str:
    """`char` as the clerk can see it: a variation selector with the character it modifies."""
    i = text.find(char)
    if ord(char[0]) in _VARIATION_SELECTORS and i > 0:
        return text[i - 1:i + len(char)]
    return char


def split_chars(text: str) -> Iterator[str]:
    """Characters with any variation selector kept attached (髙 + U+E0100 is one character to replace)."""
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and ord(text[j]) in _VARIATION_SELECTORS:
            j += 1
        yield text[i:j]
        i = j


def _fields(reception: Reception) -> Iterator[tuple[str | None, str, str]]:
    for m in reception.members:
        yield m.id, "name", m.name
        yield m.id, "name_kana", m.name_kana
        yield m.id, "address", m.address
    yield None, "address", reception.household.address
    yield None, "previous_address", reception.household.previous_address
    for key, value in reception.form_inputs.items():
        yield None, INPUT_PREFIX + key, value
    for m in reception.members:
        for key, value in m.form_inputs.items():
            yield m.id, INPUT_PREFIX + key, value


def _no_label(_input_id: str) -> str:
    return ""


def find_glyph_problems(reception: Reception, missing: GlyphChecker,
                        input_label: Callable[[str], str] = _no_label) -> tuple[GlyphProblem, ...]:
    """`input_label` names a form input (本籍, 筆頭者…) as its forms declare it: the forms own that vocabulary."""
    problems: list[GlyphProblem] = []
    for person, field, text in _fields(reception):
        if not text:
            continue
        lacking = missing(text)
        seen: set[str] = set()
        for ch in split_chars(text):
            if ch in seen:
                continue
            if ch in lacking or ch[0] in lacking or (len(ch) > 1 and ch[1:2] and ch[1] in lacking):
                seen.add(ch)
                label = input_label(field.removeprefix(INPUT_PREFIX)) if field.startswith(INPUT_PREFIX) else ""
                problems.append(GlyphProblem(person, field, ch, standard_form(ch), label))
    return tuple(problems)
