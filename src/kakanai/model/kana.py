"""フリガナ (name_kana) as Japanese forms print it: full-width katakana, the surname and the given name
apart by an ideographic space.

One normalization for every way a フリガナ arrives: typed at the counter (kakanai.model.members), read from
a reception JSON or a pre-entry QR (kakanai.model.reception_json). Half-width katakana becomes full width
(ﾀﾞ, ﾊﾟ: the half-width 濁点・半濁点 joined to the kana before them), hiragana becomes katakana (what a
clerk expects of 「やまだ」), a combining 濁点・半濁点 (U+3099, U+309A, or their spacing forms ゛゜) is
composed with the kana before it where a precomposed kana exists (ロ + U+3099 has none: 「ロ゙」 is not a
kana), and a half-width space becomes an ideographic one. Only the フリガナ: a name is kept exactly as the
card has it (𠮷, 﨑 are the legal characters).

A 濁点 or 半濁点 that joins no kana is never dropped silently: `kana_problem` says what is wrong, and the
reception is refused (reception_schema.check_untrusted for a reception from outside, members.typed_person
for one typed at the counter).
"""

from __future__ import annotations

import unicodedata

# The 濁点・半濁点 in each form they come in (combining, spacing, half-width), as the combining mark.
_MARKS = {"\u3099": "\u3099", "\u309b": "\u3099", "\uff9e": "\u3099",
          "\u309a": "\u309a", "\u309c": "\u309a", "\uff9f": "\u309a"}


def normalize_kana(text: str) -> str:
    """フリガナ as forms print it (see the module's doc). Never raises: what cannot be normalized (a 濁点
    joined to no kana) is left as it is, for kana_problem. Idempotent."""
    import jaconv  # imported when used: the CLI's start does not pay for it

    wide = jaconv.hira2kata(jaconv.h2z(text, kana=True, ascii=False, digit=False)).replace(" ", "\u3000")
    out: list[str] = []
    for ch in wide:
        mark = _MARKS.get(ch)
        if mark is not None and out:
            joined = unicodedata.normalize("NFC", out[-1] + mark)
            if len(joined) == 1:  # a precomposed kana exists (ダ, パ, ヴ, ヷ)
                out[-1] = joined
                continue
        out.append(ch)
    return "".join(out)


def kana_problem(text: str) -> str | None:
    """Why a normalized フリガナ cannot be printed (Japanese, naming the character), or None: a 濁点 or
    半濁点 left over by normalize_kana, which no kana takes."""
    for i, ch in enumerate(text):
        mark = _MARKS.get(ch)
        if mark is None:
            continue
        what = f"{'濁点' if mark == chr(0x3099) else '半濁点'}（U+{ord(ch):04X}）"
        where = f"「{text[i - 1]}」に{what}は付けられません" if i else f"先頭の{what}は付ける文字がありません"
        return f"フリガナの{where}。「ダ」「パ」のように、濁点・半濁点の付いた1文字のカタカナにしてください"
    return None
