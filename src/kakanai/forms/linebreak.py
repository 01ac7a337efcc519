"""Line breaking for the guidance sheet: Japanese and Chinese between any two characters except where
JIS X 4051 (日本語文書の組版方法) forbids it (行頭禁則: no line starts with 、。）」 or a small kana;
行末禁則: no line ends with an opening bracket), Latin scripts and Korean (which puts spaces between words)
at spaces, a word longer than the line by character."""

from __future__ import annotations

from kakanai.forms.fonts import FontChain, FontRole
from kakanai.model.kinsoku import NO_LINE_END, NO_LINE_START

# The JIS X 4051 / JLREQ 行頭禁則 and 行末禁則 character classes: one definition for the sheet and the
# counter's plan (kakanai.model.kinsoku); here measured in points, there in columns.


def _breaks_anywhere(ch: str) -> bool:
    """Scripts written without spaces between words: kana, CJK ideographs, fullwidth forms."""
    cp = ord(ch)
    return (0x2E80 <= cp <= 0x9FFF and not 0x3130 <= cp <= 0x318F) or 0xF900 <= cp <= 0xFAFF \
        or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x3FFFF


def _tokens(text: str) -> list[str]:
    """Units that are never split across lines (a word and its following space, or one CJK character with
    the punctuation that may not start a line and the brackets that may not end one)."""
    tokens: list[str] = []
    current = ""
    for ch in text:
        if ch in NO_LINE_START or not current or current[-1] in NO_LINE_END or ch == " ":
            current += ch
        elif current[-1] == " " or _breaks_anywhere(ch) or _breaks_anywhere(current[-1]):
            tokens.append(current)
            current = ch
        else:
            current += ch
    if current:
        tokens.append(current)
    return tokens


def wrap(text: str, fonts: FontRole | FontChain, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width` points (a newline always breaks); never an empty list."""
    chain = fonts if isinstance(fonts, FontChain) else FontChain((fonts,))
    text = chain.shaped(text)  # a variation sequence is one glyph: never cut between its two characters
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, current_w = "", 0.0  # glyph widths add up (no kerning): a line is measured token by token
        for token in _tokens(paragraph):
            token_w = chain.width(token, size)
            if current and current_w + _visible(token, token_w, chain, size) > width:
                lines.append(current.rstrip())
                current = token.lstrip()
                current_w = chain.width(current, size)
            else:
                current += token
                current_w += token_w
            # A single token wider than the line (a long word, a long run after an opening bracket):
            # cut by character.
            while len(current.rstrip()) > 1 and _visible(current, current_w, chain, size) > width:
                cut = len(current) - 1
                while cut > 1 and chain.width(current[:cut], size) > width:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
                current_w = chain.width(current, size)
        lines.append(current.rstrip())
    return lines


def widest_unit(text: str, fonts: FontRole | FontChain, size: float) -> float:
    """The width of the widest unit `wrap` never splits unless it must (a Latin word, a CJK character with its
    kinsoku neighbours): a line narrower than this cuts a word by character."""
    chain = fonts if isinstance(fonts, FontChain) else FontChain((fonts,))
    units = [t for paragraph in chain.shaped(text).split("\n") for t in _tokens(paragraph)]
    return max((_visible(t, chain.width(t, size), chain, size) for t in units), default=0.0)


def _visible(text: str, text_w: float, chain: FontChain, size: float) -> float:
    """The width of `text` without its trailing spaces (they may end a line unseen)."""
    trailing = text[len(text.rstrip()):]
    return text_w - chain.width(trailing, size) if trailing else text_w
