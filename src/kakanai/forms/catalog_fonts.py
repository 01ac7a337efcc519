"""Every catalog printable in its font (issue 19): `kakanai forms check` fails when a language's catalog
holds a character that neither its script's font nor the Japanese fallback fonts have (a municipality adding
`ne` with a Latin font, say, would print tofu for every Devanagari letter)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from kakanai.forms.guidance import SCRIPT_FONTS, language_fonts
from kakanai.model.i18n.catalog import FONT_CONTEXT, FONT_SOURCE


def catalog_glyph_problems(locales: Path) -> list[str]:
    """One line per character a catalog's font lacks (naming the file, the entry and the code point), and
    one per catalog whose `language:font` names no known script."""
    problems: list[str] = []
    for path in sorted(locales.glob("*/LC_MESSAGES/*.po")):
        with path.open("rb") as f:
            catalog = read_po(f)
        font_entry = catalog.get(FONT_SOURCE, context=FONT_CONTEXT)
        font = font_entry.string if font_entry is not None and font_entry.string else FONT_SOURCE
        if font not in SCRIPT_FONTS:
            problems.append(f"{path}: language:font「{font}」は使えません（{'、'.join(SCRIPT_FONTS)} のいずれか）")
            continue
        regular, bold = language_fonts(font)
        for message in catalog:
            if not message.id or not isinstance(message.string, str) or not message.string or message.fuzzy:
                continue
            for ch in dict.fromkeys(regular.missing(message.string) + bold.missing(message.string)):
                where = f"{message.context}: " if message.context else ""
                problems.append(f"{path}:{message.lineno}: {where}「{message.string[:30]}」の文字「{ch}」"
                                f"（U+{ord(ch):04X}）は印刷用フォント（{font}）にありません")
    return problems
